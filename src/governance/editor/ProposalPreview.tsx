/**
 * The preview a DAO Proposal block shows in the editor: the server's sanitised HTML, what is being
 * loaded, or the block's placeholder with the reason there is no proposal to show yet.
 */
import { Notice, Spinner } from '@wordpress/components';
import { RawHTML } from '@wordpress/element';
import type { ReactNode } from 'react';

import type { PreviewState } from './preview';

export type NoticeAction = { label: string; onClick: () => void };

/**
 * @param root0
 * @param root0.state       The preview's state.
 * @param root0.loading     What is being loaded (the first answer may take seconds).
 * @param root0.actions     Buttons on the input's notice.
 * @param root0.placeholder The placeholder, given the notice to show in it (if any).
 */
export function ProposalPreview( {
	state,
	loading,
	actions,
	placeholder,
}: {
	state: PreviewState;
	loading: string;
	actions?: NoticeAction[];
	placeholder: ( notice: ReactNode ) => ReactNode;
} ) {
	switch ( state.status ) {
		case 'loading':
			return (
				<p className="sovereign-press-proposal-loading" role="status">
					<Spinner />
					{ loading }
				</p>
			);
		case 'ready':
			// Escaped and sanitised by Governance\ProposalView on the server, as on the page.
			return <RawHTML>{ state.html }</RawHTML>;
		case 'error':
			return placeholder(
				<Notice
					status="warning"
					isDismissible={ false }
					actions={ state.code === 'input' ? actions : undefined }
				>
					{ state.message }
				</Notice>
			);
		default:
			return placeholder( null );
	}
}
