/**
 * The fault proxy (scripts/lib/fault-proxy.mjs) fails the way it says, in front of a small
 * JSON-RPC upstream: what the fault suite (tests/scale/faults.test.mjs) relies on.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request as httpRequest, createServer } from 'node:http';
import { after, before, it } from 'node:test';

import { startFaultProxy } from '../../scripts/lib/fault-proxy.mjs';
import { testPorts } from '../../scripts/lib/stack.mjs';

const PORTS = testPorts( { upstream: 19117, proxy: 19118 } );
let upstream;
let proxy;

const rpc = ( body ) =>
	fetch( proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify( body ), signal: AbortSignal.timeout( 10000 ) } );

/** A raw POST: status, declared length and the bytes that arrived before the connection ended. */
const raw = ( body ) =>
	new Promise( ( resolve ) => {
		const request = httpRequest( proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' } }, ( response ) => {
			let received = 0;
			response.on( 'data', ( chunk ) => ( received += chunk.length ) );
			const done = () => resolve( { status: response.statusCode, declared: Number( response.headers[ 'content-length' ] ), received } );
			response.on( 'end', done );
			response.on( 'error', done );
			response.on( 'aborted', done );
		} );
		request.on( 'error', ( error ) => resolve( { error: error.code } ) );
		request.end( JSON.stringify( body ) );
	} );

before( async () => {
	upstream = createServer( ( request, response ) => {
		let body = '';
		request.on( 'data', ( chunk ) => ( body += chunk ) );
		request.on( 'end', () => {
			const payload = JSON.parse( body );
			const answer = ( call ) => ( { jsonrpc: '2.0', id: call.id, result: call.method === 'eth_chainId' ? '0x7a69' : '0x10' } );
			response.writeHead( 200, { 'content-type': 'application/json' } );
			response.end( JSON.stringify( Array.isArray( payload ) ? payload.map( answer ) : answer( payload ) ) );
		} );
	} ).listen( PORTS.upstream, '127.0.0.1' );
	await once( upstream, 'listening' );
	proxy = await startFaultProxy( { port: PORTS.proxy, upstream: `http://127.0.0.1:${ PORTS.upstream }`, kind: 'rpc' } );
} );

after( async () => {
	await proxy.close();
	upstream.close();
} );

const call = { jsonrpc: '2.0', id: 7, method: 'eth_blockNumber', params: [] };

it( 'forwards untouched without a fault, and for the first `after` requests of one', async () => {
	proxy.set( 'none' );
	assert.deepEqual( await ( await rpc( call ) ).json(), { jsonrpc: '2.0', id: 7, result: '0x10' } );
	proxy.set( 'http-503', { after: 1 } );
	assert.equal( ( await rpc( call ) ).status, 200 );
	assert.equal( ( await rpc( call ) ).status, 503 );
} );

it( 'answers with HTTP 429 (Retry-After) and 5xx statuses', async () => {
	for ( const status of [ 429, 500, 502, 503 ] ) {
		proxy.set( `http-${ status }` );
		const response = await rpc( call );
		assert.equal( response.status, status );
		assert.equal( response.headers.get( 'retry-after' ), status === 429 ? '1' : null );
	}
} );

it( 'answers every call of a batch with a JSON-RPC error', async () => {
	proxy.set( 'rpc-error' );
	const answers = await ( await rpc( [ call, { ...call, id: 8 } ] ) ).json();
	assert.deepEqual( answers.map( ( a ) => [ a.id, a.error.code ] ), [ [ 7, -32603 ], [ 8, -32603 ] ] );
} );

it( 'answers eth_chainId with another chain and forwards the other calls of the batch', async () => {
	proxy.set( 'wrong-chain', { chainId: 5 } );
	const answers = await ( await rpc( [ { ...call, id: 1, method: 'eth_chainId' }, call ] ) ).json();
	assert.deepEqual( answers, [ { jsonrpc: '2.0', id: 1, result: '0x5' }, { jsonrpc: '2.0', id: 7, result: '0x10' } ] );
} );

it( 'drops the connection, truncates a body, and sends an enormous one', async () => {
	proxy.set( 'drop' );
	assert.equal( ( await raw( call ) ).error, 'ECONNRESET' );
	proxy.set( 'truncate' );
	const truncated = await raw( call );
	assert.ok( truncated.received < truncated.declared, JSON.stringify( truncated ) );
	proxy.set( 'enormous', { bytes: 8 * 1024 * 1024 } );
	assert.deepEqual( await raw( call ), { status: 200, declared: 8 * 1024 * 1024, received: 8 * 1024 * 1024 } );
} );

it( 'delays an answer and trickles one', async () => {
	proxy.set( 'delay', { delayMs: 400 } );
	let started = performance.now();
	assert.equal( ( await rpc( call ) ).status, 200 );
	assert.ok( performance.now() - started >= 400 );
	proxy.set( 'trickle', { delayMs: 10 } );
	started = performance.now();
	const body = await ( await rpc( call ) ).text();
	assert.equal( body, JSON.stringify( { jsonrpc: '2.0', id: 7, result: '0x10' } ) );
	assert.ok( performance.now() - started >= body.length * 10 * 0.9 );
} );
