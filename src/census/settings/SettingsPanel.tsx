import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Flex,
	FlexItem,
	PanelBody,
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { Network } from '@/types/networks';

import { SyncBox } from './SyncBox';
import {
	DEFAULT_MAX_AGE,
	type CensusSettings,
	type CensusToken,
	type TokenStandard,
} from './types';
import { tokenIdFor, type CensusErrors } from './validate';

interface Props {
	value: CensusSettings;
	networks: Network[];
	errors: CensusErrors;
	showErrors: boolean;
	/** Unsaved changes anywhere on the screen: the sync uses the saved settings. */
	hasEdits: boolean;
	onChange: ( value: CensusSettings ) => void;
}

type ListKey = 'tokens' | 'treasury' | 'assets' | 'declared';

const field = {
	__next40pxDefaultSize: true,
	__nextHasNoMarginBottom: true,
} as const;

/**
 * A whole number typed in a field; NaN when it is not one (the check says so).
 * @param text
 */
const whole = ( text: string ): number =>
	text.trim() === '' ? NaN : Number( text );

const shown = ( value: number ) =>
	Number.isNaN( value ) ? '' : String( value );

/**
 * A field's error when errors are shown, with its help otherwise.
 *
 * @param showErrors
 * @param error
 * @param help
 */
function helpOf( showErrors: boolean, error?: string, help?: string ) {
	return {
		help: ( showErrors && error ) || help,
		className: showErrors && error ? 'has-error' : undefined,
	};
}

