/**
 * The "Token gate" panel of the post sidebar, and a "Gated" badge in the post's status area.
 */
import { RadioControl, ToggleControl } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import {
	PluginDocumentSettingPanel,
	PluginPostStatusInfo,
	store as editorStore,
} from '@wordpress/editor';
import { __ } from '@wordpress/i18n';
import { registerPlugin } from '@wordpress/plugins';

import { editorData } from './editorData';
import { GateEditor } from './GateEditor';
import type { PostGate, Teaser } from './types';

function usePostGate(): [ PostGate | null, ( gate: PostGate | null ) => void ] {
	const { metaKey } = editorData();
	const gate = useSelect(
		( select ) => {
			const meta = select( editorStore ).getEditedPostAttribute(
				'meta'
			) as Record< string, unknown > | undefined;
			const value = meta?.[ metaKey ] as PostGate | unknown[] | undefined;
			// An unset object meta comes back from REST as [].
			if ( ! value || Array.isArray( value ) ) {
				return null;
			}
			const hasRule = value.rule && Object.keys( value.rule ).length > 0;
			return value.preset || hasRule ? value : null;
		},
		[ metaKey ]
	);
	const { editPost } = useDispatch( editorStore );
	return [
		gate,
		( next ) => editPost( { meta: { [ metaKey ]: toMeta( next ) } } ),
	];
}

/**
 * The stored shape: no gate is an empty object, and a preset carries no rule (the meta schema
 * requires a rule to have a type).
 *
 * @param gate
 */
function toMeta( gate: PostGate | null ): PostGate {
	if ( ! gate ) {
		return {};
	}
	const { rule, ...rest } = gate;
	return rule && 'type' in rule ? { ...rest, rule } : rest;
}

function TokenGatePanel() {
	const data = editorData();
	const [ gate, setGate ] = usePostGate();
	return (
		<PluginDocumentSettingPanel
			name="sovereign-press-gate"
			title={ __( 'Token gate', 'sovereign-press' ) }
			icon="lock"
			className="sovereign-press-gate-panel"
		>
			<div style={ { display: 'grid', gap: 16 } }>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Only holders can read this',
						'sovereign-press'
					) }
					checked={ gate !== null }
					onChange={ ( on ) =>
						setGate(
							on
								? {
										preset: data.presets[ 0 ]?.id ?? '',
										rule: data.presets.length
											? {}
											: {
													type: 'all',
													conditions: [
														{ type: 'member' },
													],
												},
										teaser: 'excerpt',
									}
								: null
						)
					}
				/>
				{ gate && (
					<>
						<GateEditor
							data={ data }
							value={ {
								preset: gate.preset ?? '',
								rule: gate.rule ?? {},
							} }
							onChange={ ( value ) =>
								setGate( { ...gate, ...value } )
							}
						/>
						<RadioControl
							label={ __( 'Others see', 'sovereign-press' ) }
							selected={ gate.teaser ?? 'excerpt' }
							options={ [
								{
									value: 'excerpt',
									label: __(
										'The excerpt',
										'sovereign-press'
									),
								},
								{
									value: 'more',
									label: __(
										'The content before the More block',
										'sovereign-press'
									),
								},
								{
									value: 'none',
									label: __(
										'Only the title',
										'sovereign-press'
									),
								},
							] }
							onChange={ ( teaser ) =>
								setGate( { ...gate, teaser: teaser as Teaser } )
							}
						/>
					</>
				) }
			</div>
		</PluginDocumentSettingPanel>
	);
}

function GateBadge() {
	const [ gate ] = usePostGate();
	if ( ! gate ) {
		return null;
	}
	return (
		<PluginPostStatusInfo className="sovereign-press-gate-badge">
			<span>
				<span className="dashicons dashicons-lock" aria-hidden="true" />{ ' ' }
				{ __( 'Token-gated', 'sovereign-press' ) }
			</span>
		</PluginPostStatusInfo>
	);
}

registerPlugin( 'sovereign-press-gate', {
	render: () => (
		<>
			<TokenGatePanel />
			<GateBadge />
		</>
	),
} );
