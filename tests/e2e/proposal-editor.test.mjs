/**
 * The DAO Proposal blocks as an editor builds them in Chromium: a Snapshot link from the local
 * stand-in (E2E_SNAPSHOT_URL) and a Governor proposal seeded on the local chain render in the
 * editor as on the page, wrong input gets its precise sentence before any request, a Tally link
 * becomes Governor input; the published page reads in full with JavaScript off.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';

import { FIXTURES } from '../snapshot/fixtures.mjs';
import { ARTIFACTS, BASE_URL, launch, logIn } from './browser.mjs';

const deployment = JSON.parse( readFileSync( new URL( '../../.cache/chain/deployment.json', import.meta.url ), 'utf8' ) );
const GOVERNOR = deployment.contracts.governor;
const ACTIVE_ID = deployment.governance.active;
const SNAPSHOT = FIXTURES.activeSingle;
const SNAPSHOT_LINK = `https://snapshot.box/#/s:${ SNAPSHOT.space }/proposal/${ SNAPSHOT.id }`;
const GOVERNOR_TITLE = 'Fund a public reading room';

/** The Governor's address with the case of one letter flipped: a wrong EIP-55 checksum. */
function wrongChecksum( address ) {
	const at = [ ...address ].findIndex( ( c, i ) => i > 1 && /[a-fA-F]/.test( c ) );
	const c = address[ at ];
	return address.slice( 0, at ) + ( c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase() ) + address.slice( at + 1 );
}

