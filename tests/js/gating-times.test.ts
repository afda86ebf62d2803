/**
 * The token gates' number fields are checked in the browser with the server's ranges, so a wrong
 * value is named beside its field instead of failing the save with "Invalid parameter(s)".
 */
import { validateGatingTimes } from '@/gating/times';

describe( 'token gate times', () => {
	it( 'accepts the defaults and the ends of each range', () => {
		expect(
			validateGatingTimes( { cacheTtl: 60, budgetMs: 1500 } )
		).toEqual( {} );
		expect( validateGatingTimes( { cacheTtl: 0, budgetMs: 200 } ) ).toEqual(
			{}
		);
		expect(
			validateGatingTimes( { cacheTtl: 86400, budgetMs: 10000 } )
		).toEqual( {} );
	} );

	it.each( [ 0, 199, 10001 ] )( 'refuses a budget of %d ms', ( budgetMs ) => {
		const errors = validateGatingTimes( { cacheTtl: 60, budgetMs } );
		expect( errors.budgetMs ).toBe( 'Enter 200 to 10000 milliseconds.' );
		expect( errors.cacheTtl ).toBeUndefined();
	} );

	it.each( [ -1, 86401 ] )( 'refuses holdings kept %d s', ( cacheTtl ) => {
		const errors = validateGatingTimes( { cacheTtl, budgetMs: 1500 } );
		expect( errors.cacheTtl ).toBe( 'Enter 0 to 86400 seconds.' );
		expect( errors.budgetMs ).toBeUndefined();
	} );
} );