// "Census": what the on-chain census counts, and the Sync now button.
export function CensusPanel( {
	value,
	networks,
	errors,
	showErrors,
	hasEdits,
	onChange,
}: Props ) {
	const set = ( changes: Partial< CensusSettings > ) =>
		onChange( { ...value, ...changes } );
	function setItem< K extends ListKey >(
		list: K,
		index: number,
		changes: Partial< CensusSettings[ K ][ number ] >
	) {
		set( {
			[ list ]: value[ list ].map( ( item, i ) =>
				i === index ? { ...item, ...changes } : item
			),
		} );
	}
	const remove = ( list: ListKey, index: number ) =>
		set( { [ list ]: value[ list ].filter( ( _, i ) => i !== index ) } );
	const firstChain = networks[ 0 ]?.chainId ?? NaN;
	const networkOptions = [
		...( networks.length === 0
			? [
					{
						label: __( 'Add a network first', 'sovereign-press' ),
						value: '',
					},
				]
			: [] ),
		...networks.map( ( network ) => ( {
			label: sprintf(
				/* translators: 1: network name, 2: chain id. */
				__( '%1$s (chain %2$d)', 'sovereign-press' ),
				network.name || __( 'Unnamed network', 'sovereign-press' ),
				network.chainId
			),
			value: String( network.chainId ),
		} ) ),
	];
	const networkSelect = (
		chainId: number,
		onPick: ( chainId: number ) => void,
		error?: string
	) => (
		<SelectControl
			{ ...field }
			label={ __( 'Network', 'sovereign-press' ) }
			value={ Number.isNaN( chainId ) ? '' : String( chainId ) }
			options={
				networks.some( ( n ) => n.chainId === chainId ) ||
				Number.isNaN( chainId )
					? networkOptions
					: [
							...networkOptions,
							{
								label: sprintf(
									/* translators: %d: chain id. */
									__(
										'Chain %d (not configured)',
										'sovereign-press'
									),
									chainId
								),
								value: String( chainId ),
							},
						]
			}
			onChange={ ( picked ) => onPick( whole( picked ) ) }
			{ ...helpOf( showErrors, error ) }
		/>
	);
	const erc20 = value.tokens.filter(
		( token ) => token.standard === 'erc20'
	);

	return (
		<PanelBody
			title={ __( 'Census', 'sovereign-press' ) }
			initialOpen={ false }
			className="sovereign-press-census"
		>
			<p className="sovereign-press-settings__intro">
				{ __(
					'The census counts the society from the chain: its members (holders of the membership tokens), its treasury and its economy, at a block anyone can check. Figures the chain cannot prove may be declared, and are always shown apart.',
					'sovereign-press'
				) }
			</p>

			<h3>{ __( 'Tokens', 'sovereign-press' ) }</h3>
			{ value.tokens.map( ( token, index ) => {
				const e = errors.tokens[ index ] ?? {};
				const update = ( changes: Partial< CensusToken > ) =>
					setItem( 'tokens', index, changes );
				return (
					<Card
						key={ index }
						size="small"
						className="sovereign-press-census__item"
					>
						<CardHeader>
							<Flex>
								<FlexItem isBlock>
									<strong>
										{ token.name ||
											token.id ||
											sprintf(
												/* translators: %d: position in the list. */
												__(
													'Token %d',
													'sovereign-press'
												),
												index + 1
											) }
									</strong>
								</FlexItem>
								<FlexItem>
									<Button
										variant="tertiary"
										isDestructive
										onClick={ () =>
											remove( 'tokens', index )
										}
									>
										{ __(
											'Remove token',
											'sovereign-press'
										) }
									</Button>
								</FlexItem>
							</Flex>
						</CardHeader>
						<CardBody>
							<div className="sovereign-press-census__fields">
								<TextControl
									{ ...field }
									label={ __( 'Name', 'sovereign-press' ) }
									value={ token.name }
									onChange={ ( name ) => update( { name } ) }
								/>
								<TextControl
									{ ...field }
									label={ __( 'Id', 'sovereign-press' ) }
									value={ token.id }
									onChange={ ( id ) =>
										update( {
											id: id.trim().toLowerCase(),
										} )
									}
									{ ...helpOf(
										showErrors,
										e.id,
										__(
											'Names the token in the index. Changing it indexes the token again from its start block.',
											'sovereign-press'
										)
									) }
								/>
								{ networkSelect(
									token.chainId,
									( chainId ) => update( { chainId } ),
									e.chainId
								) }
								<SelectControl
									{ ...field }
									label={ __(
										'Standard',
										'sovereign-press'
									) }
									value={ token.standard }
									options={ [
										{ label: 'ERC-20', value: 'erc20' },
										{ label: 'ERC-721', value: 'erc721' },
										{ label: 'ERC-1155', value: 'erc1155' },
									] }
									onChange={ ( standard ) =>
										update( {
											standard: standard as TokenStandard,
											tokenId:
												standard === 'erc1155'
													? token.tokenId
													: '',
										} )
									}
								/>
								<TextControl
									{ ...field }
									label={ __(
										'Contract address',
										'sovereign-press'
									) }
									value={ token.address }
									onChange={ ( address ) =>
										update( { address: address.trim() } )
									}
									{ ...helpOf( showErrors, e.address ) }
								/>
								{ token.standard === 'erc1155' && (
									<TextControl
										{ ...field }
										label={ __(
											'Token id',
											'sovereign-press'
										) }
										inputMode="numeric"
										value={ token.tokenId }
										onChange={ ( tokenId ) =>
											update( {
												tokenId: tokenId.trim(),
											} )
										}
										{ ...helpOf( showErrors, e.tokenId ) }
									/>
								) }
								<TextControl
									{ ...field }
									label={
										token.standard === 'erc20'
											? __(
													'Minimum balance (tokens)',
													'sovereign-press'
												)
											: __(
													'Minimum balance (units)',
													'sovereign-press'
												)
									}
									inputMode="decimal"
									value={ token.minBalance }
									onChange={ ( minBalance ) =>
										update( {
											minBalance: minBalance.trim(),
										} )
									}
									{ ...helpOf(
										showErrors,
										e.minBalance,
										token.standard === 'erc20'
											? __(
													'Whole tokens, such as 100 or 0.5: a holder with less does not count.',
													'sovereign-press'
												)
											: __(
													'How many a holder needs to count (usually 1).',
													'sovereign-press'
												)
									) }
								/>
								<TextControl
									{ ...field }
									type="number"
									min={ 0 }
									label={ __(
										'Start block',
										'sovereign-press'
									) }
									value={ shown( token.startBlock ) }
									onChange={ ( start ) =>
										update( { startBlock: whole( start ) } )
									}
									{ ...helpOf(
										showErrors,
										e.startBlock,
										__(
											'The block the contract was deployed in (or any before it): the index reads its history from there.',
											'sovereign-press'
										)
									) }
								/>
							</div>
							<ToggleControl
								__nextHasNoMarginBottom
								label={ __(
									'Holders are members (count toward the population)',
									'sovereign-press'
								) }
								checked={ token.membership }
								onChange={ ( membership ) =>
									update( { membership } )
								}
							/>
						</CardBody>
					</Card>
				);
			} ) }
			<Button
				__next40pxDefaultSize
				variant="secondary"
				disabled={ networks.length === 0 }
				onClick={ () =>
					set( {
						tokens: [
							...value.tokens,
							{
								id: tokenIdFor(
									'token',
									value.tokens.map( ( t ) => t.id )
								),
								name: '',
								chainId: firstChain,
								standard: 'erc721',
								address: '',
								tokenId: '',
								minBalance: '1',
								startBlock: 0,
								membership: true,
							},
						],
					} )
				}
			>
				{ __( 'Add token', 'sovereign-press' ) }
			</Button>

			<div className="sovereign-press-settings__stack sovereign-press-census__options">
				<SelectControl
					{ ...field }
					label={ __( 'Economy token', 'sovereign-press' ) }
					value={ value.economyToken }
					options={ [
						{ label: __( 'None', 'sovereign-press' ), value: '' },
						...erc20.map( ( token ) => ( {
							label: token.name || token.id,
							value: token.id,
						} ) ),
					] }
					onChange={ ( economyToken ) => set( { economyToken } ) }
					{ ...helpOf(
						showErrors,
						errors.economyToken,
						__(
							'An ERC-20 token above: its transfers and volume over the last 30 days, and the active addresses, make the economy figures.',
							'sovereign-press'
						)
					) }
				/>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Count only wallets linked to an account on this site',
						'sovereign-press'
					) }
					checked={ value.linkedOnly }
					onChange={ ( linkedOnly ) => set( { linkedOnly } ) }
				/>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Publish the member list and membership proofs',
						'sovereign-press'
					) }
					help={
						value.linkedOnly && value.publicMembers
							? __(
									'With only linked wallets counted, the published list is the wallets of this site’s accounts: anyone can see them, and ask whether an address has an account here. Turn this off unless your members agreed to that.',
									'sovereign-press'
								)
							: __(
									'Off: only the counts and the Merkle root are public; members cannot fetch their proof from this site.',
									'sovereign-press'
								)
					}
					checked={ value.publicMembers }
					onChange={ ( publicMembers ) => set( { publicMembers } ) }
				/>
			</div>

			<h3>{ __( 'Confirmations', 'sovereign-press' ) }</h3>
			<p className="sovereign-press-settings__intro">
				{ __(
					'How many blocks the census stays behind the newest block of each network, so a reorganisation does not move its figures. Empty: the network’s usual depth (64 on Ethereum, 0 on local chains).',
					'sovereign-press'
				) }
			</p>
			<div className="sovereign-press-census__fields">
				{ networks.map( ( network ) => {
					const depth = value.confirmations.find(
						( c ) => c.chainId === network.chainId
					);
					return (
						<TextControl
							key={ network.chainId }
							{ ...field }
							type="number"
							min={ 0 }
							max={ 10000 }
							label={ network.name }
							placeholder={ __( 'Default', 'sovereign-press' ) }
							value={ depth ? String( depth.blocks ) : '' }
							onChange={ ( text ) => {
								const others = value.confirmations.filter(
									( c ) => c.chainId !== network.chainId
								);
								const blocks = whole( text );
								set( {
									confirmations: Number.isNaN( blocks )
										? others
										: [
												...others,
												{
													chainId: network.chainId,
													blocks: Math.max(
														0,
														Math.min(
															10000,
															Math.trunc( blocks )
														)
													),
												},
											],
								} );
							} }
						/>
					);
				} ) }
			</div>

			<h3>{ __( 'Treasury', 'sovereign-press' ) }</h3>
			<p className="sovereign-press-settings__intro">
				{ __(
					'The addresses that hold the society’s funds (a Safe, a Timelock), and the coins and tokens counted in them. A price feed values an asset in US dollars; an answer older than its maximum age, zero or negative is refused and shown as stale.',
					'sovereign-press'
				) }
			</p>
			{ value.treasury.map( ( place, index ) => {
				const e = errors.treasury[ index ] ?? {};
				return (
					<div
						key={ index }
						className="sovereign-press-census__fields sovereign-press-census__row"
					>
						{ networkSelect(
							place.chainId,
							( chainId ) =>
								setItem( 'treasury', index, { chainId } ),
							e.chainId
						) }
						<TextControl
							{ ...field }
							label={ __( 'Address', 'sovereign-press' ) }
							value={ place.address }
							onChange={ ( address ) =>
								setItem( 'treasury', index, {
									address: address.trim(),
								} )
							}
							{ ...helpOf( showErrors, e.address ) }
						/>
						<TextControl
							{ ...field }
							label={ __( 'Label', 'sovereign-press' ) }
							value={ place.label }
							onChange={ ( label ) =>
								setItem( 'treasury', index, { label } )
							}
						/>
						<Button
							variant="tertiary"
							isDestructive
							onClick={ () => remove( 'treasury', index ) }
						>
							{ __( 'Remove address', 'sovereign-press' ) }
						</Button>
					</div>
				);
			} ) }
			<Button
				__next40pxDefaultSize
				variant="secondary"
				disabled={ networks.length === 0 }
				onClick={ () =>
					set( {
						treasury: [
							...value.treasury,
							{ chainId: firstChain, address: '', label: '' },
						],
					} )
				}
			>
				{ __( 'Add treasury address', 'sovereign-press' ) }
			</Button>

			<h4>{ __( 'Assets', 'sovereign-press' ) }</h4>
			{ value.assets.map( ( asset, index ) => {
				const e = errors.assets[ index ] ?? {};
				return (
					<div
						key={ index }
						className="sovereign-press-census__fields sovereign-press-census__row"
					>
						{ networkSelect(
							asset.chainId,
							( chainId ) =>
								setItem( 'assets', index, { chainId } ),
							e.chainId
						) }
						<TextControl
							{ ...field }
							label={ __( 'Token contract', 'sovereign-press' ) }
							value={ asset.token }
							onChange={ ( token ) =>
								setItem( 'assets', index, {
									token: token.trim(),
								} )
							}
							{ ...helpOf(
								showErrors,
								e.token,
								__(
									'Empty for the network’s native coin.',
									'sovereign-press'
								)
							) }
						/>
						<TextControl
							{ ...field }
							label={ __( 'USD price feed', 'sovereign-press' ) }
							value={ asset.priceFeed }
							onChange={ ( priceFeed ) =>
								setItem( 'assets', index, {
									priceFeed: priceFeed.trim(),
								} )
							}
							{ ...helpOf(
								showErrors,
								e.priceFeed,
								__(
									'A Chainlink AggregatorV3 feed, such as ETH / USD. Optional.',
									'sovereign-press'
								)
							) }
						/>
						<TextControl
							{ ...field }
							type="number"
							min={ 60 }
							max={ 2592000 }
							label={ __(
								'Maximum price age (seconds)',
								'sovereign-press'
							) }
							value={ shown( asset.maxAgeSeconds ) }
							onChange={ ( age ) =>
								setItem( 'assets', index, {
									maxAgeSeconds: whole( age ),
								} )
							}
							{ ...helpOf(
								showErrors,
								e.maxAgeSeconds,
								__(
									'Match the feed’s heartbeat (86400 for most daily feeds, 3600 for hourly ones).',
									'sovereign-press'
								)
							) }
						/>
						<Button
							variant="tertiary"
							isDestructive
							onClick={ () => remove( 'assets', index ) }
						>
							{ __( 'Remove asset', 'sovereign-press' ) }
						</Button>
					</div>
				);
			} ) }
			<Button
				__next40pxDefaultSize
				variant="secondary"
				disabled={ networks.length === 0 }
				onClick={ () =>
					set( {
						assets: [
							...value.assets,
							{
								chainId: firstChain,
								token: '',
								priceFeed: '',
								maxAgeSeconds: DEFAULT_MAX_AGE,
							},
						],
					} )
				}
			>
				{ __( 'Add asset', 'sovereign-press' ) }
			</Button>

			<h3>{ __( 'Declared figures', 'sovereign-press' ) }</h3>
			<p className="sovereign-press-settings__intro">
				{ __(
					'Figures the chain cannot prove, such as nodes or land. They are shown apart from the verified figures and labelled as declared by the society.',
					'sovereign-press'
				) }
			</p>
			{ value.declared.map( ( figure, index ) => {
				const e = errors.declared[ index ] ?? {};
				return (
					<div
						key={ index }
						className="sovereign-press-census__fields sovereign-press-census__row"
					>
						<TextControl
							{ ...field }
							label={ __( 'Figure', 'sovereign-press' ) }
							value={ figure.label }
							onChange={ ( label ) =>
								setItem( 'declared', index, { label } )
							}
							{ ...helpOf( showErrors, e.label ) }
						/>
						<TextControl
							{ ...field }
							label={ __( 'Value', 'sovereign-press' ) }
							value={ figure.value }
							onChange={ ( text ) =>
								setItem( 'declared', index, { value: text } )
							}
							{ ...helpOf( showErrors, e.value ) }
						/>
						<TextControl
							{ ...field }
							label={ __( 'Note', 'sovereign-press' ) }
							value={ figure.note }
							onChange={ ( note ) =>
								setItem( 'declared', index, { note } )
							}
						/>
						<Button
							variant="tertiary"
							isDestructive
							onClick={ () => remove( 'declared', index ) }
						>
							{ __( 'Remove figure', 'sovereign-press' ) }
						</Button>
					</div>
				);
			} ) }
			<Button
				__next40pxDefaultSize
				variant="secondary"
				onClick={ () =>
					set( {
						declared: [
							...value.declared,
							{ label: '', value: '', note: '' },
						],
					} )
				}
			>
				{ __( 'Add declared figure', 'sovereign-press' ) }
			</Button>

			<SyncBox
				blockedBy={
					hasEdits
						? __(
								'Save your changes first: the sync counts what is saved.',
								'sovereign-press'
							)
						: undefined
				}
			/>
		</PanelBody>
	);
}
