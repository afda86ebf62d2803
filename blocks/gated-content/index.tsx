import {
	InnerBlocks,
	InspectorControls,
	useBlockProps,
} from '@wordpress/block-editor';
import {
	registerBlockType,
	type BlockConfiguration,
	type BlockEditProps,
} from '@wordpress/blocks';
import { PanelBody, TextareaControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { editorData } from '@/gating/editorData';
import { GateEditor } from '@/gating/GateEditor';
import type { GateRule } from '@/gating/types';
import { useGateSummary, type SummaryState } from '@/gating/useGateSummary';
import metadata from './block.json';
import './style.scss';

type Attributes = {
	preset: string;
	rule: GateRule | Record< string, never >;
	message: string;
};

const TEMPLATE = [
	[
		'core/paragraph',
		{
			placeholder: __(
				'What holders read. Others see the message instead.',
				'sovereign-press'
			),
		},
	],
];

function badgeText( summary: SummaryState ): string {
	switch ( summary.status ) {
		case 'ok':
			return summary.summary;
		case 'invalid':
			return summary.message;
		default:
			return __(
				'Gated: choose who can read this section in the block settings.',
				'sovereign-press'
			);
	}
}

function Edit( { attributes, setAttributes }: BlockEditProps< Attributes > ) {
	const data = editorData();
	const summary = useGateSummary( attributes );
	return (
		<div { ...useBlockProps( { className: 'is-gated' } ) }>
			<InspectorControls>
				<PanelBody
					title={ __(
						'Who can read this section',
						'sovereign-press'
					) }
				>
					<GateEditor
						data={ data }
						value={ {
							preset: attributes.preset,
							rule: attributes.rule,
						} }
						onChange={ ( value ) => setAttributes( value ) }
					/>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __(
							'Message for other readers',
							'sovereign-press'
						) }
						help={ __(
							'Shown above what the rule asks and the login button. Empty: "This section is for members."',
							'sovereign-press'
						) }
						value={ attributes.message }
						onChange={ ( message ) => setAttributes( { message } ) }
					/>
				</PanelBody>
			</InspectorControls>
			<p className="sovereign-press-gated-badge">
				<span className="dashicons dashicons-lock" aria-hidden="true" />{ ' ' }
				{ badgeText( summary ) }
			</p>
			<InnerBlocks template={ TEMPLATE } />
		</div>
	);
}

// block.json is the single source of metadata; its JSON type is wider than BlockConfiguration.
registerBlockType( metadata as BlockConfiguration< Attributes >, {
	edit: Edit,
	save: () => <InnerBlocks.Content />,
} );
