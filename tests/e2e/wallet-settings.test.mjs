/**
 * Settings > Sovereign Press > Wallet login, and what members see when an admin changes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ARTIFACTS, BASE_URL, launch, logIn } from './browser.mjs';
import { KEYS, injectTestWallet } from './test-wallet.mjs';

const SETTINGS_URL = `${ BASE_URL }/wp-admin/options-general.php?page=sovereign-press`;

describe( 'Wallet login settings', () => {
	let admin;
	let visitor;

	before( async () => {
		admin = await launch();
		await logIn( admin.page );
		visitor = await launch();
		await injectTestWallet( visitor.context, { key: KEYS.citizen } );
	} );

	after( async () => {
		await admin?.close();
		await visitor?.close();
	} );

	const setAutoRegister = async ( on ) => {
		const page = admin.page;
		await page.goto( SETTINGS_URL );
		await page.getByRole( 'button', { name: 'Wallet login' } ).click();
		const toggle = page.getByLabel( 'Create an account for a new wallet' );
		if ( ( await toggle.isChecked() ) !== on ) {
			await toggle.click();
			await page.getByRole( 'button', { name: 'Save changes' } ).click();
			await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
		}
	};

	it( 'closes registration to new wallets, and the member is told why', async () => {
		await setAutoRegister( false );
		await admin.page.screenshot( { path: `${ ARTIFACTS }settings-wallet-login.png`, fullPage: true } );

		const page = visitor.page;
		await page.goto( `${ BASE_URL }/join/` );
		await page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		const dialog = page.locator( '.sovereign-press-wallet-dialog' );
		await dialog.getByRole( 'button', { name: 'Test Wallet' } ).click();
		const status = dialog.locator( '.sovereign-press-wallet-dialog__status.is-error' );
		await status.waitFor();
		assert.match( await status.innerText(), /not linked to an account here/ );
	} );

	it( 'offers WalletConnect through AppKit only once a project id is set', async () => {
		const plain = await launch();
		const requests = [];
		plain.page.on( 'request', ( request ) => requests.push( new URL( request.url() ).pathname ) );
		try {
			// No project id: no WalletConnect, and a browser without a wallet is told so.
			await plain.page.goto( `${ BASE_URL }/join/` );
			await plain.page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
			await plain.page.getByText( 'No wallet was found in this browser.' ).waitFor();

			const page = admin.page;
			await page.goto( SETTINGS_URL );
			await page.getByRole( 'button', { name: 'Wallet login' } ).click();
			await page.getByLabel( 'WalletConnect project id' ).fill( '0123456789abcdef0123456789abcdef' );
			await page.getByRole( 'button', { name: 'Save changes' } ).click();
			await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();

			await plain.page.goto( `${ BASE_URL }/join/` );
			await plain.page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
			const dialog = plain.page.locator( '.sovereign-press-wallet-dialog' );
			assert.equal( requests.some( ( path ) => path.endsWith( '/build/walletconnect.js' ) ), false, 'AppKit is not loaded before it is picked.' );
			await dialog.getByRole( 'button', { name: 'WalletConnect (mobile and other wallets)' } ).click();

			const appKit = plain.page.locator( 'w3m-modal' );
			await appKit.waitFor( { state: 'attached' } );
			assert.ok( requests.some( ( path ) => path.endsWith( '/build/walletconnect.js' ) ) );
			await plain.page.screenshot( { path: `${ ARTIFACTS }walletconnect-appkit.png` } );

			// Closing AppKit before a wallet connects brings back the site's dialog with a reason.
			await plain.page.getByTestId( 'w3m-header-close' ).click();
			const status = dialog.locator( '.sovereign-press-wallet-dialog__status.is-error' );
			await status.waitFor();
			assert.match( await status.innerText(), /WalletConnect was closed before a wallet connected/ );
		} finally {
			await plain.close();
			const page = admin.page;
			await page.goto( SETTINGS_URL );
			await page.getByRole( 'button', { name: 'Wallet login' } ).click();
			await page.getByLabel( 'WalletConnect project id' ).fill( '' );
			await page.getByRole( 'button', { name: 'Save changes' } ).click();
			await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
		}
	} );

	it( 'opens registration again, and the same wallet becomes a member', async () => {
		await setAutoRegister( true );
		const page = visitor.page;
		await page.goto( `${ BASE_URL }/join/` );
		await page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click();
		await page.locator( '.wp-block-sovereign-press-wallet-login__name' ).waitFor();
		// The demo chain gives this wallet a verified ENS name.
		assert.equal( await page.locator( '.wp-block-sovereign-press-wallet-login__name' ).innerText(), 'citizen.society.eth' );
	} );

	it( 'says beside the field which trusted proxy is not an address, and saves a corrected list', async () => {
		const page = admin.page;
		await page.goto( SETTINGS_URL );
		await page.getByRole( 'button', { name: 'Wallet login' } ).click();
		const field = page.getByLabel( 'Trusted proxies' );
		// The test site's own proxy (scripts/test-e2e.mjs) is listed already.
		assert.equal( await field.inputValue(), '127.0.0.1' );
		const saves = [];
		page.on( 'request', ( request ) => request.url().includes( '/wp/v2/settings' ) && request.method() !== 'GET' && saves.push( request.url() ) );

		await field.fill( '127.0.0.1\nlb.internal' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		const help = page.locator( '.has-error' ).filter( { has: field } ).locator( '.components-base-control__help' );
		assert.match( await help.innerText(), /"lb\.internal" is not an IP address or a CIDR range/ );
		assert.equal( saves.length, 0, 'Nothing is sent while the field is wrong.' );
		await page.screenshot( { path: `${ ARTIFACTS }settings-trusted-proxies.png`, fullPage: true } );

		await field.fill( '127.0.0.1\n\n10.0.0.0/8' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
		await page.reload();
		await page.getByRole( 'button', { name: 'Wallet login' } ).click();
		assert.equal( await page.getByLabel( 'Trusted proxies' ).inputValue(), '127.0.0.1\n10.0.0.0/8' );

		await page.getByLabel( 'Trusted proxies' ).fill( '127.0.0.1' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
	} );
} );
