/**
 * Gettext for the plugin's scripts: reads and writes PO/POT files, finds which built script
 * (build/…js) calls which string, and writes the JSON translation files WordPress loads for a
 * script handle (`wp i18n make-json` semantics: one Jed 1.x file per script, named
 * {domain}-{locale}-{md5 of the script's path relative to the plugin root}.json, as
 * load_script_textdomain() looks them up).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { parse } from 'acorn';

export const TEXT_DOMAIN = 'sovereign-press';

/** Separates msgctxt from msgid in a key, as gettext's .mo files and Jed do. */
const CONTEXT_GLUE = '\u0004';

/**
 * @typedef {object} PoEntry
 * @property {string}   [msgctxt]
 * @property {string}   msgid
 * @property {string}   [msgid_plural]
 * @property {string[]} msgstr     One form, or one per plural form.
 * @property {string[]} comments   Extracted comments (`#.`) and translator comments (`# `).
 * @property {string[]} references File names (`#:`), without line numbers.
 * @property {string[]} flags      `#,` flags, such as fuzzy or php-format.
 */

/**
 * The key of an entry in a catalog: msgid, prefixed by its context when it has one.
 *
 * @param {{msgctxt?: string, msgid: string}} entry
 * @return {string} The key.
 */
export function entryKey( { msgctxt, msgid } ) {
	return msgctxt ? `${ msgctxt }${ CONTEXT_GLUE }${ msgid }` : msgid;
}

function unquote( text ) {
	const escapes = { n: '\n', t: '\t', r: '\r' };
	return text.slice( 1, -1 ).replace( /\\(.)/g, ( _, char ) => escapes[ char ] ?? char );
}

/**
 * Parses a PO or POT file. Obsolete entries (`#~`) are left out; the header comes back parsed.
 *
 * @param {string} text
 * @return {{headers: Record<string, string>, entries: PoEntry[]}} The header fields and entries.
 */
export function parsePo( text ) {
	const entries = [];
	let entry = null;
	let field = null;
	const current = () => ( entry ??= { msgstr: [], comments: [], references: [], flags: [] } );
	const finish = () => {
		if ( entry && entry.msgid !== undefined ) {
			entries.push( entry );
		}
		entry = null;
		field = null;
	};
	for ( const line of text.split( /\r?\n/ ).map( ( l ) => l.trim() ) ) {
		if ( line === '' || line.startsWith( '#~' ) ) {
			continue;
		}
		if ( line.startsWith( '#' ) ) {
			if ( entry?.msgstr.length ) {
				finish();
			}
			const body = line.slice( 2 ).trim();
			if ( line.startsWith( '#:' ) ) {
				current().references.push( ...body.split( /\s+/ ).filter( Boolean ) );
			} else if ( line.startsWith( '#,' ) ) {
				current().flags.push( ...body.split( ',' ).map( ( f ) => f.trim() ) );
			} else if ( line.startsWith( '#.' ) || line.startsWith( '# ' ) ) {
				current().comments.push( body );
			}
			continue;
		}
		const keyword = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/.exec( line );
		if ( keyword ) {
			const [ , name, index, value ] = keyword;
			if ( ( name === 'msgctxt' || name === 'msgid' ) && entry?.msgstr.length ) {
				finish();
			}
			current();
			if ( name.startsWith( 'msgstr' ) ) {
				field = { list: entry.msgstr, index: Number( index ?? 0 ) };
				entry.msgstr[ field.index ] = unquote( value );
			} else {
				field = { name };
				entry[ name ] = unquote( value );
			}
		} else if ( line.startsWith( '"' ) && field ) {
			if ( field.list ) {
				field.list[ field.index ] += unquote( line );
			} else {
				entry[ field.name ] += unquote( line );
			}
		} else {
			throw new Error( `Cannot read this PO line: ${ line }` );
		}
	}
	finish();

	const headers = {};
	const headerIndex = entries.findIndex( ( e ) => e.msgid === '' && ! e.msgctxt );
	if ( headerIndex >= 0 ) {
		for ( const row of entries[ headerIndex ].msgstr[ 0 ].split( '\n' ) ) {
			const colon = row.indexOf( ':' );
			if ( colon > 0 ) {
				headers[ row.slice( 0, colon ).trim() ] = row.slice( colon + 1 ).trim();
			}
		}
		entries.splice( headerIndex, 1 );
	}
	return { headers, entries };
}

