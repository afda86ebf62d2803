#!/usr/bin/env node
/**
 * The census on native PHP + MariaDB and the local chain, at the scale of a large society:
 *  - A BulkToken (tests/chain/contracts/BulkToken.sol) makes 100,000 Transfer events over 50,000
 *    holders, 500 events a block with 20 empty blocks after each (bench/census-events.mjs); the
 *    time that takes is reported.
 *  - The site reads the chain through a proxy that answers as Infura does: more than 10,000 logs in
 *    one eth_getLogs is refused with -32005 and a suggested range, so the indexer's adaptive range
 *    is in play as on a real provider.
 *  - The census is synced from nothing three times, to the block holding the 25,000th, the
 *    50,000th and the 100,000th event (the confirmation depth puts the target there): time and
 *    peak PHP memory of each whole sync (scan, Merkle tree, snapshot). Target: memory flat and
 *    under 64 MB.
 *  - Indexing time (the scan phase of the 100,000-event sync) against the time to merely fetch
 *    the same logs over RPC: every eth_getLogs the indexer got an answer to, replayed in the same
 *    ranges through the same proxy and the plugin's own transport. Target: <= 2x.
 *  - Time to first byte of a page with the Census block against an ordinary page holding the same
 *    rendered HTML, warm, interleaved medians. Target: <= 1.10x.
 *  - The members CSV export (GET /census/members?format=csv) of the 50,000 holders: time to the
 *    last byte.
 *
 * BENCH_CENSUS_EVENTS and BENCH_CENSUS_HOLDERS scale it down for a quick look.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/chain.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
import { CACHE, startPhpServer, testPorts } from '../scripts/lib/stack.mjs';
import { Session } from '../tests/e2e/http.mjs';
import { bulkEvents } from './census-events.mjs';
import { benchStack, get, interleavedMedians, runAsync, verdict } from './lib.mjs';

const PORTS = testPorts( { chain: 18855, proxy: 18856, site: 18890, snapshot: 18857 } );
const EVENTS = Number( process.env.BENCH_CENSUS_EVENTS ?? 100_000 );
const HOLDERS = Number( process.env.BENCH_CENSUS_HOLDERS ?? 50_000 );
const MARKS = [ EVENTS / 4, EVENTS / 2, EVENTS ];
const ROUNDS = Number( process.env.BENCH_ROUNDS ?? 40 );
/** Infura's eth_getLogs result cap. */
const LOG_LIMIT = 10_000;
const SETUP = join( ROOT, 'bench/census-setup.php' );
const MB = 1024 * 1024;

const missing = async ( what ) => {
	console.error( `bench/census.mjs cannot run: ${ what }` );
	await shutdown( 1 );
};

// The proxy's provider behaviour, and the eth_getLogs filters answered while `recorded` is a list.
let recorded = null;
let refusals = 0;
const hex = ( n ) => `0x${ n.toString( 16 ) }`;
const onRpc = async ( payload, forward ) => {
	const calls = [ payload ].flat();
	if ( ! calls.some( ( call ) => call?.method === 'eth_getLogs' ) ) {
		return null;
	}
	const answer = await forward( payload );
	const body = JSON.parse( answer.body );
	const results = [ body ].flat();
	let refused = false;
	for ( const result of results ) {
		const call = calls.find( ( c ) => c?.id === result?.id );
		if ( call?.method !== 'eth_getLogs' || ! Array.isArray( result.result ) ) {
			continue;
		}
		if ( result.result.length <= LOG_LIMIT ) {
			recorded?.push( call.params[ 0 ] );
			continue;
		}
		// As Infura: the range up to the block before the one holding the first log past the cap.
		const from = Number( call.params[ 0 ].fromBlock );
		const to = Math.max( from, Number( result.result[ LOG_LIMIT ].blockNumber ) - 1 );
		refusals++;
		refused = true;
		delete result.result;
		result.error = {
			code: -32005,
			message: `query returned more than ${ LOG_LIMIT } results. Try with this block range [${ hex( from ).toUpperCase().replace( 'X', 'x' ) }, ${ hex( to ).toUpperCase().replace( 'X', 'x' ) }].`,
			data: { from: hex( from ), to: hex( to ), limit: LOG_LIMIT },
		};
	}
	return refused ? { status: 200, body: JSON.stringify( Array.isArray( body ) ? results : results[ 0 ] ) } : answer;
};

