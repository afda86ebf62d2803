/**
 * Wallet login as members use it: the Wallet Login block, wp-login.php and the profile screen,
 * with an injected EIP-6963 test wallet on the local chain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ARTIFACTS, BASE_URL, launch } from './browser.mjs';
import { KEYS, injectTestWallet } from './test-wallet.mjs';

describe( 'Wallet login', () => {
	let browser;
	let page;
	let wallet;
	const pageErrors = [];

	before( async () => {
		browser = await launch();
		wallet = await injectTestWallet( browser.context, { key: KEYS.contributor } );
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
	} );

	after( async () => {
		await browser?.close();
	} );

	const pickWallet = async () => {
		const dialog = page.locator( '.sovereign-press-wallet-dialog' );
		await dialog.getByRole( 'button', { name: 'Test Wallet' } ).click();
		return dialog;
	};

	it( 'signs in from the Wallet Login block and shows who is logged in', async () => {
		await page.goto( `${ BASE_URL }/join/` );
		const block = page.locator( '.wp-block-sovereign-press-wallet-login' );
		await block.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await pickWallet();

		await block.locator( '.wp-block-sovereign-press-wallet-login__name' ).waitFor();
		assert.equal( await block.locator( '.wp-block-sovereign-press-wallet-login__name' ).innerText(), '0x3C44…93BC' );
		assert.equal( await block.locator( '.wp-block-sovereign-press-wallet-login__address' ).count(), 0, 'The name already is the short address.' );
		assert.ok( wallet.requests.includes( 'personal_sign' ) );
		await page.screenshot( { path: `${ ARTIFACTS }wallet-login-signed-in.png`, fullPage: true } );
	} );

	it( 'logs out and signs in again as the same member', async () => {
		const block = page.locator( '.wp-block-sovereign-press-wallet-login' );
		await Promise.all( [ page.waitForURL( /join/ ), block.getByRole( 'link', { name: 'Log out' } ).click() ] );
		await block.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await pickWallet();
		await block.locator( '.wp-block-sovereign-press-wallet-login__name' ).waitFor();
	} );

	it( 'signs in from wp-login.php', async () => {
		await page.context().clearCookies();
		await page.goto( `${ BASE_URL }/wp-login.php` );
		const form = page.locator( '#loginform' );
		await form.getByRole( 'button', { name: 'Log in with wallet' } ).waitFor();
		assert.equal(
			await form.locator( ':scope > *' ).first().getAttribute( 'id' ),
			'sovereign-press-login',
			'The wallet button comes first in the form.'
		);
		await page.screenshot( { path: `${ ARTIFACTS }wp-login.png` } );
		await page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await Promise.all( [ page.waitForURL( /wp-admin/ ), pickWallet() ] );
		const account = page.locator( '#wp-admin-bar-my-account' );
		await account.waitFor();
		assert.match( await account.innerText(), /0x3C44…93BC/ );
		await page.screenshot( { path: `${ ARTIFACTS }wp-login-wallet.png` } );
	} );

	it( 'links a second wallet from the profile screen', async () => {
		await page.goto( `${ BASE_URL }/wp-admin/profile.php` );
		const section = page.locator( '#sovereign-press-wallets' );
		assert.equal( await section.locator( 'tbody tr' ).count(), 1 );

		wallet.account = ( await import( 'viem/accounts' ) ).privateKeyToAccount( KEYS.visitor );
		await section.getByRole( 'button', { name: 'Link another wallet' } ).click();
		await Promise.all( [ page.waitForLoadState( 'load' ), pickWallet() ] );

		await section.locator( 'tbody tr' ).nth( 1 ).waitFor();
		const addresses = await section.locator( 'tbody code' ).allInnerTexts();
		assert.deepEqual( addresses, [ '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x90F79bf6EB2c4f870365E785982E1f101E93b906' ] );
		await page.screenshot( { path: `${ ARTIFACTS }profile-wallets.png`, fullPage: true } );
	} );

	it( 'explains a rejected signature instead of spinning', async () => {
		await page.context().clearCookies();
		wallet.reject = true;
		await page.goto( `${ BASE_URL }/join/` );
		await page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		const dialog = await pickWallet();
		const status = dialog.locator( '.sovereign-press-wallet-dialog__status.is-error' );
		await status.waitFor();
		assert.match( await status.innerText(), /cancelled the request in your wallet/ );
		assert.equal( await dialog.getByRole( 'button', { name: 'Test Wallet' } ).isEnabled(), true, 'The visitor can try again.' );
		wallet.reject = false;
	} );

	it( 'raised no JavaScript error on the way', () => {
		assert.deepEqual( pageErrors, [] );
	} );
} );
