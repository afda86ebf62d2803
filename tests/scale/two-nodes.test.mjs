/**
 * Scale-out: two PHP web nodes behind a round-robin balancer, each with its own copy of the site
 * folder, sharing one MariaDB and one Redis object cache (scripts/lib/cluster.mjs). Proves that a
 * sign-in nonce is consumed once across both nodes and its session works on either; that the
 * holdings and proposal caches are shared and invalidated for both at once, and both nodes show
 * the same census after each sync; that one census runner works at a time across nodes, a killed
 * run's lease runs out and the next run resumes without counting a slice twice; and that nothing
 * the plugin needs lives in a node's own files (no file written under either site folder but
 * debug.log, which stays free of PHP warnings, nor in the plugin's folder).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

import { createPublicClient, createWalletClient, http, parseAbi, parseUnits } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';

import { demoAccount, localChain, ROOT } from '../../scripts/lib/chain.mjs';
import { changedFiles, cloneSite, fileState, startBalancer } from '../../scripts/lib/cluster.mjs';
import { startProcess, stopAllAndWait } from '../../scripts/lib/processes.mjs';
import { CACHE, run, startPhpServer, startStack, testPorts } from '../../scripts/lib/stack.mjs';
import { Session } from '../e2e/http.mjs';

const PORTS = testPorts( { chain: 19120, snapshot: 19121, rpc: 19122, site: 19123, nodeA: 19124, nodeB: 19125 } );
const dir = join( CACHE, 'test-two-nodes' );
const url = `http://127.0.0.1:${ PORTS.site }`;
const router = join( ROOT, 'tests/e2e/router.php' );
const runAsync = promisify( execFile );

/** A cookie-keeping client whose requests go to one node (pin( 0 | 1 )) or round-robin (pin( null )). */
class NodeSession extends Session {
	node = null;

	pin( node ) {
		this.node = node;
		return this;
	}

	request( path, options = {} ) {
		const headers = { ...( options.headers ?? {} ), ...( this.node === null ? {} : { 'x-sp-node': String( this.node ) } ) };
		return super.request( path, { ...options, headers } );
	}
}

let stack;
let balancer;
let rpc;
const nodes = [];
const sites = [];
const filesBefore = [];
/** The plugin's folder (linked into both sites) without what the test run itself writes. */
const PLUGIN_SKIP = [ '.cache', '.git', 'node_modules', 'artifacts' ];
let pluginFilesBefore;

/**
 * The site's JSON-RPC endpoint: a proxy in front of the chain that counts requests and, while
 * `hold` is set, keeps every eth_getLogs waiting until released (a census slice in flight).
 */
function startRpcProxy( upstream, port ) {
	const state = { count: 0, hold: null, held: 0 };
	const server = createServer( ( request, response ) => {
		state.count++;
		const chunks = [];
		request.on( 'data', ( chunk ) => chunks.push( chunk ) );
		request.on( 'end', async () => {
			const body = Buffer.concat( chunks );
			if ( state.hold && body.includes( 'eth_getLogs' ) ) {
				state.held++;
				await state.hold;
			}
			try {
				const answer = await fetch( upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body } );
				response.writeHead( answer.status, { 'content-type': 'application/json' } );
				response.end( Buffer.from( await answer.arrayBuffer() ) );
			} catch {
				response.destroy();
			}
		} );
	} );
	return new Promise( ( resolve ) =>
		server.listen( port, '127.0.0.1', () => {
			let release = null;
			resolve( {
				url: `http://127.0.0.1:${ port }`,
				state,
				holdLogs() {
					state.held = 0;
					state.hold = new Promise( ( done ) => ( release = done ) );
				},
				release() {
					state.hold = null;
					release?.();
				},
				close: () => server.close(),
			} );
		} )
	);
}

async function startNode( index ) {
	nodes[ index ] = await startPhpServer( { docroot: sites[ index ], router, port: index === 0 ? PORTS.nodeA : PORTS.nodeB, workers: 3 } );
}

