import { __ } from '@wordpress/i18n';

import type { RestError } from '../types';

/**
 * A failed REST call, with the server's stable code and translated message.
 */
export class ApiError extends Error {
	readonly code: string;
	readonly status: number | undefined;

	constructor( code: string, message: string, status?: number ) {
		super( message );
		this.name = 'ApiError';
		this.code = code;
		this.status = status;
	}
}

function isRestError( value: unknown ): value is RestError {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof ( value as RestError ).code === 'string' &&
		typeof ( value as RestError ).message === 'string'
	);
}

/**
 * Turns whatever apiFetch rejected with (a REST error body, a network failure) into an ApiError.
 * @param reason
 */
export function toApiError( reason: unknown ): ApiError {
	if ( reason instanceof ApiError ) {
		return reason;
	}
	if ( isRestError( reason ) ) {
		return new ApiError( reason.code, reason.message, reason.data?.status );
	}
	return new ApiError(
		'fetch_error',
		__(
			'The site could not be reached. Check your connection and try again.',
			'sovereign-press'
		)
	);
}
