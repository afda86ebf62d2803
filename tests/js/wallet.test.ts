/**
 * The wallet flow (src/wallet-login) with a test wallet (a viem local account behind an EIP-1193
 * provider, announced through EIP-6963 events) and a stand-in for the site's sign-in routes.
 */
import { parseSiweMessage } from 'viem/siwe';

import { isApiError, type ApiError } from '@/api/errors';
import type { RestConfig } from '@/api/restFetch';
import { discoverWallets } from '@/wallet-login/discovery';
import { fromProviderError } from '@/wallet-login/providerErrors';
import { sameOriginUrl } from '@/wallet-login/redirect';
import { signInWithWallet } from '@/wallet-login/signIn';
import type { Eip1193Provider } from '@/wallet-login/types';

import { REST_ROOT, createFakeSite, type FakeSite } from './fixtures/fakeSite';
import { KEYS, createTestWallet, type TestWallet } from './fixtures/testWallet';

const config: RestConfig = { root: REST_ROOT, nonce: '' };

let site: FakeSite;
const stops: Array< () => void > = [];

beforeEach( () => {
	site = createFakeSite();
	window.fetch = site.fetch as unknown as typeof window.fetch;
} );

afterEach( () => {
	stops.splice( 0 ).forEach( ( stop ) => stop() );
	delete window.ethereum;
} );

const announced = ( wallet: TestWallet ) => {
	stops.push( wallet.announce() );
	return wallet;
};

/**
 * The ApiError a promise rejects with.
 * @param promise A sign-in expected to fail.
 */
async function refusal( promise: Promise< unknown > ): Promise< ApiError > {
	try {
		await promise;
	} catch ( error ) {
		if ( isApiError( error ) ) {
			return error;
		}
		throw error;
	}
	throw new Error( 'The promise resolved.' );
}

const paths = () => site.calls.map( ( call ) => call.path );

describe( 'wallet discovery', () => {
	it( 'lists a wallet that announces itself through EIP-6963, with its name and icon', async () => {
		const wallet = announced( createTestWallet( { name: 'Rabby' } ) );

		const found = await discoverWallets( 10 );

		expect( found ).toHaveLength( 1 );
		expect( found[ 0 ]?.info ).toEqual( wallet.info );
		expect( found[ 0 ]?.provider ).toBe( wallet.provider );
	} );

	it( 'lists every announced wallet once, even when one answers twice', async () => {
		announced( createTestWallet( { name: 'Rabby', uuid: 'a' } ) );
		const metamask = announced(
			createTestWallet( { name: 'MetaMask', uuid: 'b' } )
		);
		announced( metamask );

		const names = ( await discoverWallets( 10 ) ).map(
			( wallet ) => wallet.info.name
		);

		expect( names ).toEqual( [ 'Rabby', 'MetaMask' ] );
	} );

	it( 'hears a wallet that announces only when asked', async () => {
		const wallet = createTestWallet();
		const answer = () => stops.push( wallet.announce() );
		window.addEventListener( 'eip6963:requestProvider', answer, {
			once: true,
		} );

		expect( await discoverWallets( 10 ) ).toHaveLength( 1 );
	} );

	it( 'ignores announcements without a usable provider or an id', async () => {
		const { info, provider } = createTestWallet();
		const details = [
			{ info, provider: {} },
			{ info, provider: { request: 'no' } },
			{ info: { ...info, uuid: '' }, provider },
			undefined,
		];
		window.addEventListener(
			'eip6963:requestProvider',
			() =>
				details.forEach( ( detail ) =>
					window.dispatchEvent(
						new CustomEvent( 'eip6963:announceProvider', {
							detail,
						} )
					)
				),
			{ once: true }
		);

		expect( await discoverWallets( 10 ) ).toEqual( [] );
	} );

	it( 'falls back to window.ethereum when no wallet announces itself', async () => {
		const legacy = createTestWallet();
		window.ethereum = legacy.provider;

		const found = await discoverWallets( 10 );

		expect( found.map( ( wallet ) => wallet.info.uuid ) ).toEqual( [
			'window.ethereum',
		] );
		expect( found[ 0 ]?.provider ).toBe( legacy.provider );
	} );

	it( 'prefers announced wallets over window.ethereum', async () => {
		window.ethereum = createTestWallet().provider;
		announced( createTestWallet( { name: 'Rabby' } ) );

		expect(
			( await discoverWallets( 10 ) ).map(
				( wallet ) => wallet.info.name
			)
		).toEqual( [ 'Rabby' ] );
	} );

	it( 'finds nothing in a browser without a wallet', async () => {
		expect( await discoverWallets( 10 ) ).toEqual( [] );
	} );
} );

