/**
 * npm run i18n:json (scripts/i18n.mjs json) on a made-up plugin: which JSON files it writes for
 * which built scripts, and what they hold.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const SCRIPT = join( __dirname, '../../scripts/i18n.mjs' );

const PO = `msgid ""
msgstr ""
"Language: fr_FR\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"PO-Revision-Date: 2026-01-02 03:04+0000\\n"

#: src/wallet-login/dialog.ts
msgid "Log in with your wallet"
msgstr "Se connecter avec son portefeuille"

msgctxt "noun"
msgid "Post"
msgstr "Article"

msgid "%d wallet"
msgid_plural "%d wallets"
msgstr[0] "%d portefeuille"
msgstr[1] "%d portefeuilles"

msgid "Say \\"hi\\"\\n"
msgstr ""
"Dis "
"\\"salut\\"\\n"

#, fuzzy
msgid "Cancel"
msgstr "Annuler peut-être"

msgid "Untranslated"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Parti"
`;

const md5 = ( text: string ) =>
	createHash( 'md5' ).update( text ).digest( 'hex' );

describe( 'i18n.mjs json', () => {
	let plugin: string;
	let out: string;

	beforeAll( () => {
		plugin = mkdtempSync( join( tmpdir(), 'sp-i18n-' ) );
		out = join( plugin, 'languages' );
		mkdirSync( join( plugin, 'build/wallet-login' ), { recursive: true } );
		// Webpack's minified shapes: (0, module.__)( … ) and a member call.
		writeFileSync(
			join( plugin, 'build/wallet-login/view.js' ),
			'(()=>{var s=window.wp.i18n;document.title=(0,s.__)("Log in with your wallet","sovereign-press")})();'
		);
		writeFileSync(
			join( plugin, 'build/wallet.js' ),
			'(self.webpackChunk=self.webpackChunk||[]).push([[1],{1(e,t,n){var s=n(2);' +
				'e.exports=[s._x("Post","noun","sovereign-press"),(0,s._n)("%d wallet","%d wallets",3,"sovereign-press"),' +
				'(0,s.__)("Say \\"hi\\"\\n","sovereign-press"),(0,s.__)("Cancel","sovereign-press"),(0,s.__)("Untranslated","sovereign-press")]}}]);'
		);
		// Another text domain, and no strings at all: no JSON.
		writeFileSync(
			join( plugin, 'build/other.js' ),
			'(0,s.__)("Log in with your wallet","other-plugin");'
		);
		writeFileSync(
			join( plugin, 'build/plain.js' ),
			'console.log("sovereign-press");'
		);
		writeFileSync( join( plugin, 'sovereign-press-fr_FR.po' ), PO );
		execFileSync( process.execPath, [
			SCRIPT,
			'json',
			join( plugin, 'sovereign-press-fr_FR.po' ),
			'--plugin',
			plugin,
			'--out',
			out,
		] );
	} );

	afterAll( () => {
		rmSync( plugin, { recursive: true, force: true } );
	} );

	const read = ( path: string ) =>
		JSON.parse(
			readFileSync(
				join( out, `sovereign-press-fr_FR-${ md5( path ) }.json` ),
				'utf8'
			)
		);

	it( 'names each file after the md5 of the built script’s path from the plugin root', () => {
		expect( readdirSync( out ).sort() ).toEqual(
			[
				`sovereign-press-fr_FR-${ md5( 'build/wallet-login/view.js' ) }.json`,
				`sovereign-press-fr_FR-${ md5( 'build/wallet.js' ) }.json`,
			].sort()
		);
	} );

	it( 'gives each script the translated strings it calls, in Jed 1.x', () => {
		expect( read( 'build/wallet-login/view.js' ) ).toEqual( {
			'translation-revision-date': '2026-01-02 03:04+0000',
			generator: 'sovereign-press scripts/i18n.mjs',
			source: 'build/wallet-login/view.js',
			domain: 'messages',
			locale_data: {
				messages: {
					'': {
						domain: 'messages',
						lang: 'fr_FR',
						'plural-forms': 'nplurals=2; plural=(n > 1);',
					},
					'Log in with your wallet': [
						'Se connecter avec son portefeuille',
					],
				},
			},
		} );
	} );

	it( 'keys contexts with \\u0004, keeps plural forms and escapes, and leaves out fuzzy and untranslated strings', () => {
		const { '': header, ...messages } =
			read( 'build/wallet.js' ).locale_data.messages;
		expect( header.lang ).toBe( 'fr_FR' );
		expect( messages ).toEqual( {
			'noun\u0004Post': [ 'Article' ],
			'%d wallet': [ '%d portefeuille', '%d portefeuilles' ],
			'Say "hi"\n': [ 'Dis "salut"\n' ],
		} );
	} );
} );