describe( 'DAO Proposal blocks in the editor', () => {
	let browser;
	let page;
	let canvas;
	let link = '';
	const pageErrors = [];
	const previewRequests = [];

	before( async () => {
		assert.ok( process.env.E2E_SNAPSHOT_URL, 'The e2e runner starts the Snapshot stand-in.' );
		assert.ok( GOVERNOR && ACTIVE_ID, 'The e2e runner seeds the Governor proposals.' );
		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
		page.on( 'request', ( request ) => {
			const url = decodeURIComponent( request.url() );
			if ( url.includes( 'sovereign-press/v1/proposals/preview' ) ) {
				previewRequests.push( url );
			}
		} );
		await logIn( page, { user: 'editor' } );
		await page.goto( `${ BASE_URL }/wp-admin/post-new.php` );
		const guide = page.getByRole( 'dialog', { name: /Welcome to the editor/ } );
		if ( await guide.isVisible( { timeout: 5000 } ).catch( () => false ) ) {
			await guide.getByRole( 'button', { name: 'Close' } ).click();
		}
		canvas = page.frameLocator( 'iframe[name="editor-canvas"]' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).fill( 'Decisions this month' );
	} );

	after( async () => {
		await browser?.close();
	} );

	// Through the slash inserter in a new paragraph; the new block is the selected one.
	const insert = async ( name ) => {
		const appender = canvas.locator( '.block-editor-default-block-appender__content' );
		if ( await appender.count() ) {
			await appender.click();
		} else {
			await canvas.getByRole( 'textbox', { name: 'Add title' } ).press( 'Enter' );
		}
		await page.keyboard.type( `/${ name }` );
		await canvas.getByRole( 'option', { name, exact: true, selected: true } ).waitFor();
		await page.keyboard.press( 'Enter' );
		const type = name === 'DAO Proposal' ? 'proposal' : 'proposals';
		const id = await canvas.locator( `[data-type="sovereign-press/${ type }"].is-selected` ).getAttribute( 'id' );
		return canvas.locator( `#${ id }` );
	};

	it( 'shows the precise sentence for a wrong link, then the stand-in’s proposal as the page renders it', async () => {
		const block = await insert( 'DAO Proposal' );
		// In the canvas's placeholder, as core's embed blocks take a URL.
		const url = block.getByRole( 'textbox', { name: 'Snapshot URL' } );

		await url.fill( `https://snapshot.box/#/s:${ SNAPSHOT.space }/proposal/0x1234` );
		await block.getByText( 'This is not a Snapshot proposal id: ids are 0x followed by 64 hexadecimal characters' ).waitFor();
		await url.fill( 'https://example.org/#/s:society.eth/proposal/0x1' );
		await block.getByText( 'This is not a Snapshot link.' ).waitFor();
		await page.waitForTimeout( 800 );
		assert.deepEqual( previewRequests, [], 'No preview is asked for malformed input.' );

		await url.fill( SNAPSHOT_LINK );
		await block.getByText( 'Loading the proposal from Snapshot…' ).waitFor();
		const article = block.locator( 'article.sovereign-press-proposal' );
		await article.getByRole( 'heading', { name: SNAPSHOT.title } ).waitFor();
		for ( const choice of SNAPSHOT.choices ) {
			await article.locator( '.sovereign-press-proposal__choice' ).filter( { hasText: choice } ).waitFor();
		}
		assert.equal( previewRequests.length, 1, 'One debounced preview request for the pasted link.' );
		assert.equal( await block.getByRole( 'textbox', { name: 'Snapshot URL' } ).count(), 0, 'the placeholder gives way to the proposal' );
		assert.equal( await page.getByRole( 'textbox', { name: 'Snapshot URL' } ).inputValue(), SNAPSHOT_LINK, 'the settings keep the link' );
		assert.equal(
			( await article.locator( '.sovereign-press-vote__note' ).textContent() ).trim(),
			'Members vote here on the published page.',
			'not the editor’s own vote control'
		);
		await page.screenshot( { path: `${ ARTIFACTS }proposal-editor-snapshot.png`, fullPage: true } );
	} );

	it( 'turns a Tally link into Governor input and previews the seeded Governor proposal', async () => {
		const block = await insert( 'DAO Proposal' );
		await block.getByRole( 'textbox', { name: 'Snapshot URL' } ).fill( `https://www.tally.xyz/gov/demo-society/proposal/${ ACTIVE_ID }` );
		await block.getByText( 'Tally has shut down, so its links cannot be read.' ).waitFor();
		await block.getByRole( 'button', { name: 'Use as a Governor proposal' } ).click();
		await block.getByText( 'Tally has shut down; choose the chain and the Governor.' ).waitFor();
		assert.equal( await block.getByRole( 'textbox', { name: 'Proposal id' } ).inputValue(), ACTIVE_ID, 'in the canvas too' );
		assert.equal( await page.getByRole( 'combobox', { name: 'Source' } ).inputValue(), 'governor' );
		assert.equal( await page.getByRole( 'textbox', { name: 'Proposal id' } ).inputValue(), ACTIVE_ID );

		await page.getByRole( 'combobox', { name: 'Network' } ).selectOption( { label: 'Local chain' } );
		await page.getByRole( 'textbox', { name: 'Governor address' } ).fill( wrongChecksum( GOVERNOR ) );
		// Under the canvas's field and in the placeholder's notice.
		await block.locator( '.components-notice' ).getByText( 'The Governor address has a wrong checksum: copy it again.' ).waitFor();
		await page.getByRole( 'textbox', { name: 'Governor address' } ).fill( GOVERNOR );

		const article = block.locator( 'article.sovereign-press-proposal' );
		await article.getByRole( 'heading', { name: GOVERNOR_TITLE } ).waitFor();
		for ( const choice of [ 'For', 'Against', 'Abstain' ] ) {
			await article.locator( '.sovereign-press-proposal__choice' ).filter( { hasText: choice } ).first().waitFor();
		}
		assert.equal( await block.getByText( 'Tally has shut down' ).count(), 0, 'The note goes once chain and Governor are set.' );
		await page.screenshot( { path: `${ ARTIFACTS }proposal-editor-governor.png`, fullPage: true } );
	} );

	it( 'lists a space’s active proposals with a state filter', async () => {
		const block = await insert( 'DAO Proposals' );
		await page.getByRole( 'textbox', { name: 'Space' } ).fill( SNAPSHOT.space );
		await page.getByRole( 'combobox', { name: 'Show' } ).selectOption( 'active' );
		const items = block.locator( '.sovereign-press-proposals__item' );
		await items.filter( { hasText: SNAPSHOT.title } ).waitFor();
		const classes = await items.evaluateAll( ( nodes ) => nodes.map( ( node ) => node.className ) );
		assert.ok( classes.length > 0 && classes.every( ( name ) => /\bis-state-active\b/.test( name ) ), classes.join( ', ' ) );
		assert.equal( await items.filter( { hasText: FIXTURES.closedSingle.title } ).count(), 0 );
		assert.equal( await items.filter( { hasText: FIXTURES.pending.title } ).count(), 0 );
	} );

	it( 'publishes, and the page reads in full with JavaScript off', async () => {
		await page.getByRole( 'button', { name: 'Publish', exact: true } ).first().click();
		await page.getByRole( 'region', { name: 'Editor publish' } ).getByRole( 'button', { name: 'Publish', exact: true } ).click();
		await page.getByText( 'is now live' ).first().waitFor();
		link = await page.evaluate( () => window.wp.data.select( 'core/editor' ).getPermalink() );
		assert.deepEqual( pageErrors, [] );

		const reader = await chromium.launch( {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [ '--no-sandbox', '--disable-gpu' ],
		} );
		try {
			const context = await reader.newContext( { javaScriptEnabled: false } );
			const visitor = await context.newPage();
			await visitor.goto( link );
			const proposals = visitor.locator( 'article.sovereign-press-proposal' );
			assert.equal( await proposals.count(), 2 );

			const snapshot = proposals.filter( { has: visitor.getByRole( 'heading', { name: SNAPSHOT.title } ) } );
			await snapshot.locator( '.sovereign-press-proposal__body' ).getByRole( 'heading', { name: 'What changes' } ).waitFor();
			await snapshot.locator( '.sovereign-press-proposal__body' ).getByRole( 'link', { name: 'the forum thread' } ).waitFor();
			assert.equal( ( await snapshot.locator( '.sovereign-press-proposal__state' ).textContent() ).trim(), 'Active' );
			for ( const choice of SNAPSHOT.choices ) {
				assert.equal( await snapshot.locator( '.sovereign-press-proposal__choice' ).filter( { hasText: choice } ).count(), 1, choice );
			}

			const governor = proposals.filter( { has: visitor.getByRole( 'heading', { name: GOVERNOR_TITLE } ) } );
			await governor.locator( '.sovereign-press-proposal__body' ).getByText( 'to open a reading room' ).waitFor();
			assert.match( await governor.locator( '.sovereign-press-proposal__state' ).textContent(), /^(Active|Succeeded|Defeated)$/ );
			assert.equal( await governor.locator( '.sovereign-press-proposal__choice' ).count(), 3 );

			const items = visitor.locator( '.sovereign-press-proposals__item' );
			assert.ok( ( await items.count() ) > 0 );
			assert.equal( await items.filter( { hasText: SNAPSHOT.title } ).count(), 1 );
			assert.equal( await items.filter( { hasText: FIXTURES.closedSingle.title } ).count(), 0 );
			await visitor.screenshot( { path: `${ ARTIFACTS }proposal-no-js.png`, fullPage: true } );
		} finally {
			await reader.close();
		}
	} );
} );
