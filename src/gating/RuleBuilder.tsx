import {
	Button,
	Flex,
	FlexItem,
	SelectControl,
	TextControl,
	TextareaControl,
} from '@wordpress/components';
import { useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { toApiError } from '@/api/errors';
import type { PublicNetwork } from '@/types/networks';

import { describeToken } from './api';
import { isGroup, newCondition, tokenIdProblem } from './rules';
import type {
	ConditionType,
	GateCondition,
	GateGroup,
	GateRule,
} from './types';

type Networks = PublicNetwork[];

/** Groups nest this deep in the builder (the server allows three levels). */
const MAX_DEPTH = 2;

const TYPE_OPTIONS: Array< { value: ConditionType; label: string } > = [
	{ value: 'erc721', label: __( 'An NFT (ERC-721)', 'sovereign-press' ) },
	{ value: 'erc20', label: __( 'Tokens (ERC-20)', 'sovereign-press' ) },
	{
		value: 'erc1155',
		label: __( 'Multi-tokens (ERC-1155)', 'sovereign-press' ),
	},
	{ value: 'native', label: __( 'Native coin', 'sovereign-press' ) },
	{
		value: 'allowlist',
		label: __( 'A wallet on a list', 'sovereign-press' ),
	},
	{
		value: 'member',
		label: __( 'Any linked wallet (members)', 'sovereign-press' ),
	},
];

interface GroupProps {
	group: GateGroup;
	networks: Networks;
	onChange: ( group: GateGroup ) => void;
	depth?: number;
	onRemove?: () => void;
}

/**
 * Edits an all-of / any-of group of conditions (and, one level down, of groups).
 * @param root0
 * @param root0.group
 * @param root0.networks
 * @param root0.onChange
 * @param root0.depth
 * @param root0.onRemove
 */
export function RuleBuilder( {
	group,
	networks,
	onChange,
	depth = 0,
	onRemove,
}: GroupProps ) {
	const setChild = ( index: number, child: GateRule ) =>
		onChange( {
			...group,
			conditions: group.conditions.map( ( old, i ) =>
				i === index ? child : old
			),
		} );
	const removeChild = ( index: number ) =>
		onChange( {
			...group,
			conditions: group.conditions.filter( ( _, i ) => i !== index ),
		} );
	const defaultChain = networks[ 0 ]?.chainId;
	return (
		<div
			className="sovereign-press-rule-group"
			data-depth={ depth }
			style={
				depth > 0
					? {
							borderInlineStart: '2px solid #ddd',
							paddingInlineStart: 8,
						}
					: undefined
			}
		>
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={
					depth === 0
						? __( 'Readers need', 'sovereign-press' )
						: __( 'This group needs', 'sovereign-press' )
				}
				value={ group.type }
				options={ [
					{
						value: 'all',
						label: __( 'All of these', 'sovereign-press' ),
					},
					{
						value: 'any',
						label: __( 'Any one of these', 'sovereign-press' ),
					},
				] }
				onChange={ ( type ) =>
					onChange( { ...group, type: type as GateGroup[ 'type' ] } )
				}
			/>
			{ group.conditions.map( ( child, index ) =>
				isGroup( child ) ? (
					<RuleBuilder
						key={ index }
						group={ child }
						networks={ networks }
						depth={ depth + 1 }
						onChange={ ( next ) => setChild( index, next ) }
						onRemove={ () => removeChild( index ) }
					/>
				) : (
					<ConditionEditor
						key={ index }
						index={ index }
						condition={ child }
						networks={ networks }
						onChange={ ( next ) => setChild( index, next ) }
						onRemove={ () => removeChild( index ) }
					/>
				)
			) }
			<Flex justify="flex-start" wrap>
				<FlexItem>
					<Button
						variant="secondary"
						size="compact"
						onClick={ () =>
							onChange( {
								...group,
								conditions: [
									...group.conditions,
									newCondition( 'erc721', {}, defaultChain ),
								],
							} )
						}
					>
						{ __( 'Add condition', 'sovereign-press' ) }
					</Button>
				</FlexItem>
				{ depth < MAX_DEPTH && (
					<FlexItem>
						<Button
							variant="tertiary"
							size="compact"
							onClick={ () =>
								onChange( {
									...group,
									conditions: [
										...group.conditions,
										{
											type:
												group.type === 'all'
													? 'any'
													: 'all',
											conditions: [
												newCondition(
													'erc721',
													{},
													defaultChain
												),
											],
										},
									],
								} )
							}
						>
							{ __( 'Add group', 'sovereign-press' ) }
						</Button>
					</FlexItem>
				) }
				{ onRemove && (
					<FlexItem>
						<Button
							variant="tertiary"
							size="compact"
							isDestructive
							onClick={ onRemove }
						>
							{ __( 'Remove group', 'sovereign-press' ) }
						</Button>
					</FlexItem>
				) }
			</Flex>
		</div>
	);
}

interface ConditionProps {
	index: number;
	condition: GateCondition;
	networks: Networks;
	onChange: ( condition: GateCondition ) => void;
	onRemove: () => void;
}

function ConditionEditor( {
	index,
	condition,
	networks,
	onChange,
	onRemove,
}: ConditionProps ) {
	const [ lookup, setLookup ] = useState< string >( '' );
	// The token lookup answers after later edits: it must apply its label to the latest state.
	const latest = useRef( { condition, onChange } );
	latest.current = { condition, onChange };
	const update = ( changes: Partial< GateCondition > ) =>
		latest.current.onChange( { ...latest.current.condition, ...changes } );
	const needsChain =
		condition.type !== 'member' && condition.type !== 'allowlist';
	const needsContract = needsChain && condition.type !== 'native';
	// Names the condition after the token, so readers see "100 SVOTE" rather than an address.
	const lookUpToken = async () => {
		const contract = condition.contract?.trim() ?? '';
		if ( ! /^0x[0-9a-fA-F]{40}$/.test( contract ) || ! condition.chainId ) {
			return;
		}
		try {
			const token = await describeToken( condition.chainId, contract );
			const name =
				condition.type === 'erc20'
					? token.symbol || token.name
					: token.name || token.symbol;
			setLookup(
				token.standard === 'unknown'
					? __(
							'This address does not answer as a token contract on that network.',
							'sovereign-press'
						)
					: sprintf(
							/* translators: 1: token name, 2: standard such as ERC721. */
							__( 'Found %1$s (%2$s).', 'sovereign-press' ),
							name || contract,
							token.standard.toUpperCase()
						)
			);
			if ( name && ! latest.current.condition.label ) {
				update( { label: name } );
			}
		} catch ( error ) {
			setLookup( toApiError( error ).message );
		}
	};
	return (
		<div
			className="sovereign-press-rule-condition"
			style={ {
				border: '1px solid #e0e0e0',
				padding: 8,
				margin: '8px 0',
				display: 'grid',
				gap: 8,
			} }
		>
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={ sprintf(
					/* translators: %d: position of the condition. */
					__( 'Condition %d', 'sovereign-press' ),
					index + 1
				) }
				value={ condition.type }
				options={ TYPE_OPTIONS }
				onChange={ ( type ) =>
					onChange(
						newCondition(
							type as ConditionType,
							condition,
							networks[ 0 ]?.chainId
						)
					)
				}
			/>
			{ needsChain && (
				<SelectControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Network', 'sovereign-press' ) }
					value={ String( condition.chainId ?? '' ) }
					options={ [
						{
							value: '',
							label: __( 'Choose a network', 'sovereign-press' ),
							disabled: true,
						},
						...networks.map( ( network ) => ( {
							value: String( network.chainId ),
							label: network.name,
						} ) ),
					] }
					onChange={ ( chainId ) =>
						update( { chainId: Number( chainId ) } )
					}
				/>
			) }
			{ needsContract && (
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Contract address', 'sovereign-press' ) }
					help={ lookup }
					value={ condition.contract ?? '' }
					placeholder="0x…"
					onChange={ ( contract ) => {
						setLookup( '' );
						update( { contract: contract.trim() } );
					} }
					onBlur={ lookUpToken }
				/>
			) }
			{ ( condition.type === 'erc721' ||
				condition.type === 'erc1155' ) && (
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={
						condition.type === 'erc721'
							? __(
									'Token id (empty: any token)',
									'sovereign-press'
								)
							: __( 'Token id', 'sovereign-press' )
					}
					inputMode="numeric"
					help={
						condition.tokenId
							? tokenIdProblem( condition.tokenId )
							: undefined
					}
					value={ condition.tokenId ?? '' }
					onChange={ ( tokenId ) =>
						update( { tokenId: tokenId.trim() || undefined } )
					}
				/>
			) }
			{ ( condition.type === 'erc20' ||
				condition.type === 'erc1155' ||
				condition.type === 'native' ) && (
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={
						condition.type === 'erc1155'
							? __( 'At least (units)', 'sovereign-press' )
							: __( 'At least (whole tokens)', 'sovereign-press' )
					}
					inputMode="decimal"
					value={ condition.amount ?? '' }
					onChange={ ( amount ) =>
						update( { amount: amount.trim() } )
					}
				/>
			) }
			{ condition.type === 'allowlist' && (
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Addresses, one per line', 'sovereign-press' ) }
					value={ ( condition.addresses ?? [] ).join( '\n' ) }
					onChange={ ( text ) =>
						update( {
							addresses: text
								.split( /[\s,]+/ )
								.filter( ( line ) => line !== '' ),
						} )
					}
				/>
			) }
			{ needsChain && (
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Name readers see', 'sovereign-press' ) }
					help={ __(
						'Such as "Citizen NFT" or "SVOTE". Filled in from the contract when it has a name.',
						'sovereign-press'
					) }
					value={ condition.label ?? '' }
					onChange={ ( label ) => update( { label } ) }
				/>
			) }
			<div>
				<Button
					variant="tertiary"
					size="compact"
					isDestructive
					onClick={ onRemove }
				>
					{ __( 'Remove condition', 'sovereign-press' ) }
				</Button>
			</div>
		</div>
	);
}