const stack = await benchStack( { name: 'census', ports: PORTS, blockGasLimit: 1_000_000_000, onRpc } );
const { url, site } = stack;
const php = async ( ...args ) => JSON.parse( await runAsync( 'php', [ SETUP, site, ...args ] ) );

console.log( `Census: making ${ EVENTS.toLocaleString( 'en' ) } Transfer events over ${ HOLDERS.toLocaleString( 'en' ) } holders…` );
const events = await bulkEvents( stack.node.rpcUrl, { holders: HOLDERS, events: EVENTS, perBlock: 500, gap: 20, marks: MARKS } );
const head = Number(
	( await ( await fetch( stack.node.rpcUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify( { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] } ),
	} ) ).json() ).result
);

// One sync from nothing per mark; the 100,000-event one is recorded for the fetch baseline.
const syncs = {};
for ( const mark of MARKS ) {
	const confirmations = head - events.marks[ mark ];
	try {
		await php( 'configure', JSON.stringify( { ...stack.deployment, bulk: { address: events.address, startBlock: events.startBlock, confirmations } } ) );
	} catch ( error ) {
		await missing( error.stderr?.trim() || error.message );
	}
	recorded = mark === EVENTS ? [] : null;
	const refusedBefore = refusals;
	try {
		syncs[ mark ] = await php( 'sync' );
	} catch ( error ) {
		await missing( error.stderr?.trim() || error.message );
	}
	syncs[ mark ].refusals = refusals - refusedBefore;
	syncs[ mark ].block = events.marks[ mark ];
	if ( ! syncs[ mark ].ok ) {
		await missing( `the sync to event ${ mark } failed: ${ syncs[ mark ].message }` );
	}
}
const filters = recorded;
recorded = null;
const filtersFile = join( CACHE, 'bench-census/getlogs.json' );
writeFileSync( filtersFile, JSON.stringify( filters ) );
// Three replays, the median kept (the node answers a repeated query no slower).
const replays = [];
for ( let i = 0; i < 3; i++ ) {
	replays.push( await php( 'replay', filtersFile, `http://127.0.0.1:${ PORTS.proxy }` ) );
}
const fetchOnly = replays.sort( ( a, b ) => a.seconds - b.seconds )[ 1 ];
const full = syncs[ EVENTS ];
const indexing = {
	scanSeconds: full.scanSeconds,
	fetchSeconds: fetchOnly.seconds,
	fetchRuns: replays.map( ( r ) => r.seconds ),
	ratio: full.scanSeconds / fetchOnly.seconds,
	requests: filters.length,
	logs: fetchOnly.logs,
};

// The page with the Census block and its ordinary twin.
let pages;
try {
	pages = await php( 'pages' );
} catch ( error ) {
	await missing( error.stderr?.trim() || error.message );
}
if ( ! /<svg\b/.test( pages.rendered ) || ! pages.rendered.includes( HOLDERS.toLocaleString( 'en' ) ) ) {
	await missing( `the Census block does not render a chart and the population ${ HOLDERS.toLocaleString( 'en' ) }: ${ pages.rendered.slice( 0, 400 ) }` );
}
await startPhpServer( { docroot: site, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.site } );
const visitor = new Session( url );
await get( visitor, pages.census );
const medians = await interleavedMedians( visitor, { census: pages.census, ordinary: pages.ordinary }, ROUNDS );
const ttfb = { censusMs: medians.census, ordinaryMs: medians.ordinary, ratio: medians.census / medians.ordinary };

