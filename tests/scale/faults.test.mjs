/**
 * Every way an RPC provider or a Snapshot hub fails, on the real stack: WordPress on PHP's server
 * (a pool's memory limit), MariaDB, a hardhat chain with the demo society and its Governor
 * proposals, the Snapshot stand-in, the site's chain and hub each behind a fault proxy
 * (scripts/lib/fault-proxy.mjs). One stack for every fault; for each one:
 * - a holder's gated post stays closed with the honest message, within the gate's time budget,
 *   and the next view, the network's circuit breaker open, does not wait for the node;
 * - proposal pages show the last good copy of every proposal;
 * - a census sync hit mid-way stops, a later one resumes, every balance the census holds equals
 *   the chain's (a slice counted twice would double it) and its population is a recount;
 * - EOA sign-in works; every page answers 200;
 * - WordPress's debug.log gets no PHP warning, notice, deprecation or fatal error.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { createPublicClient, createWalletClient, http, parseAbi, parseUnits } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';

import { runAsync } from '../../bench/lib.mjs';
import { demoAccount, localChain, ROOT } from '../../scripts/lib/chain.mjs';
import { FAULTS, startFaultProxy } from '../../scripts/lib/fault-proxy.mjs';
import { CACHE, resetDir, startPhpServer, startStack, testPorts } from '../../scripts/lib/stack.mjs';
import { stopAllAndWait } from '../../scripts/lib/processes.mjs';
import { KEYS } from '../e2e/test-wallet.mjs';
import { Session } from '../e2e/http.mjs';
import { FIXTURES } from '../snapshot/fixtures.mjs';

const PORTS = testPorts( { chain: 19100, snapshot: 19101, rpc: 19102, hub: 19103, site: 19104 } );
const DIR = join( CACHE, 'scale-faults' );
const DB = 'sp_scale_faults';
/** The gate's budget for one chain's read (GatingSettings' default), and what a view may add. */
const BUDGET_MS = 1500;
const VIEW_SLACK_MS = 1500;
/** Seconds the site leaves a failed node alone (the circuit breaker's open time, short here). */
const BREAKER_S = 2;
/** A view while the breaker is open does not wait for the node. */
const AT_ONCE_MS = 750;
/** Faults that are not a failing node: a JSON-RPC error answers the call (the node is up). */
const ANSWERED = [ 'rpc-error' ];
/** The most a sign-in waits for the wallet's ENS name (EnsProfile::RPC_TIMEOUT): never fails it. */
const ENS_TIMEOUT_MS = 2000;
/** A pool's memory limit, as php-fpm sites set it: an enormous answer must not exhaust it. */
const INI = { memory_limit: '256M' };
const HONEST = 'We could not verify your holdings right now: the chain could not be read.';
const GATED_TEXT = 'The treasury proposal asks for 5 ETH';
/** Faults a census sync cannot read through (a delay shorter than its RPC timeout only slows it). */
const STOPS = [ 'drop', 'truncate', 'rpc-error', 'http-429', 'http-500', 'http-502', 'http-503', 'enormous', 'trickle' ];

let stack;
let rpc;
let hub;
let site;
let holder;
let pages;
let chain;
let xff = 0;

/** A PHP script against the site, without blocking the proxies that run in this process. */
const php = ( script, ...args ) => runAsync( 'php', phpArgs( script, args ) );
const phpArgs = ( script, args ) => [ ...Object.entries( INI ).flatMap( ( [ k, v ] ) => [ '-d', `${ k }=${ v }` ] ), join( ROOT, script ), stack.site, ...args ];
/** The same, resolving with the exit code and the output whatever the code. */
const phpRun = ( script, ...args ) =>
	new Promise( ( resolve ) => execFile( 'php', phpArgs( script, args ), { encoding: 'utf8', timeout: 120000 }, ( error, stdout, stderr ) => resolve( { code: error ? error.code : 0, stdout, stderr } ) ) );

/** Sign-In with Ethereum over REST, from a client address of its own (rate limits). */
async function signIn( key ) {
	const session = new Session( site.url );
	const headers = { 'x-forwarded-for': `10.13.0.${ ++xff }` };
	const asked = await session.request( '/wp-json/sovereign-press/v1/auth/nonce', { method: 'POST', headers } );
	assert.equal( asked.status, 200, asked.text );
	const issued = JSON.parse( asked.text );
	const account = privateKeyToAccount( key );
	const message = createSiweMessage( {
		scheme: issued.scheme,
		domain: issued.domain,
		uri: issued.uri,
		address: account.address,
		chainId: issued.chainIds[ 0 ],
		nonce: issued.nonce,
		version: '1',
		issuedAt: new Date(),
	} );
	const verified = await session.request( '/wp-json/sovereign-press/v1/auth/verify', {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: JSON.stringify( { message, signature: await account.signMessage( { message } ) } ),
	} );
	assert.ok( [ 200, 201 ].includes( verified.status ), `verify answered ${ verified.status }: ${ verified.text }` );
	assert.ok( [ ...session.cookies.keys() ].some( ( name ) => name.startsWith( 'wordpress_logged_in_' ) ), 'a session cookie' );
	return session;
}

