/**
 * What the vote panel and the WalletConnect loader take from the page: a post's content can carry
 * an element that looks like the vote control (WordPress keeps `class` and `data-*` attributes in
 * the posts of authors without unfiltered_html), so nothing that runs code, talks to a server or
 * builds a link may come from its attributes unchecked.
 */
import { openVotePanel } from '@/governance/vote/panel';
import { loadWalletConnect } from '@/wallet-login/loadWalletConnect';

import { KEYS, createTestWallet } from './fixtures/testWallet';

/** Where webpack loaded the plugin's own scripts from (build/governance/vote.js's public path). */
const PUBLIC_PATH =
	'http://localhost/wp-content/plugins/sovereign-press/build/governance/../';

const GOVERNOR = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const HASH = '0x' + 'ab'.repeat( 32 );

const flush = async ( rounds = 50 ) => {
	for ( let i = 0; i < rounds; i++ ) {
		await new Promise( ( resolve ) => setTimeout( resolve, 10 ) );
	}
};

/**
 * A JSON answer, as fetch() resolves with it (jsdom has no Response).
 * @param body
 */
const answer = ( body: unknown ) => ( {
	ok: true,
	status: 200,
	json: async () => body,
} );

beforeEach( () => {
	(
		globalThis as { __webpack_public_path__?: string }
	 ).__webpack_public_path__ = PUBLIC_PATH;
	document.head.innerHTML = '';
	document.body.innerHTML = '';
} );

afterEach( () => {
	delete ( globalThis as { __webpack_public_path__?: string } )
		.__webpack_public_path__;
} );

describe( 'WalletConnect loader', () => {
	it( 'loads build/walletconnect.js from where the plugin’s scripts come from, never a URL the page names', async () => {
		const loading = loadWalletConnect( {
			projectId: 'x',
			networks: [],
			script: 'https://evil.example/steal.js?ver=abc',
		} );
		const scripts = [ ...document.head.querySelectorAll( 'script' ) ];
		expect( scripts ).toHaveLength( 1 );
		expect( scripts[ 0 ]!.src ).toBe(
			'http://localhost/wp-content/plugins/sovereign-press/build/walletconnect.js?ver=abc'
		);
		scripts[ 0 ]!.onerror?.( new Event( 'error' ) );
		await expect( loading ).rejects.toMatchObject( {
			code: 'walletconnect_unavailable',
		} );
	} );

	it( 'drops a version that is not a plain version string', async () => {
		const loading = loadWalletConnect( {
			projectId: 'x',
			networks: [],
			script: '/wp-content/plugins/sovereign-press/build/walletconnect.js?ver=1%22%3E&x=y',
		} );
		const script = document.head.querySelector( 'script' )!;
		expect( script.src ).toBe(
			'http://localhost/wp-content/plugins/sovereign-press/build/walletconnect.js'
		);
		script.onerror?.( new Event( 'error' ) );
		await expect( loading ).rejects.toBeTruthy();
	} );
} );

/**
 * A vote control as post content could forge it.
 * @param attributes Its data attributes.
 */
function control( attributes: Record< string, string > ): HTMLElement {
	const root = document.createElement( 'div' );
	root.className = 'sovereign-press-vote is-member';
	for ( const [ name, value ] of Object.entries( attributes ) ) {
		root.setAttribute( name, value );
	}
	document.body.append( root );
	return root;
}

const governorProposal = ( explorerUrl: string ) =>
	JSON.stringify( {
		ref: {
			source: 'governor',
			space: '',
			testnet: false,
			chainId: 31337,
			governor: GOVERNOR,
			id: '42',
		},
		type: 'governor',
		choices: [ 'For', 'Against', 'Abstain' ],
		symbol: 'SVOTE',
		flavor: 'oz',
		network: 'Local',
		explorerUrl,
	} );

/**
 * A ballot row that can vote, for the wallet of `key`.
 * @param key
 */
const canVote = ( key: `0x${ string }` ) => ( {
	address: createTestWallet( { key } ).account.address,
	power: '1',
	voted: false,
	choice: '',
	canVote: true,
	reason: '',
	message: '',
} );

/**
 * Votes For through the panel of a control carrying `proposal`, with a wallet on chain 31337
 * that answers every transaction with HASH and a mined receipt.
 * @param proposal The control's data-proposal.
 * @return The control, and the transactions the wallet was asked to send.
 */
async function voteWithWallet( proposal: string ) {
	window.fetch = ( async () =>
		answer( {
			ref: {},
			state: 'active',
			title: 'Fund the library',
			type: 'governor',
			choices: [ 'For', 'Against', 'Abstain' ],
			ballots: [ canVote( KEYS.citizen ) ],
		} ) ) as unknown as typeof window.fetch;
	const address = createTestWallet( { key: KEYS.citizen } ).account.address;
	const sent: Record< string, unknown >[] = [];
	const provider = {
		request: async ( {
			method,
			params,
		}: {
			method: string;
			params?: Record< string, unknown >[];
		} ) => {
			switch ( method ) {
				case 'eth_accounts':
				case 'eth_requestAccounts':
					return [ address ];
				case 'eth_chainId':
					return '0x7a69';
				case 'eth_sendTransaction':
					sent.push( params![ 0 ]! );
					return HASH;
				case 'eth_getTransactionReceipt':
					return { status: '0x1', blockNumber: '0x1' };
			}
			throw new Error( method );
		},
	};
	const announce = () =>
		window.dispatchEvent(
			new CustomEvent( 'eip6963:announceProvider', {
				detail: Object.freeze( {
					info: { uuid: 'u', name: 'Wallet', icon: '', rdns: 'test' },
					provider,
				} ),
			} )
		);
	window.addEventListener( 'eip6963:requestProvider', announce );
	try {
		const root = control( {
			'data-proposal': proposal,
			'data-rest-root': 'http://localhost/wp-json/',
			'data-rest-nonce': 'n',
		} );
		await openVotePanel( root );
		root.querySelector< HTMLInputElement >( 'input' )!.checked = true;
		root.querySelector( 'form' )!.dispatchEvent(
			new Event( 'submit', { cancelable: true } )
		);
		await flush();
		return { root, sent };
	} finally {
		window.removeEventListener( 'eip6963:requestProvider', announce );
	}
}