function quote( text ) {
	return `"${ text
		.replace( /\\/g, '\\\\' )
		.replace( /"/g, '\\"' )
		.replace( /\t/g, '\\t' )
		.replace( /\r/g, '\\r' )
		.replace( /\n/g, '\\n' ) }"`;
}

/** A PO field; text with inner line breaks is written one line per line, as gettext does. */
function poField( keyword, text ) {
	const lines = text.split( /(?<=\n)/ );
	if ( lines.length < 2 ) {
		return `${ keyword } ${ quote( text ) }`;
	}
	return [ `${ keyword } ""`, ...lines.map( quote ) ].join( '\n' );
}

/**
 * Writes a POT file: the header, then every entry with its comments and file references.
 *
 * @param {{comments: string[], headers: Record<string, string>, entries: PoEntry[]}} pot
 * @return {string} The file's text.
 */
export function serializePot( { comments, headers, entries } ) {
	const header = Object.entries( headers )
		.map( ( [ name, value ] ) => `${ name }: ${ value }\n` )
		.join( '' );
	const blocks = [
		[ ...comments.map( ( c ) => `# ${ c }` ), 'msgid ""', poField( 'msgstr', header ) ].join( '\n' ),
	];
	for ( const entry of entries ) {
		const lines = entry.comments.map( ( c ) => `#. ${ c }` );
		lines.push( ...entry.references.map( ( r ) => `#: ${ r }` ) );
		if ( entry.flags.length ) {
			lines.push( `#, ${ entry.flags.join( ', ' ) }` );
		}
		if ( entry.msgctxt ) {
			lines.push( poField( 'msgctxt', entry.msgctxt ) );
		}
		lines.push( poField( 'msgid', entry.msgid ) );
		if ( entry.msgid_plural === undefined ) {
			lines.push( 'msgstr ""' );
		} else {
			lines.push( poField( 'msgid_plural', entry.msgid_plural ), 'msgstr[0] ""', 'msgstr[1] ""' );
		}
		blocks.push( lines.join( '\n' ) );
	}
	return blocks.join( '\n\n' ) + '\n';
}

/** Where each gettext function of @wordpress/i18n takes its arguments. */
const SIGNATURES = new Map( [
	[ '__', [ 'msgid', 'domain' ] ],
	[ '_x', [ 'msgid', 'msgctxt', 'domain' ] ],
	[ '_n', [ 'msgid', 'msgid_plural', null, 'domain' ] ],
	[ '_nx', [ 'msgid', 'msgid_plural', null, 'msgctxt', 'domain' ] ],
] );

/** `__`, `i18n.__` and webpack's `(0, i18n.__)` all call __. */
function calleeName( node ) {
	if ( node.type === 'Identifier' ) {
		return node.name;
	}
	if ( node.type === 'MemberExpression' ) {
		if ( ! node.computed ) {
			return node.property.name;
		}
		return typeof node.property.value === 'string' ? node.property.value : null;
	}
	if ( node.type === 'SequenceExpression' ) {
		return calleeName( node.expressions[ node.expressions.length - 1 ] );
	}
	return null;
}

function stringValue( node ) {
	if ( node?.type === 'Literal' && typeof node.value === 'string' ) {
		return node.value;
	}
	if ( node?.type === 'TemplateLiteral' && node.expressions.length === 0 ) {
		return node.quasis[ 0 ].value.cooked;
	}
	return undefined;
}

/**
 * The keys (see entryKey) of the strings a script translates in a text domain: every call of
 * __, _x, _n or _nx with literal arguments, in source or minified form.
 *
 * @param {string} code   A script, as webpack emitted it.
 * @param {string} domain Text domain.
 * @return {Set<string>} Keys.
 */
