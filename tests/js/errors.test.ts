import { ApiError, toApiError } from '@/api/errors';

describe( 'toApiError', () => {
	it( 'keeps the code, message and status of a WordPress REST error', () => {
		const error = toApiError( {
			code: 'sovereign_press_rpc_timeout',
			message: 'The node did not answer within 5.0 seconds.',
			data: { status: 504 },
		} );
		expect( error ).toBeInstanceOf( ApiError );
		expect( [ error.code, error.message, error.status ] ).toEqual( [
			'sovereign_press_rpc_timeout',
			'The node did not answer within 5.0 seconds.',
			504,
		] );
	} );

	it( 'explains a failed fetch as the site being unreachable', () => {
		const error = toApiError( new TypeError( 'Failed to fetch' ) );
		expect( error.code ).toBe( 'fetch_error' );
		expect( error.message ).toMatch( /could not be reached/ );
	} );

	it( 'passes an ApiError through unchanged', () => {
		const original = new ApiError( 'x', 'y', 400 );
		expect( toApiError( original ) ).toBe( original );
	} );
} );
