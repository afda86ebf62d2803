#!/usr/bin/env node
/**
 * DAO proposals on native PHP + MariaDB, the local chain and the local Snapshot stand-in,
 * measured side by side:
 *  - Snapshot hub requests for a page with three Snapshot proposal blocks, counted by the
 *    stand-in itself (GET /__control): first view (every cache empty), cold (the proposals
 *    expired, as every 60 s on a live site; what never changes still cached) and warm.
 *    Target: 1 first view and cold, 0 warm.
 *  - JSON-RPC requests for a page with three Governor proposal blocks (one chain), counted by a
 *    proxy in front of the node: first view, cold and warm as above. The first view also reads
 *    what is then kept for good (token, quorum at the snapshot, descriptions, block times, the
 *    authors' ENS names). Target: at most 1 per chain cold, 0 warm.
 *  - Time to first byte of both pages warm, each against an ordinary page holding the same
 *    rendered HTML as static content; requests interleaved, medians compared. Target: <= 1.10.
 *  - The proposal block's JavaScript: what a page with it loads before the click, and what the
 *    Vote button loads on click (bench/weight.mjs, which reads build/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/chain.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
import { CACHE, run, startPhpServer, testPorts } from '../scripts/lib/stack.mjs';
import { Session } from '../tests/e2e/http.mjs';
import { FIXTURES } from '../tests/snapshot/fixtures.mjs';
import { benchStack, get, interleavedMedians, runAsync, verdict } from './lib.mjs';

const PORTS = testPorts( { chain: 18755, proxy: 18756, site: 18790, snapshot: 18757 } );
const ROUNDS = Number( process.env.BENCH_ROUNDS ?? 40 );

// What this bench needs from the plugin and the scripts, reported by name when absent.
const missing = async ( what ) => {
	console.error( `bench/governance.mjs cannot run: ${ what }` );
	await shutdown( 1 );
};
const { url, site, deployment, snapshot, rpcCount, rpcMethods, closeProxy } = await benchStack( {
	name: 'governance',
	ports: PORTS,
	governance: true,
} );
for ( const name of [ 'executed', 'defeated', 'active' ] ) {
	if ( ! /^\d+$/.test( deployment.governance?.[ name ] ?? '' ) ) {
		await missing( `startStack( { governance: true } ) left no decimal proposal id at deployment.governance.${ name }.` );
	}
}

// Three of each source: live and final ones, so both cache lifetimes are in play.
const snapshotProposals = [ FIXTURES.activeSingle, FIXTURES.activeBasic, FIXTURES.closedPassed ];
const governorProposals = [ 'active', 'executed', 'defeated' ].map( ( name ) => deployment.governance[ name ] );
const pagesFile = join( CACHE, 'bench-governance/pages.json' );
writeFileSync(
	pagesFile,
	JSON.stringify( {
		snapshot: snapshotProposals.map( ( p ) => ( { source: 'snapshot', space: p.space, proposalId: p.id } ) ),
		governor: governorProposals.map( ( id ) => ( { source: 'governor', chainId: deployment.chainId, governor: deployment.contracts.governor, proposalId: id } ) ),
	} )
);
let urls;
try {
	urls = JSON.parse( await runAsync( 'php', [ join( ROOT, 'bench/governance-setup.php' ), site, pagesFile ] ) );
} catch ( error ) {
	await missing( error.stderr?.trim() || error.message );
}
// Timing placeholders would measure the wrong page.
for ( const name of [ 'snapshot', 'governor' ] ) {
	const html = urls[ `${ name }Rendered` ];
	const shown = html.match( /<article class="sovereign-press-proposal /g )?.length ?? 0;
	if ( shown !== 3 ) {
		const reasons = [ ...html.matchAll( /sovereign-press-proposal__placeholder is-reason-(\w+)/g ) ].map( ( m ) => m[ 1 ] );
		await missing(
			`the ${ name } page renders ${ shown } of its 3 proposals (placeholders: ${ reasons.join( ', ' ) || 'none' }).` +
				( name === 'snapshot' ? ' Is the Snapshot source or the governance settings section (hubUrl) missing?' : '' )
		);
	}
}
await startPhpServer( { docroot: site, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.site } );

const visitor = new Session( url );
const flush = () => run( 'php', [ join( ROOT, 'bench/governance-setup.php' ), site, '--flush' ] );
const hubCount = async () => ( await snapshot.control( {} ) ).requests.hub;
const requestsFor = async ( count, path ) => {
	const start = await count();
	await get( visitor, path );
	return ( await count() ) - start;
};

// First view: every cache empty (ENS names, a Governor's token and metadata, descriptions, block
// times, proposals). Cold: only the proposals are due again (expired as they are every 60 s on a
// live site), what never changes still cached.
const expire = ( name ) => run( 'php', [ join( ROOT, 'bench/governance-setup.php' ), site, '--expire', pagesFile, name ] );
const tally = ( methods ) => [ ...methods.reduce( ( counts, m ) => counts.set( m, ( counts.get( m ) ?? 0 ) + 1 ), new Map() ) ].map( ( [ m, n ] ) => `${ n }x ${ m }` ).join( ', ' );
flush();
const rpcBefore = rpcCount();
const hub = { first: await requestsFor( hubCount, urls.snapshot ) };
// Authors' ENS names come from the chain, for Snapshot proposals too.
hub.rpc = rpcCount() - rpcBefore;
hub.warm = await requestsFor( hubCount, urls.snapshot );
expire( 'snapshot' );
hub.cold = await requestsFor( hubCount, urls.snapshot );
flush();
let from = rpcMethods().length;
const rpc = { first: await requestsFor( rpcCount, urls.governor ) };
rpc.firstMethods = rpcMethods().slice( from );
rpc.warm = await requestsFor( rpcCount, urls.governor );
expire( 'governor' );
from = rpcMethods().length;
rpc.cold = await requestsFor( rpcCount, urls.governor );
rpc.coldMethods = rpcMethods().slice( from );

const medians = await interleavedMedians(
	visitor,
	{ snapshot: urls.snapshot, snapshotOrdinary: urls.snapshotOrdinary, governor: urls.governor, governorOrdinary: urls.governorOrdinary },
	ROUNDS
);
const timing = Object.fromEntries(
	[ 'snapshot', 'governor' ].map( ( name ) => [
		name,
		{ proposalsMs: medians[ name ], ordinaryMs: medians[ `${ name }Ordinary` ], ratio: medians[ name ] / medians[ `${ name }Ordinary` ] },
	] )
);
// Counted after the timing too: a warm page must not have gone back to a source meanwhile.
const after = { hub: await hubCount(), rpc: rpcCount() };
await get( visitor, urls.snapshot );
await get( visitor, urls.governor );
const stillWarm = { hub: ( await hubCount() ) - after.hub, rpc: rpcCount() - after.rpc };

const results = { hub, rpc, stillWarm, timing, rounds: ROUNDS, targets: { hubFirst: 1, hubCold: 1, hubWarm: 0, rpcColdPerChain: 1, rpcWarm: 0, ttfbRatio: 1.1 } };
writeFileSync( join( CACHE, 'bench/governance.json' ), JSON.stringify( results, null, '\t' ) );
console.log( 'DAO proposals (three per page, one hub, one chain)' );
console.log( `  Hub requests, 3 Snapshot proposals: ${ hub.first } first view, ${ hub.cold } cold, ${ hub.warm } warm (target 1 / 1 / 0) ${ verdict( hub.first <= 1 && hub.cold <= 1 && hub.warm === 0 ) }; JSON-RPC requests (authors' ENS names, first view): ${ hub.rpc }` );
console.log( `  RPC requests, 3 Governor proposals: ${ rpc.first } first view, ${ rpc.cold } cold, ${ rpc.warm } warm (target cold <= 1, warm 0) ${ verdict( rpc.cold <= 1 && rpc.warm === 0 ) }` );
console.log( `    first view: ${ tally( rpc.firstMethods ) }` );
console.log( `    cold: ${ tally( rpc.coldMethods ) }` );
console.log( `  after ${ ROUNDS } timing rounds, one more view each: ${ stillWarm.hub } hub, ${ stillWarm.rpc } RPC requests` );
for ( const [ name, t ] of Object.entries( timing ) ) {
	console.log( `  TTFB ${ name } page warm: ${ t.proposalsMs.toFixed( 1 ) } ms, ordinary page ${ t.ordinaryMs.toFixed( 1 ) } ms, ${ t.ratio.toFixed( 3 ) }x (target <= 1.10) ${ verdict( t.ratio <= 1.1 ) }` );
}
closeProxy();
await shutdown( 0 );
