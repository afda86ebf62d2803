#!/usr/bin/env node
/**
 * PHPUnit integration tests against a real WordPress 6.8 + MariaDB + the local chain.
 * Extra arguments go to phpunit (e.g. --filter SettingsTest). SP_OBJECT_CACHE=redis runs them on
 * a persistent object cache (Redis on a private socket, tests/php/redis-object-cache.php).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './lib/chain.mjs';
import { runProcess, shutdown } from './lib/processes.mjs';
import { CACHE, startPhpServer, startStack, testPorts } from './lib/stack.mjs';

const PORTS = testPorts( { chain: 18545, endpoints: 18546, site: 18547, snapshot: 18549 } );
const dir = join( CACHE, 'test-integration' );
const SITE_URL = `http://127.0.0.1:${ PORTS.site }`;

const stack = await startStack( {
	dir,
	chainPort: PORTS.chain,
	snapshotPort: PORTS.snapshot,
	dbName: 'sp_integration',
	url: SITE_URL,
	objectCache: process.env.SP_OBJECT_CACHE ?? '',
} );
const { authFixtures, siweFixtures } = await import( '../tests/chain/siwe-fixtures.mjs' );
const fixtures = join( dir, 'siwe-fixtures.json' );
writeFileSync( fixtures, JSON.stringify( await siweFixtures( stack.deployment ) ) );
const authFile = join( dir, 'auth-fixtures.json' );
writeFileSync( authFile, JSON.stringify( await authFixtures( stack.deployment, SITE_URL ) ) );
const endpoints = await startPhpServer( {
	docroot: join( ROOT, 'tests/php/fixtures' ),
	router: join( ROOT, 'tests/php/fixtures/endpoints.php' ),
	port: PORTS.endpoints,
} );

const status = await runProcess( 'phpunit', [ '-c', join( ROOT, 'tests/php/phpunit-integration.xml' ), ...process.argv.slice( 2 ) ], {
	env: {
		...process.env,
		SP_WP_DIR: stack.site,
		SP_SITE_URL: SITE_URL,
		SP_RPC_URL: stack.node.rpcUrl,
		SP_FAKE_RPC_URL: endpoints.url,
		SP_DEPLOYMENT: join( CACHE, 'chain/deployment.json' ),
		SP_SIWE_FIXTURES: fixtures,
		SP_AUTH_FIXTURES: authFile,
		SP_TEST_REDIS_SOCKET: stack.redis?.socket ?? '',
		// The Snapshot stand-in: its base URL (POST /__control for fault modes) and its endpoints.
		SP_SNAPSHOT_URL: stack.snapshot.url,
		SP_SNAPSHOT_HUB_URL: stack.snapshot.hubUrl,
		SP_SNAPSHOT_SEQUENCER_URL: stack.snapshot.sequencerUrl,
	},
} );
await shutdown( status );
