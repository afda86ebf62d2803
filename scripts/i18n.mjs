#!/usr/bin/env node
/**
 * Translations of the plugin.
 *
 *   node scripts/i18n.mjs pot            languages/sovereign-press.pot from the sources and build/
 *                                        (written only when its content changed; npm run i18n;
 *                                        in CI, where the build runs it, a stale POT fails instead)
 *   node scripts/i18n.mjs check          fails when the committed POT is stale (npm run lint)
 *   node scripts/i18n.mjs json FILE.po…  the JSON files of the scripts (npm run i18n:json)
 *        [--out DIR]                     where to write them (default: beside each .po)
 *        [--plugin DIR]                  the plugin whose build/ to read (default: this checkout)
 *
 * The POT lists each string with the files that use it: PHP, block.json and TypeScript sources,
 * and for strings of scripts the built file that carries them (build/…js), which is the file
 * WordPress loads, hashes and looks up JSON translations for (`wp i18n make-json` reads those
 * references). No line numbers and no creation date, so the POT changes only when strings do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { builtScripts, entryKey, parsePo, scriptTranslations, serializePot, TEXT_DOMAIN } from './lib/i18n.mjs';

const ROOT = resolve( dirname( fileURLToPath( import.meta.url ) ), '..' );
const POT = join( ROOT, 'languages', `${ TEXT_DOMAIN }.pot` );
const SOURCES = 'plugin.php,uninstall.php,includes/**,blocks/**,src/**';

/** The fields of block.json that WordPress translates, with their contexts (block-i18n.json). */
const BLOCK_I18N = {
	title: 'block title',
	description: 'block description',
	keywords: [ 'block keyword' ],
	styles: [ { label: 'block style label' } ],
	variations: [ { title: 'block variation title', description: 'block variation description', keywords: [ 'block variation keyword' ] } ],
};

/** The plugin header fields that WordPress translates, as `wp i18n make-pot` lists them. */
const PLUGIN_HEADERS = [ 'Plugin Name', 'Plugin URI', 'Description', 'Author', 'Author URI' ];

function fail( message ) {
	console.error( message );
	process.exit( 1 );
}

/** PHP and TypeScript strings, through @wp-blocks/make-pot. */
function sourceEntries() {
	const out = '.cache/i18n/make-pot';
	rmSync( join( ROOT, out ), { recursive: true, force: true } );
	const cli = join( ROOT, 'node_modules/@wp-blocks/make-pot/lib/makePot.js' );
	const result = spawnSync(
		process.execPath,
		[ cli, '.', out, `--slug=${ TEXT_DOMAIN }`, '--domain=plugin', '--charset=utf-8', `--include=${ SOURCES }`, '--exclude=node_modules/**,.cache/**,build/**,tests/**,scripts/**', '--skip-block-json', '--skip-audit', '--silent' ],
		{ cwd: ROOT, encoding: 'utf8', stdio: [ 'ignore', 'pipe', 'pipe' ] }
	);
	const file = join( ROOT, out, `${ TEXT_DOMAIN }.pot` );
	if ( result.status !== 0 || ! existsSync( file ) ) {
		fail( `make-pot failed:\n${ result.stdout }${ result.stderr }` );
	}
	return parsePo( readFileSync( file, 'utf8' ) ).entries;
}

function blockJsonEntries() {
	const entries = [];
	const walk = ( value, schema, file ) => {
		if ( typeof value === 'string' && typeof schema === 'string' ) {
			entries.push( { msgctxt: schema, msgid: value, comments: [], references: [ file ] } );
		} else if ( Array.isArray( value ) && Array.isArray( schema ) ) {
			value.forEach( ( item ) => walk( item, schema[ 0 ], file ) );
		} else if ( value && typeof value === 'object' && schema && typeof schema === 'object' ) {
			Object.keys( schema ).forEach( ( key ) => walk( value[ key ], schema[ key ], file ) );
		}
	};
	for ( const block of readdirSync( join( ROOT, 'blocks' ) ).sort() ) {
		const file = `blocks/${ block }/block.json`;
		if ( existsSync( join( ROOT, file ) ) ) {
			walk( JSON.parse( readFileSync( join( ROOT, file ), 'utf8' ) ), BLOCK_I18N, file );
		}
	}
	return entries;
}

