#!/usr/bin/env node
/**
 * Smoke test on WordPress Playground under the oldest PHP the plugin declares and under the
 * newest PHP that php-wasm ships: a fresh site activates the plugin and seeds the demo content;
 * a visitor gets the gated post's notice and not its text; an administrator (password login) and
 * a citizen wallet (Sign-In with Ethereum against the local chain) read it; a wallet without
 * holdings and a forged signature get nowhere. Playground's PHP has bcmath and no GMP, so every
 * sign-in here runs the plugin's bcmath signature math. The demo Governance page renders the
 * seeded Governor proposals (read from the chain) and the Snapshot proposals of the local
 * stand-in (scripts/lib/snapshot-hub.mjs), their Markdown bodies through the bundled
 * league/commonmark. One chain and one stand-in serve both PHP versions. Prints TAP and
 * "N passed, N failed".
 */
import assert, { AssertionError } from 'node:assert/strict';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { LatestSupportedPHPVersion } from '@php-wasm/universal';
import { createSiweMessage } from 'viem/siwe';

import { Session } from '../tests/e2e/http.mjs';
import { FIXTURES } from '../tests/snapshot/fixtures.mjs';
import { demoAccount, deploySociety, ROOT, startNode } from './lib/chain.mjs';
import { SEED_CLOCK_LEAD, seedGovernance } from './lib/governance.mjs';
import { demoSnapshotProposals, startPlayground, writeBlueprint } from './lib/playground.mjs';
import { shutdown } from './lib/processes.mjs';
import { startSnapshotHub } from './lib/snapshot-hub.mjs';
import { CACHE, WORDPRESS_CORE, ensureVendor, ensureWordPress, governanceSettings, testPorts } from './lib/stack.mjs';
import { phpFloor } from './lint-php-versions.mjs';

const PORTS = testPorts( { chain: 19045, snapshot: 19046, floor: 19080, newest: 19081 } );
const dir = join( CACHE, 'test-php-versions' );
/** The whole run stops here, whatever hangs. */
const DEADLINE_MS = 10 * 60_000;
const BOOT_TIMEOUT_MS = 4 * 60_000;

// Texts of the demo content (scripts/php/seed-demo.php).
const LETTER = '/citizens-letter/';
const LETTER_TEASER = 'Citizens, the society is one year old.';
const LETTER_TEXT = 'This year we ran our own server, our own chain and our own vote.';
const POST_NOTICE = 'This post is for members.';
const BRIEFING = '/members-briefing/';
const CITIZENS_SECTION = 'The treasury proposal asks for 5 ETH';
const CORE_SECTION = 'Core contributors: the node runbook is in the ops repository';
const CORE_NOTICE = 'Notes for core contributors.';
// The Governance page: the active Governor proposal (scripts/lib/governance.mjs; demo wallets #0
// for with 1,000 SVOTE, #1 against with 100, #2 abstaining) and Snapshot's active single-choice one.
const GOVERNANCE = '/governance/';
const GOVERNOR_TITLE = 'Fund a public reading room';
const SNAPSHOT = FIXTURES.activeSingle;

if ( ! existsSync( join( ROOT, 'build/admin/settings.js' ) ) ) {
	console.error( 'Build the plugin first: npm run build' );
	process.exit( 1 );
}

// Every process this run starts stops with it, however it ends (scripts/lib/processes.mjs).
setTimeout( () => {
	console.log( `Bail out! The run took longer than ${ DEADLINE_MS / 60_000 } minutes.` );
	shutdown( 1 );
}, DEADLINE_MS ).unref();

let count = 0;
let passed = 0;
let failed = 0;
console.log( 'TAP version 13' );
async function check( name, body ) {
	count++;
	try {
		await body();
		passed++;
		console.log( `ok ${ count } - ${ name }` );
	} catch ( error ) {
		failed++;
		console.log( `not ok ${ count } - ${ name }` );
		const detail = error instanceof AssertionError ? error.message : String( error?.stack ?? error );
		console.log( detail.replace( /^/gm, '  # ' ) );
	}
}

/**
 * Starts Playground on a fresh copy of WordPress; resolves once it serves.
 */