describe( 'Vote panel', () => {
	it( 'asks no server but the site’s own REST API', async () => {
		const fetch = jest.fn( async () => answer( {} ) );
		window.fetch = fetch as unknown as typeof window.fetch;
		const root = control( {
			'data-proposal': governorProposal( '' ),
			'data-rest-root': 'https://evil.example/wp-json/',
			'data-rest-nonce': '',
		} );
		await openVotePanel( root );
		expect( fetch ).not.toHaveBeenCalled();
		expect(
			root.querySelector( '.sovereign-press-vote__status' )?.classList
		).toContain( 'is-error' );
	} );

	it( 'links a transaction only to an http(s) explorer', async () => {
		const { root } = await voteWithWallet(
			governorProposal( 'javascript:alert(1)//' )
		);
		const link = root.querySelector( '.sovereign-press-vote__tx' );
		expect( link?.textContent ).toBe( HASH );
		expect( link?.getAttribute( 'href' ) ?? '' ).not.toMatch(
			/^\s*javascript:/i
		);
	} );

	it( 'binds the Governor vote transaction to the proposal’s chain, so a wallet that switched networks refuses it', async () => {
		const { sent } = await voteWithWallet( governorProposal( '' ) );
		expect( sent ).toHaveLength( 1 );
		expect( sent[ 0 ] ).toMatchObject( {
			to: GOVERNOR,
			chainId: '0x7a69',
		} );
	} );

	it( 'names the proposal the site read from the source, as text, not the one the page names', async () => {
		window.fetch = ( async () =>
			answer( {
				ref: {},
				state: 'active',
				title: 'Fund <img src=x onerror=alert(1)> the library',
				type: 'governor',
				choices: [ 'For', 'Against', 'Abstain' ],
				ballots: [],
			} ) ) as unknown as typeof window.fetch;
		const forged = JSON.parse( governorProposal( '' ) );
		forged.title = 'Keep the library';
		const root = control( {
			'data-proposal': JSON.stringify( forged ),
			'data-title': 'Keep the library',
			'data-rest-root': 'http://localhost/wp-json/',
			'data-rest-nonce': 'n',
		} );
		await openVotePanel( root );
		const title = root.querySelector( '.sovereign-press-vote__title' );
		expect( title?.textContent ).toBe(
			'Voting on: Fund <img src=x onerror=alert(1)> the library'
		);
		expect( root.querySelector( 'img' ) ).toBeNull();
	} );

	it( 'offers no vote when the site does not say which proposal it is', async () => {
		window.fetch = ( async () =>
			answer( {
				ref: {},
				state: 'active',
				type: 'governor',
				choices: [ 'For', 'Against', 'Abstain' ],
				ballots: [ canVote( KEYS.citizen ) ],
			} ) ) as unknown as typeof window.fetch;
		const root = control( {
			'data-proposal': governorProposal( '' ),
			'data-rest-root': 'http://localhost/wp-json/',
			'data-rest-nonce': 'n',
		} );
		await openVotePanel( root );
		expect( root.querySelector( 'form' ) ).toBeNull();
		expect(
			root.querySelector( '.sovereign-press-vote__status' )?.classList
		).toContain( 'is-error' );
	} );

	it( 'shows the choices the site read from the source, not the ones the page names', async () => {
		window.fetch = ( async () =>
			answer( {
				ref: {},
				state: 'active',
				title: 'Fund the library',
				type: 'governor',
				choices: [ 'For', 'Against', 'Abstain' ],
				ballots: [ canVote( KEYS.citizen ) ],
			} ) ) as unknown as typeof window.fetch;
		const forged = JSON.parse( governorProposal( '' ) );
		forged.choices = [ 'Against', 'For', 'Abstain' ];
		const root = control( {
			'data-proposal': JSON.stringify( forged ),
			'data-rest-root': 'http://localhost/wp-json/',
			'data-rest-nonce': 'n',
		} );
		await openVotePanel( root );
		expect(
			[ ...root.querySelectorAll( '.sovereign-press-vote__choice' ) ].map(
				( label ) => label.textContent?.trim()
			)
		).toEqual( [ 'For', 'Against', 'Abstain' ] );
	} );

	it( 'offers no vote when the site does not say what the choices are', async () => {
		window.fetch = ( async () =>
			answer( {
				ref: {},
				state: 'active',
				ballots: [ canVote( KEYS.citizen ) ],
			} ) ) as unknown as typeof window.fetch;
		const root = control( {
			'data-proposal': governorProposal( '' ),
			'data-rest-root': 'http://localhost/wp-json/',
			'data-rest-nonce': 'n',
		} );
		await openVotePanel( root );
		expect( root.querySelector( 'form' ) ).toBeNull();
		expect(
			root.querySelector( '.sovereign-press-vote__status' )?.classList
		).toContain( 'is-error' );
	} );
} );
