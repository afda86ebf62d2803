/**
 * Stopping a script stops everything it started: `npm start` on SIGTERM and on SIGINT, and a
 * stack of MariaDB, `php -S`, the Snapshot stand-in and the chain (what the test runners and the
 * bench start) on SIGTERM and on an uncaught error. Each case waits until the script is up, records every process below
 * it and their process groups, stops the script, then requires that none of them is left and
 * that the ports are closed.
 *
 * Ports follow SP_PORT_OFFSET like every test port.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { ROOT } from '../../scripts/lib/chain.mjs';
import { CACHE, testPorts } from '../../scripts/lib/stack.mjs';

const PORTS = testPorts( {
	startSite: 18880,
	startChain: 18845,
	startSnapshot: 18846,
	stackChain: 18945,
	stackSnapshot: 18946,
	stackPhp: 18980,
} );
const dir = join( CACHE, 'test-scripts' );
const UP_TIMEOUT = 300_000;

/** Every process on the machine: pid, parent, process group and state. */
function processTable() {
	const table = [];
	for ( const name of readdirSync( '/proc' ) ) {
		if ( ! /^\d+$/.test( name ) ) {
			continue;
		}
		try {
			const stat = readFileSync( `/proc/${ name }/stat`, 'utf8' );
			// "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
			const [ state, ppid, pgrp ] = stat.slice( stat.lastIndexOf( ')' ) + 2 ).split( ' ' );
			const cmdline = readFileSync( `/proc/${ name }/cmdline`, 'utf8' ).replace( /\0/g, ' ' ).trim();
			table.push( { pid: Number( name ), ppid: Number( ppid ), pgrp: Number( pgrp ), state, cmdline } );
		} catch {
			// Gone while we looked.
		}
	}
	return table;
}

/** The processes below pid (not pid itself) that are alive (zombies are dead). */
function descendants( pid ) {
	const table = processTable();
	const found = [];
	let parents = new Set( [ pid ] );
	while ( parents.size ) {
		const children = table.filter( ( p ) => parents.has( p.ppid ) );
		found.push( ...children );
		parents = new Set( children.map( ( p ) => p.pid ) );
	}
	return found.filter( ( p ) => p.state !== 'Z' );
}

/** Live processes that are one of pids or belong to one of groups. */
function leftOver( pids, groups ) {
	return processTable().filter( ( p ) => p.state !== 'Z' && ( pids.has( p.pid ) || groups.has( p.pgrp ) ) );
}

function portOpen( port ) {
	return new Promise( ( resolve ) => {
		const socket = connect( { host: '127.0.0.1', port } );
		socket.setTimeout( 1000 );
		socket.once( 'connect', () => {
			socket.destroy();
			resolve( true );
		} );
		socket.once( 'error', () => resolve( false ) );
		socket.once( 'timeout', () => {
			socket.destroy();
			resolve( true );
		} );
	} );
}

// Process groups of the cases that have not passed: a failed case must not leave its processes
// to the next one.
const unclean = new Set();
after( () => {
	for ( const pid of [ ...unclean ] ) {
		descendants( pid ).forEach( ( p ) => unclean.add( p.pgrp ) );
	}
	for ( const pgid of unclean ) {
		try {
			process.kill( -pgid, 'SIGKILL' );
		} catch {}
	}
} );

/**
 * Starts a script in a process group of its own (so that only the signal the test sends reaches
 * it) and resolves once its output holds `ready`.
 */
async function launch( command, args, { ready, env = {} } ) {
	const child = spawn( command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: [ 'pipe', 'pipe', 'pipe' ], detached: true } );
	unclean.add( child.pid );
	let output = '';
	const exited = new Promise( ( resolve ) => child.once( 'exit', ( code, signal ) => resolve( { code, signal } ) ) );
	await new Promise( ( resolve, reject ) => {
		const timer = setTimeout( () => reject( new Error( `Not up within ${ UP_TIMEOUT / 1000 } s:\n${ output }` ) ), UP_TIMEOUT );
		const onData = ( chunk ) => {
			output += chunk;
			if ( output.includes( ready ) ) {
				clearTimeout( timer );
				resolve();
			}
		};
		child.stdout.on( 'data', onData );
		child.stderr.on( 'data', onData );
		exited.then( ( { code } ) => {
			clearTimeout( timer );
			reject( new Error( `Exited with code ${ code } before it was up:\n${ output }` ) );
		} );
	} );
	return { child, exited, output: () => output };
}

/**
 * Records what runs below the script, stops it with stop(), and checks that nothing is left.
 *
 * @return {Promise<{code: number|null, signal: string|null}>} How the script ended.
 */
async function stopAndCheck( script, { stop, expect, ports } ) {
	const below = descendants( script.child.pid );
	for ( const pattern of expect ) {
		assert.ok(
			below.some( ( p ) => pattern.test( p.cmdline ) ),
			`expected a process matching ${ pattern } below the script, found:\n${ below.map( ( p ) => p.cmdline ).join( '\n' ) }`
		);
	}
	for ( const port of ports ) {
		assert.ok( await portOpen( port ), `port ${ port } answers while the script is up` );
	}
	const pids = new Set( [ script.child.pid, ...below.map( ( p ) => p.pid ) ] );
	const groups = new Set( [ script.child.pid, ...below.map( ( p ) => p.pgrp ) ] );
	groups.forEach( ( pgid ) => unclean.add( pgid ) );

	stop();
	const timeout = new AbortController();
	const ended = await Promise.race( [ script.exited, sleep( 60_000, null, { signal: timeout.signal } ).catch( () => null ) ] );
	timeout.abort();
	assert.ok( ended, `the script did not exit within 60 s of being stopped:\n${ script.output() }` );
	// The script waits for its children before it exits; allow a moment for the last to be reaped.
	let left = leftOver( pids, groups );
	for ( let i = 0; i < 20 && left.length; i++ ) {
		await sleep( 250 );
		left = leftOver( pids, groups );
	}
	assert.deepEqual(
		left.map( ( p ) => p.cmdline ),
		[],
		'no process the script started, nor any process in their groups, is left'
	);
	for ( const port of ports ) {
		assert.equal( await portOpen( port ), false, `port ${ port } is closed` );
	}
	groups.forEach( ( pgid ) => unclean.delete( pgid ) );
	return ended;
}

