#!/usr/bin/env node
/**
 * Load on native PHP + MariaDB, the local chain and the local Snapshot stand-in, loopback only and
 * bounded in time. Five pages, each at a fixed concurrency (autocannon):
 *  - a gated post read by a holder (a logged-in member whose wallet holds the Citizen NFT),
 *  - the same post read by a non-holder (a logged-in member whose wallet holds nothing),
 *  - a page with three proposal blocks (the Governor's and Snapshot's),
 *  - the census page (the demo census, synced as `npm start` does),
 *  - an ordinary post.
 * Reported per page: requests per second per core, p50 and p99 latency, p99 as a ratio to the
 * ordinary post's (target <= 1.5), 5xx answers (target 0), and the JSON-RPC and Snapshot hub
 * requests the site sent during the measured runs (target 0: the warm path reads no source).
 *
 * Per core: the server is PHP's built-in server with WORKERS workers and OPcache on, as PHP runs
 * in production. Its CPU time (user + system of every process in its process group, from /proc)
 * is measured over each page's runs; "cores" is that CPU time divided by the wall time, and
 * requests per second per core is requests / PHP CPU seconds. The database's CPU time is
 * reported beside it, not counted in.
 *
 * The machine may be shared, so the pages take turns: ROUNDS rounds, each page loaded for
 * SECONDS / ROUNDS seconds in every round (the order rotated), and each page's latencies pooled
 * over its rounds. Every round starts from empty caches and one view of each page (the cold view,
 * its requests reported apart), so every measured run falls within the caches' freshness window
 * (60 s for holdings and live proposals) as it would between two refreshes on a live site.
 *
 * BENCH_LOAD_SECONDS (default 10), BENCH_LOAD_CONNECTIONS (8) and BENCH_LOAD_ROUNDS (4) change it;
 * BENCH_LOAD_OBJECT_CACHE=redis runs the site with a persistent object cache (Redis).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import autocannon from 'autocannon';

import { ROOT } from '../scripts/lib/chain.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
import { CACHE, run, startPhpServer, testPorts } from '../scripts/lib/stack.mjs';
import { Session } from '../tests/e2e/http.mjs';
import { FIXTURES } from '../tests/snapshot/fixtures.mjs';
import { benchStack, get, runAsync, verdict } from './lib.mjs';

const PORTS = testPorts( { chain: 18950, proxy: 18951, site: 18952, snapshot: 18953 } );
const SECONDS = Number( process.env.BENCH_LOAD_SECONDS ?? 10 );
const CONNECTIONS = Number( process.env.BENCH_LOAD_CONNECTIONS ?? 8 );
const ROUNDS = Number( process.env.BENCH_LOAD_ROUNDS ?? 4 );
const OBJECT_CACHE = process.env.BENCH_LOAD_OBJECT_CACHE ?? '';
const WARMUP_SECONDS = 2;
const WORKERS = 4;
const SETUP = join( ROOT, 'bench/load-setup.php' );
const TARGET_RATIO = 1.5;

const missing = async ( what ) => {
	console.error( `bench/load.mjs cannot run: ${ what }` );
	await shutdown( 1 );
};

const { url, site, deployment, snapshot, db, rpcCount, closeProxy } = await benchStack( {
	name: 'load',
	ports: PORTS,
	governance: true,
	objectCache: OBJECT_CACHE,
} );
const proposalsFile = join( CACHE, 'bench-load/proposals.json' );
writeFileSync(
	proposalsFile,
	JSON.stringify( [
		{ source: 'governor', chainId: deployment.chainId, governor: deployment.contracts.governor, proposalId: deployment.governance.active },
		...[ FIXTURES.activeSingle, FIXTURES.closedPassed ].map( ( p ) => ( { source: 'snapshot', space: p.space, proposalId: p.id } ) ),
	] )
);
let urls;
try {
	urls = JSON.parse( await runAsync( 'php', [ SETUP, site, deployment.wallets[ 1 ].address, deployment.wallets[ 3 ].address, proposalsFile ] ) );
	// The demo census (seeded with the site), synced once as `npm start` does.
	await runAsync( 'php', [ join( ROOT, 'scripts/php/census-sync.php' ), site, '60' ] );
} catch ( error ) {
	await missing( error.stderr?.trim() || error.stdout?.trim() || error.message );
}
const server = await startPhpServer( {
	docroot: site,
	router: join( ROOT, 'bench/load-router.php' ),
	port: PORTS.site,
	workers: WORKERS,
	ini: { 'opcache.enable_cli': '1', 'opcache.validate_timestamps': '0' },
} );

const holder = await new Session( url ).logIn( 'bench-citizen' );
const outsider = await new Session( url ).logIn( 'bench-outsider' );
const visitor = new Session( url );
const pages = {
	gatedHolder: { session: holder, path: urls.gated },
	gatedNonHolder: { session: outsider, path: urls.gated },
	proposals: { session: visitor, path: urls.proposals },
	census: { session: visitor, path: urls.census },
	ordinary: { session: visitor, path: urls.ordinary },
};
const names = Object.keys( pages );
const cookie = ( session ) => [ ...session.cookies ].map( ( [ k, v ] ) => `${ k }=${ v }` ).join( '; ' );
const hubCount = async () => ( await snapshot.control( {} ) ).requests.hub;
const flush = () => run( 'php', [ SETUP, site, '--flush' ] );

// Each page must show what it is meant to, or the bench would load the wrong thing.
flush();
const checks = {
	gatedHolder: ( html ) => html.includes( 'census goes on-chain' ),
	gatedNonHolder: ( html ) => ! html.includes( 'census goes on-chain' ) && html.includes( 'one year old' ),
	proposals: ( html ) => ( html.match( /<article class="sovereign-press-proposal /g )?.length ?? 0 ) === 3,
	census: ( html ) => /<svg\b/.test( html ),
	ordinary: ( html ) => html.includes( 'media territory' ),
};
for ( const name of names ) {
	const { text } = await get( pages[ name ].session, pages[ name ].path );
	if ( ! checks[ name ]( text ) ) {
		await missing( `the page "${ name }" (${ pages[ name ].path }) does not show what it should.` );
	}
}

/** CPU seconds (user + system) of every process in a process group, from /proc. */
const tick = Number( run( 'getconf', [ 'CLK_TCK' ] ).trim() );
function cpuSeconds( pgid ) {
	let ticks = 0;
	for ( const entry of readdirSync( '/proc' ) ) {
		if ( ! /^\d+$/.test( entry ) ) {
			continue;
		}
		let stat;
		try {
			stat = readFileSync( `/proc/${ entry }/stat`, 'utf8' );
		} catch {
			continue; // Gone meanwhile.
		}
		// After the command name in parentheses: state, ppid, pgrp, … utime (14th), stime (15th).
		const fields = stat.slice( stat.lastIndexOf( ')' ) + 2 ).split( ' ' );
		if ( Number( fields[ 2 ] ) === pgid ) {
			ticks += Number( fields[ 11 ] ) + Number( fields[ 12 ] );
		}
	}
	return ticks / tick;
}
const phpCpu = () => cpuSeconds( server.process.pid );
const dbCpu = () => cpuSeconds( db.process.pid );

