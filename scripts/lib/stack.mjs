/**
 * The production-like stack for tests and benchmarks: MariaDB on a private socket, WordPress 6.8
 * on native PHP (the built-in server with several workers), the plugin linked in.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { deploySociety, ROOT, startNode } from './chain.mjs';
import { SEED_CLOCK_LEAD, seedGovernance } from './governance.mjs';
import { startProcess } from './processes.mjs';
import { startSnapshotHub } from './snapshot-hub.mjs';

export const CACHE = join( ROOT, '.cache' );

/**
 * Test, bench and `npm start` ports: the defaults shifted by SP_PORT_OFFSET (a whole number,
 * default 0), so two checkouts on one machine can run their suites at once
 * (`SP_PORT_OFFSET=1000 npm test`).
 *
 * @param {Record<string, number>} defaults Port per role.
 * @return {Record<string, number>} The same roles with the offset applied.
 */
export function testPorts( defaults ) {
	const raw = process.env.SP_PORT_OFFSET ?? '0';
	const offset = Number( raw );
	if ( ! Number.isInteger( offset ) || offset < 0 || offset > 40000 ) {
		throw new Error( `SP_PORT_OFFSET must be a whole number from 0 to 40000, not "${ raw }".` );
	}
	return Object.fromEntries( Object.entries( defaults ).map( ( [ role, port ] ) => [ role, port + offset ] ) );
}
export const WORDPRESS_CORE = join( CACHE, 'wordpress' );

async function answers( url ) {
	try {
		await fetch( url, { redirect: 'manual', signal: AbortSignal.timeout( 1000 ) } );
		return true;
	} catch {
		return false;
	}
}

export function run( command, args, options = {} ) {
	return execFileSync( command, args, { encoding: 'utf8', stdio: [ 'ignore', 'pipe', 'pipe' ], ...options } );
}

export function ensureWordPress() {
	run( 'bash', [ join( ROOT, 'scripts/get-wordpress.sh' ) ], { stdio: 'inherit' } );
}

/** The bundled PHP libraries (vendor/: the Markdown renderer), fetched once. */
export function ensureVendor() {
	run( 'bash', [ join( ROOT, 'scripts/get-vendor.sh' ) ], { stdio: 'inherit' } );
}

/**
 * Starts mariadbd with its data in dir, listening only on a Unix socket.
 *
 * @return {Promise<{socket: string, query: (sql: string) => string}>}
 */
export async function startMariaDb( dir ) {
	const datadir = join( dir, 'data' );
	const socket = join( dir, 'mysqld.sock' );
	mkdirSync( dir, { recursive: true } );
	if ( ! existsSync( join( datadir, 'mysql' ) ) ) {
		run( 'mariadb-install-db', [
			'--no-defaults',
			`--datadir=${ datadir }`,
			'--auth-root-authentication-method=normal',
			'--skip-test-db',
			'--user=root',
		] );
	}
	const child = startProcess(
		'mariadbd',
		[
			'--no-defaults',
			`--datadir=${ datadir }`,
			`--socket=${ socket }`,
			`--pid-file=${ join( dir, 'mysqld.pid' ) }`,
			`--log-error=${ join( dir, 'error.log' ) }`,
			'--skip-networking',
			'--user=root',
			'--innodb-buffer-pool-size=128M',
			'--innodb-flush-log-at-trx-commit=2',
			'--max-connections=200',
		],
		{ stdio: 'ignore' }
	);
	const query = ( sql ) => run( 'mariadb', [ '--no-defaults', `--socket=${ socket }`, '-uroot', '-N', '-e', sql ] );
	for ( let attempt = 0; attempt < 150; attempt++ ) {
		if ( child.exitCode !== null ) {
			throw new Error( `mariadbd exited (see ${ join( dir, 'error.log' ) }).` );
		}
		try {
			query( 'SELECT 1' );
			return { socket, query, process: child };
		} catch {
			await sleep( 200 );
		}
	}
	throw new Error( 'MariaDB did not start within 30 s.' );
}

/**
 * Starts redis-server with its files in dir, listening only on a Unix socket (no TCP port) and
 * keeping nothing on disk, so every run starts empty.
 *
 * @return {Promise<{socket: string, process: import('node:child_process').ChildProcess}>}
 */
