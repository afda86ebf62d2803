/**
 * Voting from the page in Chromium with the injected test wallet: a visitor logs in from the vote
 * area, then votes on a Governor proposal of its own (a transaction mined on the local chain, after
 * switching the wallet's network) and on Snapshot proposals of every kind of choice (signed and
 * accepted by the local sequencer); a member without a browser wallet gets WalletConnect (AppKit,
 * loaded only when picked); with JavaScript off the proposal still reads in full; and what loads
 * before and on the click (the sizes are bench/weight.mjs's business).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';
import { parseAbi } from 'viem';

import { governanceClient } from '../../scripts/lib/governance.mjs';
import { FIXTURES } from '../snapshot/fixtures.mjs';
import { ARTIFACTS, RPC_URL, launch } from './browser.mjs';
import { Session } from './http.mjs';
import { KEYS, injectTestWallet } from './test-wallet.mjs';

const deployment = JSON.parse( readFileSync( new URL( '../../.cache/chain/deployment.json', import.meta.url ), 'utf8' ) );
const GOVERNOR = deployment.contracts.governor;
const SNAPSHOT_ID = FIXTURES.activeSingle.id;
// One Snapshot proposal per kind of choice the typed data carries: uint32[] and a JSON string.
const TYPED = [ FIXTURES.activeApproval, FIXTURES.activeRanked, FIXTURES.activeWeighted, FIXTURES.activeQuadratic ];
const SNAPSHOT_URL = process.env.E2E_SNAPSHOT_URL;

/**
 * A Governor proposal of the test's own, active when the test starts and voted on by nobody: the
 * demo's `open` proposal closes after ~50 blocks, which the rest of the suite may mine first.
 */
async function freshProposal() {
	const gov = governanceClient( RPC_URL, deployment );
	const { token, treasury } = deployment.contracts;
	const proposal = await gov.propose( {
		governor: GOVERNOR,
		from: 0,
		actions: [ { target: token, data: gov.call( 'SocietyToken', token, 'transfer', [ treasury, 0n ] ) } ],
		// Unique, so that a run against the same chain makes a new proposal.
		description: `# Publish the society's minutes on this site\n\nEvery meeting's minutes, posted here within a week. (${ Date.now() })`,
	} );
	const abi = parseAbi( [ 'function votingDelay() view returns (uint256)' ] );
	const delay = await gov.publicClient.readContract( { address: GOVERNOR, abi, functionName: 'votingDelay' } );
	// Active once the block after its snapshot (proposal block + delay) is mined.
	await gov.mine( Number( delay ) + 1 );
	assert.equal( await gov.state( proposal ), 1, 'the test proposal is active' );
	return { gov, proposal };
}

