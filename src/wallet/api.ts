import { __ } from '@wordpress/i18n';

import { WalletError } from './errors';
import type { NonceResponse, RestConfig, SessionUser } from './types';

interface RestErrorBody {
	code?: string;
	message?: string;
}

/**
 * A JSON request to the plugin's REST routes, with the REST nonce for cookie sessions.
 * @param config
 * @param path
 * @param init
 * @param init.method
 * @param init.body
 */
export async function rest< T >(
	config: RestConfig,
	path: string,
	init: { method?: string; body?: unknown } = {}
): Promise< T > {
	let response: Response;
	try {
		response = await fetch( config.root.replace( /\/$/, '' ) + path, {
			method: init.method ?? 'GET',
			credentials: 'same-origin',
			headers: {
				'Content-Type': 'application/json',
				...( config.nonce ? { 'X-WP-Nonce': config.nonce } : {} ),
			},
			body:
				init.body === undefined
					? undefined
					: JSON.stringify( init.body ),
		} );
	} catch {
		throw new WalletError(
			'network',
			__(
				'The site could not be reached. Check your connection and try again.',
				'sovereign-press'
			)
		);
	}
	const body = ( await response.json().catch( () => ( {} ) ) ) as T &
		RestErrorBody;
	if ( ! response.ok ) {
		throw new WalletError(
			body.code ?? 'http_' + response.status,
			body.message ??
				__(
					'The site refused the request. Please try again.',
					'sovereign-press'
				)
		);
	}
	return body;
}

export const requestNonce = ( config: RestConfig ) =>
	rest< NonceResponse >( config, '/sovereign-press/v1/auth/nonce', {
		method: 'POST',
	} );

export interface VerifyResponse {
	created: boolean;
	address: string;
	user: SessionUser;
	restNonce: string;
	redirect: string;
}