export async function startRedis( dir ) {
	const socket = join( dir, 'redis.sock' );
	mkdirSync( dir, { recursive: true } );
	const child = startProcess(
		'redis-server',
		[
			'--port', '0',
			'--unixsocket', socket,
			'--unixsocketperm', '700',
			'--dir', dir,
			'--save', '',
			'--appendonly', 'no',
			'--logfile', join( dir, 'redis.log' ),
		],
		{ stdio: 'ignore' }
	);
	for ( let attempt = 0; attempt < 100; attempt++ ) {
		if ( child.exitCode !== null ) {
			throw new Error( `redis-server exited (see ${ join( dir, 'redis.log' ) }).` );
		}
		try {
			if ( run( 'redis-cli', [ '-s', socket, 'ping' ] ).trim() === 'PONG' ) {
				return { socket, process: child };
			}
		} catch {
			// Not listening yet.
		}
		await sleep( 100 );
	}
	throw new Error( 'Redis did not start within 10 s.' );
}

/**
 * A WordPress site folder: core copied from the cache, a standard wp-config.php, and (unless
 * linkPlugin is false, for a stock site) the plugin linked in. With redisSocket, the test object
 * cache (tests/php/redis-object-cache.php) is the site's wp-content/object-cache.php; without it,
 * the site has no object-cache drop-in.
 */
export function prepareSite( { dir, socket, dbName, url, extraConfig = '', linkPlugin = true, redisSocket = null } ) {
	if ( ! existsSync( join( dir, 'wp-includes' ) ) ) {
		ensureWordPress();
		mkdirSync( dir, { recursive: true } );
		cpSync( WORDPRESS_CORE, dir, { recursive: true } );
	}
	const pluginLink = join( dir, 'wp-content/plugins/sovereign-press' );
	if ( linkPlugin && ! existsSync( pluginLink ) ) {
		mkdirSync( join( dir, 'wp-content/plugins' ), { recursive: true } );
		symlinkSync( ROOT, pluginLink );
	}
	const dropIn = join( dir, 'wp-content/object-cache.php' );
	if ( redisSocket ) {
		copyFileSync( join( ROOT, 'tests/php/redis-object-cache.php' ), dropIn );
		extraConfig += `\ndefine( 'SP_TEST_REDIS_SOCKET', '${ redisSocket }' );`;
	} else {
		rmSync( dropIn, { force: true } );
	}
	const salt = () => randomBytes( 32 ).toString( 'hex' );
	const keys = [ 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ]
		.map( ( key ) => `define( '${ key }', '${ salt() }' );` )
		.join( '\n' );
	writeFileSync(
		join( dir, 'wp-config.php' ),
		`<?php
define( 'DB_NAME', '${ dbName }' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:${ socket }' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
${ keys }
$table_prefix = 'wp_';
define( 'WP_HOME', '${ url }' );
define( 'WP_SITEURL', '${ url }' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', __DIR__ . '/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
// Offline machine: never wait on wordpress.org for update checks.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'DISABLE_WP_CRON', true );
${ extraConfig }
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`
	);
	return dir;
}

/**
 * Installs WordPress into a fresh database and activates the plugin (scripts/php/install.php).
 *
 * @param {object} site
 * @param {string} site.dir        Site folder.
 * @param {object} site.db         From startMariaDb.
 * @param {string} site.dbName     Database to (re)create.
 * @param {object} [site.settings] Plugin settings to store.
 */
export function installSite( { dir, db, dbName, settings = null } ) {
	db.query( `DROP DATABASE IF EXISTS \`${ dbName }\`; CREATE DATABASE \`${ dbName }\` CHARACTER SET utf8mb4;` );
	run( 'php', [ join( ROOT, 'scripts/php/install.php' ), dir, JSON.stringify( settings ?? {} ) ], { stdio: 'inherit' } );
}

/**
 * The plugin's governance settings pointing at a local Snapshot stand-in (mainnet and testnet hub
 * and sequencer), as startStack and `npm start` store them.
 *
 * @param {{hubUrl: string, sequencerUrl: string, testnetHubUrl: string, testnetSequencerUrl: string}} hub
 */
export function governanceSettings( hub ) {
	const { hubUrl, sequencerUrl, testnetHubUrl, testnetSequencerUrl } = hub;
	return { hubUrl, sequencerUrl, testnetHubUrl, testnetSequencerUrl, apiKey: '' };
}

