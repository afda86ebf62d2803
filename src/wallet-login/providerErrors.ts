/**
 * Wallet (EIP-1193) failures as ApiErrors, with a message for the visitor.
 */
import { __ } from '@wordpress/i18n';

import { ApiError, isApiError } from '@/api/errors';

interface ProviderRpcError {
	code?: number;
	message?: string;
}

/**
 * Turns an EIP-1193 provider error into an ApiError (4001 is the user saying no).
 * @param error
 */
export function fromProviderError( error: unknown ): ApiError {
	if ( isApiError( error ) ) {
		return error;
	}
	const code = ( error as ProviderRpcError | undefined )?.code;
	if ( code === 4001 ) {
		return new ApiError(
			'user_rejected',
			__(
				'You cancelled the request in your wallet. Nothing was signed.',
				'sovereign-press'
			)
		);
	}
	if ( code === -32002 ) {
		return new ApiError(
			'request_pending',
			__(
				'Your wallet already has a request waiting. Open it to continue.',
				'sovereign-press'
			)
		);
	}
	return new ApiError(
		'wallet_error',
		__(
			'Your wallet could not complete the request. Please try again.',
			'sovereign-press'
		)
	);
}
