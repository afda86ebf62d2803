/**
 * What both DAO Proposal blocks show in the editor: their settings in the inspector, and in the
 * canvas a note (if any) above the server's rendering.
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import { PanelBody } from '@wordpress/components';
import type { ReactNode } from 'react';

import type { PreviewState } from './preview';
import { ProposalPreview } from './ProposalPreview';

/**
 * @param root0
 * @param root0.title       The settings panel's title.
 * @param root0.settings    The settings.
 * @param root0.note        Shown above the preview.
 * @param root0.preview     The preview's state.
 * @param root0.placeholder What to say before the input is complete.
 */
export function EditFrame( {
	title,
	settings,
	note,
	preview,
	placeholder,
}: {
	title: string;
	settings: ReactNode;
	note?: ReactNode;
	preview: PreviewState;
	placeholder: string;
} ) {
	return (
		<div { ...useBlockProps() }>
			<InspectorControls>
				<PanelBody title={ title }>{ settings }</PanelBody>
			</InspectorControls>
			{ note }
			<ProposalPreview state={ preview } placeholder={ placeholder } />
		</div>
	);
}