function pluginHeader() {
	const text = readFileSync( join( ROOT, 'plugin.php' ), 'utf8' ).split( '*/' )[ 0 ];
	const fields = {};
	for ( const match of text.matchAll( /^[ \t/*#@]*([\w ]+?):[ \t]*(.+?)[ \t]*$/gm ) ) {
		fields[ match[ 1 ] ] ??= match[ 2 ];
	}
	return fields;
}

/**
 * The POT's text: the plugin header's strings, then every string with its files, sorted by the
 * first file that uses it.
 */
function buildPot() {
	if ( ! existsSync( join( ROOT, 'build' ) ) ) {
		fail( 'No build/ to read the scripts from: run npm run build first.' );
	}
	const header = pluginHeader();
	const merged = new Map();
	const add = ( { msgctxt, msgid, msgid_plural: plural, comments, references } ) => {
		const key = entryKey( { msgctxt, msgid } );
		const entry = merged.get( key ) ?? { msgctxt, msgid, msgid_plural: plural, comments: new Set(), references: new Set() };
		comments.forEach( ( c ) => entry.comments.add( c ) );
		references.forEach( ( r ) => entry.references.add( r ) );
		merged.set( key, entry );
	};
	for ( const entry of sourceEntries() ) {
		// Line numbers dropped; make-pot's own header strings point to a file named after the slug.
		const references = entry.references.map( ( r ) => r.replace( /:\d+$/, '' ) ).filter( ( r ) => existsSync( join( ROOT, r ) ) );
		if ( references.length ) {
			add( { ...entry, comments: entry.comments.map( ( c ) => ( c.startsWith( 'translators:' ) ? c : `translators: ${ c }` ) ), references } );
		}
	}
	blockJsonEntries().forEach( add );
	for ( const [ path, keys ] of builtScripts( ROOT ) ) {
		for ( const key of keys ) {
			merged.get( key )?.references.add( path );
		}
	}

	// The plugin header's strings come first, as in `wp i18n make-pot`.
	const headerKeys = PLUGIN_HEADERS.filter( ( name ) => header[ name ] ).map( ( name ) => {
		add( { msgid: header[ name ], comments: [ `${ name } of the plugin` ], references: [ 'plugin.php' ] } );
		return header[ name ];
	} );
	const rank = ( entry ) => {
		const index = headerKeys.indexOf( entryKey( entry ) );
		return index < 0 ? headerKeys.length : index;
	};
	// Code-point order, the same on every machine whatever its locale.
	const compare = ( a, b ) => ( a < b ? -1 : Number( a > b ) );
	const byFile = ( a, b ) => a.startsWith( 'build/' ) - b.startsWith( 'build/' ) || compare( a, b );
	const entries = [ ...merged.values() ]
		.map( ( e ) => ( { ...e, comments: [ ...e.comments ].sort(), references: [ ...e.references ].sort( byFile ), flags: [] } ) )
		.sort( ( a, b ) => rank( a ) - rank( b ) || byFile( a.references[ 0 ], b.references[ 0 ] ) || compare( entryKey( a ), entryKey( b ) ) );
	return serializePot( {
		comments: [ `Copyright (C) ${ header.Author }`, `This file is distributed under the ${ header.License }.` ],
		headers: {
			'Project-Id-Version': `${ header[ 'Plugin Name' ] } ${ header.Version }`,
			'Report-Msgid-Bugs-To': `https://wordpress.org/support/plugin/${ TEXT_DOMAIN }`,
			'Last-Translator': 'FULL NAME <EMAIL@ADDRESS>',
			'Language-Team': 'LANGUAGE <LL@li.org>',
			'MIME-Version': '1.0',
			'Content-Type': 'text/plain; charset=UTF-8',
			'Content-Transfer-Encoding': '8bit',
			'PO-Revision-Date': 'YEAR-MO-DA HO:MI+ZONE',
			'X-Generator': 'scripts/i18n.mjs',
			'X-Domain': TEXT_DOMAIN,
		},
		entries,
	} );
}

/** A POT's text without the creation date, which other tools may add. */
const withoutDate = ( text ) => text.replace( /^"POT-Creation-Date:.*"\n/m, '' );

/** Writes the POT when its strings changed; in CI (CI=true), fails instead, like check. */
function pot() {
	if ( process.env.CI === 'true' ) {
		check();
		return;
	}
	const text = buildPot();
	const current = existsSync( POT ) ? readFileSync( POT, 'utf8' ) : '';
	if ( withoutDate( current ) === text ) {
		console.log( `languages/${ basename( POT ) } is up to date.` );
		return;
	}
	writeFileSync( POT, text );
	console.log( `Wrote languages/${ basename( POT ) }.` );
}

function check() {
	const current = existsSync( POT ) ? readFileSync( POT, 'utf8' ) : '';
	if ( withoutDate( current ) !== buildPot() ) {
		fail( `languages/${ basename( POT ) } is stale: run npm run i18n (after npm run build) and commit it.` );
	}
	console.log( `languages/${ basename( POT ) } is current.` );
}

function json( args ) {
	const { values, positionals } = parseArgs( {
		args,
		allowPositionals: true,
		options: { out: { type: 'string' }, plugin: { type: 'string', default: ROOT } },
	} );
	if ( positionals.length === 0 ) {
		fail( 'Usage: node scripts/i18n.mjs json FILE.po… [--out DIR] [--plugin DIR]' );
	}
	const pluginDir = resolve( values.plugin );
	if ( ! existsSync( join( pluginDir, 'build' ) ) ) {
		fail( `No build/ in ${ pluginDir }: run npm run build first, or name the plugin with --plugin.` );
	}
	const scripts = builtScripts( pluginDir );
	for ( const po of positionals ) {
		const catalog = parsePo( readFileSync( po, 'utf8' ) );
		const locale = catalog.headers.Language || new RegExp( `^${ TEXT_DOMAIN }-(.+)\\.po$` ).exec( basename( po ) )?.[ 1 ];
		if ( ! locale ) {
			fail( `${ po }: no Language header, and the file is not named ${ TEXT_DOMAIN }-LOCALE.po.` );
		}
		const out = resolve( values.out ?? dirname( po ) );
		mkdirSync( out, { recursive: true } );
		const files = scriptTranslations( { ...catalog, locale }, scripts );
		for ( const [ name, data ] of files ) {
			writeFileSync( join( out, name ), JSON.stringify( data ) + '\n' );
			console.log( `${ join( out, name ) } (${ data.source }, ${ Object.keys( data.locale_data.messages ).length - 1 } strings)` );
		}
		if ( files.size === 0 ) {
			console.log( `${ po }: no translated string is used by a script.` );
		}
	}
}

const [ command, ...rest ] = process.argv.slice( 2 );
const commands = { pot, check, json: () => json( rest ) };
if ( ! commands[ command ] ) {
	fail( 'Usage: node scripts/i18n.mjs pot | check | json FILE.po… [--out DIR] [--plugin DIR]' );
}
commands[ command ]();