/**
 * A new connection for the next request when the server said it closes this one (PHP's built-in
 * server closes every connection after its response). autocannon 8 would otherwise write the
 * next request to the closing socket and, once reconnected, time the reply from that lost
 * request's start, adding the reconnect to every latency.
 */
function reconnectOnClose( client ) {
	let closing = false;
	client.on( 'headers', ( info ) => {
		closing = info.shouldKeepAlive === false;
	} );
	const next = client._doRequest;
	client._doRequest = function () {
		if ( closing ) {
			closing = false;
			return this._resetConnection();
		}
		return next.call( this );
	};
}

/** One autocannon run; every response's status and latency kept in `into`. */
async function load( name, seconds, into = null ) {
	const { session, path } = pages[ name ];
	const instance = autocannon( {
		url: new URL( path, url ).href,
		connections: CONNECTIONS,
		duration: seconds,
		timeout: 10,
		setupClient: reconnectOnClose,
		headers: { cookie: cookie( session ) },
		// Every answer must still be the page it should be (a holder reads the letter, …).
		verifyBody: checks[ name ],
	} );
	if ( into ) {
		instance.on( 'response', ( client, status, bytes, ms ) => {
			into.latencies.push( ms );
			into.statuses[ status ] = ( into.statuses[ status ] ?? 0 ) + 1;
		} );
	}
	const result = await instance;
	if ( into ) {
		into.errors += result.errors;
		into.timeouts += result.timeouts;
		into.mismatches += result.mismatches;
	}
	return result;
}

const percentile = ( sorted, p ) => sorted[ Math.min( sorted.length - 1, Math.ceil( ( p / 100 ) * sorted.length ) - 1 ) ];
const stats = Object.fromEntries( names.map( ( n ) => [ n, { latencies: [], statuses: {}, errors: 0, timeouts: 0, mismatches: 0, seconds: 0, phpCpu: 0, dbCpu: 0, rpc: 0, hub: 0 } ] ) );
const cold = Object.fromEntries( names.map( ( n ) => [ n, { rpc: 0, hub: 0 } ] ) );

for ( const name of names ) {
	await load( name, WARMUP_SECONDS );
}
for ( let round = 0; round < ROUNDS; round++ ) {
	flush();
	for ( const name of names ) {
		const [ rpcBefore, hubBefore ] = [ rpcCount(), await hubCount() ];
		await get( pages[ name ].session, pages[ name ].path );
		cold[ name ].rpc += rpcCount() - rpcBefore;
		cold[ name ].hub += ( await hubCount() ) - hubBefore;
	}
	for ( let i = 0; i < names.length; i++ ) {
		const name = names[ ( round + i ) % names.length ];
		const s = stats[ name ];
		const [ rpcBefore, hubBefore, phpBefore, dbBefore, started ] = [ rpcCount(), await hubCount(), phpCpu(), dbCpu(), performance.now() ];
		await load( name, SECONDS / ROUNDS, s );
		s.seconds += ( performance.now() - started ) / 1000;
		s.phpCpu += phpCpu() - phpBefore;
		s.dbCpu += dbCpu() - dbBefore;
		s.rpc += rpcCount() - rpcBefore;
		s.hub += ( await hubCount() ) - hubBefore;
	}
}

