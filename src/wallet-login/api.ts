/**
 * The sign-in routes (includes/Rest/AuthController.php), over the front-end REST client.
 */
import { restFetch, type RestConfig } from '@/api/restFetch';

import type { NonceResponse, SessionUser } from './types';

/** The signed message and its signature, as the wallet gave them. */
export interface SignedMessage {
	message: string;
	signature: string;
}

export interface VerifyResponse {
	created: boolean;
	address: string;
	user: SessionUser;
	restNonce: string;
	redirect: string;
}

/**
 * A sign-in nonce, bound to this browser by an HttpOnly cookie.
 * @param config
 */
export function requestNonce( config: RestConfig ): Promise< NonceResponse > {
	return restFetch< NonceResponse >(
		config,
		'/sovereign-press/v1/auth/nonce',
		{ method: 'POST' }
	);
}

/**
 * Signs in (or registers) the wallet that signed the message.
 * @param config
 * @param signed
 * @param redirectTo Where the page would like to go; the server answers where to go.
 */
export function verifySignIn(
	config: RestConfig,
	signed: SignedMessage,
	redirectTo: string
): Promise< VerifyResponse > {
	return restFetch< VerifyResponse >(
		config,
		'/sovereign-press/v1/auth/verify',
		{ method: 'POST', body: { ...signed, redirectTo } }
	);
}

/**
 * Links the wallet that signed the message to the signed-in user.
 * @param config
 * @param signed
 */
export function linkWallet(
	config: RestConfig,
	signed: SignedMessage
): Promise< SessionUser > {
	return restFetch< SessionUser >( config, '/sovereign-press/v1/auth/link', {
		method: 'POST',
		body: signed,
	} );
}

/**
 * Unlinks one of the signed-in user's wallets.
 * @param config
 * @param address
 */
export function unlinkWallet(
	config: RestConfig,
	address: string
): Promise< unknown > {
	return restFetch( config, `/sovereign-press/v1/auth/wallets/${ address }`, {
		method: 'DELETE',
	} );
}
