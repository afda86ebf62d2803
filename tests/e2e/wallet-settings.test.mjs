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
} );