async function startSite( version, port, deployment, governance ) {
	const siteDir = join( dir, version, 'site' );
	rmSync( join( dir, version ), { recursive: true, force: true } );
	mkdirSync( siteDir, { recursive: true } );
	cpSync( WORDPRESS_CORE, siteDir, { recursive: true } );
	const log = join( dir, version, 'playground.log' );
	const output = openSync( log, 'w' );
	const child = startPlayground( {
		port,
		php: version,
		siteDir,
		blueprintFile: writeBlueprint( join( dir, version, 'blueprint.json' ), deployment, version, governance ),
		mounts: [ `${ join( ROOT, 'tests/playground' ) }:/wordpress/wp-content/mu-plugins` ],
		workers: 1,
		stdio: [ 'ignore', output, output ],
	} );
	closeSync( output );
	const site = { url: `http://127.0.0.1:${ port }`, child, log, dir: siteDir };
	const started = Date.now();
	while ( Date.now() - started < BOOT_TIMEOUT_MS ) {
		if ( child.exitCode !== null || child.signalCode !== null ) {
			throw new Error( `Playground (PHP ${ version }) exited with ${ child.exitCode ?? child.signalCode }; see ${ log }.` );
		}
		// Printed once the blueprint ran and the server listens.
		if ( readFileSync( log, 'utf8' ).includes( 'Ready!' ) ) {
			// Playground answers its first request with a redirect to the same URL: take it here.
			await fetch( `${ site.url }/`, { signal: AbortSignal.timeout( 60_000 ) } );
			return site;
		}
		await sleep( 500 );
	}
	await stopSite( site );
	throw new Error( `Playground (PHP ${ version }) was not ready within ${ BOOT_TIMEOUT_MS / 1000 } s; see ${ log }.` );
}

async function stopSite( site ) {
	try {
		process.kill( -site.child.pid, 'SIGTERM' );
	} catch {
		// Already gone.
	}
	for ( let i = 0; i < 50 && site.child.exitCode === null && site.child.signalCode === null; i++ ) {
		await sleep( 100 );
	}
	try {
		process.kill( -site.child.pid, 'SIGKILL' );
	} catch {
		// Stopped.
	}
}

async function json( session, path, data ) {
	const response = await session.request( `/wp-json${ path }`, {
		method: data === undefined ? 'GET' : 'POST',
		body: data === undefined ? undefined : JSON.stringify( data ),
		headers: { 'content-type': 'application/json' },
	} );
	let body = null;
	try {
		body = JSON.parse( response.text );
	} catch {
		// Not JSON: the assertions below say what came back.
	}
	return { ...response, json: body };
}

/**
 * Sign-In with Ethereum over HTTP, as the Wallet Login block does it: a nonce from the site (the
 * session keeps any cookie that comes with it), the EIP-4361 message built from what the site
 * says about itself, signed by `signer` and claiming `address`.
 */
async function signIn( session, signer, address = signer.address ) {
	const nonce = await json( session, '/sovereign-press/v1/auth/nonce', {} );
	assert( nonce.status === 200 && nonce.json?.nonce, `POST /auth/nonce: HTTP ${ nonce.status } ${ nonce.text.slice( 0, 300 ) }` );
	const { domain, uri, scheme, chainIds } = nonce.json;
	assert( chainIds.includes( 31337 ), `The local chain is not a sign-in chain: ${ JSON.stringify( chainIds ) }` );
	const message = createSiweMessage( {
		scheme,
		domain,
		uri,
		address,
		chainId: 31337,
		version: '1',
		statement: 'Sign in to the society.',
		nonce: nonce.json.nonce,
		issuedAt: new Date(),
	} );
	return json( session, '/sovereign-press/v1/auth/verify', { message, signature: await signer.signMessage( { message } ) } );
}

async function page( session, path ) {
	const response = await session.request( path );
	assert( response.status === 200, `GET ${ path }: HTTP ${ response.status }` );
	return response.text;
}

/**
 * The markup of the proposal block whose title is `title`, from its <article> to the next one.
 */
function proposalArticle( html, title ) {
	const article = html
		.split( '<article class="sovereign-press-proposal ' )
		.slice( 1 )
		.find( ( part ) => part.includes( `>${ title }</h2>` ) );
	assert( article, `No proposal block titled "${ title }".` );
	return article.slice( 0, article.indexOf( '</article>' ) );
}

/** The texts of the elements carrying a class (no nested markup inside them). */
function texts( html, className ) {
	return [ ...html.matchAll( new RegExp( `class="(?:[^"]*\\s)?${ className }(?:\\s[^"]*)?"[^>]*>([^<]*)<`, 'g' ) ) ].map( ( match ) => match[ 1 ] );
}

function body( article ) {
	const start = article.indexOf( '<div class="sovereign-press-proposal__body">' );
	assert( start >= 0, 'The body is missing.' );
	return article.slice( start, article.indexOf( '</div>', start ) );
}

