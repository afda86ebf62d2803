/**
 * No wallet code on page load: what the browser fetches from the plugin, page by page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { BASE_URL, launch } from './browser.mjs';

describe( 'Wallet code loading', () => {
	let browser;
	let page;
	let requests = [];

	before( async () => {
		browser = await launch();
		page = browser.page;
		page.on( 'request', ( request ) => {
			const url = new URL( request.url() );
			if ( url.pathname.includes( '/plugins/sovereign-press/' ) ) {
				requests.push( url.pathname.replace( /^.*\/plugins\/sovereign-press\//, '' ) );
			}
		} );
	} );

	after( async () => {
		await browser?.close();
	} );

	it( 'loads nothing from the plugin on a page without the block', async () => {
		requests = [];
		// The page listing the contracts: no block of the plugin (the Census page has one now).
		await page.goto( `${ BASE_URL }/local-chain/`, { waitUntil: 'networkidle' } );
		assert.deepEqual( requests, [] );
	} );

	it( 'loads only the small view script and style until the visitor clicks', async () => {
		requests = [];
		await page.goto( `${ BASE_URL }/join/`, { waitUntil: 'networkidle' } );
		// The block's small stylesheet is inlined by WordPress; the script is the only request.
		assert.deepEqual( requests.filter( ( path ) => path.endsWith( '.js' ) ), [ 'build/wallet-login/view.js' ] );

		requests = [];
		await page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await page.locator( '.sovereign-press-wallet-dialog' ).waitFor();
		assert.ok( requests.includes( 'build/wallet.js' ), JSON.stringify( requests ) );
		// No test wallet in this browser: the visitor is told, not left waiting.
		await page.getByText( 'No wallet was found in this browser.' ).waitFor();
	} );
} );