async function timed( session, path ) {
	const started = performance.now();
	const response = await session.request( path );
	return { ...response, ms: performance.now() - started };
}

/** debug.log's lines from offset on that PHP wrote (warnings, notices, deprecations, fatals). */
function phpProblems( offset ) {
	let text = '';
	try {
		text = readFileSync( join( stack.site, 'debug.log' ) ).subarray( offset ).toString( 'utf8' );
	} catch {
		return [];
	}
	return text.split( '\n' ).filter( ( line ) => /PHP (Warning|Notice|Deprecated|Fatal error|Parse error)|Uncaught/.test( line ) );
}

const logSize = () => {
	try {
		return statSync( join( stack.site, 'debug.log' ) ).size;
	} catch {
		return 0;
	}
};

/** New census work on the chain: a new citizen with SVOTE and an early-supporter badge. */
async function newCitizen() {
	const { membership, token, badge } = stack.deployment.contracts;
	const abi = parseAbi( [ 'function mint(address to)', 'function mint(address to, uint256 amount)', 'function mint(address to, uint256 id, uint256 amount)' ] );
	const wallet = createWalletClient( { chain: localChain( stack.node.rpcUrl ), transport: http( stack.node.rpcUrl ), account: demoAccount( 0 ).account } );
	const to = privateKeyToAccount( generatePrivateKey() ).address;
	for ( const [ address, args ] of [ [ membership, [ to ] ], [ token, [ to, parseUnits( '150', 18 ) ] ], [ badge, [ to, 1n, 1n ] ] ] ) {
		await chain.waitForTransactionReceipt( { hash: await wallet.writeContract( { abi, address, functionName: 'mint', args } ) } );
	}
	return to;
}

/**
 * Every balance the census holds equals the chain's at the synced block, and so does every
 * address that holds on the chain (the demo wallets and the citizens minted here).
 */
async function assertCensusMatchesChain( block, extra ) {
	const rows = stack.db.query( `SELECT source, address, balance FROM \`${ DB }\`.wp_sovereign_press_census_holders` ).trim().split( '\n' ).filter( Boolean ).map( ( line ) => line.split( '\t' ) );
	const stored = new Map( rows.map( ( [ source, address, balance ] ) => [ `${ source }:${ address.toLowerCase() }`, BigInt( balance ) ] ) );
	const { membership, token, badge } = stack.deployment.contracts;
	const reads = {
		citizens: ( address ) => chain.readContract( { address: membership, abi: parseAbi( [ 'function balanceOf(address) view returns (uint256)' ] ), functionName: 'balanceOf', args: [ address ], blockNumber: block } ),
		svote: ( address ) => chain.readContract( { address: token, abi: parseAbi( [ 'function balanceOf(address) view returns (uint256)' ] ), functionName: 'balanceOf', args: [ address ], blockNumber: block } ),
		'early-supporters': ( address ) => chain.readContract( { address: badge, abi: parseAbi( [ 'function balanceOf(address, uint256) view returns (uint256)' ] ), functionName: 'balanceOf', args: [ address, 1n ], blockNumber: block } ),
	};
	const addresses = new Set( [ ...rows.map( ( [ , address ] ) => address.toLowerCase() ), ...Array.from( { length: 10 }, ( _, i ) => demoAccount( i ).address.toLowerCase() ), ...extra.map( ( a ) => a.toLowerCase() ) ] );
	// Members as the demo census defines them: a citizen NFT, an early-supporter badge or 100
	// SVOTE; the treasury never counts.
	const thresholds = { citizens: 1n, 'early-supporters': 1n, svote: parseUnits( '100', 18 ) };
	const members = new Set();
	for ( const [ source, read ] of Object.entries( reads ) ) {
		for ( const address of addresses ) {
			const onChain = await read( address );
			if ( onChain >= thresholds[ source ] && address !== stack.deployment.contracts.treasury.toLowerCase() ) {
				members.add( address );
			}
			assert.equal( stored.get( `${ source }:${ address }` ) ?? 0n, onChain, `${ source } balance of ${ address } at block ${ block }` );
		}
	}
	// The population of the snapshot the sync wrote equals this recount.
	const [ population, snapshotBlock ] = stack.db
		.query( `SELECT population, block_number FROM \`${ DB }\`.wp_sovereign_press_census_snapshots ORDER BY block_number DESC, id DESC LIMIT 1` )
		.trim()
		.split( '\t' )
		.map( BigInt );
	assert.equal( snapshotBlock, block );
	assert.ok( members.size > 0, 'the census counts members' );
	assert.equal( population, BigInt( members.size ), 'the population is a recount of the chain' );
}

