/**
 * A loopback HTTP proxy in front of one upstream (a JSON-RPC node or a Snapshot hub) that fails
 * the way real providers fail, switched at run time: the fault suite (tests/scale/faults.test.mjs)
 * puts one in front of the site's chain and one in front of its hub.
 *
 * Faults (FAULTS):
 * - none:        every request is forwarded as it is.
 * - delay:       the answer comes after delayMs (default 3000).
 * - drop:        the connection is closed without an answer.
 * - truncate:    the upstream's answer is cut in half, its declared length kept, the connection closed.
 * - rpc-error:   JSON-RPC: every call answered with an internal error (-32603); hub: a GraphQL
 *                `errors` answer.
 * - http-429:    429 Too Many Requests (Retry-After: 1), as a provider's rate limit does.
 * - http-500, http-502, http-503: that status, with a short HTML body as load balancers send.
 * - wrong-chain: JSON-RPC: eth_chainId answered with chainId (default 1), the other calls
 *                forwarded; hub: forwarded.
 * - enormous:    a 200 answer of bytes bytes (default 256 MiB): one endless JSON string.
 * - trickle:     the upstream's answer, one byte every delayMs (default 200).
 *
 * With `after`, the first `after` requests once the fault is set are forwarded untouched, so a
 * fault can strike in the middle of a multi-request job (a census sync).
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export const FAULTS = [ 'none', 'delay', 'drop', 'truncate', 'rpc-error', 'http-429', 'http-500', 'http-502', 'http-503', 'wrong-chain', 'enormous', 'trickle' ];

/**
 * @param {object} options
 * @param {number} options.port     Loopback port to listen on.
 * @param {string} options.upstream Base URL requests are forwarded to (their path appended).
 * @param {'rpc'|'hub'} options.kind What the upstream speaks: JSON-RPC or Snapshot's GraphQL.
 * @return {Promise<{url: string, set: (fault: string, options?: object) => void, requests: () => number, close: () => Promise<void>}>}
 */
