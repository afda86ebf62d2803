/**
 * Voting from the page in Chromium with the injected test wallet: a visitor logs in from the vote
 * area, then votes on a Governor proposal (a transaction mined on the local chain, after switching
 * the wallet's network) and on a Snapshot proposal (signed and accepted by the local sequencer);
 * with JavaScript off the proposal still reads in full; and what the vote control costs before and
 * after the click.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';
import { createPublicClient, http, parseAbi } from 'viem';

import { FIXTURES } from '../snapshot/fixtures.mjs';
import { ARTIFACTS, BASE_URL, RPC_URL, launch } from './browser.mjs';
import { Session } from './http.mjs';
import { KEYS, injectTestWallet } from './test-wallet.mjs';

const deployment = JSON.parse( readFileSync( new URL( '../../.cache/chain/deployment.json', import.meta.url ), 'utf8' ) );
const GOVERNOR = deployment.contracts.governor;
// Active, and nobody has voted on it yet (scripts/lib/governance.mjs).
const OPEN_ID = deployment.governance.open;
const SNAPSHOT_ID = FIXTURES.activeSingle.id;

describe( 'Voting from a proposal', () => {
	let browser;
	let page;
	let wallet;
	let url;
	let pageId;
	let usersBefore = [];
	const pageErrors = [];
	const userIds = async ( admin ) => ( await admin.rest( '/wp/v2/users?per_page=100&context=edit' ) ).json.map( ( user ) => user.id );

	before( async () => {
		const admin = await new Session().logIn( 'admin' );
		usersBefore = await userIds( admin );
		const created = await admin.rest( '/wp/v2/pages', {
			method: 'POST',
			data: {
				title: 'Vote here',
				status: 'publish',
				content: [
					`<!-- wp:sovereign-press/proposal {"source":"governor","chainId":31337,"governor":"${ GOVERNOR }","proposalId":"${ OPEN_ID }"} /-->`,
					`<!-- wp:sovereign-press/proposal {"source":"snapshot","space":"society.eth","proposalId":"${ SNAPSHOT_ID }"} /-->`,
				].join( '\n' ),
			},
		} );
		assert.equal( created.status, 201, created.text );
		url = created.json.link;
		pageId = created.json.id;
		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
		// On another network than the Governor's at first: voting must offer the switch.
		wallet = await injectTestWallet( browser.context, { key: KEYS.citizen, chainId: 31337, rpcUrl: RPC_URL } );
	} );

	after( async () => {
		await browser?.close();
		const admin = await new Session().logIn( 'admin' );
		if ( pageId ) {
			await admin.rest( `/wp/v2/pages/${ pageId }?force=true`, { method: 'DELETE' } );
		}
		for ( const id of await userIds( admin ) ) {
			if ( ! usersBefore.includes( id ) ) {
				await admin.rest( `/wp/v2/users/${ id }?force=true&reassign=1`, { method: 'DELETE' } );
			}
		}
	} );

	const controls = () => page.locator( '.sovereign-press-vote' );

	it( 'asks a visitor to log in with their wallet, and the button there logs them in', async () => {
		await page.goto( url );
		await controls().first().getByText( 'Log in with your wallet to vote.' ).waitFor();
		await controls().first().getByRole( 'button', { name: 'Log in with wallet' } ).click();
		await page.locator( '.sovereign-press-wallet-dialog' ).getByRole( 'button', { name: 'Test Wallet' } ).click();
		await controls().first().getByRole( 'button', { name: 'Vote' } ).waitFor( { timeout: 20000 } );
		assert.deepEqual( pageErrors, [] );
	} );

	it( 'votes For on the Governor proposal with a transaction, after switching networks', async () => {
		wallet.chainId = 1;
		const control = controls().first();
		await control.getByRole( 'button', { name: 'Vote' } ).click();
		await control.getByText( /100(\.0+)? SVOTE voting power/ ).waitFor();
		await control.getByRole( 'radio', { name: 'For' } ).check();
		await control.getByRole( 'button', { name: 'Send my vote transaction' } ).click();
		await control.getByText( 'Your wallet is on another network.', { exact: false } ).waitFor();
		await control.getByRole( 'button', { name: 'Switch network' } ).click();
		await control.getByText( 'You voted For. Your vote is recorded on chain.', { exact: false } ).waitFor( { timeout: 30000 } );
		assert.equal( wallet.chainId, 31337 );
		await page.screenshot( { path: `${ ARTIFACTS }vote-governor.png`, fullPage: true } );

		// The chain has it.
		const client = createPublicClient( { transport: http( RPC_URL ) } );
		const voted = await client.readContract( {
			address: GOVERNOR,
			abi: parseAbi( [ 'function hasVoted(uint256,address) view returns (bool)' ] ),
			functionName: 'hasVoted',
			args: [ BigInt( OPEN_ID ), wallet.account.address ],
		} );
		assert.equal( voted, true );

		// After a reload the tally counts the vote, and the member is told they voted and cannot
		// vote twice.
		await page.reload();
		const forRow = page.locator( '.sovereign-press-proposal' ).first().locator( '.sovereign-press-proposal__choice' ).first();
		assert.match( await forRow.innerText(), /For[\s\S]*100 SVOTE/ );
		await controls().first().getByRole( 'button', { name: 'Vote' } ).click();
		await controls().first().getByText( 'This wallet has already voted (For).', { exact: false } ).waitFor();
		assert.equal( await controls().first().getByRole( 'button', { name: 'Send my vote transaction' } ).count(), 0 );
	} );

	it( 'votes on the Snapshot proposal with a signature the sequencer accepts', async () => {
		const control = controls().nth( 1 );
		const label = FIXTURES.activeSingle.choices?.[ 1 ] ?? null;
		await control.getByRole( 'button', { name: 'Vote' } ).click();
		const radios = control.getByRole( 'radio' );
		await radios.first().waitFor();
		await radios.nth( 1 ).check();
		const name = label ?? ( await radios.nth( 1 ).evaluate( ( input ) => input.parentElement.textContent.trim() ) );
		await control.getByRole( 'button', { name: 'Sign and send my vote' } ).click();
		await control.getByText( `You voted ${ name }.`, { exact: false } ).waitFor( { timeout: 20000 } );
		assert.ok( wallet.requests.includes( 'eth_signTypedData_v4' ) );

		await page.reload();
		await controls().nth( 1 ).getByRole( 'button', { name: 'Vote' } ).click();
		await controls().nth( 1 ).getByText( `You voted ${ name }. Voting again replaces that vote.`, { exact: false } ).waitFor();
		assert.deepEqual( pageErrors, [] );
	} );

	it( 'reads in full with JavaScript off', async () => {
		const plain = await chromium.launch( { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [ '--no-sandbox' ] } );
		try {
			const context = await plain.newContext( { javaScriptEnabled: false } );
			const reader = await context.newPage();
			await reader.goto( url );
			const text = await reader.locator( 'body' ).innerText();
			assert.match( text, /For/ );
			assert.match( text, /Against/ );
			assert.match( text, /Abstain/ );
			assert.match( text, /Log in with your wallet to vote\./ );
			// The button stays hidden without the script; the login block's link stands in.
			assert.equal( await reader.getByRole( 'button', { name: 'Vote' } ).count(), 0 );
			await reader.screenshot( { path: `${ ARTIFACTS }vote-no-js.png`, fullPage: true } );
		} finally {
			await plain.close();
		}
	} );

	it( 'costs at most 8 KB gzip before the click and 40 KB on it', async () => {
		const sizes = new Map();
		let clicked = false;
		const onResponse = async ( response ) => {
			const path = new URL( response.url() ).pathname;
			// Scripts before the click (the block's small style is inlined), scripts and styles on it.
			const counted = path.endsWith( '.js' ) || ( clicked && path.endsWith( '.css' ) );
			if ( counted && ( path.includes( '/plugins/sovereign-press/' ) || /wp-includes\/js\/dist\/(i18n|hooks)/.test( path ) ) ) {
				sizes.set( path, gzipSync( await response.body(), { level: 9 } ).length );
			}
		};
		page.on( 'response', onResponse );
		await page.goto( url, { waitUntil: 'networkidle' } );
		const before = [ ...sizes ];
		const beforeBytes = before.reduce( ( sum, [ , size ] ) => sum + size, 0 );
		assert.ok( before.some( ( [ path ] ) => path.endsWith( 'build/governance/vote.js' ) ), JSON.stringify( before ) );
		assert.ok( ! before.some( ( [ path ] ) => path.endsWith( 'build/vote.js' ) ), 'no voting code before the click' );
		assert.ok( beforeBytes <= 8 * 1024, `before the click: ${ beforeBytes } bytes ${ JSON.stringify( before ) }` );

		sizes.clear();
		clicked = true;
		await controls().first().getByRole( 'button', { name: 'Vote' } ).click();
		await controls().first().locator( '.sovereign-press-vote__panel' ).waitFor();
		await page.waitForLoadState( 'networkidle' );
		const onClick = [ ...sizes ].reduce( ( sum, [ , size ] ) => sum + size, 0 );
		assert.ok( [ ...sizes.keys() ].some( ( path ) => path.endsWith( 'build/vote.js' ) ), JSON.stringify( [ ...sizes ] ) );
		assert.ok( onClick <= 40 * 1024, `on click: ${ onClick } bytes ${ JSON.stringify( [ ...sizes ] ) }` );
		page.off( 'response', onResponse );
		console.log( `vote control: ${ beforeBytes } bytes gzip before the click, ${ onClick } on it` );
	} );
} );
