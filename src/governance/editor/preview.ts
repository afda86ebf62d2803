/**
 * The DAO Proposal blocks' preview: the server renders the block with the attributes being edited
 * (GET /sovereign-press/v1/proposals/preview), so the editor shows the page's own HTML.
 */
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { apiRequest } from '@/api/request';
import { isApiError } from '@/api/errors';
import type { Check } from './check';

export type PreviewState =
	| { status: 'idle' }
	| { status: 'loading' }
	| { status: 'ready'; html: string }
	| { status: 'error'; message: string; code: string };

/** Milliseconds without typing before the preview is asked for. */
const DEBOUNCE_MS = 500;

/**
 * The sentence an editor reads for a failed preview: the server's own message (translated, and
 * precise about what is wrong), or one per code when the request itself failed.
 *
 * @param code    REST error code.
 * @param message The server's message.
 */
export function previewMessage( code: string, message: string ): string {
	if ( message ) {
		return message;
	}
	switch ( code ) {
		case 'sovereign_press_proposal_invalid':
			return __( 'Check the proposal’s address.', 'sovereign-press' );
		case 'sovereign_press_proposal_not_found':
			return __( 'There is no such proposal.', 'sovereign-press' );
		case 'sovereign_press_proposal_unreachable':
			return __(
				'The proposal’s source cannot be reached right now.',
				'sovereign-press'
			);
		default:
			return __(
				'The proposal’s source answered something unreadable.',
				'sovereign-press'
			);
	}
}

/**
 * Asks for the preview once the input stops changing, and only for well-formed input: otherwise
 * the check's sentence is the preview (no request is made).
 *
 * @param block sovereign-press/proposal or sovereign-press/proposals.
 * @param check The block's attributes, checked (checkProposal() or checkProposals()).
 */
export function usePreview( block: string, check: Check ): PreviewState {
	const [ state, setState ] = useState< PreviewState >( { status: 'idle' } );
	const query = 'query' in check ? JSON.stringify( check.query ) : '';
	const problem = 'message' in check ? check.message : '';
	useEffect( () => {
		if ( query === '' ) {
			setState(
				problem === ''
					? { status: 'idle' }
					: { status: 'error', code: 'input', message: problem }
			);
			return undefined;
		}
		let current = true;
		setState( { status: 'loading' } );
		const timer = setTimeout( () => {
			apiRequest< { html: string } >( {
				path:
					'/sovereign-press/v1/proposals/preview?' +
					new URLSearchParams( {
						block,
						...( JSON.parse( query ) as Record< string, string > ),
					} ).toString(),
			} )
				.then( ( answer ) => {
					if ( current ) {
						setState( { status: 'ready', html: answer.html } );
					}
				} )
				.catch( ( error: unknown ) => {
					if ( current ) {
						const code = isApiError( error ) ? error.code : '';
						setState( {
							status: 'error',
							code,
							message: previewMessage(
								code,
								error instanceof Error ? error.message : ''
							),
						} );
					}
				} );
		}, DEBOUNCE_MS );
		return () => {
			current = false;
			clearTimeout( timer );
		};
	}, [ block, query, problem ] );
	return state;
}

/**
 * What the editor says beside the spinner: the first answer from a hub or a chain can take
 * seconds (in Playground, ten or more).
 *
 * @param block  sovereign-press/proposal or sovereign-press/proposals.
 * @param source Where the proposal comes from.
 */
export function loadingMessage(
	block: string,
	source: 'snapshot' | 'governor'
): string {
	if ( block === 'sovereign-press/proposals' ) {
		return source === 'snapshot'
			? __( 'Loading the proposals from Snapshot…', 'sovereign-press' )
			: __( 'Loading the proposals from the chain…', 'sovereign-press' );
	}
	return source === 'snapshot'
		? __( 'Loading the proposal from Snapshot…', 'sovereign-press' )
		: __( 'Loading the proposal from the chain…', 'sovereign-press' );
}