/**
 * The whole stack a test run or a benchmark needs: MariaDB, a hardhat node with the demo society,
 * the local Snapshot stand-in (scripts/lib/snapshot-hub.mjs), and a WordPress site installed with
 * the plugin active and its governance settings pointing at the stand-in (not yet served).
 *
 * @param {object} stack
 * @param {string} stack.dir          Folder for the database and the site.
 * @param {number} stack.chainPort    Port of the hardhat node.
 * @param {number} stack.snapshotPort Port of the Snapshot stand-in.
 * @param {string} stack.dbName       Database of the site.
 * @param {string} stack.url       The site's URL.
 * @param {string} [stack.objectCache] 'redis' for a persistent object cache (Redis on a private
 *                                     socket), '' for none.
 * @param {boolean} [stack.governance] Also seed the demo Governor proposals (seedGovernance in
 *                                     scripts/lib/governance.mjs): `deployment.governance` then holds
 *                                     their ids, as .cache/chain/deployment.json does.
 * @param {number} [stack.blockGasLimit] The node's block gas limit (startNode), for bulk transactions.
 * @param {object} [stack.settings]  More plugin settings sections to store (such as walletLogin).
 */
export async function startStack( { dir, chainPort, snapshotPort, dbName, url, objectCache = '', governance = false, blockGasLimit = 0, settings = {} } ) {
	if ( ! [ '', 'redis' ].includes( objectCache ) ) {
		throw new Error( `The object cache must be "redis" or none, not "${ objectCache }".` );
	}
	if ( ! Number.isInteger( snapshotPort ) ) {
		throw new Error( 'startStack needs snapshotPort (the Snapshot stand-in\'s port, from testPorts).' );
	}
	ensureWordPress();
	ensureVendor();
	const db = await startMariaDb( join( dir, 'mysql' ) );
	const redis = objectCache === 'redis' ? await startRedis( join( dir, 'redis' ) ) : null;
	const node = await startNode( { port: chainPort, behind: governance ? SEED_CLOCK_LEAD : 0, blockGasLimit } );
	const deployed = await deploySociety( node.rpcUrl );
	const deployment = governance ? await seedGovernance( node.rpcUrl, deployed ) : deployed;
	const snapshot = await startSnapshotHub( { port: snapshotPort } );
	const site = prepareSite( { dir: join( dir, 'site' ), socket: db.socket, dbName, url, redisSocket: redis?.socket } );
	installSite( { dir: site, db, dbName, settings: { governance: governanceSettings( snapshot ), ...settings } } );
	return { db, redis, node, deployment, snapshot, site };
}

/**
 * Serves a site with PHP's built-in server and several workers; `ini` holds php.ini settings for
 * it (-d), such as OPcache's.
 */
export async function startPhpServer( { docroot, port, router = null, workers = 4, log = 'ignore', ini = {} } ) {
	const url = `http://127.0.0.1:${ port }`;
	if ( await answers( url ) ) {
		throw new Error( `Something already answers on ${ url }; stop it or pick another port.` );
	}
	// Uploads as most hosts allow them (PHP's own default, 2 MB, is below the plugin zip's size).
	const args = [ '-d', 'upload_max_filesize=16M', '-d', 'post_max_size=16M', ...Object.entries( ini ).flatMap( ( [ key, value ] ) => [ '-d', `${ key }=${ value }` ] ), '-S', `127.0.0.1:${ port }`, '-t', docroot ];
	if ( router ) {
		args.push( router );
	}
	const child = startProcess( 'php', args, {
		env: { ...process.env, PHP_CLI_SERVER_WORKERS: String( workers ) },
		stdio: [ 'ignore', log, log ],
	} );
	for ( let attempt = 0; attempt < 100; attempt++ ) {
		if ( child.exitCode !== null ) {
			throw new Error( `php -S on port ${ port } exited.` );
		}
		if ( await answers( url ) ) {
			return { url, process: child };
		}
		await sleep( 100 );
	}
	throw new Error( `php -S on port ${ port } did not answer.` );
}

export function resetDir( dir ) {
	rmSync( dir, { recursive: true, force: true } );
	mkdirSync( dir, { recursive: true } );
}
