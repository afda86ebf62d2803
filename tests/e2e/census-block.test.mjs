/**
 * The published census end to end: the demo society's census taken by the real sync on the local
 * chain, recounted from the chain alone by scripts/verify-census.mjs against the served site (and
 * a tampered root caught), and the Census block as an admin inserts it in the editor (the server's
 * HTML in the canvas) and as a visitor reads it with JavaScript off in Twenty Twenty-Five.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { chromium } from 'playwright-core';

import { ARTIFACTS, BASE_URL, RPC_URL, launch, logIn } from './browser.mjs';

const ROOT = new URL( '../..', import.meta.url ).pathname;
const SITE = process.env.E2E_SITE_DIR ?? join( ROOT, '.cache/test-e2e/site' );
const deployment = JSON.parse( readFileSync( join( ROOT, '.cache/chain/deployment.json' ), 'utf8' ) );
const CITIZEN = deployment.wallets[ 1 ].address;
const VISITOR = deployment.wallets[ 3 ].address;

/** PHP run in the e2e site, with WordPress and the plugin loaded. */
function php( code ) {
	return execFileSync( 'php', [ '-r', `$_SERVER['HTTP_HOST'] = '127.0.0.1'; require '${ SITE }/wp-load.php'; ${ code }` ], { encoding: 'utf8' } );
}

/** The skeptic's tool against the served site and the chain: its JSON result and exit status. */
function verify( ...extra ) {
	const run = spawnSync( process.execPath, [ join( ROOT, 'scripts/verify-census.mjs' ), '--site', BASE_URL, '--rpc', RPC_URL, '--json', ...extra ], { encoding: 'utf8' } );
	assert.notEqual( run.status, 2, run.stderr );
	return { status: run.status, result: JSON.parse( run.stdout ) };
}

const CENSUS = {
	tokens: [
		{ id: 'citizens', name: 'Citizen NFT', chainId: 31337, standard: 'erc721', address: deployment.contracts.membership, tokenId: '', minBalance: '1', startBlock: 0, membership: true },
		{ id: 'supporters', name: 'Early supporters', chainId: 31337, standard: 'erc1155', address: deployment.contracts.badge, tokenId: '1', minBalance: '1', startBlock: 0, membership: true },
		{ id: 'svote', name: 'SVOTE', chainId: 31337, standard: 'erc20', address: deployment.contracts.token, tokenId: '', minBalance: '100', startBlock: 0, membership: true },
	],
	economyToken: 'svote',
	linkedOnly: false,
	publicMembers: true,
	declared: [ { label: 'Nodes', value: '12', note: 'Run by members' } ],
};