describe( 'Voting from a proposal', () => {
	let browser;
	let page;
	let wallet;
	let url;
	let pageId;
	let gov;
	let proposalId;
	let usersBefore = [];
	const pageErrors = [];
	const userIds = async ( admin ) => ( await admin.rest( '/wp/v2/users?per_page=100&context=edit' ) ).json.map( ( user ) => user.id );

	before( async () => {
		const admin = await new Session().logIn( 'admin' );
		usersBefore = await userIds( admin );
		const fresh = await freshProposal();
		gov = fresh.gov;
		proposalId = fresh.proposal.id;
		const created = await admin.rest( '/wp/v2/pages', {
			method: 'POST',
			data: {
				title: 'Vote here',
				status: 'publish',
				content: [
					`<!-- wp:sovereign-press/proposal {"source":"governor","chainId":31337,"governor":"${ GOVERNOR }","proposalId":"${ proposalId }"} /-->`,
					`<!-- wp:sovereign-press/proposal {"source":"snapshot","space":"society.eth","proposalId":"${ SNAPSHOT_ID }"} /-->`,
					...TYPED.map( ( fixture ) => `<!-- wp:sovereign-press/proposal {"source":"snapshot","space":"society.eth","proposalId":"${ fixture.id }"} /-->` ),
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
	const controlOf = ( fixture, on = page ) => on.locator( '.sovereign-press-proposal', { hasText: fixture.title } ).locator( '.sovereign-press-vote' );

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
		// The title the site read from the Governor's description, not the page's copy.
		const heading = ( await page.locator( '.sovereign-press-proposal__title' ).first().innerText() ).trim();
		assert.equal( ( await control.locator( '.sovereign-press-vote__title' ).innerText() ).trim(), `Voting on: ${ heading }` );
		await control.getByRole( 'radio', { name: 'For' } ).check();
		await control.getByRole( 'button', { name: 'Send my vote transaction' } ).click();
		await control.getByText( 'Your wallet is on another network.', { exact: false } ).waitFor();
		await control.getByRole( 'button', { name: 'Switch network' } ).click();
		await control.getByText( 'You voted For. Your vote is recorded on chain.', { exact: false } ).waitFor( { timeout: 30000 } );
		assert.equal( wallet.chainId, 31337 );
		await page.screenshot( { path: `${ ARTIFACTS }vote-governor.png`, fullPage: true } );

		// The chain has it.
		const voted = await gov.publicClient.readContract( {
			address: GOVERNOR,
			abi: parseAbi( [ 'function hasVoted(uint256,address) view returns (bool)' ] ),
			functionName: 'hasVoted',
			args: [ BigInt( proposalId ), wallet.account.address ],
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

	it( 'sends approval, ranked-choice, weighted and quadratic votes the sequencer accepts', async () => {
		const [ approval, ranked, weighted, quadratic ] = TYPED;
		const send = async ( fixture, fill, expected ) => {
			const control = controlOf( fixture );
			await control.getByRole( 'button', { name: 'Vote' } ).click();
			await control.getByRole( 'button', { name: 'Sign and send my vote' } ).waitFor();
			await fill( control );
			await control.getByRole( 'button', { name: 'Sign and send my vote' } ).click();
			await control.getByText( `You voted ${ expected }.`, { exact: false } ).waitFor( { timeout: 20000 } );
		};
		await page.reload();
		await send( approval, async ( control ) => {
			await control.getByRole( 'checkbox', { name: 'Education' } ).check();
			await control.getByRole( 'checkbox', { name: 'Events' } ).check();
		}, 'Education, Events' );
		await send( ranked, ( control ) => control.getByRole( 'button', { name: 'Move Library up' } ).click(), '1. Library, 2. Town hall, 3. Harbour warehouse' );
		await send( weighted, async ( control ) => {
			await control.getByRole( 'spinbutton', { name: 'Newsletter' } ).fill( '2' );
			await control.getByRole( 'spinbutton', { name: 'Podcast' } ).fill( '1' );
		}, 'Newsletter 2, Podcast 1' );
		await send( quadratic, async ( control ) => {
			await control.getByRole( 'spinbutton', { name: 'Open data portal' } ).fill( '1' );
			await control.getByRole( 'spinbutton', { name: 'Accessibility audit' } ).fill( '3' );
		}, 'Open data portal 1, Accessibility audit 3' );
		await page.screenshot( { path: `${ ARTIFACTS }vote-snapshot-types.png`, fullPage: true } );

		// The sequencer stored each vote as signed: arrays for approval and ranked-choice, and the
		// choice object (signed as a JSON string) for weighted and quadratic.
		const response = await fetch( `${ SNAPSHOT_URL }/graphql`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( {
				query: 'query ($voter: String!, $ids: [String]) { votes(first: 10, where: { voter: $voter, proposal_in: $ids }) { proposal { id } choice } }',
				variables: { voter: wallet.account.address, ids: TYPED.map( ( fixture ) => fixture.id ) },
			} ),
		} );
		const { data, errors } = await response.json();
		assert.equal( errors, undefined, JSON.stringify( errors ) );
		const stored = Object.fromEntries( data.votes.map( ( vote ) => [ vote.proposal.id, vote.choice ] ) );
		assert.deepEqual( stored, {
			[ approval.id ]: [ 1, 3 ],
			[ ranked.id ]: [ 2, 1, 3 ],
			[ weighted.id ]: { 1: 2, 3: 1 },
			[ quadratic.id ]: { 1: 1, 3: 3 },
		} );
		assert.deepEqual( pageErrors, [] );
	} );

	it( 'offers WalletConnect beside the browser wallets, and opens it directly without one, loading AppKit only then', async () => {
		const admin = await new Session().logIn( 'admin' );
		const settingsOf = async () => ( await admin.rest( '/wp/v2/settings' ) ).json.sovereign_press_settings;
		const saveSettings = async ( settings ) => {
			const saved = await admin.rest( '/wp/v2/settings', { method: 'POST', data: { sovereign_press_settings: settings } } );
			assert.equal( saved.status, 200, saved.text );
		};
		const settings = await settingsOf();
		const projectId = settings.walletLogin.walletConnectProjectId;
		await saveSettings( { ...settings, walletLogin: { ...settings.walletLogin, walletConnectProjectId: '0123456789abcdef0123456789abcdef' } } );
		const plain = await launch();
		try {
			// With a browser wallet on an account that cannot vote, the member picks the way in.
			const member = wallet.account;
			wallet.account = ( await import( 'viem/accounts' ) ).privateKeyToAccount( KEYS.visitor );
			try {
				await page.reload();
				const control = controlOf( FIXTURES.activeSingle );
				await control.getByRole( 'button', { name: 'Vote' } ).click();
				await control.getByRole( 'radio' ).first().check();
				await control.getByRole( 'button', { name: 'Sign and send my vote' } ).click();
				await control.getByRole( 'button', { name: 'WalletConnect (mobile and other wallets)' } ).waitFor();
				await control.getByRole( 'button', { name: 'Test Wallet' } ).click();
				await control.getByText( 'which cannot vote here', { exact: false } ).waitFor();
			} finally {
				wallet.account = member;
			}

			// The same member in a browser without a wallet: voting goes straight to WalletConnect.
			await plain.context.addCookies( await browser.context.cookies() );
			const requests = [];
			plain.page.on( 'request', ( request ) => requests.push( new URL( request.url() ).pathname ) );
			await plain.page.goto( url );
			const control = controlOf( FIXTURES.activeApproval, plain.page );
			await control.getByRole( 'button', { name: 'Vote' } ).click();
			await control.getByRole( 'checkbox', { name: 'Research' } ).check();
			assert.equal( requests.some( ( path ) => path.endsWith( '/build/walletconnect.js' ) ), false, 'AppKit is not loaded before it is picked.' );
			await control.getByRole( 'button', { name: 'Sign and send my vote' } ).click();
			await plain.page.locator( 'w3m-modal' ).waitFor( { state: 'attached' } );
			assert.ok( requests.some( ( path ) => path.endsWith( '/build/walletconnect.js' ) ) );
			await plain.page.screenshot( { path: `${ ARTIFACTS }vote-walletconnect.png` } );

			// Closing AppKit before a wallet connects leaves a reason, and the member can try again.
			await plain.page.getByTestId( 'w3m-header-close' ).click();
			await control.getByText( 'WalletConnect was closed before a wallet connected.' ).waitFor();
			assert.equal( await control.getByRole( 'button', { name: 'Sign and send my vote' } ).isEnabled(), true );
		} finally {
			await plain.close();
			await saveSettings( { ...( await settingsOf() ), walletLogin: { ...( await settingsOf() ).walletLogin, walletConnectProjectId: projectId } } );
		}
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

	it( 'loads no voting code before the click, and the voting chunk (not AppKit) on it', async () => {
		const requests = [];
		const onRequest = ( request ) => {
			const path = new URL( request.url() ).pathname;
			if ( path.includes( '/plugins/sovereign-press/' ) ) {
				requests.push( path.replace( /^.*\/plugins\/sovereign-press\//, '' ) );
			}
		};
		page.on( 'request', onRequest );
		try {
			await page.goto( url, { waitUntil: 'networkidle' } );
			assert.ok( requests.includes( 'build/governance/vote.js' ), JSON.stringify( requests ) );
			assert.ok( ! requests.includes( 'build/vote.js' ), `no voting code before the click: ${ JSON.stringify( requests ) }` );

			requests.length = 0;
			await controls().first().getByRole( 'button', { name: 'Vote' } ).click();
			await controls().first().locator( '.sovereign-press-vote__panel' ).waitFor();
			await page.waitForLoadState( 'networkidle' );
			assert.ok( requests.includes( 'build/vote.js' ), JSON.stringify( requests ) );
			assert.ok( ! requests.includes( 'build/walletconnect.js' ), 'AppKit only when WalletConnect is picked' );
		} finally {
			page.off( 'request', onRequest );
		}
	} );
} );
