/**
 * The census as an administrator builds it in Chromium: the demo society's census (configured by
 * scripts/php/seed-demo.php, synced by the census job) goes in a new post with the Census block;
 * the editor shows the figures, the published page shows them and the growth chart with JavaScript
 * off, and they equal a recount from the chain (every holder's balanceOf at the
 * snapshot's block). After new mints and a sync (the administrator's Sync now button), the page's
 * figures move with the chain.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { chromium } from 'playwright-core';
import { createPublicClient, createWalletClient, http, parseAbiItem, parseUnits, zeroAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

import { compileContracts, demoAccount, localChain, ROOT } from '../../scripts/lib/chain.mjs';
import { ARTIFACTS, BASE_URL, launch, logIn, RPC_URL } from './browser.mjs';

const deployment = JSON.parse( readFileSync( join( ROOT, '.cache/chain/deployment.json' ), 'utf8' ) );
const { membership, badge, token, treasury } = deployment.contracts;
const chain = localChain( RPC_URL );
const publicClient = createPublicClient( { chain, transport: http( RPC_URL ) } );
const artifacts = compileContracts();

/** Runs the census job until idle, as `wp sovereign-press census sync` does (scripts/php/census-sync.php). */
function sync() {
	assert.ok( process.env.E2E_SITE_DIR, 'The e2e runner gives the site folder.' );
	return execFileSync( 'php', [ join( ROOT, 'scripts/php/census-sync.php' ), process.env.E2E_SITE_DIR, '120' ], { encoding: 'utf8' } );
}

/**
 * The demo census recounted from the chain alone: everyone who ever received a Citizen NFT, an
 * early-supporter badge (ERC-1155 id 1) or SVOTE, kept if they hold one NFT, one badge or 100
 * SVOTE at `blockNumber`, the treasury (the timelock) aside: the society's funds are not a member.
 */
async function recount( blockNumber ) {
	const logs = ( address, event ) => publicClient.getLogs( { address, event: parseAbiItem( event ), fromBlock: 0n, toBlock: blockNumber } );
	const read = ( name, address, functionName, args ) => publicClient.readContract( { abi: artifacts[ name ].abi, address, functionName, args, blockNumber } );
	const members = new Set();
	const keep = async ( candidates, holds ) => {
		for ( const address of new Set( candidates ) ) {
			if ( address !== zeroAddress && ( await holds( address ) ) ) {
				members.add( address.toLowerCase() );
			}
		}
	};
	const nft = await logs( membership, 'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)' );
	await keep( nft.map( ( l ) => l.args.to ), async ( a ) => ( await read( 'SocietyMembership', membership, 'balanceOf', [ a ] ) ) >= 1n );
	const single = await logs( badge, 'event TransferSingle(address indexed operator, address indexed from, address indexed to, uint256 id, uint256 value)' );
	const batch = await logs( badge, 'event TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)' );
	await keep( [ ...single, ...batch ].map( ( l ) => l.args.to ), async ( a ) => ( await read( 'SocietyBadge', badge, 'balanceOf', [ a, 1n ] ) ) >= 1n );
	const svote = await logs( token, 'event Transfer(address indexed from, address indexed to, uint256 value)' );
	await keep( svote.map( ( l ) => l.args.to ), async ( a ) => ( await read( 'SocietyToken', token, 'balanceOf', [ a ] ) ) >= parseUnits( '100', 18 ) );
	members.delete( treasury.toLowerCase() );
	return members;
}

/**
 * What the Census block shows: population, the block it is counted at, the growth chart.
 *
 * @param {import('playwright-core').Locator} root The block, or the page.
 */