const results = {};
for ( const name of names ) {
	const s = stats[ name ];
	const sorted = [ ...s.latencies ].sort( ( a, b ) => a - b );
	const requests = sorted.length;
	results[ name ] = {
		path: pages[ name ].path,
		requests,
		rps: requests / s.seconds,
		cores: s.phpCpu / s.seconds,
		rpsPerCore: requests / s.phpCpu,
		dbCores: s.dbCpu / s.seconds,
		p50Ms: percentile( sorted, 50 ),
		p99Ms: percentile( sorted, 99 ),
		statuses: s.statuses,
		status5xx: Object.entries( s.statuses ).reduce( ( sum, [ code, n ] ) => sum + ( Number( code ) >= 500 ? n : 0 ), 0 ),
		non200: Object.entries( s.statuses ).reduce( ( sum, [ code, n ] ) => sum + ( Number( code ) !== 200 ? n : 0 ), 0 ),
		errors: s.errors,
		timeouts: s.timeouts,
		wrongPage: s.mismatches,
		warm: { rpc: s.rpc, hub: s.hub },
		cold: { rpc: cold[ name ].rpc / ROUNDS, hub: cold[ name ].hub / ROUNDS },
	};
}
for ( const name of names ) {
	results[ name ].p99Ratio = results[ name ].p99Ms / results.ordinary.p99Ms;
	// PHP CPU time per request against the ordinary post's: what the page costs, whatever else runs.
	results[ name ].cpuRatio = results.ordinary.rpsPerCore / results[ name ].rpsPerCore;
}
const debugLog = ( () => {
	try {
		return readFileSync( join( site, 'debug.log' ), 'utf8' );
	} catch {
		return '';
	}
} )();
const phpProblems = debugLog.split( '\n' ).filter( ( line ) => /PHP (Warning|Notice|Deprecated|Fatal error)/.test( line ) ).length;

const report = {
	connections: CONNECTIONS,
	secondsPerPage: SECONDS,
	rounds: ROUNDS,
	phpWorkers: WORKERS,
	objectCache: OBJECT_CACHE || 'none',
	cpus: ( await import( 'node:os' ) ).availableParallelism(),
	perCore: 'requests / CPU seconds (user + system) of the PHP server\'s processes during the page\'s runs; cores = those CPU seconds / wall seconds',
	pages: results,
	phpProblems,
	targets: { p99Ratio: TARGET_RATIO, status5xx: 0, warmRpc: 0, warmHub: 0 },
};
writeFileSync( join( CACHE, 'bench/load.json' ), JSON.stringify( report, null, '\t' ) );

const labels = { gatedHolder: 'gated post, holder', gatedNonHolder: 'gated post, non-holder', proposals: 'three proposals', census: 'census page', ordinary: 'ordinary post' };
console.log(
	`Load (${ CONNECTIONS } connections, ${ SECONDS } s a page in ${ ROUNDS } turns, php -S with ${ WORKERS } workers and OPcache, ` +
		`object cache: ${ report.objectCache }, ${ report.cpus } CPUs shared)`
);
console.log( '  per core: requests per CPU second of the PHP server\'s processes (MariaDB\'s CPU shown apart)' );
for ( const name of names ) {
	const r = results[ name ];
	const ok = r.status5xx === 0 && r.non200 === 0 && r.errors === 0 && r.timeouts === 0 && r.wrongPage === 0 && r.warm.rpc === 0 && r.warm.hub === 0 && r.p99Ratio <= TARGET_RATIO;
	console.log(
		`  ${ labels[ name ].padEnd( 23 ) } ${ r.rps.toFixed( 1 ).padStart( 6 ) } rps on ${ r.cores.toFixed( 2 ) } cores = ${ r.rpsPerCore.toFixed( 1 ).padStart( 6 ) } rps/core (db ${ r.dbCores.toFixed( 2 ) } cores); ` +
			`CPU per request ${ r.cpuRatio.toFixed( 2 ) }x the ordinary post's; ` +
			`p50 ${ r.p50Ms.toFixed( 0 ) } ms, p99 ${ r.p99Ms.toFixed( 0 ) } ms, ${ r.p99Ratio.toFixed( 2 ) }x the ordinary post's p99 (target <= ${ TARGET_RATIO }); ` +
			`${ r.requests } requests, ${ r.status5xx } 5xx, ${ r.non200 - r.status5xx } other non-200, ${ r.errors + r.timeouts } errors or timeouts, ${ r.wrongPage } wrong pages; ` +
			`warm: ${ r.warm.rpc } RPC + ${ r.warm.hub } hub requests (cold view: ${ r.cold.rpc } + ${ r.cold.hub }) ${ verdict( ok ) }`
	);
}
console.log( `  PHP warnings, notices, deprecations or fatal errors in debug.log: ${ phpProblems } (target 0) ${ verdict( phpProblems === 0 ) }` );
closeProxy();
await shutdown( 0 );
