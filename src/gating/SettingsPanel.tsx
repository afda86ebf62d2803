import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Flex,
	FlexItem,
	PanelBody,
	TextControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { Network } from '@/types/networks';

import { GateSummary } from './GateEditor';
import { RuleBuilder } from './RuleBuilder';
import { asGroup, clean, presetId } from './rules';
import type { GatingErrors } from './times';
import type { GatePreset, GatingSettings } from './types';
import { useGateSummary } from './useGateSummary';

interface Props {
	value: GatingSettings;
	networks: Network[];
	/** Problems of the number fields (validateGatingTimes), shown once a save was tried. */
	errors: GatingErrors;
	showErrors: boolean;
	onChange: ( value: GatingSettings ) => void;
}

export function GatingPanel( {
	value,
	networks,
	errors,
	showErrors,
	onChange,
}: Props ) {
	const set = ( changes: Partial< GatingSettings > ) =>
		onChange( { ...value, ...changes } );
	const fieldError = ( field: keyof GatingErrors ) =>
		showErrors ? errors[ field ] : undefined;
	const setPreset = ( index: number, preset: GatePreset ) =>
		set( {
			presets: value.presets.map( ( old, i ) =>
				i === index ? preset : old
			),
		} );
	return (
		<PanelBody
			title={ __( 'Token gates', 'sovereign-press' ) }
			initialOpen={ false }
		>
			<div style={ { display: 'grid', gap: 16, marginBottom: 16 } }>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="number"
					min={ 0 }
					max={ 86400 }
					label={ __(
						'Remember holdings for (seconds)',
						'sovereign-press'
					) }
					help={
						fieldError( 'cacheTtl' ) ??
						__(
							"How long a reader's balances are reused before the chain is asked again. A token sold stops opening gates after this long. 0 asks on every view.",
							'sovereign-press'
						)
					}
					className={
						fieldError( 'cacheTtl' ) ? 'has-error' : undefined
					}
					value={ String( value.cacheTtl ) }
					onChange={ ( ttl ) =>
						set( {
							cacheTtl: Math.max(
								0,
								Math.round( Number( ttl ) || 0 )
							),
						} )
					}
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="number"
					min={ 200 }
					max={ 10000 }
					label={ __(
						'Wait for the chain at most (milliseconds)',
						'sovereign-press'
					) }
					help={
						fieldError( 'budgetMs' ) ??
						__(
							'After this, readers are told their holdings could not be checked and the rest of the page renders.',
							'sovereign-press'
						)
					}
					className={
						fieldError( 'budgetMs' ) ? 'has-error' : undefined
					}
					value={ String( value.budgetMs ) }
					onChange={ ( ms ) =>
						set( { budgetMs: Math.round( Number( ms ) || 0 ) } )
					}
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="number"
					min={ 0 }
					max={ 3600 }
					label={ __(
						'After a node fails, stop asking it for (seconds)',
						'sovereign-press'
					) }
					help={ __(
						'During an outage readers are told at once that their holdings could not be checked, instead of each waiting for the node; then one request asks it again. Applies to every read of that network (gates, proposals, the census). 0 always asks; at most 3600 (an hour).',
						'sovereign-press'
					) }
					value={ String( value.breakerSeconds ) }
					onChange={ ( seconds ) =>
						set( {
							breakerSeconds: Math.min(
								3600,
								Math.max(
									0,
									Math.round( Number( seconds ) || 0 )
								)
							),
						} )
					}
				/>
			</div>
			<h3>{ __( 'Presets', 'sovereign-press' ) }</h3>
			<p>
				{ __(
					'Named rules editors pick in the post sidebar and the Gated Content block. Changing a preset changes every post that uses it.',
					'sovereign-press'
				) }
			</p>
			{ value.presets.map( ( preset, index ) => (
				<PresetCard
					key={ index }
					preset={ preset }
					networks={ networks }
					onChange={ ( next ) => setPreset( index, next ) }
					onRemove={ () =>
						set( {
							presets: value.presets.filter(
								( _, i ) => i !== index
							),
						} )
					}
				/>
			) ) }
			<Button
				__next40pxDefaultSize
				variant="secondary"
				disabled={ networks.length === 0 }
				onClick={ () => {
					const name = __( 'Members', 'sovereign-press' );
					set( {
						presets: [
							...value.presets,
							{
								id: presetId(
									name,
									value.presets.map( ( p ) => p.id )
								),
								name,
								rule: {
									type: 'all',
									conditions: [ { type: 'member' } ],
								},
							},
						],
					} );
				} }
			>
				{ __( 'Add preset', 'sovereign-press' ) }
			</Button>
		</PanelBody>
	);
}

function PresetCard( {
	preset,
	networks,
	onChange,
	onRemove,
}: {
	preset: GatePreset;
	networks: Network[];
	onChange: ( preset: GatePreset ) => void;
	onRemove: () => void;
} ) {
	const group = asGroup( preset.rule );
	const summary = useGateSummary( { rule: preset.rule } );
	return (
		<Card
			className="sovereign-press-preset"
			size="small"
			style={ { marginBottom: 16 } }
		>
			<CardHeader>
				<Flex>
					<FlexItem isBlock>
						<TextControl
							__next40pxDefaultSize
							__nextHasNoMarginBottom
							label={ __( 'Preset name', 'sovereign-press' ) }
							help={ sprintf(
								/* translators: %s: preset id. */
								__( 'Id: %s', 'sovereign-press' ),
								preset.id
							) }
							value={ preset.name }
							onChange={ ( name ) =>
								onChange( { ...preset, name } )
							}
						/>
					</FlexItem>
					<FlexItem>
						<Button
							variant="tertiary"
							isDestructive
							onClick={ onRemove }
						>
							{ __( 'Remove preset', 'sovereign-press' ) }
						</Button>
					</FlexItem>
				</Flex>
			</CardHeader>
			<CardBody>
				<RuleBuilder
					group={ group }
					networks={ networks }
					onChange={ ( next ) =>
						onChange( { ...preset, rule: clean( next ) } )
					}
				/>
				<GateSummary state={ summary } />
			</CardBody>
		</Card>
	);
}
