/**
 * The one error shape of the browser code: what the admin screens (apiFetch) and the wallet
 * (fetch, EIP-1193) reject with.
 */
import { ApiError, isApiError, toApiError } from '@/api/errors';

describe( 'toApiError', () => {
	it( 'keeps the code, message, status and data of a WordPress REST error', () => {
		const error = toApiError( {
			code: 'sovereign_press_chain_id_mismatch',
			message: 'This node serves chain 1, not chain 31337.',
			data: { status: 409, expected: 31337, actual: 1 },
		} );
		expect( error ).toBeInstanceOf( ApiError );
		expect( [ error.code, error.message, error.status ] ).toEqual( [
			'sovereign_press_chain_id_mismatch',
			'This node serves chain 1, not chain 31337.',
			409,
		] );
		expect( error.data ).toEqual( {
			status: 409,
			expected: 31337,
			actual: 1,
		} );
	} );

	it( 'takes the status of the response when the body does not say it', () => {
		const error = toApiError(
			{ code: 'rest_forbidden', message: 'Sorry, you are not allowed.' },
			403
		);
		expect( [ error.code, error.status ] ).toEqual( [
			'rest_forbidden',
			403,
		] );
	} );

	it( 'calls an answer without an error body a refusal, with its status', () => {
		const error = toApiError( {}, 502 );
		expect( [ error.code, error.status ] ).toEqual( [ 'http_502', 502 ] );
		expect( error.message ).toMatch( /refused the request/ );
	} );

	it( 'explains a failed fetch as the site being unreachable', () => {
		const error = toApiError( new TypeError( 'Failed to fetch' ) );
		expect( error.code ).toBe( 'fetch_error' );
		expect( error.status ).toBeUndefined();
		expect( error.message ).toMatch( /could not be reached/ );
	} );

	it( 'passes an ApiError through unchanged', () => {
		const original = new ApiError( 'x', 'y', 400 );
		expect( toApiError( original ) ).toBe( original );
	} );
} );

describe( 'isApiError', () => {
	it( 'recognises an ApiError made by another bundle’s copy of the class', () => {
		// build/walletconnect.js carries its own copy: instanceof fails across the two.
		class ApiErrorCopy extends Error {
			readonly code = 'user_rejected';
			override name = 'ApiError';
		}
		const foreign = new ApiErrorCopy( 'WalletConnect was closed.' );

		expect( foreign ).not.toBeInstanceOf( ApiError );
		expect( isApiError( foreign ) ).toBe( true );
		expect( toApiError( foreign ) ).toBe( foreign );
	} );

	it( 'refuses a REST error body and a plain Error', () => {
		expect( isApiError( { code: 'x', message: 'y' } ) ).toBe( false );
		expect( isApiError( new Error( 'y' ) ) ).toBe( false );
	} );
} );
