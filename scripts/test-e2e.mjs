#!/usr/bin/env node
/**
 * End-to-end tests: Debian's Chromium (playwright-core) against WordPress on native PHP + MariaDB
 * and the local chain. Screenshots land in artifacts/e2e/.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './lib/chain.mjs';
import { runProcess, shutdown } from './lib/processes.mjs';
import { CACHE, installSite, prepareSite, run, startPhpServer, startStack, testPorts } from './lib/stack.mjs';

const PORTS = testPorts( { chain: 18645, site: 18680, stock: 18681, snapshot: 18646 } );
const dir = join( CACHE, 'test-e2e' );

if ( ! existsSync( join( ROOT, 'build/admin/settings.js' ) ) || ! existsSync( join( ROOT, 'sovereign-press.zip' ) ) ) {
	console.error( 'Build the plugin and its zip first: npm run build && npm run plugin-zip' );
	process.exit( 1 );
}
const url = `http://127.0.0.1:${ PORTS.site }`;
const { db, node, snapshot, site } = await startStack( {
	dir,
	chainPort: PORTS.chain,
	snapshotPort: PORTS.snapshot,
	dbName: 'sp_e2e',
	url,
	governance: true,
	// The site's own address stands for a reverse proxy: tests that stand for visitors of their
	// own send X-Forwarded-For, and the rate limits count them apart (tests/e2e/rate-limits.test.mjs).
	settings: { walletLogin: { trustedProxies: [ '127.0.0.1' ] } },
} );
// The demo content, the local chain and its Governor proposals, as npm start sets them up.
run( 'php', [ join( ROOT, 'scripts/php/seed.php' ), site, join( CACHE, 'chain/deployment.json' ) ], { stdio: 'inherit' } );

await startPhpServer( { docroot: site, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.site } );

// A stock WordPress without the plugin, for installing sovereign-press.zip the way an admin would.
const stockUrl = `http://127.0.0.1:${ PORTS.stock }`;
const stock = prepareSite( { dir: join( dir, 'stock' ), socket: db.socket, dbName: 'sp_e2e_stock', url: stockUrl, linkPlugin: false } );
rmSync( join( stock, 'wp-content/plugins/sovereign-press' ), { recursive: true, force: true } );
installSite( { dir: stock, db, dbName: 'sp_e2e_stock' } );
await startPhpServer( { docroot: stock, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.stock } );

const files = process.argv.slice( 2 ).length ? process.argv.slice( 2 ) : [ join( ROOT, 'tests/e2e' ) ];
const status = await runProcess( process.execPath, [ '--test', '--test-concurrency=1', ...files ], {
	env: { ...process.env, E2E_BASE_URL: url, E2E_STOCK_URL: stockUrl, E2E_RPC_URL: node.rpcUrl, E2E_SITE_DIR: site, E2E_SNAPSHOT_URL: snapshot.url },
} );
await shutdown( status );
