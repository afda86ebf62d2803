#!/usr/bin/env node
/**
 * `npm start`: the local society site. WordPress Playground (PHP in WebAssembly, SQLite) with the
 * plugin mounted and active, a hardhat chain with the demo society, a local Snapshot-compatible
 * hub and sequencer (scripts/lib/snapshot-hub.mjs), and demo content.
 *
 *   npm start                 start (the site's database and settings survive a restart)
 *   npm start -- --reset      start from a fresh site
 *   npm start -- --port 9500 --chain-port 8546 --snapshot-port 8601
 *   npm start -- --dir .cache/other-site   keep the site somewhere else than .cache/playground
 *
 * Without --port, --chain-port and --snapshot-port, the ports are 9400, 8545 and 8600 shifted by
 * SP_PORT_OFFSET. Ctrl-C, SIGTERM or SIGHUP stops the chain, the Snapshot stand-in and Playground
 * with it (scripts/lib/processes.mjs). The npm script is `exec node …`: npm passes a signal on to
 * its shell, which would die without passing it on to node.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { exitCodeOnSignal, shutdown, shuttingDown } from './lib/processes.mjs';

const ROOT = join( dirname( new URL( import.meta.url ).pathname ), '..' );
const { values: args } = parseArgs( {
	options: {
		reset: { type: 'boolean', default: false },
		port: { type: 'string' },
		'chain-port': { type: 'string' },
		'snapshot-port': { type: 'string' },
		dir: { type: 'string' },
	},
} );
// A signal is how a user stops the site: not an error.
exitCodeOnSignal( 0 );

// A fresh clone: install and build before anything else is imported.
if ( ! existsSync( join( ROOT, 'node_modules/.package-lock.json' ) ) ) {
	console.log( 'Installing npm packages…' );
	execFileSync( 'bash', [ join( ROOT, 'scripts/npm-install.sh' ) ], { cwd: ROOT, stdio: 'inherit' } );
}
if ( ! existsSync( join( ROOT, 'build/admin/settings.js' ) ) ) {
	console.log( 'Building the plugin (npm run build)…' );
	execFileSync( 'npm', [ 'run', 'build' ], { cwd: ROOT, stdio: 'inherit' } );
}

const { deploySociety, startNode } = await import( './lib/chain.mjs' );
const { CACHE, WORDPRESS_CORE, ensureVendor, ensureWordPress, governanceSettings, testPorts } = await import( './lib/stack.mjs' );
const { startSnapshotHub } = await import( './lib/snapshot-hub.mjs' );
const { demoSnapshotProposals, startPlayground, writeBlueprint } = await import( './lib/playground.mjs' );
const { SEED_CLOCK_LEAD, seedGovernance } = await import( './lib/governance.mjs' );
const { CENSUS_CLOCK_LEAD, seedCensus } = await import( './lib/census.mjs' );

// Playground's recommended PHP: bcmath, no GMP.
const PHP_VERSION = '8.3';

const ports = testPorts( { site: 9400, chain: 8545, snapshot: 8600 } );
const sitePort = Number( args.port ?? ports.site );
const chainPort = Number( args[ 'chain-port' ] ?? ports.chain );
const snapshotPort = Number( args[ 'snapshot-port' ] ?? ports.snapshot );
const playgroundDir = resolve( args.dir ?? join( CACHE, 'playground' ) );
const siteDir = join( playgroundDir, 'site' );
if ( args.reset ) {
	rmSync( playgroundDir, { recursive: true, force: true } );
}
ensureWordPress();
ensureVendor();
if ( ! existsSync( join( siteDir, 'wp-includes' ) ) ) {
	mkdirSync( siteDir, { recursive: true } );
	cpSync( WORDPRESS_CORE, siteDir, { recursive: true } );
}

console.log( 'Starting the local chain and deploying the demo society…' );
const chain = await startNode( { port: chainPort, behind: CENSUS_CLOCK_LEAD + SEED_CLOCK_LEAD } );
chain.process.on( 'exit', ( code ) => {
	if ( ! shuttingDown() ) {
		console.error( `The local chain stopped (exit code ${ code }).` );
		shutdown( code || 1 );
	}
} );
const deployment = await seedGovernance( chain.rpcUrl, await seedCensus( chain.rpcUrl, await deploySociety( chain.rpcUrl ) ) );

console.log( 'Starting the local Snapshot hub and sequencer…' );
const snapshot = await startSnapshotHub( { port: snapshotPort } );
snapshot.process.on( 'exit', ( code ) => {
	if ( ! shuttingDown() ) {
		console.error( `The Snapshot stand-in stopped (exit code ${ code }).` );
		shutdown( code || 1 );
	}
} );

const blueprintFile = writeBlueprint( join( playgroundDir, 'blueprint.json' ), { ...deployment, snapshot: demoSnapshotProposals() }, PHP_VERSION, governanceSettings( snapshot ) );
const siteUrl = `http://127.0.0.1:${ sitePort }`;
console.log( 'Starting WordPress Playground…' );
const playground = startPlayground( {
	port: sitePort,
	php: PHP_VERSION,
	siteDir,
	blueprintFile,
	stdio: [ 'ignore', 'pipe', 'inherit' ],
} );

let ready = false;
playground.stdout.on( 'data', ( chunk ) => {
	const text = chunk.toString();
	if ( ! ready && text.includes( 'Ready!' ) ) {
		ready = true;
		printBanner().catch( ( error ) => console.error( error ) );
	} else if ( ! ready || /error/i.test( text ) ) {
		process.stdout.write( text );
	}
} );

playground.on( 'exit', ( code ) => {
	if ( ! shuttingDown() ) {
		console.error( `WordPress Playground stopped (exit code ${ code }).` );
		shutdown( code || 1 );
	}
} );

/** The census the site published at start (scripts/php/census-sync.php), in one line. */
async function censusLine() {
	try {
		const response = await fetch( `${ siteUrl }/wp-json/sovereign-press/v1/census`, { signal: AbortSignal.timeout( 10000 ) } );
		const census = await response.json();
		if ( response.ok && Number.isInteger( census.population ) ) {
			return `${ census.population } members as of block #${ census.snapshot.block }`;
		}
	} catch {
		// Reported below.
	}
	return 'not synced yet: Settings > Sovereign Press > Census > Sync now';
}

