#!/usr/bin/env node
/**
 * Token gates on native PHP + MariaDB and the local chain, measured side by side:
 *  - JSON-RPC requests per page view, counted by a proxy in front of the node: a gated post and
 *    the home page (several gated posts and sections), cold (no cached holdings) and warm.
 *    Target: at most 1 per chain cold, 0 warm.
 *  - Time to first byte of the gated demo letter against an open twin with the same words, for
 *    the holder who reads it (warm cache) and for a visitor who gets the teaser; requests
 *    interleaved, medians compared. Target: gated / open <= 1.10.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/chain.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
import { CACHE, run, startPhpServer, testPorts } from '../scripts/lib/stack.mjs';
import { Session } from '../tests/e2e/http.mjs';
import { benchStack, get, interleavedMedians, verdict } from './lib.mjs';

const PORTS = testPorts( { chain: 18745, proxy: 18746, site: 18780, snapshot: 18747 } );
const ROUNDS = Number( process.env.BENCH_ROUNDS ?? 40 );

const { url, site, deployment, rpcCount, closeProxy } = await benchStack( { name: 'gates', ports: PORTS } );
const urls = JSON.parse( run( 'php', [ join( ROOT, 'bench/gates-setup.php' ), site, deployment.wallets[ 1 ].address ] ) );
await startPhpServer( { docroot: site, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.site } );

const holder = await new Session( url ).logIn( 'bench-citizen' );
const visitor = new Session( url );
const flush = () => run( 'php', [ join( ROOT, 'bench/gates-setup.php' ), site, '--flush' ] );
const rpcFor = async ( session, path ) => {
	const start = rpcCount();
	await get( session, path );
	return rpcCount() - start;
};

flush();
const rpc = {
	gatedPostCold: await rpcFor( holder, urls.gated ),
	gatedPostWarm: await rpcFor( holder, urls.gated ),
};
flush();
rpc.homeCold = await rpcFor( holder, urls.home );
rpc.homeWarm = await rpcFor( holder, urls.home );
rpc.visitor = await rpcFor( visitor, urls.gated );
if ( ! ( await holder.request( urls.gated ) ).text.includes( 'census goes on-chain' ) ) {
	throw new Error( 'The holder does not read the gated letter: the bench would time the wrong page.' );
}

const compare = async ( session ) => {
	const { gated, open } = await interleavedMedians( session, { gated: urls.gated, open: urls.open }, ROUNDS );
	return { gatedMs: gated, openMs: open, ratio: gated / open };
};
const timing = { holder: await compare( holder ), visitor: await compare( visitor ) };

const results = { rpc, timing, rounds: ROUNDS, targets: { rpcColdPerChain: 1, rpcWarm: 0, ttfbRatio: 1.1 } };
writeFileSync( join( CACHE, 'bench/gates.json' ), JSON.stringify( results, null, '\t' ) );
console.log( 'Token gates (one chain)' );
console.log( `  RPC requests, gated post: ${ rpc.gatedPostCold } cold, ${ rpc.gatedPostWarm } warm (target <= 1 / 0) ${ verdict( rpc.gatedPostCold <= 1 && rpc.gatedPostWarm === 0 ) }` );
console.log( `  RPC requests, home page with 3 gates: ${ rpc.homeCold } cold, ${ rpc.homeWarm } warm (target <= 1 / 0) ${ verdict( rpc.homeCold <= 1 && rpc.homeWarm === 0 ) }` );
console.log( `  RPC requests, visitor without a wallet: ${ rpc.visitor } (target 0) ${ verdict( rpc.visitor === 0 ) }` );
for ( const [ who, t ] of Object.entries( timing ) ) {
	console.log( `  TTFB ${ who }: gated ${ t.gatedMs.toFixed( 1 ) } ms, open ${ t.openMs.toFixed( 1 ) } ms, ${ t.ratio.toFixed( 3 ) }x (target <= 1.10) ${ verdict( t.ratio <= 1.1 ) }` );
}
closeProxy();
await shutdown( 0 );
