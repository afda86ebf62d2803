/**
 * Settings > Sovereign Press > Census, as an administrator uses it in Chromium: the demo society's
 * census (scripts/php/seed-demo.php) is shown and edited, an unsound token is caught beside its
 * field, and Sync now drives the real census job: it waits while another runner holds the job,
 * shows a sync left half-way with its blocks scanned and Resume, and ends at a snapshot that
 * counts a member minted just before.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { createPublicClient, createWalletClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

import { compileContracts, demoAccount, localChain, ROOT } from '../../scripts/lib/chain.mjs';
import { ARTIFACTS, BASE_URL, RPC_URL, launch, logIn } from './browser.mjs';

const SETTINGS_URL = `${ BASE_URL }/wp-admin/options-general.php?page=sovereign-press`;
const deployment = JSON.parse( readFileSync( join( ROOT, '.cache/chain/deployment.json' ), 'utf8' ) );
const chain = localChain( RPC_URL );
const publicClient = createPublicClient( { chain, transport: http( RPC_URL ) } );

/** The census job of the e2e site, driven as another runner would (tests/e2e/census-job.php). */
function job( ...args ) {
	assert.ok( process.env.E2E_SITE_DIR, 'The e2e runner gives the site folder.' );
	return JSON.parse( execFileSync( 'php', [ join( ROOT, 'tests/e2e/census-job.php' ), process.env.E2E_SITE_DIR, ...args ], { encoding: 'utf8' } ) );
}

async function mintCitizen( to ) {
	const founder = createWalletClient( { chain, transport: http( RPC_URL ), account: demoAccount( 0 ).account } );
	const hash = await founder.writeContract( {
		abi: compileContracts().SocietyMembership.abi,
		address: deployment.contracts.membership,
		functionName: 'mint',
		args: [ to ],
	} );
	await publicClient.waitForTransactionReceipt( { hash } );
}

async function proofStatus( address ) {
	const response = await fetch( `${ BASE_URL }/wp-json/sovereign-press/v1/census/proof?address=${ address }` );
	return `${ response.status } ${ ( await response.json() ).code ?? 'proof' }`;
}

