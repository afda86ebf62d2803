/**
 * WordPress Playground (PHP in WebAssembly, SQLite) with the plugin mounted and the demo society
 * seeded: the site of `npm start` and of the PHP-version smoke test.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { FIXTURES } from '../../tests/snapshot/fixtures.mjs';
import { ROOT } from './chain.mjs';
import { startProcess } from './processes.mjs';

const require = createRequire( import.meta.url );

/**
 * The Snapshot proposals of the demo Governance page: the local stand-in's first society.eth
 * proposal of each voting type (tests/snapshot/fixtures.mjs), as `deployment.snapshot` for
 * writeBlueprint (scripts/php/seed-demo.php).
 *
 * @return {Record<string, string>} Proposal id by voting type.
 */
export function demoSnapshotProposals() {
	const ids = {};
	for ( const fixture of Object.values( FIXTURES ) ) {
		if ( fixture.space === 'society.eth' && ! fixture.testnet && ! ( fixture.type in ids ) ) {
			ids[ fixture.type ] = fixture.id;
		}
	}
	return ids;
}

/**
 * Writes a blueprint that activates the plugin and seeds the demo content for a deployment of
 * the demo society (scripts/php/seed-demo.php), on the given PHP. The version must be in the
 * blueprint: the CLI's --php only reaches the installer, and requests then run on the
 * blueprint's PHP (the newest when it names none).
 *
 * With governance settings (scripts/lib/stack.mjs governanceSettings), the plugin's Snapshot hub
 * and sequencer settings are set to them at every start: the local stand-in's URLs.
 *
 * A deployment with the demo's recent history (`census`, from scripts/lib/census.mjs seedCensus)
 * also syncs the census at every start (scripts/php/census-sync.php): once to the last block of
 * each day played (`census.days`), then to the head, so the Census page shows the chain as it now
 * is and its growth chart one point per day, each a snapshot of that day's block.
 *
 * @param {string} file         Where to write it.
 * @param {object} deployment   From deploySociety.
 * @param {string} php          PHP version, such as "8.1".
 * @param {object} [governance] Governance settings to store.
 */
export function writeBlueprint( file, deployment, php, governance = null ) {
	const seed = `<?php
require '/wordpress/wp-load.php';
$sovereign_press_deployment = json_decode( ${ JSON.stringify( JSON.stringify( deployment ) ).replace( /\$/g, '\\$' ) }, true );
require '/wordpress/wp-content/plugins/sovereign-press/scripts/php/seed-demo.php';
`;
	const blueprint = {
		$schema: 'https://playground.wordpress.net/blueprint-schema.json',
		landingPage: '/',
		preferredVersions: { php, wp: 'latest' },
		steps: [
			{ step: 'activatePlugin', pluginPath: 'sovereign-press/plugin.php' },
			{ step: 'runPHP', code: seed },
			...( governance ? [ { step: 'runPHP', code: governanceStep( governance ) } ] : [] ),
			...( deployment.census ? [ ...( deployment.census.days ?? [] ), null ].map( ( until ) => ( { step: 'runPHP', code: censusSyncStep( until ) } ) ) : [] ),
		],
	};
	writeFileSync( file, JSON.stringify( blueprint, null, '\t' ) );
	return file;
}

/**
 * Bounded: a census the job cannot finish in time is left for the Sync now button or WP-Cron.
 *
 * @param {number|null} until The block to sync to (null: the head).
 */
function censusSyncStep( until ) {
	return `<?php
require '/wordpress/wp-load.php';
$sovereign_press_sync_seconds = 180;
${ Number.isInteger( until ) ? `$sovereign_press_sync_until = ${ until };\n` : '' }require '/wordpress/wp-content/plugins/sovereign-press/scripts/php/census-sync.php';
`;
}

function governanceStep( governance ) {
	return `<?php
require '/wordpress/wp-load.php';
$sp_settings               = get_option( 'sovereign_press_settings', array() );
$sp_settings               = is_array( $sp_settings ) ? $sp_settings : array();
$sp_settings['governance'] = json_decode( ${ JSON.stringify( JSON.stringify( governance ) ).replace( /\$/g, '\\$' ) }, true );
update_option( 'sovereign_press_settings', $sp_settings );
`;
}

/**
 * Starts `wp-playground server` on a site folder (WordPress core files; installed into SQLite
 * on first start) with the checkout mounted as the plugin. It prints "Ready!" once it serves, and
 * stops with this process (scripts/lib/processes.mjs).
 *
 * @param {object}   options
 * @param {number}   options.port
 * @param {string}   options.siteDir       WordPress files, mounted at /wordpress.
 * @param {string}   options.blueprintFile From writeBlueprint.
 * @param {string}   options.php           PHP version, the blueprint's.
 * @param {string[]} [options.mounts]      More host:vfs mounts.
 * @param {number}   [options.workers]
 * @param {import('node:child_process').StdioOptions} [options.stdio]
 * @return {import('node:child_process').ChildProcess}
 */
export function startPlayground( { port, siteDir, blueprintFile, php, mounts = [], workers = 2, stdio = 'inherit' } ) {
	const cli = join( dirname( require.resolve( '@wp-playground/cli/package.json' ) ), 'wp-playground.js' );
	return startProcess(
		process.execPath,
		[
			cli,
			'server',
			`--port=${ port }`,
			`--php=${ php }`,
			`--mount-before-install=${ siteDir }:/wordpress`,
			'--wordpress-install-mode=install-from-existing-files-if-needed',
			`--mount=${ ROOT }:/wordpress/wp-content/plugins/sovereign-press`,
			...mounts.map( ( mount ) => `--mount=${ mount }` ),
			`--blueprint=${ blueprintFile }`,
			`--workers=${ workers }`,
			// Offline machines: never wait on wordpress.org for update checks.
			'--define-bool',
			'WP_HTTP_BLOCK_EXTERNAL',
			'true',
			'--define-bool',
			'AUTOMATIC_UPDATER_DISABLED',
			'true',
		],
		{ stdio }
	);
}
