/**
 * Fifty concurrent POST /auth/verify with one signed message race on its nonce over real HTTP
 * (PHP's server with several workers, MariaDB): exactly one wins a session.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';

import { BASE_URL } from './browser.mjs';

// Hardhat's public development key #2 (local chain only).
const wallet = privateKeyToAccount( '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a' );

it( '50 concurrent verifies racing on one nonce produce exactly one session', async () => {
	const asked = await fetch( `${ BASE_URL }/wp-json/sovereign-press/v1/auth/nonce`, { method: 'POST' } );
	const issued = await asked.json();
	// The nonce belongs to the client that asked for it: every attempt carries its binding cookie.
	const cookie = asked.headers.getSetCookie().map( ( line ) => line.split( ';' )[ 0 ] ).join( '; ' );
	assert.match( cookie, /^sovereign_press_signin_\w+=[0-9a-f]{64}$/ );
	const message = createSiweMessage( {
		scheme: issued.scheme,
		domain: issued.domain,
		uri: issued.uri,
		address: wallet.address,
		chainId: issued.chainIds[ 0 ],
		nonce: issued.nonce,
		version: '1',
		issuedAt: new Date(),
	} );
	const signature = await wallet.signMessage( { message } );

	const responses = await Promise.all(
		Array.from( { length: 50 }, () =>
			fetch( `${ BASE_URL }/wp-json/sovereign-press/v1/auth/verify`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify( { message, signature } ),
			} )
		)
	);
	const results = await Promise.all(
		responses.map( async ( r ) => ( {
			status: r.status,
			code: ( await r.json() ).code,
			session: r.headers.getSetCookie().some( ( c ) => c.startsWith( 'wordpress_logged_in_' ) ),
		} ) )
	);

	const winners = results.filter( ( r ) => r.status === 200 || r.status === 201 );
	assert.equal( winners.length, 1, JSON.stringify( results.map( ( r ) => r.status ) ) );
	assert.equal( results.filter( ( r ) => r.session ).length, 1, 'exactly one session cookie' );
	assert.ok( winners[ 0 ].session );
	for ( const loser of results.filter( ( r ) => r !== winners[ 0 ] ) ) {
		assert.deepEqual( [ loser.status, loser.code ], [ 409, 'sovereign_press_nonce_used' ] );
	}
} );