describe( 'Settings > Sovereign Press > Census', () => {
	let browser;
	let page;
	const pageErrors = [];

	const openCensus = async () => {
		await page.goto( SETTINGS_URL );
		await page.getByRole( 'heading', { name: 'Sovereign Press', level: 1 } ).waitFor();
		await page.getByRole( 'button', { name: 'Census', exact: true } ).click();
		await page.getByRole( 'heading', { name: 'Tokens', level: 3 } ).waitFor();
	};
	const status = () => page.locator( '.sovereign-press-census__status' );
	/** The loop has ended at an idle sync: nobody holds it and the button is back. */
	const synced = async () => {
		await status().getByText( /^Up to date: [\d,]+ members? as of block #[\d,]+\.$/ ).waitFor( { timeout: 120000 } );
		await page.locator( '.sovereign-press-census__sync' ).getByRole( 'button', { name: 'Sync now', disabled: false } ).waitFor();
	};

	before( async () => {
		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
		await logIn( page );
	} );

	after( async () => {
		await browser?.close();
	} );

	it( 'shows the demo census and saves a declared figure', async () => {
		await openCensus();
		const tokens = page.locator( '.sovereign-press-census__item' );
		assert.equal( await tokens.count(), 3 );
		assert.deepEqual(
			await tokens.getByLabel( 'Id', { exact: true } ).evaluateAll( ( inputs ) => inputs.map( ( input ) => input.value ) ),
			[ 'citizens', 'early-supporters', 'svote' ]
		);
		assert.equal( await page.getByLabel( 'Economy token' ).inputValue(), 'svote' );
		assert.equal( await tokens.nth( 1 ).getByLabel( 'Token id' ).inputValue(), '1' );

		await page.getByRole( 'button', { name: 'Add declared figure' } ).click();
		await page.getByLabel( 'Figure' ).last().fill( 'Members at the assembly' );
		await page.getByLabel( 'Value' ).last().fill( '212' );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();
		await page.locator( '.components-snackbar' ).getByText( 'Settings saved.' ).waitFor();

		await openCensus();
		assert.equal( await page.getByLabel( 'Figure' ).last().inputValue(), 'Members at the assembly' );
		assert.equal( await page.getByLabel( 'Value' ).last().inputValue(), '212' );
		await page.screenshot( { path: `${ ARTIFACTS }census-settings.png`, fullPage: true } );
	} );

	it( 'catches an ERC-1155 token without its id beside the field and saves nothing', async () => {
		await openCensus();
		await page.getByRole( 'button', { name: 'Add token' } ).click();
		const card = page.locator( '.sovereign-press-census__item' ).last();
		await card.getByLabel( 'Standard' ).selectOption( 'erc1155' );
		await card.getByLabel( 'Contract address' ).fill( deployment.contracts.badge );
		await page.getByRole( 'button', { name: 'Save changes' } ).click();

		await page.locator( '.components-notice.is-error' ).getByText( 'Some census settings need attention before they can be saved.' ).waitFor();
		await card.getByText( 'Enter the token id: a whole number from 0 to 2^256 − 1.' ).waitFor();
		assert.equal( await page.getByRole( 'button', { name: 'Sync now' } ).isDisabled(), true, 'Unsaved changes: the sync would count the saved settings.' );

		await openCensus();
		assert.equal( await page.locator( '.sovereign-press-census__item' ).count(), 3, 'Nothing was saved.' );
	} );

	it( 'shows a sync left half-way with its blocks scanned, and resumes it', async () => {
		// Enough new blocks that one slice cannot reach them, then one bounded run that stops
		// after its first slice, as a WP-Cron run cut short would.
		await publicClient.request( { method: 'hardhat_mine', params: [ '0x61a8' ] } );
		const left = job( 'run', '0' );
		assert.equal( left.phase, 'scan', JSON.stringify( left ) );
		assert.ok( left.scanned < left.total, JSON.stringify( left ) );

		const asked = [];
		const listen = ( request ) => request.url().includes( 'census%2Fsync' ) || request.url().includes( 'census/sync' ) ? asked.push( request.method() ) : null;
		page.on( 'request', listen );
		await openCensus();
		await page.getByRole( 'button', { name: 'Resume sync' } ).waitFor();
		page.off( 'request', listen );
		assert.deepEqual( asked, [], 'Where the sync stands came with the page (preloaded).' );
		assert.match( await status().innerText(), /^Scanning the chain: [\d,]+ of [\d,]+ blocks, counted once per census token\./ );
		assert.equal( await page.locator( '.sovereign-press-census__progress' ).count(), 1 );
		await page.screenshot( { path: `${ ARTIFACTS }census-sync-left.png`, fullPage: true } );

		await page.getByRole( 'button', { name: 'Resume sync' } ).click();
		await synced();
	} );

	it( 'waits while another runner holds the sync, then counts a member minted just before', async () => {
		const newcomer = privateKeyToAccount( generatePrivateKey() ).address;
		await mintCitizen( newcomer );
		assert.match( await proofStatus( newcomer ), /^404 sovereign_press_census_(not_member|empty)$/, 'Not counted yet.' );
		assert.equal( job( 'hold', 'e2e-runner', '120' ), true );

		await openCensus();
		await page.getByRole( 'button', { name: 'Sync now' } ).click();
		await status().getByText( 'Another run (WP-Cron or WP-CLI) is working on it; waiting for it.' ).waitFor();
		job( 'release', 'e2e-runner' );

		await synced();
		assert.equal( await proofStatus( newcomer ), '200 proof', 'The new citizen is in the census and has a proof.' );
		assert.equal( await page.locator( '.sovereign-press-census__sync .components-notice.is-error' ).count(), 0 );
		await page.screenshot( { path: `${ ARTIFACTS }census-synced.png`, fullPage: true } );
	} );

	it( 'raised no JavaScript error on the way', () => {
		assert.deepEqual( pageErrors, [] );
	} );
} );
