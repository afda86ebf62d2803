/**
 * sovereign-press.zip (npm run plugin-zip) installs on a stock WordPress through
 * Plugins > Add New > Upload, activates, and opens its settings screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ARTIFACTS, launch, logIn } from './browser.mjs';

const STOCK_URL = process.env.E2E_STOCK_URL ?? 'http://127.0.0.1:18681';
const ZIP = fileURLToPath( new URL( '../../sovereign-press.zip', import.meta.url ) );

describe( 'The plugin zip on a stock WordPress', () => {
	let browser;
	let page;

	before( async () => {
		browser = await launch();
		page = browser.page;
		await logIn( page, { baseUrl: STOCK_URL } );
	} );

	after( async () => {
		await browser?.close();
	} );

	it( 'uploads, activates and reaches Settings > Sovereign Press', async () => {
		await page.goto( `${ STOCK_URL }/wp-admin/plugin-install.php?tab=upload` );
		await page.setInputFiles( '#pluginzip', ZIP );
		await Promise.all( [ page.waitForLoadState( 'load' ), page.click( '#install-plugin-submit' ) ] );
		await page.getByText( 'Plugin installed successfully.' ).waitFor();

		await Promise.all( [ page.waitForURL( /plugins\.php/ ), page.getByRole( 'link', { name: 'Activate Plugin' } ).click() ] );
		await page.getByText( 'Plugin activated.' ).waitFor();

		await page.locator( 'tr[data-slug="sovereign-press"] .settings a' ).click();
		await page.getByRole( 'heading', { name: 'Sovereign Press', level: 1 } ).waitFor();
		await page.getByRole( 'button', { name: 'Add network' } ).waitFor();
		assert.equal( await page.locator( '.notice-error' ).count(), 0 );
		await page.screenshot( { path: `${ ARTIFACTS }stock-settings.png`, fullPage: true } );
	} );
} );