async function printBanner() {
	const census = await censusLine();
	const wallets = deployment.wallets
		.map( ( w ) => `  #${ w.index } ${ w.address }\n     ${ w.role }\n     private key: ${ w.privateKey }` )
		.join( '\n' );
	console.log( `
Sovereign Press is running.

  Site:      ${ siteUrl }/
  Admin:     ${ siteUrl }/wp-admin/   user: admin   password: password
  Settings:  ${ siteUrl }/wp-admin/options-general.php?page=sovereign-press
  Chain:     ${ chain.rpcUrl }   chain id ${ deployment.chainId }
  Snapshot:  ${ snapshot.hubUrl } (hub)   ${ snapshot.sequencerUrl } (sequencer)   local stand-in

Token-gated demo posts (sign in with wallet #1 or #2 to read them, #3 to be turned away):
  ${ siteUrl }/citizens-letter/    the whole post, for Citizen NFT holders
  ${ siteUrl }/members-briefing/   one section for citizens, one for core contributors

The census (members, treasury, economy, verified from the chain; ${ census }):
  ${ siteUrl }/census/

DAO proposals (the Governor's and Snapshot's; vote with wallet #0, #1 or #2):
  ${ siteUrl }/governance/
  Votes: #0 1000, #1 100, #2 10, #3 none. On Snapshot #0 and #2 have voted on several proposals;
  on the Governor nobody has voted on "Publish the society's minutes" yet. Governor times are
  estimates: the local chain mines only when a transaction arrives.

Demo wallets (LOCAL CHAIN ONLY: these keys are public, never send real funds to them):
${ wallets }

To use one in a browser wallet (MetaMask, Rabby…):
  1. Add a network: RPC URL ${ chain.rpcUrl }, chain id ${ deployment.chainId }, currency symbol ETH.
  2. Import an account with one of the private keys above.

The site and its database live in ${ playgroundDir }/ and survive a restart (npm start -- --reset
starts fresh). The chain is redeployed at each start; the contract addresses stay the same.
Press Ctrl-C to stop everything.
` );
}
