/**
 * What both DAO Proposal blocks show in the editor: their settings in the inspector, and in the
 * canvas, until there is a proposal to show, a placeholder taking the same input (as core's embed
 * blocks take a URL), then the server's rendering.
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import { PanelBody, Placeholder } from '@wordpress/components';
import type { ReactNode } from 'react';

import type { PreviewState } from './preview';
import { ProposalPreview, type NoticeAction } from './ProposalPreview';

/**
 * @param root0
 * @param root0.title        The settings panel's title.
 * @param root0.settings     The settings.
 * @param root0.label        The placeholder's title (the block's name).
 * @param root0.instructions What to do, under the placeholder's title.
 * @param root0.start        The placeholder's fields.
 * @param root0.note         Shown in the placeholder under its fields.
 * @param root0.actions      Buttons on the input's notice, if any.
 * @param root0.preview      The preview's state.
 * @param root0.loading      What is being loaded, beside the spinner.
 */
export function EditFrame( {
	title,
	settings,
	label,
	instructions,
	start,
	note,
	actions,
	preview,
	loading,
}: {
	title: string;
	settings: ReactNode;
	label: string;
	instructions: string;
	start: ReactNode;
	note?: ReactNode;
	actions?: NoticeAction[];
	preview: PreviewState;
	loading: string;
} ) {
	return (
		<div { ...useBlockProps() }>
			<InspectorControls>
				<PanelBody title={ title }>{ settings }</PanelBody>
			</InspectorControls>
			<ProposalPreview
				state={ preview }
				loading={ loading }
				actions={ actions }
				placeholder={ ( notice ) => (
					<Placeholder
						label={ label }
						instructions={ instructions }
						isColumnLayout
					>
						{ start }
						{ note }
						{ notice }
					</Placeholder>
				) }
			/>
		</div>
	);
}
