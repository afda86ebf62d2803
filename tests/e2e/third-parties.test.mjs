/**
 * Pages send nobody's browser anywhere but the site: every request the plugin's pages make in
 * Chromium, logged out, as a wallet member and as an admin, is recorded and its host checked.
 *
 * The only host allowed is the site's own. The local chain's RPC is not on the list: the browser
 * never needs a node (gates and ENS names are read by the server, and RPC URLs stay there; wallets
 * sign without the network). Requests to any other host are recorded and then aborted, so that the
 * test does not wait on an offline machine.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { ARTIFACTS, BASE_URL, launch, logIn } from './browser.mjs';
import { Session } from './http.mjs';
import { KEYS, injectTestWallet } from './test-wallet.mjs';

const SITE = new URL( BASE_URL ).host;

const PUBLIC_PAGES = {
	'front page': '/',
	'gated post': '/citizens-letter/',
	'Wallet Login block page': '/join/',
	'wp-login.php': '/wp-login.php',
};
const MEMBER_PAGES = { ...PUBLIC_PAGES, 'profile screen': '/wp-admin/profile.php' };

/**
 * A browser whose every request (pages, frames, workers) is recorded; other hosts are refused.
 */
async function recordingBrowser( options = {} ) {
	const browser = await launch();
	const requests = [];
	await browser.context.route( '**/*', ( route ) => {
		const url = new URL( route.request().url() );
		requests.push( url );
		return url.host === SITE ? route.continue() : route.abort( 'blockedbyclient' );
	} );
	if ( options.wallet ) {
		browser.wallet = await injectTestWallet( browser.context, { key: options.wallet } );
	}
	return { ...browser, requests };
}

/**
 * Opens a page, waits until it has asked for nothing new for a second (the editor's heartbeat never
 * lets the network idle, so at most 15 s), and returns the URLs of other hosts it asked for.
 */
async function visit( browser, path, { allow = () => false, ready } = {} ) {
	browser.requests.length = 0;
	await browser.page.goto( `${ BASE_URL }${ path }` );
	await ready?.( browser.page );
	const start = Date.now();
	for ( let seen = -1, quietSince = 0; Date.now() - start < 15000; await browser.page.waitForTimeout( 100 ) ) {
		if ( browser.requests.length !== seen ) {
			[ seen, quietSince ] = [ browser.requests.length, Date.now() ];
		} else if ( Date.now() - quietSince >= 1000 ) {
			break;
		}
	}
	return browser.requests.filter( ( url ) => url.host !== SITE && ! allow( url ) ).map( String );
}

/**
 * The URLs of avatars on the page (the toolbar's, the profile's, the block's).
 */
const avatarSources = ( page ) => page.locator( 'img.avatar' ).evaluateAll( ( images ) => images.map( ( image ) => image.getAttribute( 'src' ) ) );

