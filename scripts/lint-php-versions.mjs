#!/usr/bin/env node
/**
 * Compiles every PHP file of the plugin, its tests and scripts under the oldest PHP the plugin
 * declares ("Requires PHP" in plugin.php) and under the newest PHP that php-wasm ships, without
 * running them: opcache_compile_file in PHP-in-WebAssembly (@php-wasm/node, installed with
 * @wp-playground/cli). Syntax a newer PHP added (`true` as a type, readonly classes, typed class
 * constants, DNF types) is a fatal error on the older one, and so is a call to a function it lacks:
 * both are reported as file:line.
 *
 *   node scripts/lint-php-versions.mjs             every PHP file
 *   node scripts/lint-php-versions.mjs a.php b.php  these files
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createNodeFsMountHandler, loadNodeRuntime } from '@php-wasm/node';
import { LatestSupportedPHPVersion, PHP } from '@php-wasm/universal';

const ROOT = resolve( dirname( fileURLToPath( import.meta.url ) ), '..' );
const SKIP = new Set( [ 'node_modules', 'build', 'vendor' ] );
const MOUNT = '/plugin';

/** The "Requires PHP" of plugin.php, which readme.txt must repeat. */
export function phpFloor() {
	const header = ( file ) => readFileSync( join( ROOT, file ), 'utf8' ).match( /^[\s*]*Requires PHP:\s*([\d.]+)/m )?.[ 1 ];
	const floor = header( 'plugin.php' );
	if ( ! floor || header( 'readme.txt' ) !== floor ) {
		throw new Error( `plugin.php (Requires PHP: ${ floor }) and readme.txt (${ header( 'readme.txt' ) }) must declare the same PHP floor.` );
	}
	return floor;
}

function phpFiles( dir = ROOT ) {
	return readdirSync( dir, { withFileTypes: true } ).flatMap( ( entry ) => {
		if ( entry.name.startsWith( '.' ) || SKIP.has( entry.name ) ) {
			return [];
		}
		const path = join( dir, entry.name );
		if ( entry.isDirectory() ) {
			return phpFiles( path );
		}
		return entry.isFile() && entry.name.endsWith( '.php' ) ? [ relative( ROOT, path ) ] : [];
	} );
}

/**
 * A PHP runtime of the given version with the checkout mounted. The SAPI is named "cli" so that
 * OPcache starts (it refuses SAPIs it does not know), which is what compiles without running.
 */
async function phpRuntime( version ) {
	// loadNodeRuntime needs a process id (Playground hands one to each worker); one runtime per version here.
	const php = new PHP( await loadNodeRuntime( version, { emscriptenOptions: { processId: 1 } } ) );
	php.setSapiName( 'cli' );
	await php.mkdir( MOUNT );
	await php.mount( MOUNT, createNodeFsMountHandler( ROOT ) );
	return php;
}

async function runPhp( php, code ) {
	try {
		return await php.run( { code } );
	} catch ( error ) {
		// A fatal error ends the request (exit code 255); the runtime stays usable.
		if ( error.response ) {
			return error.response;
		}
		throw error;
	}
}

/**
 * Compiles one file; returns its problems as "path:line: message".
 */
async function compile( php, path ) {
	const response = await runPhp(
		php,
		`<?php ini_set( 'display_errors', '0' ); ini_set( 'log_errors', '1' ); var_export( opcache_compile_file( ${ JSON.stringify( path ) } ) );`
	);
	const problems = response.errors
		.split( '\n' )
		.filter( ( line ) => line.trim() && ! line.includes( 'Zend OPcache could not compile file' ) )
		.map( ( line ) => {
			const match = line.match( /^PHP (.+?):\s+(.*) in (\S+) on line (\d+)$/ );
			return match ? `${ match[ 3 ].replace( `${ MOUNT }/`, '' ) }:${ match[ 4 ] }: ${ match[ 1 ] }: ${ match[ 2 ] }` : line.trim();
		} );
	if ( response.text.trim() !== 'true' && ! problems.length ) {
		problems.push( `${ path.replace( `${ MOUNT }/`, '' ) }: does not compile (${ response.text.trim() || `exit code ${ response.exitCode }` })` );
	}
	return problems;
}

async function internalFunctions( php ) {
	const response = await runPhp( php, `<?php echo json_encode( get_defined_functions()['internal'] );` );
	return JSON.parse( response.text );
}

/**
 * Calls to functions of the newest PHP that the floor lacks, unless the file checks
 * function_exists() for them. Token-based: `name(` not preceded by ->, ?->, ::, function, new.
 */