describe( 'The census, verified from the chain and shown by the Census block', () => {
	let browser;
	let page;
	let saved;
	const pageErrors = [];

	before( async () => {
		saved = php( 'echo wp_json_encode( get_option( "sovereign_press_settings" ) );' );
		php( `$s = get_option( 'sovereign_press_settings' ); $s['census'] = json_decode( ${ JSON.stringify( JSON.stringify( CENSUS ) ) }, true ); update_option( 'sovereign_press_settings', $s );` );
		// The real sync, in runs of a few seconds, until the day's snapshot is written.
		const progress = JSON.parse(
			php( `$job = \\SovereignPress\\Plugin::instance()->census_job(); for ( $i = 0; $i < 100; $i++ ) { $p = $job->run( 5.0 ); if ( 'idle' === $p['phase'] && ! $p['busy'] && null !== $p['snapshot'] ) { break; } } echo wp_json_encode( $p );` )
		);
		assert.equal( progress.error, null, progress.error );
		assert.ok( progress.snapshot, JSON.stringify( progress ) );
		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
	} );

	after( async () => {
		await browser?.close();
		if ( saved ) {
			php( `update_option( 'sovereign_press_settings', json_decode( ${ JSON.stringify( saved ) }, true ) );` );
		}
	} );

	it( 'recounts the population and the root from the chain alone, and verifies a member’s proof', async () => {
		const { status, result } = verify( '--address', CITIZEN );
		assert.equal( status, 0, JSON.stringify( result.checks, null, 2 ) );
		const byName = Object.fromEntries( result.checks.map( ( check ) => [ check.name, check ] ) );
		assert.ok( byName[ 'Merkle root' ].ok );
		assert.ok( byName.population.ok );
		assert.match( result.root, /^0x[0-9a-f]{64}$/ );
		assert.ok( result.published.population >= 3, 'the demo wallets #0 to #2 at least' );
		assert.ok( result.checks.some( ( check ) => check.name.startsWith( `${ CITIZEN } is a member` ) && check.ok ) );

		// The CSV as the server streams it: every member once, and it rebuilds the published root.
		const csv = await fetch( `${ BASE_URL }/?rest_route=/sovereign-press/v1/census/members&format=csv` );
		assert.equal( csv.status, 200 );
		assert.match( csv.headers.get( 'content-type' ), /^text\/csv; charset=utf-8/ );
		assert.match( csv.headers.get( 'content-disposition' ), /^attachment; filename="census-members-\d{4}-\d{2}-\d{2}-block-\d+\.csv"$/ );
		const [ header, ...rows ] = ( await csv.text() ).trimEnd().split( '\n' );
		assert.equal( header, 'index,address' );
		assert.deepEqual( rows.map( ( row ) => Number( row.split( ',' )[ 0 ] ) ), rows.map( ( _, i ) => i ) );
		const listed = rows.map( ( row ) => row.split( ',' )[ 1 ] );
		assert.equal( listed.length, result.published.population );
		assert.equal( StandardMerkleTree.of( listed.map( ( address ) => [ address ] ), [ 'address' ] ).root, result.published.root );

		// A non-member: the site says so, and the chain agrees.
		const visitor = verify( '--address', VISITOR );
		assert.equal( visitor.status, 0, JSON.stringify( visitor.result.checks, null, 2 ) );
	} );

	it( 'catches a published root that is not the chain’s', () => {
		const original = php( 'global $wpdb; echo $wpdb->get_var( "SELECT root FROM {$wpdb->prefix}sovereign_press_census_snapshots ORDER BY day DESC LIMIT 1" );' );
		const forged = `0x${ 'ab'.repeat( 32 ) }`;
		const set = ( root ) => php( `global $wpdb; $wpdb->query( $wpdb->prepare( "UPDATE {$wpdb->prefix}sovereign_press_census_snapshots SET root = %s ORDER BY day DESC LIMIT 1", '${ root }' ) );` );
		set( forged );
		try {
			const { status, result } = verify();
			assert.equal( status, 1 );
			const root = result.checks.find( ( check ) => check.name === 'Merkle root' );
			assert.equal( root.ok, false );
			assert.equal( result.published.root, forged );
		} finally {
			set( original );
		}
		assert.equal( verify().status, 0 );
	} );

	it( 'inserts the Census block, shows the server’s HTML in the editor, and the page reads in full with JavaScript off', async () => {
		const census = await ( await fetch( `${ BASE_URL }/?rest_route=/sovereign-press/v1/census` ) ).json();

		await logIn( page );
		await page.goto( `${ BASE_URL }/wp-admin/post-new.php` );
		const guide = page.getByRole( 'dialog', { name: /Welcome to the editor/ } );
		if ( await guide.isVisible( { timeout: 5000 } ).catch( () => false ) ) {
			await guide.getByRole( 'button', { name: 'Close' } ).click();
		}
		const canvas = page.frameLocator( 'iframe[name="editor-canvas"]' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).fill( 'Our census' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).press( 'Enter' );
		await page.keyboard.type( '/Census' );
		await canvas.getByRole( 'option', { name: 'Census', exact: true, selected: true } ).waitFor();
		await page.keyboard.press( 'Enter' );
		const block = canvas.locator( '[data-type="sovereign-press/census"]' );
		const population = block.locator( '.sovereign-press-census__group--population .sovereign-press-census__value' );
		await population.waitFor().catch( async ( error ) => {
			await page.screenshot( { path: `${ ARTIFACTS }census-editor-failed.png`, fullPage: true } );
			throw new Error( `${ error.message }\nThe block shows: ${ await block.innerText().catch( () => '(nothing)' ) }\nPage errors: ${ pageErrors.join( '; ' ) }` );
		} );
		assert.equal( ( await population.textContent() ).trim(), String( census.population ) );
		await block.locator( 'svg[role="img"]' ).waitFor();

		// The inspector's choices re-render on the server.
		await page.getByLabel( 'Declared figures', { exact: true } ).uncheck();
		await block.locator( '.sovereign-press-census__declared' ).waitFor( { state: 'detached' } );
		await page.getByLabel( 'Declared figures', { exact: true } ).check();
		await block.locator( '.sovereign-press-census__declared' ).waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }census-editor.png`, fullPage: true } );

		await page.getByRole( 'button', { name: 'Publish', exact: true } ).first().click();
		await page.getByRole( 'region', { name: 'Editor publish' } ).getByRole( 'button', { name: 'Publish', exact: true } ).click();
		await page.getByText( 'is now live' ).first().waitFor();
		const link = await page.evaluate( () => window.wp.data.select( 'core/editor' ).getPermalink() );
		assert.deepEqual( pageErrors, [] );

		const reader = await chromium.launch( { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [ '--no-sandbox', '--disable-gpu' ] } );
		try {
			const context = await reader.newContext( { javaScriptEnabled: false } );
			const visitor = await context.newPage();
			await visitor.goto( link );
			const figure = visitor.locator( '.wp-block-sovereign-press-census' );
			assert.equal( ( await figure.locator( '.sovereign-press-census__group--population .sovereign-press-census__value' ).textContent() ).trim(), String( census.population ) );
			const chart = figure.getByRole( 'img', { name: 'Population over time' } );
			await chart.waitFor();
			assert.match( await chart.evaluate( ( svg ) => svg.querySelector( 'desc' ).textContent ), /members on/ );
			// The table opens without JavaScript.
			await figure.getByText( 'Population by day (table)' ).click();
			await figure.getByRole( 'table', { name: 'Population over time' } ).waitFor();
			assert.match( await figure.locator( '.sovereign-press-census__as-of' ).textContent(), new RegExp( `As of block #${ census.snapshot.block.toLocaleString( 'en-US' ) } on Local chain, ` ) );
			assert.equal( await figure.locator( '.sovereign-press-census__hash' ).getAttribute( 'title' ), census.snapshot.hash );
			await figure.getByRole( 'heading', { name: 'Declared by the society, not verified on chain' } ).waitFor();
			// Native in the theme: the block takes the theme's text colour and font, not its own.
			const styles = await visitor.evaluate( () => {
				const block = getComputedStyle( document.querySelector( '.wp-block-sovereign-press-census' ) );
				const body = getComputedStyle( document.body );
				return { theme: document.body.className, font: [ block.fontFamily, body.fontFamily ], color: [ block.color, body.color ] };
			} );
			assert.match( styles.theme, /\bwp-theme-twentytwentyfive\b/ );
			assert.equal( styles.font[ 0 ], styles.font[ 1 ] );
			assert.equal( styles.color[ 0 ], styles.color[ 1 ] );
			await visitor.screenshot( { path: `${ ARTIFACTS }census-no-js.png`, fullPage: true } );
		} finally {
			await reader.close();
		}
	} );
} );