async function figures( root ) {
	const value = root.locator( '.sovereign-press-census__group--population .sovereign-press-census__value' ).first();
	await value.waitFor();
	const asOf = ( await root.locator( '.sovereign-press-census__as-of' ).first().textContent() ).replace( /\s+/g, ' ' );
	const digits = ( s ) => Number( String( s ).replace( /\D/g, '' ) );
	const chart = root.locator( 'figure.sovereign-press-census__chart' );
	return {
		asOf,
		population: digits( await value.textContent() ),
		block: digits( asOf.match( /block #([\d,.\u00a0\u202f]+)/ )?.[ 1 ] ?? '' ),
		chart: await chart.locator( 'svg[role="img"]' ).count(),
		chartTitle: ( await chart.locator( 'svg[role="img"] > title' ).textContent().catch( () => '' ) ).trim(),
		chartDesc: ( await chart.locator( 'svg[role="img"] > desc' ).textContent().catch( () => '' ) ).trim(),
		tableRows: await chart.locator( 'table tbody tr' ).count(),
		declared: ( await root.locator( '.sovereign-press-census__declared' ).textContent().catch( () => '' ) ).replace( /\s+/g, ' ' ),
	};
}

describe( 'The Census block', () => {
	let browser;
	let page;
	let link = '';
	let first;
	const pageErrors = [];

	before( async () => {
		sync();
		browser = await launch();
		page = browser.page;
		page.on( 'pageerror', ( error ) => pageErrors.push( error.message ) );
		await logIn( page );
	} );

	after( async () => {
		await browser?.close();
	} );

	const readWithoutJavaScript = async () => {
		const reader = await chromium.launch( { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [ '--no-sandbox', '--disable-gpu' ] } );
		try {
			const visitor = await ( await reader.newContext( { javaScriptEnabled: false } ) ).newPage();
			await visitor.goto( link );
			return { shown: await figures( visitor ), visitor, close: () => reader.close() };
		} catch ( error ) {
			await reader.close();
			throw error;
		}
	};

	it( 'is inserted by an administrator, previews the figures in the editor and publishes', async () => {
		await page.goto( `${ BASE_URL }/wp-admin/post-new.php` );
		const guide = page.getByRole( 'dialog', { name: /Welcome to the editor/ } );
		if ( await guide.isVisible( { timeout: 5000 } ).catch( () => false ) ) {
			await guide.getByRole( 'button', { name: 'Close' } ).click();
		}
		const canvas = page.frameLocator( 'iframe[name="editor-canvas"]' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).fill( 'Our society in figures' );
		await canvas.getByRole( 'textbox', { name: 'Add title' } ).press( 'Enter' );
		await page.keyboard.type( '/Census' );
		// The slash inserter's list opens in the canvas or over it, as the editor lays it out.
		const option = { name: 'Census', exact: true, selected: true };
		await Promise.any( [ canvas.getByRole( 'option', option ).waitFor(), page.getByRole( 'option', option ).waitFor() ] );
		await page.keyboard.press( 'Enter' );
		const inEditor = await figures( canvas.locator( '[data-type="sovereign-press/census"]' ) );
		assert.ok( inEditor.population > 0, `the editor shows the population (${ inEditor.asOf })` );
		assert.equal( inEditor.chart, 1, 'and the chart' );

		await page.getByRole( 'button', { name: 'Publish', exact: true } ).first().click();
		await page.getByRole( 'region', { name: 'Editor publish' } ).getByRole( 'button', { name: 'Publish', exact: true } ).click();
		await page.getByText( 'is now live' ).first().waitFor();
		link = await page.evaluate( () => window.wp.data.select( 'core/editor' ).getPermalink() );
		assert.deepEqual( pageErrors, [] );
		await page.screenshot( { path: `${ ARTIFACTS }census-demo-editor.png`, fullPage: true } );
	} );

	it( 'shows the chain’s figures and the growth chart on the page, with JavaScript off', async () => {
		const { shown, visitor, close } = await readWithoutJavaScript();
		try {
			assert.ok( shown.block > 0, `as of a block: ${ shown.asOf }` );
			const members = await recount( BigInt( shown.block ) );
			assert.equal( shown.population, members.size, `population as recounted at block ${ shown.block }` );
			assert.equal( shown.chart, 1, 'the growth chart, an image' );
			assert.ok( shown.chartTitle !== '' && shown.chartDesc !== '', 'named and described' );
			assert.ok( shown.tableRows >= 1, 'its data as a table' );
			assert.match( shown.declared, /Declared by the society, not verified on chain.*Nodes run by members.*14/, 'the demo’s declared figures, apart' );
			await visitor.screenshot( { path: `${ ARTIFACTS }census-demo-page.png`, fullPage: true } );
			first = shown;
		} finally {
			await close();
		}
	} );

	it( 'moves with the chain: after new mints and a sync, the page shows the new figures', async () => {
		assert.ok( first, 'the page was read before' );
		const founder = createWalletClient( { chain, transport: http( RPC_URL ), account: demoAccount( 0 ).account } );
		const write = async ( name, address, functionName, args ) => {
			const hash = await founder.writeContract( { abi: artifacts[ name ].abi, address, functionName, args } );
			assert.equal( ( await publicClient.waitForTransactionReceipt( { hash } ) ).status, 'success' );
		};
		const newcomers = [ generatePrivateKey(), generatePrivateKey() ].map( ( key ) => privateKeyToAccount( key ).address );
		await write( 'SocietyMembership', membership, 'mint', [ newcomers[ 0 ] ] );
		await write( 'SocietyToken', token, 'mint', [ newcomers[ 1 ], parseUnits( '150', 18 ) ] );

		// The administrator's Sync now button (Settings > Sovereign Press > Census) POSTs until idle.
		await page.goto( `${ BASE_URL }/wp-admin/options-general.php?page=sovereign-press` );
		await page.getByRole( 'button', { name: 'Census', exact: true } ).click();
		const idle = page.waitForResponse(
			async ( response ) =>
				decodeURIComponent( response.url() ).includes( 'sovereign-press/v1/census/sync' ) &&
				response.request().method() === 'POST' &&
				( await response.json() ).phase === 'idle',
			{ timeout: 120000 }
		);
		await page.getByRole( 'button', { name: 'Sync now' } ).click();
		await idle;
		await page.locator( '.sovereign-press-census__status' ).getByText( /^Up to date: [\d,]+ members? as of block #[\d,]+\.$/ ).waitFor();
		await page.screenshot( { path: `${ ARTIFACTS }census-demo-sync.png`, fullPage: true } );

		const { shown, close } = await readWithoutJavaScript();
		try {
			assert.ok( shown.block > first.block, `a later block: ${ shown.block } after ${ first.block }` );
			assert.equal( shown.population, first.population + 2, shown.asOf );
			const members = await recount( BigInt( shown.block ) );
			assert.equal( shown.population, members.size );
			for ( const address of newcomers ) {
				assert.ok( members.has( address.toLowerCase() ) );
			}
		} finally {
			await close();
		}
	} );
} );