/** Runs the census sync to the end; returns the block it synced to. */
async function syncCensus() {
	const out = await php( 'scripts/php/census-sync.php', '60' );
	const block = /as of block #(\d+)/.exec( out );
	assert.ok( block, out );
	return BigInt( block[ 1 ] );
}

before( async () => {
	resetDir( DIR );
	stack = await startStack( { dir: DIR, chainPort: PORTS.chain, snapshotPort: PORTS.snapshot, dbName: DB, url: `http://127.0.0.1:${ PORTS.site }`, governance: true } );
	chain = createPublicClient( { chain: localChain( stack.node.rpcUrl ), transport: http( stack.node.rpcUrl ) } );
	rpc = await startFaultProxy( { port: PORTS.rpc, upstream: stack.node.rpcUrl, kind: 'rpc' } );
	hub = await startFaultProxy( { port: PORTS.hub, upstream: stack.snapshot.url, kind: 'hub' } );

	const deployment = join( DIR, 'deployment.json' );
	writeFileSync( deployment, JSON.stringify( { ...stack.deployment, rpcUrl: rpc.url } ) );
	// PHP runs beside this process (never execFileSync): the proxies in it must keep answering.
	await php( 'scripts/php/seed.php', deployment );
	// The hub behind its proxy; holdings read afresh on every view (no holdings cache), so every
	// view meets the fault.
	await php( 'tests/scale/fault-settings.php', JSON.stringify( { governance: { hubUrl: `${ hub.url }/graphql` }, gating: { cacheTtl: 0, breakerSeconds: BREAKER_S } } ) );
	const pagesFile = join( DIR, 'pages.json' );
	const governor = [ 'active', 'executed', 'defeated' ].map( ( name ) => ( { source: 'governor', chainId: stack.deployment.chainId, governor: stack.deployment.contracts.governor, proposalId: stack.deployment.governance[ name ] } ) );
	const snapshot = [ FIXTURES.activeSingle, FIXTURES.closedPassed ].map( ( p ) => ( { source: 'snapshot', space: p.space, proposalId: p.id } ) );
	writeFileSync( pagesFile, JSON.stringify( { snapshot, governor } ) );
	const urls = JSON.parse( await php( 'bench/governance-setup.php', pagesFile ) );
	pages = { snapshot: new URL( urls.snapshot ).pathname, governor: new URL( urls.governor ).pathname, file: pagesFile };

	// A probe that makes the server log a PHP warning on request: proves the log check sees them.
	mkdirSync( join( stack.site, 'wp-content/mu-plugins' ), { recursive: true } );
	writeFileSync(
		join( stack.site, 'wp-content/mu-plugins/log-probe.php' ),
		"<?php\nif ( isset( $_GET['sp_log_probe'] ) ) {\n\ttrigger_error( 'log probe', E_USER_WARNING );\n}\n"
	);
	site = await startPhpServer( { docroot: stack.site, port: PORTS.site, router: join( ROOT, 'tests/e2e/router.php' ), workers: 4, ini: INI } );
	holder = await signIn( KEYS.citizen );
} );

after( async () => {
	await rpc?.close();
	await hub?.close();
	await stopAllAndWait();
} );

/** What each page must show of its proposals: titles read while the sources were up. */
const titles = {};

it( 'sees a PHP warning the server logs', async () => {
	const offset = logSize();
	assert.equal( ( await holder.request( '/?sp_log_probe=1' ) ).status, 200 );
	assert.equal( phpProblems( offset ).length, 1 );
} );

describe( 'with the chain and the hub up', () => {
	it( 'opens the gate to a holder, renders the proposals and syncs the census', async () => {
		const view = await timed( holder, '/members-briefing/' );
		assert.equal( view.status, 200 );
		assert.ok( view.text.includes( GATED_TEXT ), 'the holder reads the gated part' );
		for ( const name of [ 'snapshot', 'governor' ] ) {
			const page = await holder.request( pages[ name ] );
			assert.equal( page.status, 200 );
			titles[ name ] = [ ...page.text.matchAll( /class="sovereign-press-proposal__title"[^>]*>(?:<a[^>]*>)?([^<]+)</g ) ].map( ( m ) => m[ 1 ] );
			assert.ok( titles[ name ].length >= 2, `${ name } titles: ${ titles[ name ] } in ${ page.text.slice( page.text.indexOf( '<main' ), page.text.indexOf( '<main' ) + 3000 ) }` );
			assert.ok( ! page.text.includes( 'could not be loaded right now' ) );
		}
		const minted = await newCitizen();
		await assertCensusMatchesChain( await syncCensus(), [ minted ] );
	} );
} );

