/**
 * Sign-in rate limits over real HTTP (PHP's server with several workers, MariaDB): a meetup of a
 * hundred members behind one venue's address all sign in; a flood of nonces or of failed
 * verifications from one address is stopped with a coded 429; a forwarded address is believed
 * only from a trusted proxy. The test site trusts 127.0.0.1 as its proxy (scripts/test-e2e.mjs),
 * so requests from 127.0.0.1 stand for visitors behind it through X-Forwarded-For, and requests
 * from 127.0.0.2 for a client that reaches the site directly.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, describe, it } from 'node:test';

import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';

import { BASE_URL } from './browser.mjs';
import { Session } from './http.mjs';

const API = '/wp-json/sovereign-press/v1';

/** The limits documented in README (Rate limits) and Auth\SignInLimits. */
const NONCES_PER_ADDRESS = 200;
const FAILURES_PER_ADDRESS = 50;
/** PHP's server workers (startPhpServer): concurrent requests may pass a limit by as many. */
const WORKERS = 4;

/** Asserts that a burst of nonce requests was cut off at the per-address limit. */
function assertCutOff( answers ) {
	const granted = answers.filter( ( r ) => r.status === 200 ).length;
	assert.ok( granted >= NONCES_PER_ADDRESS && granted <= NONCES_PER_ADDRESS + WORKERS, `${ granted } nonces granted` );
	assertRateLimited( answers.find( ( r ) => r.status !== 200 ) );
}

/**
 * One JSON POST to the site, from a chosen local address.
 *
 * @param {string} path
 * @param {object} options
 * @param {object} [options.headers]
 * @param {object} [options.data]
 * @param {string} [options.from] Local address the connection comes from.
 */
function post( path, { headers = {}, data = null, from = '127.0.0.1' } = {} ) {
	const body = data === null ? '' : JSON.stringify( data );
	return new Promise( ( resolve, reject ) => {
		const req = request(
			new URL( path, BASE_URL ),
			{
				method: 'POST',
				localAddress: from,
				agent: false,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength( body ), ...headers },
			},
			( res ) => {
				let text = '';
				res.setEncoding( 'utf8' );
				res.on( 'data', ( chunk ) => ( text += chunk ) );
				res.on( 'end', () => {
					const cookie = ( res.headers[ 'set-cookie' ] ?? [] ).map( ( line ) => line.split( ';' )[ 0 ] ).join( '; ' );
					let json = null;
					try {
						json = JSON.parse( text );
					} catch {}
					resolve( { status: res.statusCode, json, cookie } );
				} );
			}
		);
		req.on( 'error', reject );
		req.end( body );
	} );
}

/** Runs tasks with at most `width` at a time, in order of their results. */
async function pool( count, width, task ) {
	const results = new Array( count );
	let next = 0;
	await Promise.all(
		Array.from( { length: width }, async () => {
			while ( next < count ) {
				const index = next++;
				results[ index ] = await task( index );
			}
		} )
	);
	return results;
}

const forwarded = ( address ) => ( { 'x-forwarded-for': address } );

/** Asks for a nonce and signs a message for it; `signer` differs from `wallet` for a forgery. */
async function signed( headers, wallet, signer = wallet, from = '127.0.0.1' ) {
	const asked = await post( `${ API }/auth/nonce`, { headers, from } );
	if ( asked.status !== 200 ) {
		return { asked };
	}
	const message = createSiweMessage( {
		scheme: asked.json.scheme,
		domain: asked.json.domain,
		uri: asked.json.uri,
		address: wallet.address,
		chainId: asked.json.chainIds[ 0 ],
		nonce: asked.json.nonce,
		version: '1',
		issuedAt: new Date(),
	} );
	return { asked, message, signature: await signer.signMessage( { message } ) };
}

const verify = ( headers, { asked, message, signature }, from = '127.0.0.1' ) =>
	post( `${ API }/auth/verify`, { headers: { ...headers, cookie: asked.cookie }, data: { message, signature }, from } );

const created = [];