/** Stops a node at once (SIGKILL to its whole process group: the server and its workers). */
async function killNode( index ) {
	const child = nodes[ index ].process;
	const exited = new Promise( ( done ) => child.once( 'exit', done ) );
	process.kill( -child.pid, 'SIGKILL' );
	await exited;
}

/** Runs fn and answers how many JSON-RPC and Snapshot hub requests the site made meanwhile. */
async function counting( fn ) {
	const hub = async () => ( await ( await fetch( `${ stack.snapshot.url }/__control` ) ).json() ).requests.hub;
	const [ rpcBefore, hubBefore ] = [ rpc.state.count, await hub() ];
	const result = await fn();
	return { result, rpc: rpc.state.count - rpcBefore, hub: ( await hub() ) - hubBefore };
}

async function page( session, path, node ) {
	const response = await session.pin( node ).request( path );
	session.pin( null );
	assert.equal( response.status, 200, `${ path } on node ${ node }` );
	assert.equal( response.headers.get( 'x-sp-node' ), String( node ) );
	return response.text;
}

function query( sql ) {
	return stack.db.query( `USE sp_two_nodes; ${ sql }` ).trim();
}

/** Saves the plugin's settings with one change, as the settings screen does (starts a new cache generation). */
async function changeSettings( admin, node ) {
	const current = ( await admin.pin( node ).rest( '/wp/v2/settings' ) ).json.sovereign_press_settings;
	const cacheTtl = current.gating.cacheTtl === 60 ? 61 : 60;
	const saved = await admin.rest( '/wp/v2/settings', { method: 'POST', data: { sovereign_press_settings: { ...current, gating: { ...current.gating, cacheTtl } } } } );
	admin.pin( null );
	assert.equal( saved.status, 200, saved.text );
	assert.equal( saved.json.sovereign_press_settings.gating.cacheTtl, cacheTtl );
}

async function until( condition, what, ms = 30000 ) {
	const deadline = Date.now() + ms;
	while ( ! condition() ) {
		if ( Date.now() > deadline ) {
			throw new Error( `Timed out waiting until ${ what }.` );
		}
		await sleep( 50 );
	}
}

/**
 * Holds a write lock on a table (LOCK TABLES in a session of its own) until release(); stopped
 * with the other processes if the test fails first.
 *
 * @param {string} table
 */
function lockTable( table ) {
	const client = startProcess( 'mariadb', [ '--no-defaults', `--socket=${ stack.db.socket }`, '-uroot', 'sp_two_nodes' ], { stdio: [ 'pipe', 'ignore', 'inherit' ] } );
	client.stdin.write( `LOCK TABLES ${ table } WRITE;\n` );
	return {
		release() {
			client.stdin.end( 'UNLOCK TABLES;\n' );
		},
	};
}

/** "Sync now" until the sync is idle, each request on the next node (round-robin). */
async function syncToEnd( admin ) {
	for ( let round = 0; round < 40; round++ ) {
		const answer = await admin.rest( '/sovereign-press/v1/census/sync', { method: 'POST' } );
		assert.equal( answer.status, 200, answer.text );
		if ( ! answer.json.busy && answer.json.phase === 'idle' ) {
			return answer.json;
		}
	}
	throw new Error( 'The census sync did not finish in 40 requests.' );
}

/** Both nodes' census pages show the population; the second view costs no RPC request. */
async function sameCensusOnBoth( population ) {
	const visitor = new NodeSession( url );
	const shown = [];
	const views = [];
	for ( const node of [ 0, 1 ] ) {
		const view = await counting( () => page( visitor, '/census/', node ) );
		const match = view.result.match( /sovereign-press-census__group--population[\s\S]*?sovereign-press-census__value[^>]*>\s*([\d,.\s]+?)\s*</ );
		assert.ok( match, `the census page of node ${ node } shows a population` );
		shown.push( Number( match[ 1 ].replace( /\D/g, '' ) ) );
		views.push( view );
	}
	assert.deepEqual( shown, [ population, population ] );
	assert.equal( views[ 1 ].rpc, 0, 'the second node serves the census from the shared cache' );
}

