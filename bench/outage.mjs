#!/usr/bin/env node
/**
 * A holder's gated view while the chain's node hangs, with the network's circuit breaker, against
 * the same view with the node up. Holdings are not remembered (cacheTtl 0), so every view asks the
 * chain, as a view does once its cached holdings expire.
 *  - up: median time to first byte with the node answering (one JSON-RPC request per view);
 *  - first: the first view once the node hangs (it waits the gates' 1.5 s budget and opens the
 *    breaker);
 *  - steady: median of the views after it while the breaker is open (target <= 1.5x up, and no
 *    request reaches the node);
 *  - without the breaker (breakerSeconds 0): the median of views that each wait the budget again;
 *  - recovery: once the node is back and the open time is over, one view probes and reads again.
 * Every view during the outage must show the honest message and answer 200.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/chain.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
import { CACHE, run, startPhpServer, testPorts } from '../scripts/lib/stack.mjs';
import { Session } from '../tests/e2e/http.mjs';
import { benchStack, median, ttfb, verdict } from './lib.mjs';

const PORTS = testPorts( { chain: 18960, proxy: 18961, site: 18962, snapshot: 18963 } );
const ROUNDS = Number( process.env.BENCH_ROUNDS ?? 40 );
const HONEST = 'We could not verify your holdings right now';

// While `down`, the proxy holds each request for 5 s (longer than any budget) and then fails it.
let down = false;
const hang = () => new Promise( ( resolve ) => setTimeout( () => resolve( { status: 503, body: '{}' } ), 5000 ) );
const { url, site, deployment, rpcCount, closeProxy } = await benchStack( { name: 'outage', ports: PORTS, onRpc: () => ( down ? hang() : null ) } );
const urls = JSON.parse( run( 'php', [ join( ROOT, 'bench/gates-setup.php' ), site, deployment.wallets[ 1 ].address ] ) );
const configure = ( gating ) => run( 'php', [ join( ROOT, 'bench/outage-setup.php' ), site, JSON.stringify( { cacheTtl: 0, ...gating } ) ] );
await startPhpServer( { docroot: site, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.site } );
const holder = await new Session( url ).logIn( 'bench-citizen' );

/** One view: its time to first byte, and a check that it answered 200 with the expected message. */
const view = async ( expectHonest ) => {
	const started = process.hrtime.bigint();
	const response = await fetch( new URL( urls.gated, url ), { headers: { cookie: [ ...holder.cookies ].map( ( [ k, v ] ) => `${ k }=${ v }` ).join( '; ' ) } } );
	const ms = Number( process.hrtime.bigint() - started ) / 1e6;
	const text = await response.text();
	if ( response.status !== 200 || text.includes( HONEST ) !== expectHonest ) {
		throw new Error( `The gated view answered ${ response.status } and ${ expectHonest ? 'did not show' : 'showed' } the message of an unavailable chain.` );
	}
	return ms;
};
/** Median time to first byte of `rounds` views (each view timed alone, without the check). */
const timed = async ( rounds ) => {
	const times = [];
	for ( let i = 0; i < rounds; i++ ) {
		times.push( await ttfb( holder, urls.gated ) );
	}
	return median( times );
};

configure( { breakerSeconds: 30 } );
await view( false );
await timed( 5 );
const upMs = await timed( ROUNDS );
const upRpc = rpcCount();
await view( false );
const rpcPerView = rpcCount() - upRpc;

down = true;
const firstMs = await view( true );
const before = rpcCount();
await view( true );
const steadyMs = await timed( ROUNDS );
const steadyRpc = rpcCount() - before;

configure( { breakerSeconds: 0 } );
await view( true );
const offMs = await timed( 5 );

configure( { breakerSeconds: 2 } );
await view( true );
down = false;
await new Promise( ( resolve ) => setTimeout( resolve, 2100 ) );
const probe = rpcCount();
await view( false );
const recovered = rpcCount() - probe;

const results = {
	upMs,
	firstMs,
	steadyMs,
	withoutBreakerMs: offMs,
	ratios: { first: firstMs / upMs, steady: steadyMs / upMs, withoutBreaker: offMs / upMs },
	rpc: { perViewUp: rpcPerView, steadyOutage: steadyRpc, recoveryView: recovered },
	rounds: ROUNDS,
	targets: { steadyRatio: 1.5, steadyRpc: 0 },
};
writeFileSync( join( CACHE, 'bench/outage.json' ), JSON.stringify( results, null, '\t' ) );
const ok = results.ratios.steady <= 1.5 && steadyRpc === 0;
console.log( 'Gated view during an RPC outage (node hanging, gates budget 1.5 s, holdings not cached)' );
console.log( `  node up: ${ upMs.toFixed( 1 ) } ms (${ rpcPerView } JSON-RPC request per view)` );
console.log( `  first view of the outage: ${ firstMs.toFixed( 1 ) } ms, ${ results.ratios.first.toFixed( 2 ) }x up` );
console.log( `  steady state, breaker open: ${ steadyMs.toFixed( 1 ) } ms, ${ results.ratios.steady.toFixed( 2 ) }x up, ${ steadyRpc } requests to the node (target <= 1.5x, 0) ${ verdict( ok ) }` );
console.log( `  without the breaker: ${ offMs.toFixed( 1 ) } ms, ${ results.ratios.withoutBreaker.toFixed( 2 ) }x up` );
console.log( `  node back, open time over: the next view read the chain again (${ recovered } request) ${ verdict( recovered === 1 ) }` );
closeProxy();
await shutdown( 0 );