export async function startFaultProxy( { port, upstream, kind } ) {
	let state = { fault: 'none', after: 0, seen: 0 };
	let requests = 0;

	const forward = async ( request, body ) => {
		const answer = await fetch( new URL( request.url, upstream ), {
			method: request.method,
			headers: { 'content-type': request.headers[ 'content-type' ] ?? 'application/json' },
			body: [ 'GET', 'HEAD' ].includes( request.method ) ? undefined : body,
		} );
		return { status: answer.status, type: answer.headers.get( 'content-type' ) ?? 'application/json', body: Buffer.from( await answer.arrayBuffer() ) };
	};
	const send = ( response, { status, type, body } ) => {
		response.writeHead( status, { 'content-type': type, 'content-length': body.length } );
		response.end( body );
	};
	const json = ( value ) => ( { status: 200, type: 'application/json', body: Buffer.from( JSON.stringify( value ) ) } );

	const handlers = {
		none: async ( request, response, body ) => send( response, await forward( request, body ) ),
		delay: async ( request, response, body ) => {
			await sleep( state.delayMs ?? 3000 );
			if ( ! response.destroyed ) {
				send( response, await forward( request, body ) );
			}
		},
		drop: async ( request ) => request.socket.destroy(),
		truncate: async ( request, response, body ) => {
			const answer = await forward( request, body );
			response.writeHead( answer.status, { 'content-type': answer.type, 'content-length': answer.body.length } );
			response.write( answer.body.subarray( 0, Math.floor( answer.body.length / 2 ) ), () => response.socket?.destroy() );
		},
		'rpc-error': async ( request, response, body ) => {
			if ( kind === 'hub' ) {
				return send( response, json( { errors: [ { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } } ] } ) );
			}
			const payload = parse( body );
			const error = ( call ) => ( { jsonrpc: '2.0', id: call?.id ?? null, error: { code: -32603, message: 'Internal error' } } );
			send( response, json( Array.isArray( payload ) ? payload.map( error ) : error( payload ) ) );
		},
		'wrong-chain': async ( request, response, body ) => {
			const payload = kind === 'rpc' ? parse( body ) : null;
			const calls = [ payload ].flat().filter( ( call ) => call && typeof call === 'object' );
			if ( ! calls.some( ( call ) => call.method === 'eth_chainId' ) ) {
				return send( response, await forward( request, body ) );
			}
			const wrong = `0x${ ( state.chainId ?? 1 ).toString( 16 ) }`;
			const rest = calls.filter( ( call ) => call.method !== 'eth_chainId' );
			const answered = rest.length === 0 ? [] : [ parse( ( await forward( request, JSON.stringify( rest ) ) ).body ) ].flat();
			const byId = new Map( answered.map( ( answer ) => [ answer?.id, answer ] ) );
			const answers = calls.map( ( call ) => ( call.method === 'eth_chainId' ? { jsonrpc: '2.0', id: call.id, result: wrong } : byId.get( call.id ) ) );
			send( response, json( Array.isArray( payload ) ? answers : answers[ 0 ] ) );
		},
		enormous: async ( request, response ) => {
			const size = state.bytes ?? 256 * 1024 * 1024;
			const head = kind === 'hub' ? '{"data":{"proposals":[{"id":"' : '{"jsonrpc":"2.0","id":1,"result":"0x';
			const tail = kind === 'hub' ? '"}]}}' : '"}';
			response.writeHead( 200, { 'content-type': 'application/json', 'content-length': size } );
			response.write( head );
			const chunk = Buffer.alloc( 64 * 1024, '0' );
			let left = size - head.length - tail.length;
			const closed = new Promise( ( resolve ) => response.once( 'close', resolve ) );
			while ( left > 0 && ! response.destroyed ) {
				const piece = left >= chunk.length ? chunk : chunk.subarray( 0, left );
				left -= piece.length;
				if ( ! response.write( piece ) ) {
					await Promise.race( [ new Promise( ( resolve ) => response.once( 'drain', resolve ) ), closed ] );
				}
			}
			if ( ! response.destroyed ) {
				response.end( tail );
			}
		},
		trickle: async ( request, response, body ) => {
			const answer = await forward( request, body );
			response.writeHead( answer.status, { 'content-type': answer.type, 'content-length': answer.body.length } );
			for ( let i = 0; i < answer.body.length && ! response.destroyed; i++ ) {
				response.write( answer.body.subarray( i, i + 1 ) );
				await sleep( state.delayMs ?? 200 );
			}
			if ( ! response.destroyed ) {
				response.end();
			}
		},
	};
	for ( const status of [ 429, 500, 502, 503 ] ) {
		handlers[ `http-${ status }` ] = async ( request, response ) => {
			const body = Buffer.from( `<html><body><h1>${ status }</h1></body></html>` );
			response.writeHead( status, { 'content-type': 'text/html', 'content-length': body.length, ...( status === 429 ? { 'retry-after': '1' } : {} ) } );
			response.end( body );
		};
	}

	const server = createServer( async ( request, response ) => {
		requests++;
		const chunks = [];
		for await ( const chunk of request ) {
			chunks.push( chunk );
		}
		state.seen++;
		const fault = state.seen > state.after ? state.fault : 'none';
		try {
			await handlers[ fault ]( request, response, Buffer.concat( chunks ) );
		} catch {
			// The upstream or the client went away: close this connection too.
			response.destroy();
		}
	} );
	server.listen( port, '127.0.0.1' );
	await once( server, 'listening' );
	return {
		url: `http://127.0.0.1:${ port }`,
		/**
		 * @param {string} fault One of FAULTS.
		 * @param {{after?: number, delayMs?: number, bytes?: number, chainId?: number}} [options]
		 */
		set( fault, options = {} ) {
			if ( ! FAULTS.includes( fault ) ) {
				throw new Error( `Unknown fault "${ fault }"; one of ${ FAULTS.join( ', ' ) }.` );
			}
			state = { after: 0, ...options, fault, seen: 0 };
		},
		requests: () => requests,
		close: () =>
			new Promise( ( resolve ) => {
				server.close( resolve );
				server.closeAllConnections();
			} ),
	};
}

function parse( body ) {
	try {
		return JSON.parse( body );
	} catch {
		return null;
	}
}