export function scriptStrings( code, domain = TEXT_DOMAIN ) {
	const keys = new Set();
	if ( ! code.includes( domain ) ) {
		return keys;
	}
	let ast;
	try {
		ast = parse( code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true } );
	} catch {
		ast = parse( code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true } );
	}
	// An explicit stack: minified bundles nest deeper than the call stack allows.
	const stack = [ ast ];
	while ( stack.length ) {
		const node = stack.pop();
		if ( node.type === 'CallExpression' ) {
			const signature = SIGNATURES.get( calleeName( node.callee ) );
			if ( signature ) {
				const call = {};
				signature.forEach( ( name, i ) => {
					if ( name ) {
						call[ name ] = stringValue( node.arguments[ i ] );
					}
				} );
				if ( call.domain === domain && call.msgid !== undefined && ( ! ( 'msgctxt' in call ) || call.msgctxt !== undefined ) ) {
					keys.add( entryKey( call ) );
				}
			}
		}
		for ( const value of Object.values( node ) ) {
			if ( Array.isArray( value ) ) {
				for ( const child of value ) {
					if ( child && typeof child.type === 'string' ) {
						stack.push( child );
					}
				}
			} else if ( value && typeof value.type === 'string' ) {
				stack.push( value );
			}
		}
	}
	return keys;
}

/**
 * Every built script of a plugin with the strings it translates, by path relative to the plugin
 * root (build/wallet.js): the path load_script_textdomain() hashes.
 *
 * @param {string} pluginDir Plugin root, holding build/.
 * @param {string} domain    Text domain.
 * @return {Map<string, Set<string>>} Relative path => keys; scripts without strings left out.
 */
export function builtScripts( pluginDir, domain = TEXT_DOMAIN ) {
	const scripts = new Map();
	const files = readdirSync( join( pluginDir, 'build' ), { recursive: true } )
		.map( String )
		.filter( ( file ) => file.endsWith( '.js' ) )
		.sort();
	for ( const file of files ) {
		const path = relative( pluginDir, join( pluginDir, 'build', file ) ).split( '\\' ).join( '/' );
		let keys;
		try {
			keys = scriptStrings( readFileSync( join( pluginDir, path ), 'utf8' ), domain );
		} catch ( error ) {
			throw new Error( `${ path }: ${ error.message }` );
		}
		if ( keys.size ) {
			scripts.set( path, keys );
		}
	}
	return scripts;
}

/**
 * The JSON translation files of a catalog: one per built script that calls at least one string
 * the catalog translates. Fuzzy and untranslated entries are left out, so they stay in English.
 *
 * @param {object}                   catalog
 * @param {Record<string, string>}   catalog.headers From parsePo.
 * @param {PoEntry[]}                catalog.entries From parsePo.
 * @param {string}                   catalog.locale  WordPress locale, such as fr_FR.
 * @param {Map<string, Set<string>>} scripts         From builtScripts.
 * @param {string}                   domain          Text domain.
 * @return {Map<string, object>} File name => Jed 1.x data.
 */
export function scriptTranslations( { headers, entries, locale }, scripts, domain = TEXT_DOMAIN ) {
	const translated = new Map();
	for ( const entry of entries ) {
		if ( ! entry.flags.includes( 'fuzzy' ) && entry.msgstr.length && entry.msgstr.every( ( s ) => s !== '' ) ) {
			translated.set( entryKey( entry ), entry.msgstr );
		}
	}
	const files = new Map();
	for ( const [ path, keys ] of scripts ) {
		const messages = {};
		for ( const key of [ ...keys ].sort() ) {
			if ( translated.has( key ) ) {
				messages[ key ] = translated.get( key );
			}
		}
		if ( Object.keys( messages ).length === 0 ) {
			continue;
		}
		const md5 = createHash( 'md5' ).update( path ).digest( 'hex' );
		files.set( `${ domain }-${ locale }-${ md5 }.json`, {
			'translation-revision-date': headers[ 'PO-Revision-Date' ] ?? '',
			generator: 'sovereign-press scripts/i18n.mjs',
			source: path,
			domain: 'messages',
			locale_data: {
				messages: {
					'': {
						domain: 'messages',
						lang: headers.Language || locale,
						'plural-forms': headers[ 'Plural-Forms' ] ?? 'nplurals=2; plural=(n != 1);',
					},
					...messages,
				},
			},
		} );
	}
	return files;
}