describe( 'signing in with a wallet', () => {
	it( 'signs in with a message naming this site, its origin and an accepted chain, which the site verifies', async () => {
		const wallet = createTestWallet();

		const result = await signInWithWallet(
			wallet.provider,
			config,
			'login'
		);

		expect( paths() ).toEqual( [
			'/sovereign-press/v1/auth/nonce',
			'/sovereign-press/v1/auth/verify',
		] );
		expect( result.user.wallets[ 0 ]?.address ).toBe(
			wallet.account.address
		);
		expect( result.restNonce ).toBe( 'fresh-rest-nonce' );
		const message = parseSiweMessage( wallet.signed[ 0 ] ?? '' );
		expect( message ).toMatchObject( {
			domain: 'localhost',
			uri: 'http://localhost',
			scheme: 'http',
			address: wallet.account.address,
			chainId: 31337,
			version: '1',
		} );
		expect(
			( message.expirationTime?.getTime() ?? 0 ) - Date.now()
		).toBeGreaterThan( 9 * 60 * 1000 );
	} );

	it( 'sends the binding cookie back: the signature goes with the browser credentials', async () => {
		await signInWithWallet( createTestWallet().provider, config, 'login' );

		expect( site.calls.map( ( call ) => call.credentials ) ).toEqual( [
			'same-origin',
			'same-origin',
		] );
	} );

	it( 'logs a returning wallet into the same user', async () => {
		const wallet = createTestWallet();
		const first = await signInWithWallet(
			wallet.provider,
			config,
			'login'
		);
		const again = await signInWithWallet(
			wallet.provider,
			config,
			'login'
		);

		expect( again.user.id ).toBe( first.user.id );
		expect( wallet.signed ).toHaveLength( 2 );
		expect( parseSiweMessage( wallet.signed[ 1 ] ?? '' ).nonce ).not.toBe(
			parseSiweMessage( wallet.signed[ 0 ] ?? '' ).nonce
		);
	} );

	it( 'asks the wallet to switch to a chain the site accepts before it signs', async () => {
		const wallet = createTestWallet( { chainId: 1 } );

		await signInWithWallet( wallet.provider, config, 'login' );

		expect( wallet.requests ).toEqual( [
			'eth_requestAccounts',
			'eth_chainId',
			'wallet_switchEthereumChain',
			'personal_sign',
		] );
		expect( parseSiweMessage( wallet.signed[ 0 ] ?? '' ).chainId ).toBe(
			31337
		);
	} );

	it( 'signs on the current chain when the site accepts it, without asking to switch', async () => {
		site.chainIds.push( 1 );
		const wallet = createTestWallet( { chainId: 1 } );

		await signInWithWallet( wallet.provider, config, 'login' );

		expect( wallet.requests ).not.toContain( 'wallet_switchEthereumChain' );
		expect( parseSiweMessage( wallet.signed[ 0 ] ?? '' ).chainId ).toBe(
			1
		);
	} );

	it( 'tells the site where the page would like to go, and answers where the site says', async () => {
		site.redirect = 'http://localhost/wp-admin/';

		const result = await signInWithWallet(
			createTestWallet().provider,
			config,
			'login',
			'javascript:alert(1)'
		);

		expect( site.calls[ 1 ]?.body.redirectTo ).toBe(
			'javascript:alert(1)'
		);
		expect( result.redirect ).toBe( 'http://localhost/wp-admin/' );
	} );

	it( "links a wallet to the logged-in member with the page's REST nonce", async () => {
		const member = await signInWithWallet(
			createTestWallet( { key: KEYS.citizen } ).provider,
			config,
			'login'
		);
		site.session = { user: member.user, restNonce: 'page-rest-nonce' };
		const second = createTestWallet();

		const linked = await signInWithWallet(
			second.provider,
			{ ...config, nonce: 'page-rest-nonce' },
			'link'
		);

		expect( paths().slice( -1 ) ).toEqual( [
			'/sovereign-press/v1/auth/link',
		] );
		expect(
			linked.user.wallets.map( ( wallet ) => wallet.address )
		).toEqual( [
			createTestWallet( { key: KEYS.citizen } ).account.address,
			second.account.address,
		] );
		expect( linked.redirect ).toBeUndefined();
	} );
} );

