/**
 * A sign-in nonce belongs to the browser that asked for it: browser A asks for a nonce and signs
 * through the wallet dialog; the signed message presented from browser B is refused, and A can
 * still use it. The binding cookie is HttpOnly, SameSite=Lax, limited to the REST path and to the
 * nonce's lifetime, and goes once the nonce is used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { generatePrivateKey } from 'viem/accounts';

import { BASE_URL, launch } from './browser.mjs';
import { Session } from './http.mjs';
import { injectTestWallet } from './test-wallet.mjs';

const VERIFY = `${ BASE_URL }/wp-json/sovereign-press/v1/auth/verify`;

/** POST /auth/verify from a page, with that browser's cookies. */
const presentFrom = ( page, body ) =>
	page.evaluate(
		async ( { url, data } ) => {
			const response = await fetch( url, {
				method: 'POST',
				credentials: 'same-origin',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify( data ),
			} );
			return { status: response.status, body: await response.json() };
		},
		{ url: VERIFY, data: body }
	);

const bindingCookies = async ( context ) => ( await context.cookies() ).filter( ( cookie ) => cookie.name.startsWith( 'sovereign_press_signin' ) );
const hasSession = async ( context ) => ( await context.cookies() ).some( ( cookie ) => cookie.name.startsWith( 'wordpress_logged_in_' ) );

describe( 'A sign-in nonce belongs to the browser that asked for it', () => {
	let a;
	let b;
	const userIds = async ( admin ) => ( await admin.rest( '/wp/v2/users?per_page=100&context=edit' ) ).json.map( ( user ) => user.id );
	let usersBefore = [];

	before( async () => {
		usersBefore = await userIds( await new Session().logIn( 'admin' ) );
		// Two visitors with addresses of their own, behind the trusted proxy (scripts/test-e2e.mjs).
		a = await launch();
		await a.context.setExtraHTTPHeaders( { 'x-forwarded-for': '198.51.100.31' } );
		b = await launch();
		await b.context.setExtraHTTPHeaders( { 'x-forwarded-for': '198.51.100.32' } );
		await injectTestWallet( a.context, { key: generatePrivateKey() } );
	} );

	after( async () => {
		await a?.close();
		await b?.close();
		const admin = await new Session().logIn( 'admin' );
		for ( const id of await userIds( admin ) ) {
			if ( ! usersBefore.includes( id ) ) {
				await admin.rest( `/wp/v2/users/${ id }?force=true&reassign=1`, { method: 'DELETE' } );
			}
		}
	} );

	it( 'refuses in browser B the message browser A signed, and accepts it in A', async () => {
		// A signs in through the dialog; its POST /auth/verify is held back, as if it leaked.
		let signed;
		await a.page.route( '**/sovereign-press/v1/auth/verify', ( route ) => {
			signed = route.request().postDataJSON();
			return route.abort();
		} );
		const asked = Date.now() / 1000;
		await a.page.goto( `${ BASE_URL }/join/` );
		await a.page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		const dialog = a.page.locator( '.sovereign-press-wallet-dialog' );
		await dialog.getByRole( 'button', { name: 'Test Wallet' } ).click();
		await dialog.locator( '.sovereign-press-wallet-dialog__status.is-error' ).waitFor();
		assert.ok( signed?.message && signed?.signature, 'A signed a message' );
		await a.page.unroute( '**/sovereign-press/v1/auth/verify' );

		const issuedCookies = await bindingCookies( a.context );

		await b.page.goto( `${ BASE_URL }/join/` );
		const inB = await presentFrom( b.page, signed );
		assert.equal( inB.status, 403, JSON.stringify( inB.body ) );
		assert.equal( inB.body.code, 'sovereign_press_nonce_not_yours' );
		assert.match( inB.body.message, /start again in this browser/ );
		assert.equal( await hasSession( b.context ), false, 'B got no session' );

		const inA = await presentFrom( a.page, signed );
		assert.equal( inA.status, 201, JSON.stringify( inA.body ) );
		assert.equal( await hasSession( a.context ), true );
		assert.deepEqual( await bindingCookies( a.context ), [], 'The binding cookie is cleared once used' );

		const [ cookie, ...more ] = issuedCookies;
		assert.ok( cookie, 'POST /auth/nonce set the binding cookie' );
		assert.equal( more.length, 0 );
		assert.match( cookie.value, /^[0-9a-f]{64}$/ );
		assert.equal( cookie.httpOnly, true );
		assert.equal( cookie.sameSite, 'Lax' );
		assert.equal( cookie.secure, false, 'The test site is served over http.' );
		assert.equal( cookie.path, '/wp-json/' );
		assert.ok( Math.abs( cookie.expires - ( asked + 600 ) ) < 60, `expires with the nonce (${ cookie.expires - asked } s)` );
	} );

	it( 'signs in through the dialog in the browser that asked', async () => {
		await b.context.clearCookies();
		await injectTestWallet( b.context, { key: generatePrivateKey() } );
		await b.page.goto( `${ BASE_URL }/join/` );
		await b.page.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await b.page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click();
		await b.page.locator( '.wp-block-sovereign-press-wallet-login__name' ).waitFor();
		assert.equal( await hasSession( b.context ), true );
	} );
} );
