import { Notice, SelectControl, Spinner } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { RuleBuilder } from './RuleBuilder';
import { asGroup, clean } from './rules';
import type { EditorBootData, GateGroup, GateRule } from './types';
import { useGateSummary } from './useGateSummary';

export interface GateValue {
	preset: string;
	rule: GateRule | Record< string, never >;
}

interface Props {
	value: GateValue;
	data: EditorBootData;
	onChange: ( value: GateValue ) => void;
}

/**
 * Pick a preset or build a rule, and read back what readers will need, as the server says it.
 * @param root0
 * @param root0.value
 * @param root0.data
 * @param root0.onChange
 */
export function GateEditor( { value, data, onChange }: Props ) {
	const custom = value.preset === '';
	const group = asGroup( value.rule );
	const summary = useGateSummary( value );
	return (
		<div
			className="sovereign-press-gate-editor"
			style={ { display: 'grid', gap: 12 } }
		>
			<SelectControl
				__next40pxDefaultSize
				__nextHasNoMarginBottom
				label={ __( 'Rule', 'sovereign-press' ) }
				value={ value.preset }
				options={ [
					...data.presets.map( ( preset ) => ( {
						value: preset.id,
						label: preset.name,
					} ) ),
					{
						value: '',
						label: __( 'Custom rule', 'sovereign-press' ),
					},
				] }
				help={
					data.presets.length === 0
						? __(
								'Administrators can save reusable rules as presets in Settings > Sovereign Press.',
								'sovereign-press'
							)
						: undefined
				}
				onChange={ ( preset ) =>
					onChange(
						preset
							? { preset, rule: {} }
							: // An empty custom rule keeps the gate on (and closed) until conditions are added.
								{
									preset,
									rule: { type: 'all', conditions: [] },
								}
					)
				}
			/>
			{ custom && (
				<RuleBuilder
					group={ group }
					networks={ data.networks }
					onChange={ ( next: GateGroup ) =>
						onChange( { preset: '', rule: clean( next ) } )
					}
				/>
			) }
			<GateSummary state={ summary } />
		</div>
	);
}

export function GateSummary( {
	state,
}: {
	state: ReturnType< typeof useGateSummary >;
} ) {
	switch ( state.status ) {
		case 'loading':
			return <Spinner />;
		case 'ok':
			return (
				<Notice status="info" isDismissible={ false }>
					<span className="sovereign-press-gate-summary">
						{ state.summary }
					</span>
				</Notice>
			);
		case 'invalid':
			return (
				<Notice status="error" isDismissible={ false }>
					<span className="sovereign-press-gate-problem">
						{ state.message }
					</span>
				</Notice>
			);
		default:
			return (
				<Notice status="warning" isDismissible={ false }>
					{ __(
						'Add a condition: until then nobody but editors can read this.',
						'sovereign-press'
					) }
				</Notice>
			);
	}
}
