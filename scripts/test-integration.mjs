#!/usr/bin/env node
/**
 * PHPUnit integration tests against a real WordPress 6.8 + MariaDB + the local chain.
 * Extra arguments go to phpunit (e.g. --filter SettingsTest).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { deploySociety, ROOT, startNode } from './lib/chain.mjs';
import { CACHE, ensureWordPress, installSite, prepareSite, startMariaDb, startPhpServer, stopAll } from './lib/stack.mjs';

const PORTS = { chain: 18545, endpoints: 18546 };
const dir = join( CACHE, 'test-integration' );

ensureWordPress();
const db = await startMariaDb( join( dir, 'mysql' ) );
const node = await startNode( { port: PORTS.chain } );
const deployment = await deploySociety( node.rpcUrl );
const SITE_URL = 'http://127.0.0.1:18547';
const { authFixtures, siweFixtures } = await import( '../tests/chain/siwe-fixtures.mjs' );
const fixtures = join( dir, 'siwe-fixtures.json' );
writeFileSync( fixtures, JSON.stringify( await siweFixtures( deployment ) ) );
const authFile = join( dir, 'auth-fixtures.json' );
writeFileSync( authFile, JSON.stringify( await authFixtures( deployment, SITE_URL ) ) );
const endpoints = await startPhpServer( {
	docroot: join( ROOT, 'tests/php/fixtures' ),
	router: join( ROOT, 'tests/php/fixtures/endpoints.php' ),
	port: PORTS.endpoints,
} );
const site = prepareSite( { dir: join( dir, 'site' ), socket: db.socket, dbName: 'sp_integration', url: SITE_URL } );
installSite( { dir: site, db, dbName: 'sp_integration' } );

const result = spawnSync( 'phpunit', [ '-c', join( ROOT, 'tests/php/phpunit-integration.xml' ), ...process.argv.slice( 2 ) ], {
	stdio: 'inherit',
	env: {
		...process.env,
		SP_WP_DIR: site,
		SP_RPC_URL: node.rpcUrl,
		SP_FAKE_RPC_URL: endpoints.url,
		SP_DEPLOYMENT: join( CACHE, 'chain/deployment.json' ),
		SP_SIWE_FIXTURES: fixtures,
		SP_AUTH_FIXTURES: authFile,
	},
} );
node.process.kill();
stopAll();
process.exit( result.status ?? 1 );