describe( 'Pages load nothing from other hosts', () => {
	const users = async ( admin ) => ( await admin.rest( '/wp/v2/users?per_page=100&context=edit' ) ).json;
	const userIds = async ( admin ) => ( await users( admin ) ).map( ( user ) => user.id );
	let usersBefore = [];
	let siteAccountHashes = [];
	let admin;

	before( async () => {
		admin = await new Session().logIn( 'admin' );
		const accounts = await users( admin );
		usersBefore = accounts.map( ( user ) => user.id );
		// The site's own accounts (admin, editor, author, subscriber): e-mail addresses, no wallet.
		siteAccountHashes = accounts.filter( ( user ) => user.email ).map( ( user ) => createHash( 'sha256' ).update( user.email.trim().toLowerCase() ).digest( 'hex' ) );
	} );

	// The member this file signs in is deleted afterwards: other suites expect the demo wallets
	// to be new to the site.
	after( async () => {
		for ( const id of await userIds( admin ) ) {
			if ( ! usersBefore.includes( id ) ) {
				const deleted = await admin.rest( `/wp/v2/users/${ id }?force=true&reassign=1`, { method: 'DELETE' } );
				assert.equal( deleted.status, 200, deleted.text );
			}
		}
	} );

	it( 'asks no other host for a visitor', async () => {
		const browser = await recordingBrowser();
		try {
			for ( const [ name, path ] of Object.entries( PUBLIC_PAGES ) ) {
				assert.deepEqual( await visit( browser, path ), [], `${ name } (logged out)` );
			}
		} finally {
			await browser.close();
		}
	} );

	it( 'asks no other host for a wallet member, whose avatar is drawn in the page', async () => {
		// The contributor has no ENS avatar (the demo citizen's points at example.org, a picture
		// the member chose to publish, and is loaded from there).
		const browser = await recordingBrowser( { wallet: KEYS.contributor } );
		try {
			await browser.page.goto( `${ BASE_URL }/join/` );
			const block = browser.page.locator( '.wp-block-sovereign-press-wallet-login' );
			await block.getByRole( 'button', { name: 'Log in with wallet' } ).click();
			await browser.page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click();
			await block.locator( '.wp-block-sovereign-press-wallet-login__name' ).waitFor();

			for ( const [ name, path ] of Object.entries( MEMBER_PAGES ) ) {
				assert.deepEqual( await visit( browser, path ), [], `${ name } (wallet member)` );
			}
			const sources = await avatarSources( browser.page );
			assert.ok( sources.length > 0, 'The profile screen shows the avatar.' );
			for ( const src of sources ) {
				assert.match( src, /^data:image\/svg\+xml;base64,/ );
			}
			await browser.page.locator( 'tr.user-profile-picture' ).screenshot( { path: `${ ARTIFACTS }member-profile-avatar.png` } );

			const me = await browser.page.evaluate( async () => {
				const nonce = await ( await fetch( '/wp-admin/admin-ajax.php?action=rest-nonce' ) ).text();
				return ( await fetch( '/wp-json/sovereign-press/v1/auth/me', { headers: { 'X-WP-Nonce': nonce } } ) ).json();
			} );
			assert.match( me.user.avatarUrl, /^data:image\/svg\+xml;base64,/ );
		} finally {
			await browser.close();
		}
	} );

	it( 'asks no other host for an admin, apart from core\'s Gravatar for accounts without a wallet', async () => {
		// WordPress shows a user who has an e-mail address and no wallet (the admin in the toolbar,
		// an editor holding a post lock in the posts list) by their Gravatar. That is core's choice
		// for non-members, which the site owner can turn off under Settings > Discussion; the plugin
		// leaves it alone. Only those pictures may leave the site, never a member's.
		const accountGravatar = ( url ) => url.host === 'secure.gravatar.com' && siteAccountHashes.some( ( hash ) => url.pathname === `/avatar/${ hash }` );
		// The block editor's Welcome Guide (core's edit-post package) shows its pictures from
		// s.w.org the first time a user opens the editor. That is core's too.
		const welcomeGuide = ( url ) => url.host === 's.w.org' && url.pathname.startsWith( '/images/block-editor/' );

		const posts = await admin.rest( '/wp/v2/posts?slug=citizens-letter&context=edit' );
		const letter = posts.json[ 0 ].id;
		const browser = await recordingBrowser();
		try {
			await logIn( browser.page );
			const pages = {
				...MEMBER_PAGES,
				'settings screen': [ '/wp-admin/options-general.php?page=sovereign-press', ( page ) => page.getByRole( 'button', { name: 'Token gates' } ).waitFor() ],
				'post editor': [ `/wp-admin/post.php?post=${ letter }&action=edit`, ( page ) => page.locator( '.sovereign-press-gate-panel' ).waitFor(), welcomeGuide ],
				'posts list': '/wp-admin/edit.php',
			};
			for ( const [ name, page ] of Object.entries( pages ) ) {
				const [ path, ready, core = () => false ] = Array.isArray( page ) ? page : [ page ];
				const allow = ( url ) => accountGravatar( url ) || core( url );
				assert.deepEqual( await visit( browser, path, { allow, ready } ), [], `${ name } (admin)` );
			}
			await browser.page.screenshot( { path: `${ ARTIFACTS }third-parties-editor.png` } );
		} finally {
			await browser.close();
		}
	} );
} );
