#!/usr/bin/env node
/**
 * End-to-end tests: Debian's Chromium (playwright-core) against WordPress on native PHP + MariaDB
 * and the local chain. Screenshots land in artifacts/e2e/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { deploySociety, ROOT, startNode } from './lib/chain.mjs';
import { CACHE, ensureWordPress, installSite, prepareSite, startMariaDb, startPhpServer, stopAll } from './lib/stack.mjs';

const PORTS = { chain: 18645, site: 18680 };
const dir = join( CACHE, 'test-e2e' );

if ( ! existsSync( join( ROOT, 'build/admin/settings.js' ) ) ) {
	console.error( 'Build the plugin first: npm run build' );
	process.exit( 1 );
}
ensureWordPress();
const db = await startMariaDb( join( dir, 'mysql' ) );
const node = await startNode( { port: PORTS.chain } );
await deploySociety( node.rpcUrl );
const url = `http://127.0.0.1:${ PORTS.site }`;
const site = prepareSite( { dir: join( dir, 'site' ), socket: db.socket, dbName: 'sp_e2e', url } );
installSite( { dir: site, db, dbName: 'sp_e2e' } );
await startPhpServer( { docroot: site, router: join( ROOT, 'tests/e2e/router.php' ), port: PORTS.site } );

const files = process.argv.slice( 2 ).length ? process.argv.slice( 2 ) : [ join( ROOT, 'tests/e2e' ) ];
const result = spawnSync( process.execPath, [ '--test', '--test-concurrency=1', ...files ], {
	stdio: 'inherit',
	env: { ...process.env, E2E_BASE_URL: url, E2E_RPC_URL: node.rpcUrl },
} );
node.process.kill();
stopAll();
process.exit( result.status ?? 1 );
