/**
 * REST calls from front-end pages (the Wallet Login block, wp-login.php, the profile screen), which
 * do not load wp-api-fetch: plain fetch() with the REST root and nonce the page carries. Failures
 * are the same ApiError as apiRequest's.
 */
import { toApiError } from './errors';

/** Where the REST API lives, and the REST nonce for cookie-authenticated writes. */
export interface RestConfig {
	root: string;
	nonce: string;
}

/**
 * A JSON request to a REST route that resolves with the route's JSON body; cookies go along, so
 * the site can read the browser's session and its sign-in binding.
 *
 * @param config
 * @param path        The route, such as /sovereign-press/v1/auth/nonce.
 * @param init
 * @param init.method
 * @param init.body   Sent as JSON.
 * @throws ApiError with the site's code, message, status and data.
 */
export async function restFetch< T >(
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
	} catch ( reason ) {
		throw toApiError( reason );
	}
	const body: unknown = await response.json().catch( () => ( {} ) );
	if ( ! response.ok ) {
		throw toApiError( body, response.status );
	}
	return body as T;
}