/** A fresh address receives 100 SVOTE (the founder mints them): one member more. */
async function mintToNewcomer() {
	const chain = localChain( stack.node.rpcUrl );
	const publicClient = createPublicClient( { chain, transport: http( stack.node.rpcUrl ) } );
	const founder = createWalletClient( { chain, account: privateKeyToAccount( demoAccount( 0 ).privateKey ), transport: http( stack.node.rpcUrl ) } );
	const newcomer = privateKeyToAccount( generatePrivateKey() ).address;
	const hash = await founder.writeContract( {
		address: stack.deployment.contracts.token,
		abi: parseAbi( [ 'function mint(address to, uint256 amount)' ] ),
		functionName: 'mint',
		args: [ newcomer, parseUnits( '100', 18 ) ],
	} );
	await publicClient.waitForTransactionReceipt( { hash } );
	return { publicClient, newcomer };
}

/** Every holder's balance the indexer stored equals its balanceOf on the chain at block: no slice counted twice, none missed. */
async function holdersMatchChain( publicClient, blockNumber ) {
	const { membership, badge, token } = stack.deployment.contracts;
	const reads = {
		citizens: ( address ) => publicClient.readContract( { address: membership, abi: parseAbi( [ 'function balanceOf(address) view returns (uint256)' ] ), functionName: 'balanceOf', args: [ address ], blockNumber } ),
		'early-supporters': ( address ) => publicClient.readContract( { address: badge, abi: parseAbi( [ 'function balanceOf(address, uint256) view returns (uint256)' ] ), functionName: 'balanceOf', args: [ address, 1n ], blockNumber } ),
		svote: ( address ) => publicClient.readContract( { address: token, abi: parseAbi( [ 'function balanceOf(address) view returns (uint256)' ] ), functionName: 'balanceOf', args: [ address ], blockNumber } ),
	};
	const rows = query( 'SELECT source, address, balance FROM wp_sovereign_press_census_holders' ).split( '\n' ).map( ( line ) => line.split( '\t' ) );
	assert.ok( rows.length > 5, `holders stored: ${ rows.length }` );
	for ( const [ source, address, balance ] of rows ) {
		assert.equal( BigInt( balance ), await reads[ source ]( address ), `${ source } balance of ${ address }` );
	}
}

