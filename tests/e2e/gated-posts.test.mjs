/**
 * Token-gated posts as readers and editors meet them in Chromium: a visitor sees the teaser and
 * the way in, the demo citizen signs in from the notice and reads on, a wallet without the NFT is
 * told so, and an editor builds a rule in the sidebar and publishes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { ARTIFACTS, BASE_URL, launch, logIn } from './browser.mjs';
import { Session } from './http.mjs';
import { KEYS, injectTestWallet } from './test-wallet.mjs';

const LETTER = `${ BASE_URL }/citizens-letter/`;
const SECRET = 'the census goes on-chain for everyone to audit';

describe( 'Token-gated posts', () => {
	let browser;
	let page;
	let wallet;
	const pageErrors = [];

	// Members this file's wallet sign-ins create are deleted afterwards (which unlinks their
	// wallets): the other suites expect the demo wallets to be new to the site.
	const userIds = async ( admin ) => ( await admin.rest( '/wp/v2/users?per_page=100&context=edit' ) ).json.map( ( user ) => user.id );
	let usersBefore = [];

	before( async () => {
		usersBefore = await userIds( await new Session().logIn( 'admin' ) );
		browser = await launch();
		wallet = await injectTestWallet( browser.context, { key: KEYS.visitor } );
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
	} );

	after( async () => {
		await browser?.close();
		const admin = await new Session().logIn( 'admin' );
		for ( const id of await userIds( admin ) ) {
			if ( ! usersBefore.includes( id ) ) {
				const deleted = await admin.rest( `/wp/v2/users/${ id }?force=true&reassign=1`, { method: 'DELETE' } );
				assert.equal( deleted.status, 200, deleted.text );
			}
		}
	} );

	const closeWelcomeGuide = async () => {
		const guide = page.getByRole( 'dialog', { name: /Welcome to the editor/ } );
		if ( await guide.isVisible( { timeout: 5000 } ).catch( () => false ) ) {
			await guide.getByRole( 'button', { name: 'Close' } ).click();
		}
	};

	const publish = async () => {
		await page.getByRole( 'button', { name: 'Publish', exact: true } ).first().click();
		await page.getByRole( 'region', { name: 'Editor publish' } ).getByRole( 'button', { name: 'Publish', exact: true } ).click();
		await page.getByText( 'is now live' ).first().waitFor();
	};

	const signInFromNotice = async () => {
		const notice = page.locator( '.sovereign-press-gate' );
		await notice.getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click();
		await page.waitForLoadState( 'load' );
	};

	it( 'shows a visitor the teaser and what the post asks, never the rest', async () => {
		await page.goto( LETTER );
		const content = page.locator( '.wp-block-post-content' );
		await content.getByText( 'Citizens, the society is one year old.' ).waitFor();
		const notice = page.locator( '.sovereign-press-gate' );
		assert.equal( await notice.getAttribute( 'data-gate-state' ), 'logged-out' );
		assert.match( await notice.innerText(), /Readers need 1 Citizen NFT on Local chain\./ );
		assert.equal( ( await page.content() ).includes( SECRET ), false );
		await page.screenshot( { path: `${ ARTIFACTS }gated-post-visitor.png`, fullPage: true } );
	} );

	it( 'tells a wallet without the NFT so, after it signs in', async () => {
		await signInFromNotice();
		const notice = page.locator( '.sovereign-press-gate[data-gate-state="denied"]' );
		await notice.waitFor();
		assert.match( await notice.innerText(), /Your linked wallet \(0x90F7…b906\) does not hold this\./ );
		assert.equal( ( await page.content() ).includes( SECRET ), false );
	} );

	it( 'lets the demo citizen sign in from the notice and read on, with no further step', async () => {
		await page.context().clearCookies();
		wallet.account = ( await import( 'viem/accounts' ) ).privateKeyToAccount( KEYS.citizen );
		await page.goto( LETTER );
		await signInFromNotice();
		await page.getByText( SECRET ).waitFor();
		assert.equal( await page.locator( '.sovereign-press-gate' ).count(), 0 );
		await page.screenshot( { path: `${ ARTIFACTS }gated-post-citizen.png`, fullPage: true } );
	} );

	it( 'lets an admin save a preset and an editor gate a section with it', async () => {
		const deployment = JSON.parse( readFileSync( new URL( '../../.cache/chain/deployment.json', import.meta.url ), 'utf8' ) );
		await page.context().clearCookies();
		await logIn( page );
		await page.goto( `${ BASE_URL }/wp-admin/options-general.php?page=sovereign-press` );
		await page.getByRole( 'button', { name: 'Token gates' } ).click();
		await page.getByRole( 'button', { name: 'Add preset' } ).click();
		const preset = page.locator( '.sovereign-press-preset' ).last();
		await preset.getByRole( 'textbox', { name: 'Preset name' } ).fill( 'Voters' );
		await preset.getByRole( 'combobox', { name: 'Condition 1' } ).selectOption( 'erc20' );
		await preset.getByRole( 'textbox', { name: 'Contract address' } ).fill( deployment.contracts.token );
		await preset.getByRole( 'textbox', { name: 'At least (whole tokens)' } ).fill( '50' );
		await preset.getByText( 'Found SVOTE (ERC20).' ).waitFor();
		await preset.getByText( 'Readers need 50 SVOTE on Local chain.' ).waitFor();
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }gated-preset-settings.png`, fullPage: true } );

		await page.context().clearCookies();
		await logIn( page, { user: 'editor' } );
		await page.goto( `${ BASE_URL }/wp-admin/post-new.php` );
		await closeWelcomeGuide();
		const canvas = page.frameLocator( 'iframe[name="editor-canvas"]' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).fill( 'Voting notes' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).press( 'Enter' );
		await page.keyboard.type( 'Everyone reads this line.' );
		await page.keyboard.press( 'Enter' );
		await page.keyboard.type( '/Gated Content' );
		await canvas.getByRole( 'option', { name: 'Gated Content', selected: true } ).waitFor();
		await page.keyboard.press( 'Enter' );
		await page.keyboard.type( 'Voters meet on Friday.' );

		await page.getByRole( 'combobox', { name: 'Rule' } ).selectOption( { label: 'Voters' } );
		await page.getByRole( 'textbox', { name: 'Message for other readers' } ).fill( 'For voters only.' );
		await canvas.getByText( 'Readers need 50 SVOTE on Local chain.' ).waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }gated-section-editor.png`, fullPage: true } );
		await publish();

		const link = await page.evaluate( () => window.wp.data.select( 'core/editor' ).getPermalink() );
		const visitor = await new Session().request( link );
		assert.match( visitor.text, /Everyone reads this line\./ );
		assert.match( visitor.text, /For voters only\./ );
		assert.match( visitor.text, /Readers need 50 SVOTE on Local chain\./ );
		assert.equal( visitor.text.includes( 'Voters meet on Friday.' ), false );
	} );

	it( 'lets an editor build a rule in the Token gate panel and publish a gated post', async () => {
		await page.context().clearCookies();
		await logIn( page, { user: 'editor' } );
		await page.goto( `${ BASE_URL }/wp-admin/post-new.php` );
		await closeWelcomeGuide();
		const canvas = page.frameLocator( 'iframe[name="editor-canvas"]' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).fill( 'Treasury notes for voters' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).press( 'Enter' );
		await page.keyboard.type( 'Only voters with 50 SVOTE read these notes.' );

		// The sidebar shows the paragraph's settings: switch to the post's.
		await page.getByRole( 'tab', { name: 'Post' } ).click();
		const panel = page.locator( '.sovereign-press-gate-panel' );
		const toggle = page.getByRole( 'checkbox', { name: 'Only holders can read this' } );
		if ( ! ( await toggle.isVisible() ) ) {
			await page.getByRole( 'button', { name: 'Token gate' } ).click();
		}
		await toggle.check();
		await panel.getByText( 'Readers need 1 Citizen NFT on Local chain.' ).waitFor();

		await panel.getByRole( 'combobox', { name: 'Rule' } ).selectOption( { label: 'Custom rule' } );
		await panel.getByRole( 'button', { name: 'Add condition' } ).click();
		await panel.getByRole( 'combobox', { name: 'Condition 1' } ).selectOption( 'erc20' );
		const deployment = JSON.parse( readFileSync( new URL( '../../.cache/chain/deployment.json', import.meta.url ), 'utf8' ) );
		await panel.getByRole( 'textbox', { name: 'Contract address' } ).fill( deployment.contracts.token );
		await panel.getByRole( 'textbox', { name: 'At least (whole tokens)' } ).fill( '50' );
		await panel.getByRole( 'textbox', { name: 'Contract address' } ).blur();
		await panel.getByText( 'Found SVOTE (ERC20).' ).waitFor();
		await panel.getByText( 'Readers need 50 SVOTE on Local chain.' ).waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }gated-post-editor.png`, fullPage: true } );

		await publish();
		const postId = await page.evaluate( () => window.wp.data.select( 'core/editor' ).getCurrentPostId() );

		const editor = await new Session().logIn( 'editor' );
		const saved = await editor.rest( `/wp/v2/posts/${ postId }?context=edit` );
		assert.deepEqual( saved.json.meta._sovereign_press_gate.rule, {
			type: 'all',
			conditions: [ { type: 'erc20', chainId: 31337, contract: deployment.contracts.token, amount: '50', label: 'SVOTE' } ],
		} );
		const visitor = await new Session().request( saved.json.link );
		assert.equal( visitor.text.includes( 'Only voters with 50 SVOTE read these notes.' ), false );
		assert.match( visitor.text, /Readers need 50 SVOTE on Local chain\./ );
		assert.deepEqual( pageErrors, [] );
	} );
} );
