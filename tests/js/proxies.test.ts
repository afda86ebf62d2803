import {
	isProxyRange,
	proxyLines,
	validateProxies,
} from '@/wallet-login/proxies';

describe( 'trusted proxy settings', () => {
	it.each( [
		'10.0.0.0/8',
		'192.0.2.1',
		'0.0.0.0/0',
		'::1',
		'2001:db8::/32',
		'::ffff:192.0.2.1',
	] )( 'accepts %s', ( entry ) => {
		expect( isProxyRange( entry ) ).toBe( true );
	} );

	it.each( [
		'',
		'localhost',
		'proxy.example.org',
		'10.0.0.0/33',
		'2001:db8::/129',
		'10.0.0/8',
		'10.0.0.1/',
		'256.0.0.1',
		'010.0.0.1',
		'http://10.0.0.1',
		'[::1]',
	] )( 'refuses %s', ( entry ) => {
		expect( isProxyRange( entry ) ).toBe( false );
	} );

	it( 'reads one entry per line and leaves blank lines out', () => {
		expect( proxyLines( ' 10.0.0.0/8 \n\n::1\r\n' ) ).toEqual( [
			'10.0.0.0/8',
			'::1',
		] );
	} );

	it( 'names the first entry that is wrong, and a malformed header', () => {
		expect(
			validateProxies( {
				trustedProxies: [ '10.0.0.0/8', 'lb.internal' ],
				proxyHeader: 'X Forwarded For',
			} )
		).toEqual( {
			trustedProxies: expect.stringContaining( 'lb.internal' ),
			proxyHeader: expect.any( String ),
		} );
		expect(
			validateProxies( {
				trustedProxies: [],
				proxyHeader: 'X-Forwarded-For',
			} )
		).toEqual( {} );
	} );
} );
