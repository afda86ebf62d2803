/**
 * REST calls from the screens that load wp-api-fetch (the settings screen, the post editor): its
 * root, nonce and preloading middlewares apply. Front-end pages use restFetch instead.
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';

import { toApiError } from './errors';

/**
 * A request through apiFetch that resolves with the route's JSON body.
 *
 * @param options apiFetch's options (path, method, data); the answer is always parsed.
 * @throws ApiError with the site's code, message, status and data.
 */
export async function apiRequest< T >(
	options: APIFetchOptions< true >
): Promise< T > {
	try {
		return await apiFetch< T >( options );
	} catch ( reason ) {
		throw toApiError( reason );
	}
}
