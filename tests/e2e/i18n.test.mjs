/**
 * Translations reach the browser. The site speaks a test locale (Esperanto, from
 * tests/i18n/sovereign-press-eo.po), compiled the way a site owner would: the .mo by msgfmt, the
 * JSON files of the scripts by npm run i18n:json, both in wp-content/languages/plugins/. The PHP
 * button, the Wallet Login block's view script, its lazily loaded wallet dialog and the editor's
 * Token gate panel then show the translations.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { ARTIFACTS, BASE_URL, launch, logIn } from './browser.mjs';

const ROOT = fileURLToPath( new URL( '../..', import.meta.url ) );
const SITE = process.env.E2E_SITE_DIR ?? join( ROOT, '.cache/test-e2e/site' );
const LANGUAGES = join( SITE, 'wp-content/languages/plugins' );
const PO = join( ROOT, 'tests/i18n/sovereign-press-eo.po' );

/** Runs PHP inside the test site. */
function sitePhp( code ) {
	return execFileSync( 'php', [ '-r', `$_SERVER['HTTP_HOST'] = 'localhost'; require '${ SITE }/wp-load.php'; ${ code }` ], { encoding: 'utf8' } );
}

describe( 'Translations', () => {
	let browser;
	let page;
	let installed = [];
	const pageErrors = [];

	before( async () => {
		mkdirSync( LANGUAGES, { recursive: true } );
		const existing = new Set( readdirSync( LANGUAGES ) );
		execFileSync( 'msgfmt', [ '--check', '-o', join( LANGUAGES, 'sovereign-press-eo.mo' ), PO ] );
		execFileSync( process.execPath, [ join( ROOT, 'scripts/i18n.mjs' ), 'json', PO, '--out', LANGUAGES ] );
		installed = readdirSync( LANGUAGES ).filter( ( file ) => ! existing.has( file ) );
		// WordPress offers only installed core languages in Settings > General; Esperanto core files
		// are not needed here, only the plugin's.
		sitePhp( "add_filter( 'get_available_languages', fn( $l ) => array_merge( $l, array( 'eo' ) ) ); update_option( 'WPLANG', 'eo' );" );
		assert.equal( sitePhp( "echo get_option( 'WPLANG' );" ), 'eo' );

		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
	} );

	after( async () => {
		await browser?.close();
		sitePhp( "update_option( 'WPLANG', '' );" );
		for ( const file of installed ) {
			rmSync( join( LANGUAGES, file ) );
		}
	} );

	it( 'installs a .mo and one JSON file per built script that uses a translated string', () => {
		assert.ok( installed.includes( 'sovereign-press-eo.mo' ), installed.join( ', ' ) );
		// build/wallet-login/view.js, build/wallet.js (the lazily loaded dialog), build/editor.js, …
		assert.ok( installed.filter( ( file ) => /^sovereign-press-eo-[0-9a-f]{32}\.json$/.test( file ) ).length >= 4, installed.join( ', ' ) );
	} );

	it( 'translates the Wallet Login block rendered in PHP', async () => {
		await page.goto( `${ BASE_URL }/join/` );
		const block = page.locator( '.wp-block-sovereign-press-wallet-login' );
		await block.getByRole( 'button', { name: 'Ensaluti per monujo' } ).waitFor();
	} );

	it( "translates the block's view script: the message when the wallet code cannot load", async () => {
		const block = page.locator( '.wp-block-sovereign-press-wallet-login' );
		await page.route( /\/build\/wallet\.js/, ( route ) => route.abort() );
		await block.getByRole( 'button', { name: 'Ensaluti per monujo' } ).click();
		await block.getByRole( 'alert' ).filter( { hasText: 'La monuja ensaluto ne ŝargiĝis. Kontrolu vian konekton kaj reprovu.' } ).waitFor( { timeout: 10000 } );
		await page.unroute( /\/build\/wallet\.js/ );
	} );

	it( 'translates the wallet dialog, which loads on click', async () => {
		const block = page.locator( '.wp-block-sovereign-press-wallet-login' );
		await block.getByRole( 'button', { name: 'Ensaluti per monujo' } ).click();
		const dialog = page.locator( '.sovereign-press-wallet-dialog' );
		await dialog.getByRole( 'heading', { name: 'Ensalutu per via monujo' } ).waitFor( { timeout: 10000 } );
		await dialog.getByRole( 'button', { name: 'Nuligi' } ).waitFor();
		assert.equal( await block.getByRole( 'alert' ).count(), 0, 'A successful retry clears the message.' );
		await page.screenshot( { path: `${ ARTIFACTS }i18n-wallet-dialog.png` } );
		await dialog.getByRole( 'button', { name: 'Nuligi' } ).click();
	} );

	it( 'translates the wallet dialog on the login screen', async () => {
		await page.goto( `${ BASE_URL }/wp-login.php` );
		await page.locator( '#loginform' ).getByRole( 'button', { name: 'Ensaluti per monujo' } ).click();
		await page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'heading', { name: 'Ensalutu per via monujo' } ).waitFor( { timeout: 10000 } );
	} );

	it( "translates the editor's Token gate panel", async () => {
		await logIn( page );
		await page.goto( `${ BASE_URL }/wp-admin/post-new.php` );
		const guide = page.getByRole( 'dialog', { name: /Welcome to the editor/ } );
		if ( await guide.isVisible( { timeout: 5000 } ).catch( () => false ) ) {
			await guide.getByRole( 'button', { name: 'Close' } ).click();
		}
		await page.getByRole( 'tab', { name: 'Post' } ).click();
		const toggle = page.getByRole( 'checkbox', { name: 'Nur posedantoj povas legi ĉi tion' } );
		if ( ! ( await toggle.isVisible() ) ) {
			await page.getByRole( 'button', { name: 'Ĵetona pordego' } ).click();
		}
		await toggle.waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }i18n-editor.png`, fullPage: true } );
		assert.deepEqual( pageErrors, [] );
	} );
} );