async function missingFunctions( php, files, names ) {
	await php.writeFile( '/tmp/lint-input.json', JSON.stringify( { files, names } ) );
	const response = await runPhp(
		php,
		`<?php
$input = json_decode( file_get_contents( '/tmp/lint-input.json' ), true );
$names = array_flip( $input['names'] );
$skip  = array( T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW, T_CONST );
$noise = array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT );
$calls = array();
foreach ( $input['files'] as $file ) {
	$tokens = array_values( array_filter( token_get_all( file_get_contents( '${ MOUNT }/' . $file ) ), static fn( $t ) => ! is_array( $t ) || ! in_array( $t[0], $noise, true ) ) );
	foreach ( $tokens as $i => $token ) {
		if ( is_array( $token ) && in_array( $token[0], array( T_STRING, T_NAME_FULLY_QUALIFIED ), true ) && '(' === ( $tokens[ $i + 1 ] ?? null ) ) {
			$name = strtolower( ltrim( $token[1], chr( 92 ) ) );
			$prev = $tokens[ $i - 1 ] ?? null;
			if ( isset( $names[ $name ] ) && ! ( is_array( $prev ) && in_array( $prev[0], $skip, true ) ) ) {
				$calls[] = array( $file, $token[2], $name );
			}
		}
	}
}
echo json_encode( $calls );`
	);
	if ( response.exitCode !== 0 || response.errors ) {
		throw new Error( `The function check failed: ${ response.errors || response.text }` );
	}
	return JSON.parse( response.text ).filter(
		( [ file, , name ] ) => ! new RegExp( `function_exists\\(\\s*['"]\\\\?${ name.replaceAll( '\\', '\\\\' ) }['"]`, 'i' ).test( readFileSync( join( ROOT, file ), 'utf8' ) )
	);
}

/**
 * Checks that the runtime is the PHP it claims to be: the floor must refuse `true` as a type
 * when the floor predates 8.2, and the newest must accept it. Guards against a check that
 * would pass everything.
 */
async function selfCheck( php, version ) {
	const response = await runPhp( php, '<?php echo PHP_MAJOR_VERSION . "." . PHP_MINOR_VERSION;' );
	if ( response.text !== version ) {
		throw new Error( `Asked for PHP ${ version }, got ${ response.text }.` );
	}
	await php.writeFile( '/tmp/true-type.php', '<?php function sovereign_press_probe(): true { return true; }' );
	const accepts = ( await compile( php, '/tmp/true-type.php' ) ).length === 0;
	const [ major, minor ] = version.split( '.' ).map( Number );
	if ( accepts !== ( major > 8 || ( major === 8 && minor >= 2 ) ) ) {
		throw new Error( `PHP ${ version } ${ accepts ? 'accepted' : 'refused' } \`true\` as a type: the compile check is not working.` );
	}
}

const isMain = resolve( process.argv[ 1 ] ?? '' ) === fileURLToPath( import.meta.url );
if ( isMain ) {
	const started = Date.now();
	const floor = phpFloor();
	const newest = LatestSupportedPHPVersion;
	const files = process.argv.length > 2 ? process.argv.slice( 2 ).map( ( file ) => relative( ROOT, resolve( file ) ) ) : phpFiles();
	const problems = [];
	const runtimes = {};
	for ( const version of [ ...new Set( [ floor, newest ] ) ] ) {
		const php = ( runtimes[ version ] = await phpRuntime( version ) );
		await selfCheck( php, version );
		for ( const file of files ) {
			problems.push( ...( await compile( php, `${ MOUNT }/${ file }` ) ).map( ( line ) => `PHP ${ version }: ${ line }` ) );
		}
	}
	if ( floor !== newest ) {
		const known = new Set( ( await internalFunctions( runtimes[ floor ] ) ).map( ( name ) => name.toLowerCase() ) );
		const added = ( await internalFunctions( runtimes[ newest ] ) ).map( ( name ) => name.toLowerCase() ).filter( ( name ) => ! known.has( name ) );
		for ( const [ file, line, name ] of await missingFunctions( runtimes[ floor ], files, added ) ) {
			problems.push( `PHP ${ floor }: ${ file }:${ line }: ${ name }() does not exist in PHP ${ floor } (guard it with function_exists)` );
		}
	}
	for ( const php of Object.values( runtimes ) ) {
		php.exit();
	}
	const seconds = ( ( Date.now() - started ) / 1000 ).toFixed( 1 );
	if ( problems.length ) {
		console.error( problems.join( '\n' ) );
		console.error( `PHP ${ floor } / ${ newest } compile check: ${ problems.length } problem(s) in ${ files.length } files (${ seconds } s).` );
		process.exit( 1 );
	}
	console.log( `PHP ${ floor } and ${ newest }: all ${ files.length } PHP files compile (${ seconds } s).` );
}