describe( 'npm start', () => {
	const started = 'Sovereign Press is running.';
	const site = join( dir, 'playground' );

	test( 'stops the chain, the Snapshot stand-in and Playground when npm receives SIGTERM', async () => {
		const script = await launch(
			'npm',
			[
				'start', '--', '--dir', site,
				'--port', String( PORTS.startSite ),
				'--chain-port', String( PORTS.startChain ),
				'--snapshot-port', String( PORTS.startSnapshot ),
			],
			{ ready: started }
		);
		const ended = await stopAndCheck( script, {
			stop: () => process.kill( script.child.pid, 'SIGTERM' ),
			expect: [ /hardhat/, /wp-playground/, /snapshot-hub/ ],
			ports: [ PORTS.startSite, PORTS.startChain, PORTS.startSnapshot ],
		} );
		assert.equal( ended.code, 0, 'npm start exits cleanly when stopped' );
	} );

	test( 'stops the chain, the Snapshot stand-in and Playground when node scripts/start.mjs receives SIGINT (ports from SP_PORT_OFFSET)', async () => {
		// start.mjs's own defaults (9400, 8545, 8600) shifted onto this test's ports.
		const offset = PORTS.startSite - 9400;
		const chainPort = 8545 + offset;
		const snapshotPort = 8600 + offset;
		const script = await launch( process.execPath, [ 'scripts/start.mjs', '--dir', site ], {
			ready: started,
			env: { SP_PORT_OFFSET: String( offset ) },
		} );
		assert.match( script.output(), new RegExp( `Site: +http://127\\.0\\.0\\.1:${ PORTS.startSite }/` ) );
		const ended = await stopAndCheck( script, {
			stop: () => process.kill( script.child.pid, 'SIGINT' ),
			expect: [ /hardhat/, /wp-playground/, /snapshot-hub/ ],
			ports: [ PORTS.startSite, chainPort, snapshotPort ],
		} );
		assert.equal( ended.code, 0 );
	} );
} );

describe( 'the test stack (scripts/lib/stack.mjs, as the test runners and the bench use it)', () => {
	const script = join( dir, 'stack.mjs' );
	mkdirSync( join( dir, 'docroot' ), { recursive: true } );
	writeFileSync( join( dir, 'docroot/index.php' ), "<?php echo 'up';\n" );
	writeFileSync(
		script,
		`import { startNode } from ${ JSON.stringify( join( ROOT, 'scripts/lib/chain.mjs' ) ) };
import { startSnapshotHub } from ${ JSON.stringify( join( ROOT, 'scripts/lib/snapshot-hub.mjs' ) ) };
import { startMariaDb, startPhpServer } from ${ JSON.stringify( join( ROOT, 'scripts/lib/stack.mjs' ) ) };
await startMariaDb( ${ JSON.stringify( join( dir, 'mysql' ) ) } );
await startNode( { port: ${ PORTS.stackChain } } );
await startSnapshotHub( { port: ${ PORTS.stackSnapshot } } );
await startPhpServer( { docroot: ${ JSON.stringify( join( dir, 'docroot' ) ) }, port: ${ PORTS.stackPhp }, workers: 2 } );
console.log( 'stack up' );
// "throw" on stdin: an uncaught error, as a failing runner or bench would raise.
process.stdin.on( 'data', ( data ) => {
	if ( String( data ).includes( 'throw' ) ) {
		throw new Error( 'an uncaught error' );
	}
} );
`
	);
	const expect = [ /mariadbd/, /hardhat/, /snapshot-hub/, /php (?:-d \S+ )*-S/ ];
	const ports = [ PORTS.stackChain, PORTS.stackSnapshot, PORTS.stackPhp ];

	test( 'stops MariaDB, php -S and its workers, the Snapshot stand-in and the chain on SIGTERM', async () => {
		const running = await launch( process.execPath, [ script ], { ready: 'stack up' } );
		const ended = await stopAndCheck( running, { stop: () => process.kill( running.child.pid, 'SIGTERM' ), expect, ports } );
		assert.equal( ended.code, 143, 'a runner stopped by SIGTERM exits with 128 + 15' );
		assert.equal( existsSync( join( dir, 'mysql/mysqld.sock' ) ), false, 'MariaDB shut down and removed its socket' );
	} );

	test( 'stops them all on an uncaught error', async () => {
		const running = await launch( process.execPath, [ script ], { ready: 'stack up' } );
		const ended = await stopAndCheck( running, { stop: () => running.child.stdin.write( 'throw\n' ), expect, ports } );
		assert.equal( ended.code, 1 );
		assert.match( running.output(), /an uncaught error/ );
	} );
} );
