/**
 * Wallet failures while voting, each as its own sentence: the member said no, the Governor
 * refused the vote (already voted, not active), or the wallet failed.
 */
import { __ } from '@wordpress/i18n';

import { ApiError, isApiError } from '@/api/errors';
import { fromProviderError } from '@/wallet-login/providerErrors';

/** OZ Governor custom errors (selectors) and GovernorBravo's revert strings. */
const ALREADY_VOTED = /0x71c6af49|AlreadyCastVote|voter already voted/i;
const NOT_ACTIVE = /0x31b75e4d|UnexpectedProposalState|voting is closed/i;

/**
 * @param error What a wallet request rejected with.
 */
export function voteError( error: unknown ): ApiError {
	if ( isApiError( error ) ) {
		return error;
	}
	const code = ( error as { code?: number } | undefined )?.code;
	if ( code === 4001 ) {
		return new ApiError(
			'user_rejected',
			__(
				'You cancelled the request in your wallet. No vote was sent.',
				'sovereign-press'
			)
		);
	}
	if ( code === 4902 ) {
		return new ApiError(
			'unknown_chain',
			__(
				'Your wallet does not know this network yet. Add it in your wallet, then try again.',
				'sovereign-press'
			)
		);
	}
	let text = '';
	try {
		text = JSON.stringify(
			error,
			Object.getOwnPropertyNames( error ?? {} )
		);
	} catch {
		text = String( error );
	}
	if ( ALREADY_VOTED.test( text ) ) {
		return new ApiError(
			'already_voted',
			__(
				'This wallet has already voted on this proposal. A Governor counts the first vote only.',
				'sovereign-press'
			)
		);
	}
	if ( NOT_ACTIVE.test( text ) ) {
		return new ApiError(
			'not_active',
			__( 'This proposal is not open for voting.', 'sovereign-press' )
		);
	}
	return fromProviderError( error );
}
