/**
 * The bundled Markdown library (vendor/, scripts/get-vendor.sh) loads through includes/autoload.php
 * and converts CommonMark + GFM under the declared PHP floor and the newest PHP php-wasm ships,
 * without a single warning, notice or deprecation (E_ALL collected by an error handler).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { createNodeFsMountHandler, loadNodeRuntime } from '@php-wasm/node';
import { LatestSupportedPHPVersion, PHP } from '@php-wasm/universal';

import { ROOT } from '../../scripts/lib/chain.mjs';
import { phpFloor } from '../../scripts/lint-php-versions.mjs';

const PROBE = `<?php
error_reporting( E_ALL );
$problems = array();
set_error_handler( static function ( int $level, string $message, string $file, int $line ) use ( &$problems ): bool {
	$problems[] = "$level: $message ($file:$line)";
	return true;
} );
require '/plugin/includes/autoload.php';
$environment = new League\\CommonMark\\Environment\\Environment( array( 'html_input' => 'escape', 'allow_unsafe_links' => false, 'max_nesting_level' => 20 ) );
$environment->addExtension( new League\\CommonMark\\Extension\\CommonMark\\CommonMarkCoreExtension() );
$environment->addExtension( new League\\CommonMark\\Extension\\GithubFlavoredMarkdownExtension() );
$html = (string) ( new League\\CommonMark\\MarkdownConverter( $environment ) )->convert( file_get_contents( '/tmp/probe.md' ) );
echo json_encode( array( 'php' => PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION, 'html' => $html, 'problems' => $problems ) );
`;

const MARKDOWN = '# Title\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n\nSee https://example.org and <script>alert(1)</script> [x](javascript:alert(1))\n';

const runtimes = [];
after( () => runtimes.forEach( ( php ) => php.exit() ) );

describe( 'bundled league/commonmark', { skip: ! existsSync( join( ROOT, 'vendor/php' ) ) && 'run scripts/get-vendor.sh first' }, () => {
	for ( const version of [ ...new Set( [ phpFloor(), LatestSupportedPHPVersion ] ) ] ) {
		test( `converts GFM with escaped HTML and no warnings on PHP ${ version }`, async () => {
			const php = new PHP( await loadNodeRuntime( version, { emscriptenOptions: { processId: 1 } } ) );
			runtimes.push( php );
			await php.mkdir( '/plugin' );
			await php.mount( '/plugin', createNodeFsMountHandler( ROOT ) );
			await php.writeFile( '/tmp/probe.md', MARKDOWN );
			const response = await php.run( { code: PROBE } );
			assert.equal( response.errors, '' );
			const result = JSON.parse( response.text );
			assert.equal( result.php, version );
			assert.deepEqual( result.problems, [] );
			assert.match( result.html, /<h1>Title<\/h1>/ );
			assert.match( result.html, /<td><del>2<\/del><\/td>/ );
			assert.match( result.html, /<input checked="" disabled="" type="checkbox">/ );
			assert.match( result.html, /<a href="https:\/\/example.org">/ );
			assert.match( result.html, /&lt;script&gt;/ );
			assert.doesNotMatch( result.html, /javascript:/ );
		} );
	}
} );
