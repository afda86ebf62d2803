/**
 * A wallet sign-in on wp-login.php reached through a crafted link (redirect_to=javascript:…,
 * another site, backslash and percent-encoded tricks): the browser ends on the site's default
 * (the dashboard for an administrator, the profile for a member), never off the site, and no
 * script runs. A legitimate redirect_to=/wp-admin/ still takes an administrator there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

import { ARTIFACTS, BASE_URL, launch, logIn } from './browser.mjs';
import { Session } from './http.mjs';
import { injectTestWallet } from './test-wallet.mjs';

/** What a crafted link puts in redirect_to (the value wp-login.php's hidden field then holds). */
const CRAFTED = [
	'javascript:alert(document.domain)',
	'data:text/html,<script>alert(document.domain)</script>',
	'http://evil.example/',
	'//evil.example',
	'/\\evil.example',
	'\\\\evil.example',
	'%2F%2Fevil.example',
	'javascript%3Aalert(document.domain)',
];

describe( 'Where a wallet sign-in on wp-login.php leads', () => {
	let browser;
	let page;
	let wallet;
	const dialogs = [];
	const offSite = [];
	const pageErrors = [];
	// Fresh wallets, so that this file does not depend on (or change) the demo wallets' accounts.
	const adminAccount = privateKeyToAccount( generatePrivateKey() );
	const memberAccount = privateKeyToAccount( generatePrivateKey() );

	const userIds = async ( admin ) => ( await admin.rest( '/wp/v2/users?per_page=100&context=edit' ) ).json.map( ( user ) => user.id );
	let usersBefore = [];

	before( async () => {
		usersBefore = await userIds( await new Session().logIn( 'admin' ) );
		browser = await launch();
		// A visitor of its own behind the trusted proxy (scripts/test-e2e.mjs): its many sign-ins
		// stay out of the rate limit the other suites share.
		await browser.context.setExtraHTTPHeaders( { 'x-forwarded-for': '198.51.100.21' } );
		wallet = await injectTestWallet( browser.context, { key: generatePrivateKey() } );
		wallet.account = adminAccount;
		page = browser.page;
		page.on( 'dialog', async ( dialog ) => {
			dialogs.push( dialog.message() );
			await dialog.dismiss();
		} );
		// The plugin's scripts only: this test leaves wp-admin screens before their own scripts settle.
		page.on( 'pageerror', ( error ) => error.stack?.includes( '/plugins/sovereign-press/' ) && pageErrors.push( error.message ) );
		await browser.context.route( ( url ) => url.hostname.endsWith( 'evil.example' ), ( route ) => {
			offSite.push( route.request().url() );
			return route.abort();
		} );

		// The administrator links a wallet on their profile screen.
		await logIn( page );
		await page.goto( `${ BASE_URL }/wp-admin/profile.php` );
		const section = page.locator( '#sovereign-press-wallets' );
		await section.getByRole( 'button', { name: 'Link another wallet' } ).click();
		await page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click();
		await section.getByText( adminAccount.address ).waitFor();
	} );

	after( async () => {
		await browser?.close();
		const admin = await new Session().logIn( 'admin' );
		await admin.rest( `/sovereign-press/v1/auth/wallets/${ adminAccount.address }`, { method: 'DELETE' } );
		for ( const id of await userIds( admin ) ) {
			if ( ! usersBefore.includes( id ) ) {
				await admin.rest( `/wp/v2/users/${ id }?force=true&reassign=1`, { method: 'DELETE' } );
			}
		}
	} );

	/**
	 * Opens wp-login.php with redirect_to as a link would carry it, signs in with the wallet, and
	 * returns where the browser settled.
	 */
	const signInWith = async ( redirectTo ) => {
		dialogs.length = 0;
		offSite.length = 0;
		await browser.context.clearCookies();
		await page.goto( `${ BASE_URL }/wp-login.php?redirect_to=${ encodeURIComponent( redirectTo ) }` );
		await page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await Promise.all( [
			page.waitForURL( ( url ) => ! url.pathname.endsWith( '/wp-login.php' ), { timeout: 15_000 } ).catch( () => {} ),
			page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click(),
		] );
		await page.waitForLoadState( 'load' );
		return page.url();
	};

	const assertNothingEscaped = ( label ) => {
		assert.deepEqual( dialogs, [], `${ label }: no script ran` );
		assert.deepEqual( offSite, [], `${ label }: nothing was requested from another site` );
	};

	it( 'takes an administrator who asked for /wp-admin/ there', async () => {
		wallet.account = adminAccount;
		assert.equal( await signInWith( '/wp-admin/' ), `${ BASE_URL }/wp-admin/` );
		await page.locator( '#wp-admin-bar-my-account' ).waitFor();
	} );

	for ( const crafted of CRAFTED ) {
		it( `sends an administrator to the dashboard, not to ${ crafted }`, async () => {
			wallet.account = adminAccount;
			const landed = await signInWith( crafted );
			assertNothingEscaped( crafted );
			assert.equal( landed, `${ BASE_URL }/wp-admin/` );
		} );
	}

	for ( const crafted of CRAFTED ) {
		it( `sends a member to their profile, not to ${ crafted }`, async () => {
			wallet.account = memberAccount;
			const landed = await signInWith( crafted );
			assertNothingEscaped( crafted );
			assert.equal( landed, `${ BASE_URL }/wp-admin/profile.php` );
		} );
	}

	it( 'takes a member who asked for a page of the site there', async () => {
		wallet.account = memberAccount;
		assert.equal( await signInWith( '/join/?from=login#top' ), `${ BASE_URL }/join/?from=login#top` );
		await page.locator( '.wp-block-sovereign-press-wallet-login__name' ).waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }login-redirect-member.png` } );
	} );

	it( 'raised no JavaScript error in the plugin\'s scripts on the way', () => {
		assert.deepEqual( pageErrors, [] );
	} );
} );