describe( 'two web nodes sharing MariaDB and Redis', () => {
	const admin = new NodeSession( url );
	const holder = new NodeSession( url );

	before( async () => {
		stack = await startStack( { dir, chainPort: PORTS.chain, snapshotPort: PORTS.snapshot, dbName: 'sp_two_nodes', url, objectCache: 'redis', governance: true } );
		rpc = await startRpcProxy( stack.node.rpcUrl, PORTS.rpc );
		const seeded = join( dir, 'deployment.json' );
		writeFileSync( seeded, JSON.stringify( { ...stack.deployment, rpcUrl: rpc.url } ) );
		run( 'php', [ join( ROOT, 'scripts/php/seed.php' ), stack.site, seeded ] );
		sites[ 0 ] = stack.site;
		sites[ 1 ] = cloneSite( { from: stack.site, dir: join( dir, 'site-b' ), db: stack.db, dbName: 'sp_two_nodes', url, redisSocket: stack.redis.socket } );
		for ( const site of sites ) {
			writeFileSync( join( site, 'debug.log' ), '' );
			filesBefore.push( fileState( site ) );
		}
		pluginFilesBefore = fileState( ROOT, PLUGIN_SKIP );
		await startNode( 0 );
		await startNode( 1 );
		balancer = await startBalancer( { port: PORTS.site, nodes: [ PORTS.nodeA, PORTS.nodeB ] } );
	} );

	// The test file owns its processes: it stops them, or the runner would wait for them.
	after( async () => {
		balancer?.close();
		rpc?.close();
		await stopAllAndWait();
	} );

	it( 'serves one site from two nodes, each from its own folder with the same configuration', async () => {
		assert.notEqual( sites[ 0 ], sites[ 1 ] );
		assert.equal( readFileSync( join( sites[ 1 ], 'wp-config.php' ), 'utf8' ), readFileSync( join( sites[ 0 ], 'wp-config.php' ), 'utf8' ) );
		const visitor = new NodeSession( url );
		for ( const node of [ 0, 1 ] ) {
			assert.match( await page( visitor, '/', node ), /Sovereign Society/ );
		}
		// A password login on one node, its REST nonce from the other, a REST call on the first.
		await admin.pin( 0 ).logIn( 'admin' );
		const me = await admin.pin( 1 ).rest( '/wp/v2/users/me' );
		admin.pin( null );
		assert.equal( me.status, 200, me.text );
		assert.equal( me.json.slug, 'admin' );
	} );

	it( 'consumes a nonce issued by one node exactly once across verifies racing on both, and its session works on either', async () => {
		const wallet = privateKeyToAccount( demoAccount( 1 ).privateKey );
		const asked = await holder.pin( 0 ).request( '/wp-json/sovereign-press/v1/auth/nonce', { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.13' } } );
		assert.equal( asked.status, 200, asked.text );
		const issued = JSON.parse( asked.text );
		const binding = [ ...holder.cookies ].map( ( [ name, value ] ) => `${ name }=${ value }` ).join( '; ' );
		assert.match( binding, /sovereign_press_signin_\w+=[0-9a-f]{64}/ );
		const message = createSiweMessage( {
			scheme: issued.scheme,
			domain: issued.domain,
			uri: issued.uri,
			address: wallet.address,
			chainId: issued.chainIds[ 0 ],
			nonce: issued.nonce,
			version: '1',
			issuedAt: new Date(),
		} );
		const signature = await wallet.signMessage( { message } );
		// The nonces table is locked while the verifies arrive, so every PHP worker of both nodes
		// waits at it and all go on at the same moment: the race on the nonce is run, not hoped for.
		const lock = lockTable( 'wp_sovereign_press_nonces' );
		const racing = Promise.all(
			Array.from( { length: 40 }, async ( _, i ) => {
				const response = await fetch( `${ url }/wp-json/sovereign-press/v1/auth/verify`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie: binding, 'x-sp-node': String( i % 2 ), 'x-forwarded-for': '198.51.100.13' },
					body: JSON.stringify( { message, signature } ),
				} );
				return {
					node: response.headers.get( 'x-sp-node' ),
					status: response.status,
					code: ( await response.json() ).code,
					cookies: response.headers.getSetCookie(),
				};
			} )
		);
		await until( () => Number( query( "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table%'" ) ) >= 6, 'every worker waits at the nonces table' );
		lock.release();
		const attempts = await racing;
		assert.deepEqual( new Set( attempts.map( ( a ) => a.node ) ), new Set( [ '0', '1' ] ) );
		const winners = attempts.filter( ( a ) => a.status === 200 || a.status === 201 );
		assert.equal( winners.length, 1, JSON.stringify( attempts.map( ( a ) => [ a.node, a.status ] ) ) );
		const sessions = attempts.filter( ( a ) => a.cookies.some( ( c ) => c.startsWith( 'wordpress_logged_in_' ) ) );
		assert.deepEqual( sessions, winners, 'exactly one session cookie, the winner\'s' );
		for ( const loser of attempts.filter( ( a ) => a !== winners[ 0 ] ) ) {
			assert.deepEqual( [ loser.status, loser.code ], [ 409, 'sovereign_press_nonce_used' ] );
		}

		// The winner's cookies, on both nodes: the profile screen, and a REST nonce of one node
		// accepted by the other.
		for ( const line of winners[ 0 ].cookies ) {
			const [ name, value ] = line.split( ';' )[ 0 ].split( '=' );
			holder.cookies.set( name, value );
		}
		for ( const node of [ 0, 1 ] ) {
			const profile = await holder.pin( node ).request( '/wp-admin/profile.php' );
			assert.equal( profile.status, 200, `profile on node ${ node }` );
		}
		holder.nonce = ( await holder.pin( 1 ).request( '/wp-admin/admin-ajax.php?action=rest-nonce' ) ).text.trim();
		const me = await holder.pin( 0 ).rest( '/wp/v2/users/me' );
		holder.pin( null );
		assert.equal( me.status, 200, me.text );
	} );

	it( 'signs a wallet in with its nonce from one node and its verify on the other, every later request on the next node', async () => {
		const wallet = privateKeyToAccount( demoAccount( 2 ).privateKey );
		const member = new NodeSession( url );
		const asked = await member.pin( 1 ).request( '/wp-json/sovereign-press/v1/auth/nonce', { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.14' } } );
		assert.equal( asked.status, 200, asked.text );
		const issued = JSON.parse( asked.text );
		const message = createSiweMessage( { scheme: issued.scheme, domain: issued.domain, uri: issued.uri, address: wallet.address, chainId: issued.chainIds[ 0 ], nonce: issued.nonce, version: '1', issuedAt: new Date() } );
		const verified = await member.pin( 0 ).request( '/wp-json/sovereign-press/v1/auth/verify', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.14' },
			body: JSON.stringify( { message, signature: await wallet.signMessage( { message } ) } ),
		} );
		assert.equal( verified.status, 201, verified.text ); // 201: the sign-in created the account.
		member.pin( null ).nonce = JSON.parse( verified.text ).restNonce;
		const served = new Set();
		for ( let i = 0; i < 4; i++ ) {
			const post = await member.request( '/members-briefing/' );
			assert.equal( post.status, 200 );
			assert.match( post.text, /the node runbook is in the ops repository/, 'the core contributor reads both gated parts' );
			assert.match( post.text, /own RPC node for a year/ );
			served.add( post.headers.get( 'x-sp-node' ) );
			const me = await member.rest( '/sovereign-press/v1/auth/me' );
			assert.equal( me.json.loggedIn, true, me.text );
			served.add( me.headers.get( 'x-sp-node' ) );
		}
		assert.deepEqual( served, new Set( [ '0', '1' ] ) );
	} );

	it( 'shares the holdings cache between the nodes and invalidates it for both at once', async () => {
		const secret = /own RPC node for a year/;
		const cold = await counting( () => page( holder, '/members-briefing/', 0 ) );
		assert.ok( secret.test( cold.result ), 'the holder reads the gated text' );
		assert.ok( cold.rpc > 0, 'the first view reads the holdings from the chain' );
		const warm = await counting( () => page( holder, '/members-briefing/', 1 ) );
		assert.ok( secret.test( warm.result ), 'the holder reads the gated text' );
		assert.equal( warm.rpc, 0, 'the other node reads them from the shared cache' );

		await changeSettings( admin, 1 );
		const afterFlush = await counting( () => page( holder, '/members-briefing/', 0 ) );
		assert.ok( secret.test( afterFlush.result ), 'the holder reads the gated text' );
		assert.ok( afterFlush.rpc > 0, 'a settings change on node 1 invalidates what node 0 reads' );
		const again = await counting( () => page( holder, '/members-briefing/', 1 ) );
		assert.equal( again.rpc, 0, 'and node 0\'s new reads serve node 1' );
	} );

	it( 'shares the proposal cache between the nodes and invalidates it for both at once', async () => {
		const visitor = new NodeSession( url );
		const cold = await counting( () => page( visitor, '/governance/', 1 ) );
		assert.ok( cold.rpc + cold.hub > 0, 'the first view reads the proposals' );
		const warm = await counting( () => page( visitor, '/governance/', 0 ) );
		assert.deepEqual( [ warm.rpc, warm.hub ], [ 0, 0 ], 'the other node serves them from the shared cache' );
		assert.equal( warm.result.match( /sovereign-press-proposal[ "]/g )?.length, cold.result.match( /sovereign-press-proposal[ "]/g )?.length );

		await changeSettings( admin, 0 );
		const afterFlush = await counting( () => page( visitor, '/governance/', 1 ) );
		assert.ok( afterFlush.rpc + afterFlush.hub > 0, 'a settings change on node 0 invalidates what node 1 reads' );
		const again = await counting( () => page( visitor, '/governance/', 0 ) );
		assert.deepEqual( [ again.rpc, again.hub ], [ 0, 0 ] );

		// The active Governor proposal's voting ends on the chain. Within its freshness window
		// both nodes still show the cached copy, until a member's refresh (sent once their vote
		// is mined) on node 0 marks it stale for node 1 too.
		const states = ( html ) => new Map( [ ...html.matchAll( /<article class="sovereign-press-proposal is-state-(\w+)" data-proposal="([^"]+)"/g ) ].map( ( m ) => [ m[ 2 ], m[ 1 ] ] ) );
		const key = [ ...states( again.result ) ].find( ( [ ref, state ] ) => ref.startsWith( 'governor:' ) && state === 'active' )?.[ 0 ];
		assert.ok( key, 'the page shows an active Governor proposal' );
		await fetch( stack.node.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify( { jsonrpc: '2.0', id: 1, method: 'hardhat_mine', params: [ '0x100' ] } ) } );
		const cached = await counting( () => page( visitor, '/governance/', 1 ) );
		assert.equal( states( cached.result ).get( key ), 'active', 'still the fresh cached copy' );
		assert.equal( cached.rpc, 0 );
		const [ , chainId, governor, id ] = key.split( ':' );
		const refreshed = await holder.pin( 0 ).rest( `/sovereign-press/v1/ballots?source=governor&chainId=${ chainId }&governor=${ governor }&id=${ id }&refresh=1` );
		holder.pin( null );
		assert.equal( refreshed.status, 200, refreshed.text );
		const reread = await counting( () => page( visitor, '/governance/', 1 ) );
		assert.notEqual( states( reread.result ).get( key ), 'active', 'node 1 shows the proposal as it stands after voting ended' );
	} );

	it( 'runs one census indexer at a time across the nodes', async () => {
		// Both nodes asked at the same moment; the run that takes the lease is held in its first
		// eth_getLogs, so the two overlap for certain.
		rpc.holdLogs();
		// The administrator's session, one client per node.
		const runs = [ 0, 1 ].map( ( node ) => {
			const session = new NodeSession( url ).pin( node );
			session.cookies = admin.cookies;
			session.nonce = admin.nonce;
			return session.rest( '/sovereign-press/v1/census/sync', { method: 'POST' } );
		} );
		await until( () => rpc.state.held > 0, 'a run reaches eth_getLogs' );
		const first = await Promise.race( runs );
		assert.equal( first.status, 200, first.text );
		assert.equal( first.json.busy, true, 'the node without the lease answers busy at once' );
		assert.notEqual( query( "SELECT owner FROM wp_sovereign_press_census_state WHERE name = 'lease'" ), '' );
		rpc.release();
		const answers = await Promise.all( runs );
		assert.deepEqual( answers.map( ( a ) => a.status ), [ 200, 200 ], answers.map( ( a ) => a.text ).join( '\n' ) );
		assert.equal( answers.filter( ( a ) => a.json.busy ).length, 1, 'exactly one run was turned away' );

		const done = await syncToEnd( admin );
		assert.ok( done.latest.population > 0, JSON.stringify( done ) );
		await sameCensusOnBoth( done.latest.population );
	} );

	it( 'keeps a killed run\'s lease only until it runs out, and the next run on the other node resumes without counting a slice twice', async () => {
		const { publicClient, newcomer } = await mintToNewcomer();
		const beforeSync = ( await admin.rest( '/sovereign-press/v1/census/sync' ) ).json;

		rpc.holdLogs();
		const killed = admin.pin( 0 ).rest( '/sovereign-press/v1/census/sync', { method: 'POST' } ).catch( ( error ) => error );
		admin.pin( null );
		await until( () => rpc.state.held > 0, 'the run on node 0 reaches eth_getLogs' );
		const lease = query( "SELECT CONCAT( owner, ' ', TIMESTAMPDIFF( SECOND, UTC_TIMESTAMP(), lease_until ) ) FROM wp_sovereign_press_census_state WHERE name = 'lease'" ).split( ' ' );
		assert.match( lease[ 0 ], /^[0-9a-f]{16}$/ );
		await killNode( 0 );
		await killed;
		rpc.release();

		const turnedAway = await admin.pin( 1 ).rest( '/sovereign-press/v1/census/sync', { method: 'POST' } );
		admin.pin( null );
		assert.equal( turnedAway.status, 200, turnedAway.text );
		assert.equal( turnedAway.json.busy, true, 'the dead run\'s lease still holds' );
		const left = Number( lease[ 1 ] );
		assert.ok( left > 0 && left <= 66, `the lease runs out by itself ${ left } s after it was taken (the run's budget + 60 s)` );
		// Instead of waiting those seconds: the lease's end moved to now, as time would.
		query( "UPDATE wp_sovereign_press_census_state SET lease_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE name = 'lease'" );
		await startNode( 0 );

		const done = await syncToEnd( admin );
		assert.notEqual( done.snapshot, null );
		assert.equal( done.latest.population, beforeSync.latest.population + 1, 'the newcomer counts once' );
		await holdersMatchChain( publicClient, BigInt( done.latest.block ) );
		assert.equal( BigInt( query( `SELECT balance FROM wp_sovereign_press_census_holders WHERE source = 'svote' AND address = '${ newcomer.toLowerCase() }'` ) ), parseUnits( '100', 18 ) );
		const { stdout } = await runAsync( process.execPath, [ join( ROOT, 'scripts/verify-census.mjs' ), '--site', url, '--rpc', stack.node.rpcUrl, '--json' ] );
		// The recount from the chain alone agrees (it exits non-zero when a check fails).
		const verified = JSON.parse( stdout );
		assert.ok( verified.ok, stdout );
		assert.equal( verified.published.population, done.latest.population );
		await sameCensusOnBoth( done.latest.population );
	} );

	it( 'keeps nothing in a node\'s own files: only debug.log changed, with no PHP message, and nothing in the plugin\'s folder', () => {
		assert.ok( balancer.served.every( ( n ) => n > 10 ), `both nodes served requests: ${ balancer.served }` );
		for ( const [ index, site ] of sites.entries() ) {
			assert.deepEqual( changedFiles( filesBefore[ index ], fileState( site ) ).filter( ( path ) => path !== 'debug.log' ), [], `files written under node ${ index }'s site folder` );
			// WordPress's own update checks warn on an offline machine (WP_HTTP_BLOCK_EXTERNAL).
			const log = readFileSync( join( site, 'debug.log' ), 'utf8' ).split( '\n' ).filter( ( line ) => ! /PHP Warning: {2}wp_(version_check|update_plugins|update_themes)\(\)/.test( line ) );
			assert.doesNotMatch( log.join( '\n' ), /PHP (Fatal|Warning|Notice|Deprecated)/, `node ${ index }'s debug.log` );
		}
		assert.deepEqual( changedFiles( pluginFilesBefore, fileState( ROOT, PLUGIN_SKIP ) ), [], 'files written in the plugin\'s folder' );
	} );
} );
