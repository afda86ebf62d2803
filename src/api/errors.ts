/**
 * The one error shape of the browser code. Every REST call (through apiRequest or restFetch) and
 * every wallet request rejects with an ApiError: a stable `code` to branch on, a `message` for the
 * user (what happened, what to do), the HTTP `status` when the site answered, and the `data` of the
 * site's error body.
 */
import { __ } from '@wordpress/i18n';

/** The `data` of a WordPress REST error body. */
export interface RestErrorData {
	status?: number;
	[ key: string ]: unknown;
}

/** A WordPress REST error body (WP_Error as JSON). */
export interface RestErrorBody {
	code: string;
	message: string;
	data?: RestErrorData;
}

/**
 * A failed request, to the site or to the wallet, with a message meant for the user.
 */
export class ApiError extends Error {
	readonly code: string;
	readonly status: number | undefined;
	readonly data: RestErrorData | undefined;

	constructor(
		code: string,
		message: string,
		status?: number,
		data?: RestErrorData
	) {
		super( message );
		this.name = 'ApiError';
		this.code = code;
		this.status = status;
		this.data = data;
	}
}

/**
 * Whether a value is an ApiError, also when it comes from another bundle (build/walletconnect.js
 * has its own copy of this class, so instanceof is not enough).
 * @param value
 */
export function isApiError( value: unknown ): value is ApiError {
	return (
		value instanceof Error &&
		value.name === 'ApiError' &&
		typeof ( value as Partial< ApiError > ).code === 'string'
	);
}

function isRestErrorBody( value: unknown ): value is RestErrorBody {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof ( value as RestErrorBody ).code === 'string' &&
		typeof ( value as RestErrorBody ).message === 'string'
	);
}

/**
 * Turns whatever a request failed with into an ApiError: an ApiError stays as it is, a REST error
 * body keeps its code, message, status and data, an answer without one is a refusal, and anything
 * else (a network failure) means the site could not be reached.
 *
 * @param reason What apiFetch rejected with, or the body of a failed fetch() response.
 * @param status The HTTP status, when a response came back.
 */
export function toApiError( reason: unknown, status?: number ): ApiError {
	if ( isApiError( reason ) ) {
		return reason;
	}
	if ( isRestErrorBody( reason ) ) {
		return new ApiError(
			reason.code,
			reason.message,
			status ?? reason.data?.status,
			reason.data
		);
	}
	if ( status !== undefined ) {
		return new ApiError(
			'http_' + status,
			__(
				'The site refused the request. Please try again.',
				'sovereign-press'
			),
			status
		);
	}
	return new ApiError(
		'fetch_error',
		__(
			'The site could not be reached. Check your connection and try again.',
			'sovereign-press'
		)
	);
}
