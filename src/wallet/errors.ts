import { __ } from '@wordpress/i18n';

/**
 * A failure in the wallet flow, with a message for the visitor (what happened, what to do).
 */
export class WalletError extends Error {
	readonly code: string;

	constructor( code: string, message: string ) {
		super( message );
		this.name = 'WalletError';
		this.code = code;
	}
}

/**
 * Whether a value is a WalletError, also when it comes from another bundle (build/walletconnect.js
 * has its own copy of this class, so instanceof is not enough).
 * @param value
 */
export function isWalletError( value: unknown ): value is WalletError {
	return (
		value instanceof Error &&
		value.name === 'WalletError' &&
		typeof ( value as Partial< WalletError > ).code === 'string'
	);
}

interface ProviderRpcError {
	code?: number;
	message?: string;
}

/**
 * Turns an EIP-1193 provider error into a WalletError (4001 is the user saying no).
 * @param error
 */
export function fromProviderError( error: unknown ): WalletError {
	if ( isWalletError( error ) ) {
		return error;
	}
	const code = ( error as ProviderRpcError )?.code;
	if ( code === 4001 ) {
		return new WalletError(
			'user_rejected',
			__(
				'You cancelled the request in your wallet. Nothing was signed.',
				'sovereign-press'
			)
		);
	}
	if ( code === -32002 ) {
		return new WalletError(
			'request_pending',
			__(
				'Your wallet already has a request waiting. Open it to continue.',
				'sovereign-press'
			)
		);
	}
	return new WalletError(
		'wallet_error',
		__(
			'Your wallet could not complete the request. Please try again.',
			'sovereign-press'
		)
	);
}
