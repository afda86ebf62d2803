/**
 * The preview a DAO Proposal block shows in the editor: the server's sanitised HTML, or a notice.
 */
import { Notice, Spinner } from '@wordpress/components';
import { RawHTML } from '@wordpress/element';

import type { PreviewState } from './preview';

/**
 * @param root0
 * @param root0.state       The preview's state.
 * @param root0.placeholder What to say before the input is complete.
 */
export function ProposalPreview( {
	state,
	placeholder,
}: {
	state: PreviewState;
	placeholder: string;
} ) {
	switch ( state.status ) {
		case 'loading':
			return <Spinner />;
		case 'ready':
			// Escaped and sanitised by Governance\ProposalView on the server, as on the page.
			return <RawHTML>{ state.html }</RawHTML>;
		case 'error':
			return (
				<Notice status="warning" isDismissible={ false }>
					{ state.message }
				</Notice>
			);
		default:
			return <p>{ placeholder }</p>;
	}
}
