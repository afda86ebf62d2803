import { hasErrors, validateNetworks } from '@/settings/validate';
import type { Network } from '@/types/networks';

const local: Network = {
	chainId: 31337,
	name: 'Local chain',
	rpcUrl: 'http://127.0.0.1:8545',
	explorerUrl: '',
};

describe( 'validateNetworks', () => {
	it( 'accepts a complete network with or without an explorer', () => {
		const errors = validateNetworks( [
			local,
			{ ...local, chainId: 1, explorerUrl: 'https://etherscan.io' },
		] );
		expect( errors ).toEqual( [ {}, {} ] );
		expect( hasErrors( errors ) ).toBe( false );
	} );

	it.each( [
		[ 'empty', NaN ],
		[ 'zero', 0 ],
		[ 'negative', -5 ],
		[ 'fractional', 1.5 ],
		[ 'beyond 2^53 - 1', Number.MAX_SAFE_INTEGER + 1 ],
	] )( 'refuses a chain id that is %s', ( _label, chainId ) => {
		const [ errors ] = validateNetworks( [ { ...local, chainId } ] );
		expect( Object.keys( errors ?? {} ) ).toEqual( [ 'chainId' ] );
	} );

	it( 'points a repeated chain id at the network that already uses it', () => {
		const errors = validateNetworks( [
			local,
			{ ...local, name: 'Copy' },
		] );
		expect( errors[ 0 ] ).toEqual( {} );
		expect( errors[ 1 ]?.chainId ).toBe(
			'Network 1 already uses this chain id.'
		);
	} );

	it.each( [
		'',
		'localhost:8545',
		'ws://127.0.0.1:8545',
		'http://',
		'https://exa mple.org',
		'javascript:alert(1)',
	] )( 'refuses the RPC URL %j', ( rpcUrl ) => {
		const [ errors ] = validateNetworks( [ { ...local, rpcUrl } ] );
		expect( errors?.rpcUrl ).toBeDefined();
	} );

	it( 'refuses an explorer URL that is not http(s) but allows none', () => {
		expect(
			validateNetworks( [
				{ ...local, explorerUrl: 'javascript:alert(1)' },
			] )[ 0 ]?.explorerUrl
		).toBeDefined();
		expect(
			validateNetworks( [ { ...local, explorerUrl: '   ' } ] )[ 0 ]
		).toEqual( {} );
	} );

	it( 'asks for a name', () => {
		expect(
			validateNetworks( [ { ...local, name: '  ' } ] )[ 0 ]?.name
		).toBeDefined();
	} );
} );