after( async () => {
	const admin = await new Session().logIn( 'admin' );
	await pool( created.length, 4, ( i ) => admin.rest( `/wp/v2/users/${ created[ i ] }?force=true&reassign=1`, { method: 'DELETE' } ) );
} );

function assertRateLimited( response ) {
	assert.ok( response, 'no request was refused' );
	assert.equal( response.status, 429, JSON.stringify( response.json ) );
	assert.equal( response.json.code, 'sovereign_press_rate_limited' );
	assert.match( response.json.message, /\S/ );
}

describe( 'Sign-in rate limits', () => {
	it( 'lets a meetup of 100 new members behind one address all sign in', async () => {
		const venue = forwarded( '203.0.113.50' );
		const wallets = Array.from( { length: 100 }, () => privateKeyToAccount( generatePrivateKey() ) );
		// Everyone opens the dialog at once: 100 nonces outstanding for one address.
		const requests = await pool( 100, 8, ( i ) => signed( venue, wallets[ i ] ) );
		assert.equal( requests.filter( ( r ) => r.asked.status === 200 ).length, 100, JSON.stringify( requests.find( ( r ) => r.asked.status !== 200 )?.asked.json ) );
		const results = await pool( 100, 8, ( i ) => verify( venue, requests[ i ] ) );
		for ( const result of results ) {
			if ( result.json?.user?.id ) {
				created.push( result.json.user.id );
			}
		}
		assert.equal( results.filter( ( r ) => r.status === 201 ).length, 100, JSON.stringify( results.find( ( r ) => r.status !== 201 )?.json ) );
		// The venue can go on signing members in: honest sign-ins do not count against it.
		const late = await verify( venue, await signed( venue, wallets[ 0 ] ) );
		assert.equal( late.status, 200 );
	} );

	it( 'stops a flood of unused nonces from one address, and only that address', async () => {
		const flooder = forwarded( '203.0.113.66' );
		const answers = await pool( NONCES_PER_ADDRESS + 20, 8, () => post( `${ API }/auth/nonce`, { headers: flooder } ) );
		assertCutOff( answers );
		assertRateLimited( await post( `${ API }/auth/nonce`, { headers: flooder } ) );
		assert.equal( ( await post( `${ API }/auth/nonce`, { headers: forwarded( '203.0.113.67' ) } ) ).status, 200 );
	} );

	it( 'stops an address after repeated failed verifications, and only that address', async () => {
		const forger = forwarded( '203.0.113.77' );
		const victim = privateKeyToAccount( generatePrivateKey() );
		const attacker = privateKeyToAccount( generatePrivateKey() );
		const statuses = [];
		for ( let i = 0; i < FAILURES_PER_ADDRESS + 5; i++ ) {
			const attempt = await signed( forger, victim, attacker );
			const answer = attempt.message ? await verify( forger, attempt ) : attempt.asked;
			statuses.push( answer.status );
			if ( answer.status === 429 ) {
				assertRateLimited( answer );
				break;
			}
			assert.equal( answer.json.code, 'sovereign_press_siwe_signature_invalid' );
		}
		assert.deepEqual( statuses, [ ...Array( FAILURES_PER_ADDRESS ).fill( 401 ), 429 ] );
		assertRateLimited( ( await signed( forger, victim ) ).asked );

		const honest = privateKeyToAccount( generatePrivateKey() );
		const elsewhere = forwarded( '203.0.113.78' );
		const answer = await verify( elsewhere, await signed( elsewhere, honest ) );
		assert.equal( answer.status, 201 );
		created.push( answer.json.user.id );
	} );

	it( 'ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
		// A client at 127.0.0.2 that names a new address on every request is still one address.
		const answers = await pool( NONCES_PER_ADDRESS + 20, 8, ( i ) =>
			post( `${ API }/auth/nonce`, { headers: forwarded( `198.18.${ i >> 8 }.${ i & 255 }` ), from: '127.0.0.2' } )
		);
		assertCutOff( answers );
		// Behind the trusted proxy, the right-most address it did not add itself is the client's.
		const spoofed = await post( `${ API }/auth/nonce`, { headers: forwarded( '198.18.0.1, 127.0.0.2' ) } );
		assertRateLimited( spoofed );
	} );
} );