// The members export: every holder of the snapshot, one line each.
const csvStarted = performance.now();
const csvResponse = await fetch( `${ url }/wp-json/sovereign-press/v1/census/members?format=csv` );
const csv = await csvResponse.text();
const csvSeconds = ( performance.now() - csvStarted ) / 1000;
const csvRows = csv.trim().split( '\n' ).length - 1;
if ( csvResponse.status !== 200 || csvRows !== HOLDERS ) {
	await missing( `the members CSV answered ${ csvResponse.status } with ${ csvRows } rows, not ${ HOLDERS }.` );
}

const results = {
	events: { count: EVENTS, holders: HOLDERS, blocks: events.endBlock - events.startBlock + 1, seconds: events.seconds, gas: String( events.gasUsed ) },
	syncs,
	indexing,
	ttfb,
	csv: { seconds: csvSeconds, rows: csvRows, bytes: csv.length },
	rounds: ROUNDS,
	targets: { indexingRatio: 2, peakMemoryMb: 64, ttfbRatio: 1.1 },
};
writeFileSync( join( CACHE, 'bench/census.json' ), JSON.stringify( results, null, '\t' ) );
const peaks = MARKS.map( ( mark ) => syncs[ mark ].peakBytes / MB );
console.log( `Census (${ EVENTS.toLocaleString( 'en' ) } Transfer events, ${ HOLDERS.toLocaleString( 'en' ) } holders, ${ results.events.blocks.toLocaleString( 'en' ) } blocks; provider cap ${ LOG_LIMIT.toLocaleString( 'en' ) } logs)` );
console.log( `  events made in ${ events.seconds.toFixed( 1 ) } s (${ ( Number( events.gasUsed ) / 1e9 ).toFixed( 2 ) } Ggas)` );
for ( const mark of MARKS ) {
	const s = syncs[ mark ];
	console.log(
		`  sync from nothing to event ${ mark.toLocaleString( 'en' ) }: ${ s.seconds.toFixed( 1 ) } s (scan ${ s.scanSeconds.toFixed( 1 ) } s, ${ s.refusals } range refusals), ` +
			`peak PHP memory ${ ( s.peakBytes / MB ).toFixed( 1 ) } MB allocated, ${ ( s.usedBytes / MB ).toFixed( 1 ) } MB used (WordPress loaded: ${ ( s.baseBytes / MB ).toFixed( 1 ) } MB; ` +
			Object.entries( s.phaseBytes ).map( ( [ phase, bytes ] ) => `${ phase } ${ ( bytes / MB ).toFixed( 1 ) }` ).join( ', ' ) +
			')'
	);
}
console.log( `  peak PHP memory at 25% / 50% / 100%: ${ peaks.map( ( p ) => p.toFixed( 1 ) ).join( ' / ' ) } MB (target flat, < 64) ${ verdict( Math.max( ...peaks ) < 64 && Math.max( ...peaks ) - Math.min( ...peaks ) < 4 ) }` );
console.log( `  indexing ${ indexing.scanSeconds.toFixed( 2 ) } s vs fetching the same ${ indexing.logs.toLocaleString( 'en' ) } logs in the same ${ indexing.requests } ranges ${ indexing.fetchSeconds.toFixed( 2 ) } s (median of ${ indexing.fetchRuns.map( ( t ) => t.toFixed( 2 ) ).join( ', ' ) }): ${ indexing.ratio.toFixed( 2 ) }x (target <= 2) ${ verdict( indexing.ratio <= 2 ) }` );
console.log( `  TTFB census page warm: ${ ttfb.censusMs.toFixed( 1 ) } ms, ordinary page ${ ttfb.ordinaryMs.toFixed( 1 ) } ms, ${ ttfb.ratio.toFixed( 3 ) }x (target <= 1.10) ${ verdict( ttfb.ratio <= 1.1 ) }` );
console.log( `  members CSV, ${ csvRows.toLocaleString( 'en' ) } holders: ${ csvSeconds.toFixed( 2 ) } s, ${ ( csv.length / MB ).toFixed( 1 ) } MB` );
stack.closeProxy();
await shutdown( 0 );