for ( const fault of FAULTS.filter( ( f ) => f !== 'none' ) ) {
	describe( `fault: ${ fault }`, () => {
		const options = { enormous: { bytes: 64 * 1024 * 1024 } }[ fault ] ?? {};
		let offset;
		before( () => {
			offset = logSize();
			// The fault begins on a site whose breaker is closed and whose chain id check is due
			// (CircuitBreaker::CHECK_TTL after the last one), as a node that changed chains is met.
			stack.db.query( `DELETE FROM \`${ DB }\`.wp_options WHERE option_name LIKE 'sovereign\\_press\\_breaker\\_%'` );
		} );
		after( () => {
			rpc.set( 'none' );
			hub.set( 'none' );
		} );

		it( 'keeps a holder\'s gate closed with the honest message, within the budget', async ( t ) => {
			rpc.set( fault, options );
			const view = await timed( holder, '/members-briefing/' );
			t.diagnostic( `gated view: ${ Math.round( view.ms ) } ms` );
			assert.equal( view.status, 200 );
			assert.ok( ! view.text.includes( GATED_TEXT ), 'the gated part stays closed' );
			assert.ok( view.text.includes( HONEST ), 'the reader is told the chain could not be read' );
			assert.ok( view.ms < BUDGET_MS + VIEW_SLACK_MS, `the view took ${ Math.round( view.ms ) } ms` );

			// The next view, while the network's breaker is open, does not wait for the node.
			const again = await timed( holder, '/members-briefing/' );
			t.diagnostic( `next gated view: ${ Math.round( again.ms ) } ms` );
			assert.ok( ! again.text.includes( GATED_TEXT ) && again.text.includes( HONEST ) );
			assert.ok( again.ms < ( ANSWERED.includes( fault ) ? BUDGET_MS + VIEW_SLACK_MS : AT_ONCE_MS ), `the next view took ${ Math.round( again.ms ) } ms` );
		} );

		it( 'shows the last good copy of every proposal', async ( t ) => {
			rpc.set( fault, options );
			hub.set( fault, options );
			await php( 'bench/governance-setup.php', '--expire', pages.file, 'snapshot' );
			await php( 'bench/governance-setup.php', '--expire', pages.file, 'governor' );
			for ( const name of [ 'snapshot', 'governor' ] ) {
				const page = await timed( holder, pages[ name ] );
				t.diagnostic( `${ name } page: ${ Math.round( page.ms ) } ms` );
				assert.equal( page.status, 200 );
				for ( const title of titles[ name ] ) {
					assert.ok( page.text.includes( title ), `${ name }: "${ title }" is still shown` );
				}
				assert.ok( ! page.text.includes( 'could not be loaded right now' ), `${ name }: no proposal is lost` );
			}
		} );

		it( 'stops a census sync hit mid-way; the next sync resumes without counting twice', async ( t ) => {
			const minted = await newCitizen();
			await sleep( BREAKER_S * 1000 + 200 ); // The breaker closes: the sync meets the fault itself.
			rpc.set( fault, { ...options, after: 2 } );
			const stopped = await phpRun( 'scripts/php/census-sync.php', '8' );
			t.diagnostic( `sync under the fault: ${ stopped.stdout.trim() }` );
			assert.doesNotMatch( stopped.stdout + stopped.stderr, /Fatal|Uncaught|Warning|Notice/ );
			if ( STOPS.includes( fault ) ) {
				assert.equal( stopped.code, 1, stopped.stdout );
				assert.match( stopped.stdout, /stopped at a network error and will go on from the same block/ );
			}
			rpc.set( 'none' );
			await sleep( BREAKER_S * 1000 + 200 ); // The node is back; the next sync's first request probes it.
			await assertCensusMatchesChain( await syncCensus(), [ minted ] );
		} );

		it( 'lets a wallet sign in', async ( t ) => {
			rpc.set( fault, options );
			hub.set( fault, options );
			// A wallet new to the site: its sign-in looks its ENS name up on the faulty node.
			const started = performance.now();
			const session = await signIn( generatePrivateKey() );
			const ms = performance.now() - started;
			t.diagnostic( `sign-in: ${ Math.round( ms ) } ms` );
			assert.ok( ms < ENS_TIMEOUT_MS + VIEW_SLACK_MS, `the sign-in took ${ Math.round( ms ) } ms` );
			for ( const path of [ '/', '/hello-world/', '/census/', '/governance/', '/members-briefing/' ] ) {
				const page = await timed( session, path );
				t.diagnostic( `${ path }: ${ Math.round( page.ms ) } ms` );
				assert.equal( page.status, 200, path );
				assert.doesNotMatch( page.text, /There has been a critical error/, path );
			}
		} );

		it( 'writes no PHP warning, notice or error', () => {
			assert.deepEqual( phpProblems( offset ), [] );
		} );
	} );
}
