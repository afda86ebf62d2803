/**
 * What the page benchmarks share: the seeded stack with a counting JSON-RPC proxy in front of the
 * chain, time to first byte, and interleaved medians of several pages.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/chain.mjs';
import { CACHE, run, startStack } from '../scripts/lib/stack.mjs';

/**
 * The test stack (scripts/lib/stack.mjs startStack) with the demo content seeded, the site's
 * network pointing at a proxy that counts every JSON-RPC request the site sends to the chain.
 *
 * @param {object}   options
 * @param {string}   options.name      Folder under .cache and database suffix.
 * @param {object}   options.ports     { chain, proxy, site, snapshot } from testPorts.
 * @param {boolean}  [options.governance] Also seed the demo Governor proposals (startStack).
 * @param {number}   [options.blockGasLimit] The node's block gas limit (startNode), for bulk
 *                                           transactions.
 * @param {string}   [options.objectCache] 'redis' for a persistent object cache (startStack).
 * @param {Function} [options.onRpc] ( payload, forward ) => Promise<{status, body}|null>: may
 *                                   answer a request itself (payload: the parsed JSON-RPC request
 *                                   or batch; forward( payload ) asks the node); null forwards it.
 * @return {Promise<object>} startStack's result, plus url, rpcCount(),
 *                           rpcMethods() (each request's JSON-RPC method, batches joined by +)
 *                           and closeProxy().
 */
export async function benchStack( { name, ports, governance = false, blockGasLimit = 0, objectCache = '', onRpc = null } ) {
	const dir = join( CACHE, `bench-${ name }` );
	const url = `http://127.0.0.1:${ ports.site }`;
	const stack = await startStack( { dir, chainPort: ports.chain, snapshotPort: ports.snapshot, dbName: `sp_bench_${ name }`, url, governance, blockGasLimit, objectCache } );
	const { deployment } = stack;

	const forward = async ( body ) => {
		const upstream = await fetch( stack.node.rpcUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: Buffer.isBuffer( body ) ? body : JSON.stringify( body ),
		} );
		return { status: upstream.status, body: Buffer.from( await upstream.arrayBuffer() ) };
	};
	let requests = 0;
	const methods = [];
	const proxy = createServer( ( request, response ) => {
		requests++;
		const chunks = [];
		request.on( 'data', ( chunk ) => chunks.push( chunk ) );
		request.on( 'end', async () => {
			let payload = null;
			try {
				payload = JSON.parse( Buffer.concat( chunks ) );
				methods.push( [ payload ].flat().map( describe ).join( '+' ) );
			} catch {
				methods.push( '(not JSON)' );
			}
			const answer = ( onRpc && payload !== null && ( await onRpc( payload, forward ) ) ) || ( await forward( Buffer.concat( chunks ) ) );
			response.writeHead( answer.status, { 'content-type': 'application/json' } );
			response.end( answer.body );
		} );
	} ).listen( ports.proxy, '127.0.0.1' );

	const seeded = join( dir, 'deployment.json' );
	mkdirSync( dir, { recursive: true } );
	mkdirSync( join( CACHE, 'bench' ), { recursive: true } );
	writeFileSync( seeded, JSON.stringify( { ...deployment, rpcUrl: `http://127.0.0.1:${ ports.proxy }` } ) );
	run( 'php', [ join( ROOT, 'scripts/php/seed.php' ), stack.site, seeded ] );
	return { ...stack, url, rpcCount: () => requests, rpcMethods: () => [ ...methods ], closeProxy: () => proxy.close() };
}

/** A JSON-RPC call in a few characters: its method, and for eth_call the 4-byte selector. */
function describe( call ) {
	const data = call.params?.[ 0 ]?.data ?? call.params?.[ 0 ]?.input;
	return call.method === 'eth_call' && typeof data === 'string' ? `eth_call ${ data.slice( 0, 10 ) }` : call.method;
}

/**
 * Runs a command without blocking this process (the counting proxy must keep answering while a
 * PHP script reads the chain through it); resolves with its standard output.
 */
export function runAsync( command, args ) {
	return new Promise( ( resolve, reject ) => {
		execFile( command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, ( error, stdout, stderr ) => {
			if ( error ) {
				error.stderr = stderr;
				reject( error );
			} else {
				resolve( stdout );
			}
		} );
	} );
}

/** A page view that must answer 200. */
export async function get( session, path ) {
	const response = await session.request( path );
	if ( response.status !== 200 ) {
		throw new Error( `${ path } answered ${ response.status }` );
	}
	return response;
}

/** Milliseconds until the response headers of path arrive, with the session's cookies. */
export async function ttfb( session, path ) {
	const started = process.hrtime.bigint();
	const response = await fetch( new URL( path, session.baseUrl ), { headers: { cookie: [ ...session.cookies ].map( ( [ k, v ] ) => `${ k }=${ v }` ).join( '; ' ) } } );
	const elapsed = Number( process.hrtime.bigint() - started ) / 1e6;
	await response.arrayBuffer();
	return elapsed;
}

export function median( values ) {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	return sorted[ Math.floor( sorted.length / 2 ) ];
}

/**
 * Median TTFB of each page, the pages requested in turn (five warm-up rounds first), the order
 * rotated every round so no page always runs first or last.
 *
 * @param {object}                 session From tests/e2e/http.mjs.
 * @param {Record<string, string>} pages   Name → path.
 * @param {number}                 rounds
 * @return {Promise<Record<string, number>>} Name → median milliseconds.
 */
export async function interleavedMedians( session, pages, rounds ) {
	const names = Object.keys( pages );
	const times = Object.fromEntries( names.map( ( n ) => [ n, [] ] ) );
	for ( let i = 0; i < 5; i++ ) {
		for ( const n of names ) {
			await ttfb( session, pages[ n ] );
		}
	}
	for ( let i = 0; i < rounds; i++ ) {
		for ( let j = 0; j < names.length; j++ ) {
			const n = names[ ( i + j ) % names.length ];
			times[ n ].push( await ttfb( session, pages[ n ] ) );
		}
	}
	return Object.fromEntries( names.map( ( n ) => [ n, median( times[ n ] ) ] ) );
}

export const verdict = ( ok ) => ( ok ? 'ok' : 'MISSED' );