describe( 'what the visitor is told when the sign-in fails', () => {
	it( 'a refused signature is the visitor saying no, and the site hears nothing more', async () => {
		const wallet = createTestWallet();
		wallet.behaviour.rejectSignature = true;

		const error = await refusal(
			signInWithWallet( wallet.provider, config, 'login' )
		);

		expect( error.code ).toBe( 'user_rejected' );
		expect( error.message ).toMatch(
			/cancelled the request in your wallet/
		);
		expect( paths() ).toEqual( [ '/sovereign-press/v1/auth/nonce' ] );
	} );

	it( 'a request already waiting in the wallet is pointed out', async () => {
		const wallet = createTestWallet();
		wallet.behaviour.pending = true;

		const error = await refusal(
			signInWithWallet( wallet.provider, config, 'login' )
		);

		expect( error.code ).toBe( 'request_pending' );
		expect( error.message ).toMatch( /already has a request waiting/ );
	} );

	it( 'a locked wallet that shares no account is asked to unlock', async () => {
		const wallet = createTestWallet();
		wallet.behaviour.locked = true;

		expect(
			(
				await refusal(
					signInWithWallet( wallet.provider, config, 'login' )
				)
			).code
		).toBe( 'no_account' );
		expect( site.calls ).toEqual( [] );
	} );

	it( "a wallet without the site's network is told to add it", async () => {
		const wallet = createTestWallet( { chainId: 1, chains: [ 1 ] } );

		const error = await refusal(
			signInWithWallet( wallet.provider, config, 'login' )
		);

		expect( error.code ).toBe( 'wrong_network' );
		expect( wallet.signed ).toEqual( [] );
	} );

	it( 'refusing to switch networks is the visitor saying no', async () => {
		const wallet = createTestWallet( { chainId: 1 } );
		wallet.behaviour.rejectSwitch = true;

		expect(
			(
				await refusal(
					signInWithWallet( wallet.provider, config, 'login' )
				)
			).code
		).toBe( 'user_rejected' );
	} );

	it( "passes on the site's own code and translated message", async () => {
		site.refuseNext = {
			code: 'sovereign_press_registration_closed',
			message: 'This wallet is not linked to an account here.',
			status: 403,
		};

		const error = await refusal(
			signInWithWallet( createTestWallet().provider, config, 'login' )
		);

		expect( [ error.code, error.message, error.status ] ).toEqual( [
			'sovereign_press_registration_closed',
			'This wallet is not linked to an account here.',
			403,
		] );
		expect( error.data ).toEqual( { status: 403 } );
	} );

	it( "a message signed with another wallet's key is refused by the site", async () => {
		const honest = createTestWallet();
		const impostor = createTestWallet( { key: KEYS.citizen } );
		// Shares one account, signs with another key.
		const provider: Eip1193Provider = {
			request: async ( args ) =>
				args.method === 'personal_sign'
					? impostor.provider.request( {
							...args,
							params: [
								args.params?.[ 0 ],
								impostor.account.address,
							],
						} )
					: honest.provider.request( args ),
		};

		const error = await refusal(
			signInWithWallet( provider, config, 'login' )
		);

		expect( error.code ).toBe( 'sovereign_press_siwe_signature_invalid' );
	} );

	it( 'explains a site that cannot be reached', async () => {
		site.offline = true;

		const error = await refusal(
			signInWithWallet( createTestWallet().provider, config, 'login' )
		);

		expect( error.code ).toBe( 'fetch_error' );
		expect( error.status ).toBeUndefined();
		expect( error.message ).toMatch( /could not be reached/ );
	} );

	it( 'turns a wallet error it does not know into a plain "try again"', () => {
		const error = fromProviderError( new Error( 'internal' ) );

		expect( error.code ).toBe( 'wallet_error' );
		expect( error.message ).toMatch( /try again/ );
		expect( fromProviderError( error ) ).toBe( error );
	} );
} );

describe( 'where the page goes after signing in', () => {
	it( 'follows an absolute URL on this origin', () => {
		expect( sameOriginUrl( 'http://localhost/wp-admin/' ) ).toBe(
			'http://localhost/wp-admin/'
		);
		expect( sameOriginUrl( 'http://localhost/join/?a=1#top' ) ).toBe(
			'http://localhost/join/?a=1#top'
		);
	} );

	it.each( [
		'javascript:alert(1)',
		'JAVASCRIPT:alert(1)',
		'java\tscript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'http://evil.example/',
		'https://localhost/',
		'http://localhost:8080/',
		'//evil.example',
		'/\\evil.example',
		'/wp-admin/',
		'',
	] )( 'refuses %j', ( url ) => {
		expect( sameOriginUrl( url ) ).toBeNull();
	} );

	it( 'refuses an answer that is not a string', () => {
		expect( sameOriginUrl( undefined ) ).toBeNull();
		expect( sameOriginUrl( { href: 'http://localhost/' } ) ).toBeNull();
	} );
} );
