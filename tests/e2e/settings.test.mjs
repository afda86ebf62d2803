/**
 * Settings > Sovereign Press, as an administrator uses it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ARTIFACTS, BASE_URL, RPC_URL, launch, logIn } from './browser.mjs';

const SETTINGS_URL = `${ BASE_URL }/wp-admin/options-general.php?page=sovereign-press`;

describe( 'Settings > Sovereign Press', () => {
	let browser;
	let page;
	const pageErrors = [];

	before( async () => {
		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
		await logIn( page );
	} );

	after( async () => {
		await browser?.close();
	} );

	it( 'adds the local chain, tests the connection and saves it', async () => {
		await page.goto( SETTINGS_URL );
		await page.getByRole( 'heading', { name: 'Sovereign Press', level: 1 } ).waitFor();
		// The seeded site has the local chain already: remove it, then add it back by hand.
		while ( await page.getByRole( 'button', { name: 'Remove network' } ).count() ) {
			await page.getByRole( 'button', { name: 'Remove network' } ).first().click();
		}
		await page.getByText( 'No network yet. Add one to start.' ).waitFor();

		await page.getByRole( 'button', { name: 'Add network' } ).click();
		await page.getByLabel( 'Chain ID' ).fill( '31337' );
		await page.getByLabel( 'Name', { exact: true } ).fill( 'Local chain' );
		await page.getByLabel( 'JSON-RPC URL' ).fill( RPC_URL );
		await page.getByRole( 'button', { name: 'Test connection' } ).click();

		const result = page.locator( '.sovereign-press-network__result' );
		await result.waitFor();
		const text = await result.innerText();
		assert.match( text, /Connected: chain ID 31337, latest block [\d,]+ \(\d+ ms\)\./ );
		await page.screenshot( { path: `${ ARTIFACTS }settings-connected.png`, fullPage: true } );

		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();

		await page.reload();
		await page.getByRole( 'heading', { name: 'Local chain', level: 2 } ).waitFor();
		assert.equal( await page.getByLabel( 'Chain ID' ).inputValue(), '31337' );
		assert.equal( await page.getByLabel( 'JSON-RPC URL' ).inputValue(), RPC_URL );
		assert.equal( await page.getByRole( 'button', { name: 'Save changes' } ).isDisabled(), true, 'Nothing to save after a reload.' );
	} );

	it( 'shows a clear error for a URL where no node answers', async () => {
		await page.goto( SETTINGS_URL );
		await page.getByLabel( 'JSON-RPC URL' ).fill( 'http://127.0.0.1:9/' );
		await page.getByRole( 'button', { name: 'Test connection' } ).click();

		const error = page.locator( '.sovereign-press-network__result.is-error' );
		await error.waitFor();
		assert.match( await error.innerText(), /could not be reached/ );
		await page.screenshot( { path: `${ ARTIFACTS }settings-unreachable.png`, fullPage: true } );
	} );

	it( 'reports a node on another chain than the one entered', async () => {
		await page.goto( SETTINGS_URL );
		await page.getByLabel( 'Chain ID' ).fill( '1' );
		await page.getByRole( 'button', { name: 'Test connection' } ).click();

		const error = page.locator( '.sovereign-press-network__result.is-error' );
		await error.waitFor();
		assert.match( await error.innerText(), /serves chain 31337, but the network is configured as chain 1/ );
	} );

	it( 'refuses to save an invalid network and keeps what was typed', async () => {
		await page.goto( SETTINGS_URL );
		await page.getByLabel( 'Chain ID' ).fill( '' );
		await page.getByLabel( 'Name', { exact: true } ).fill( 'Broken' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();

		await page.locator( '.components-notice.is-error' ).getByText( 'Some networks need attention before they can be saved.' ).waitFor();
		await page.getByText( 'Enter the chain id as a whole number' ).waitFor();
		assert.equal( await page.getByLabel( 'Name', { exact: true } ).inputValue(), 'Broken' );

		await page.reload();
		assert.equal( await page.getByLabel( 'Chain ID' ).inputValue(), '31337', 'The stored network is untouched.' );
	} );

	it( 'says beside the field that the chain wait is out of range, and saves a corrected one', async () => {
		await page.goto( SETTINGS_URL );
		await page.getByRole( 'button', { name: 'Token gates' } ).click();
		const budget = page.getByLabel( 'Wait for the chain at most (milliseconds)' );
		await budget.fill( '50' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();

		const notice = page.locator( '.components-notice.is-error' ).getByText( 'The times under Token gates need attention before they can be saved.' );
		await notice.waitFor();
		await page.getByText( 'Enter 200 to 10000 milliseconds.' ).waitFor();
		// Save is below every panel; the page scrolls up to the notice.
		await page.waitForFunction( () => window.scrollY === 0 );
		const box = await notice.boundingBox();
		assert.ok( box && box.y >= 0 && box.y + box.height <= 900, 'The notice is in view.' );
		await page.screenshot( { path: `${ ARTIFACTS }settings-gate-budget.png`, fullPage: true } );
		await page.reload();
		await page.getByRole( 'button', { name: 'Token gates' } ).click();
		assert.equal( await budget.inputValue(), '1500', 'Nothing was saved.' );

		await budget.fill( '2000' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
		await page.reload();
		await page.getByRole( 'button', { name: 'Token gates' } ).click();
		assert.equal( await budget.inputValue(), '2000' );
		await budget.fill( '1500' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
	} );

	it( 'raised no JavaScript error on the way', () => {
		assert.deepEqual( pageErrors, [] );
	} );
} );