async function smoke( version, site ) {
	const label = `PHP ${ version }`;
	await check( `${ label }: the site runs it without GMP, the plugin is active and verifies signatures with bcmath`, async () => {
		const report = await json( new Session( site.url ), '/sovereign-press-smoke/v1/runtime' );
		assert( report.status === 200, `GET /sovereign-press-smoke/v1/runtime: HTTP ${ report.status } ${ report.headers.get( 'location' ) ?? '' } ${ report.text.slice( 0, 300 ) }` );
		const runtime = report.json;
		assert( runtime.php.startsWith( `${ version }.` ), `PHP_VERSION is ${ runtime.php }` );
		assert( runtime.gmp === false, 'GMP is loaded: this run would not reach the bcmath path.' );
		assert( runtime.bcmath === true, 'bcmath is missing.' );
		assert( runtime.pluginActive === true, 'Sovereign Press is not active.' );
		assert( runtime.signatureMath === 'php+bcmath', `The plugin picked ${ runtime.signatureMath } signature math.` );
		const index = await json( new Session( site.url ), '/' );
		assert( index.json?.namespaces?.includes( 'sovereign-press/v1' ), 'The REST API does not list sovereign-press/v1.' );
	} );

	await check( `${ label }: a visitor gets the teaser and the notice, not the gated text`, async () => {
		const html = await page( new Session( site.url ), LETTER );
		assert( html.includes( LETTER_TEASER ), 'The teaser is missing.' );
		assert( html.includes( POST_NOTICE ) && html.includes( 'sovereign-press-gate' ), 'The notice is missing.' );
		assert( ! html.includes( LETTER_TEXT ), 'A visitor got the gated text.' );
	} );

	await check( `${ label }: the administrator logs in with a password and reads the gated post`, async () => {
		const admin = await new Session( site.url ).logIn( 'admin' );
		assert( ( await page( admin, LETTER ) ).includes( LETTER_TEXT ), 'The administrator did not get the gated text.' );
	} );

	await check( `${ label }: a citizen wallet signs in with SIWE and reads what citizens may read`, async () => {
		const citizen = new Session( site.url );
		const wallet = demoAccount( 1 ).account;
		const verified = await signIn( citizen, wallet );
		assert( [ 200, 201 ].includes( verified.status ), `POST /auth/verify: HTTP ${ verified.status } ${ verified.text.slice( 0, 300 ) }` );
		assert( verified.json.address === wallet.address, `Signed in as ${ verified.json.address }` );
		assert( ( await page( citizen, LETTER ) ).includes( LETTER_TEXT ), 'The citizen did not get the gated text.' );
		const briefing = await page( citizen, BRIEFING );
		assert( briefing.includes( CITIZENS_SECTION ), 'The citizens\' section is missing.' );
		assert( ! briefing.includes( CORE_SECTION ) && briefing.includes( CORE_NOTICE ), 'The core contributors\' section is not gated.' );
	} );

	await check( `${ label }: a wallet without holdings signs in and still gets the notice`, async () => {
		const visitor = new Session( site.url );
		const verified = await signIn( visitor, demoAccount( 3 ).account );
		assert( [ 200, 201 ].includes( verified.status ), `POST /auth/verify: HTTP ${ verified.status } ${ verified.text.slice( 0, 300 ) }` );
		const html = await page( visitor, LETTER );
		assert( html.includes( POST_NOTICE ) && ! html.includes( LETTER_TEXT ), 'A wallet without holdings got the gated text.' );
	} );

	await check( `${ label }: a signature by another key is refused`, async () => {
		const forger = new Session( site.url );
		const refused = await signIn( forger, demoAccount( 3 ).account, demoAccount( 1 ).address );
		assert( refused.status >= 400 && refused.status < 500 && refused.json?.code, `POST /auth/verify: HTTP ${ refused.status } ${ refused.text.slice( 0, 300 ) }` );
		assert( ! [ ...forger.cookies.keys() ].some( ( name ) => name.startsWith( 'wordpress_logged_in' ) ), 'A login cookie was set.' );
		assert( ! ( await page( forger, LETTER ) ).includes( LETTER_TEXT ), 'The forger got the gated text.' );
	} );

	await check( `${ label }: the Governance page renders a Governor and a Snapshot proposal with Markdown bodies`, async () => {
		const html = await page( new Session( site.url ), GOVERNANCE );
		writeFileSync( join( dir, version, 'governance.html' ), html );
		const where = `(page in ${ join( dir, version, 'governance.html' ) })`;
		assert( ! html.includes( 'class="sovereign-press-proposal__placeholder' ), `A proposal block shows a placeholder ${ where }.` );
		assert( ! /\b(Fatal error|Warning|Notice|Deprecated)\b(<\/b>)?: /.test( html ), `PHP printed an error ${ where }.` );

		const governor = proposalArticle( html, GOVERNOR_TITLE );
		assert.deepEqual( texts( governor, 'sovereign-press-proposal__state' ), [ 'Active' ], `Governor proposal's state ${ where }` );
		assert.deepEqual( texts( governor, 'sovereign-press-proposal__choice-label' ), [ 'For', 'Against', 'Abstain' ], `Governor proposal's choices ${ where }` );
		const amounts = texts( governor, 'sovereign-press-proposal__choice-amount' );
		assert.deepEqual( amounts.slice( 0, 2 ), [ '1K SVOTE', '100 SVOTE' ], `Governor proposal's tally ${ where }` );
		assert.match( amounts[ 2 ] ?? '', /^[1-9][0-9.]*K? SVOTE$/, `The abstention's tally ${ where }` );
		const governorBody = body( governor );
		for ( const markup of [ '<strong>100 SVOTE</strong>', 'href="https://example.org/treasury">treasury</a>', '<table>', '<td>Rent</td>' ] ) {
			assert( governorBody.includes( markup ), `The Governor proposal's body lacks ${ markup } ${ where }.` );
		}

		const snapshot = proposalArticle( html, SNAPSHOT.title );
		assert.deepEqual( texts( snapshot, 'sovereign-press-proposal__state' ), [ 'Active' ], `Snapshot proposal's state ${ where }` );
		assert.deepEqual( texts( snapshot, 'sovereign-press-proposal__choice-label' ), SNAPSHOT.choices, `Snapshot proposal's choices ${ where }` );
		const snapshotBody = body( snapshot );
		for ( const markup of [ 'What changes</h', '<strong>treasury</strong>', '<li>Grants up to 1,000 SVOTE need one vote.</li>', '<table>', '<code', '<blockquote>' ] ) {
			assert( snapshotBody.includes( markup ), `The Snapshot proposal's body lacks ${ markup } ${ where }.` );
		}
		assert( ! snapshotBody.includes( '## ' ), `The Snapshot proposal's body is not rendered from Markdown ${ where }.` );
	} );

	await check( `${ label }: the plugin's code logged no PHP error, warning or deprecation`, () => {
		const log = join( site.dir, 'wp-content/debug.log' );
		const lines = existsSync( log ) ? readFileSync( log, 'utf8' ).split( '\n' ) : [];
		const ours = lines.filter( ( line ) => /\/wp-content\/(plugins\/sovereign-press|mu-plugins)\//.test( line ) );
		assert( ! ours.length, ours.slice( 0, 10 ).join( '\n' ) );
	} );
}

const started = Date.now();
const floor = phpFloor();
const versions = [ ...new Set( [ floor, LatestSupportedPHPVersion ] ) ];
ensureWordPress();
ensureVendor();
mkdirSync( dir, { recursive: true } );
// Both versions read the same chain and stand-in: nothing here mines blocks or votes on Snapshot,
// so the proposals' states hold from one site to the next.
const node = await startNode( { port: PORTS.chain, behind: SEED_CLOCK_LEAD } );
const deployment = { ...( await seedGovernance( node.rpcUrl, await deploySociety( node.rpcUrl ) ) ), snapshot: demoSnapshotProposals() };
const governance = governanceSettings( await startSnapshotHub( { port: PORTS.snapshot } ) );
for ( const version of versions ) {
	let site = null;
	try {
		site = await startSite( version, version === floor ? PORTS.floor : PORTS.newest, deployment, governance );
	} catch ( error ) {
		await check( `PHP ${ version }: Playground starts with the plugin active and the demo content`, () => {
			throw error;
		} );
		continue;
	}
	try {
		await smoke( version, site );
	} finally {
		await stopSite( site );
	}
}
console.log( `1..${ count }` );
console.log( `# pass ${ passed }` );
console.log( `# fail ${ failed }` );
console.log( `php-versions (PHP ${ versions.join( ', ' ) }): ${ passed } passed, ${ failed } failed in ${ Math.round( ( Date.now() - started ) / 1000 ) } s` );
await shutdown( failed ? 1 : 0 );
