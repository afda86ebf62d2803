/**
 * The voting panel (the build/vote.js chunk), loaded when a member clicks Vote: their wallets'
 * standing, the choice controls of the proposal's type, then a Snapshot signature or a Governor
 * transaction from their own wallet. Every outcome ends with a sentence, never a stuck spinner.
 */
import { __, sprintf } from '@wordpress/i18n';

import { ApiError, isApiError } from '@/api/errors';
import type { RestConfig } from '@/api/restFetch';
import { discoverWallets } from '@/wallet-login/discovery';
import { element } from '@/wallet-login/dom';
import { loadWalletConnect } from '@/wallet-login/loadWalletConnect';
import {
	walletConnectFrom,
	type Eip1193Provider,
	type WalletConnectConfig,
} from '@/wallet-login/types';
import { walletRequest } from '@/wallet-login/request';

import { fetchBallots, sendSnapshotVote } from './api';
import { describeChoice, readChoice, renderChoices } from './choices';
import { castVoteCalldata, SUPPORT_BY_CHOICE } from './governor';
import { snapshotVoteData, typedDataForWallet } from './snapshot';
import type { BallotRow, TransactionReceipt, VoteProposal } from './types';
import { voteError } from './voteErrors';
import './panel.scss';

function short( address: string ): string {
	return `${ address.slice( 0, 6 ) }…${ address.slice( -4 ) }`;
}

const ask = < T >(
	provider: Eip1193Provider,
	method: string,
	params?: unknown[]
) => walletRequest< T >( provider, method, params, voteError );

const wait = ( ms: number ) =>
	new Promise( ( resolve ) => window.setTimeout( resolve, ms ) );

/**
 * The wallet that holds one of the voters: an injected wallet already showing it, else the one
 * way in (or the one the member picks among the injected wallets and WalletConnect) once it
 * shares its account. AppKit (build/walletconnect.js) loads only when WalletConnect is picked.
 * @param voters
 * @param walletConnect The page's WalletConnect configuration; undefined when it is off.
 * @param pick          Asks the member which wallet to use when there are several.
 */
async function connect(
	voters: BallotRow[],
	walletConnect: WalletConnectConfig | undefined,
	pick: ( names: string[] ) => Promise< number >
): Promise< { provider: Eip1193Provider; voter: BallotRow } > {
	const wallets = await discoverWallets();
	if ( wallets.length === 0 && ! walletConnect ) {
		throw new ApiError(
			'no_wallet',
			__(
				'No wallet was found in this browser. Install a browser wallet, such as MetaMask or Rabby, then reload this page.',
				'sovereign-press'
			)
		);
	}
	const match = ( accounts: string[] | undefined ) =>
		voters.find( ( voter ) =>
			( accounts ?? [] ).some(
				( account ) =>
					account.toLowerCase() === voter.address.toLowerCase()
			)
		);
	for ( const wallet of wallets ) {
		const accounts = await wallet.provider
			.request( { method: 'eth_accounts' } )
			.catch( () => [] );
		const voter = match( accounts as string[] );
		if ( voter ) {
			return { provider: wallet.provider, voter };
		}
	}
	const ways: { name: string; open: () => Promise< Eip1193Provider > }[] =
		wallets.map( ( wallet ) => ( {
			name: wallet.info.name || __( 'Browser wallet', 'sovereign-press' ),
			open: async () => wallet.provider,
		} ) );
	if ( walletConnect ) {
		ways.push( {
			name: __(
				'WalletConnect (mobile and other wallets)',
				'sovereign-press'
			),
			open: async () =>
				( await loadWalletConnect( walletConnect ) ).connect(
					walletConnect
				),
		} );
	}
	const chosen =
		ways.length === 1
			? ways[ 0 ]
			: ways[ await pick( ways.map( ( way ) => way.name ) ) ];
	const provider = await ( chosen ?? ways[ 0 ] )!.open();
	const accounts = await ask< string[] >( provider, 'eth_requestAccounts' );
	const voter = match( accounts );
	if ( ! voter ) {
		throw new ApiError(
			'wrong_account',
			sprintf(
				/* translators: 1: the wallet's account, 2: the linked wallets that can vote. */
				__(
					'Your wallet is on account %1$s, which cannot vote here. Switch it to %2$s and try again.',
					'sovereign-press'
				),
				accounts?.[ 0 ] ? short( accounts[ 0 ] ) : '—',
				voters.map( ( v ) => short( v.address ) ).join( ', ' )
			)
		);
	}
	return { provider, voter };
}

/**
 * Opens the panel in the vote control `root` (its data-proposal, data-rest-root, data-rest-nonce,
 * and data-walletconnect when WalletConnect is on).
 * @param root
 */
export async function openVotePanel( root: HTMLElement ): Promise< void > {
	const proposal = JSON.parse(
		root.dataset.proposal ?? '{}'
	) as VoteProposal;
	const config: RestConfig = {
		root: root.dataset.restRoot ?? '/wp-json/',
		nonce: root.dataset.restNonce ?? '',
	};
	// A post's content can forge this container (WordPress keeps class and data-* attributes):
	// its REST root must be this site's, and its explorer an http(s) site.
	const sameSite = ( url: string ) => {
		try {
			return new URL( url, document.baseURI ).origin === location.origin;
		} catch {
			return false;
		}
	};
	const explorer = /^https?:\/\/[^\s"'<>\\]+$/i.test(
		proposal.explorerUrl ?? ''
	)
		? proposal.explorerUrl
		: '';
	const panel = element( 'div', 'sovereign-press-vote__panel' );
	const title = element( 'p', 'sovereign-press-vote__title' );
	const standing = element( 'ul', 'sovereign-press-vote__wallets' );
	const status = element( 'p', 'sovereign-press-vote__status' );
	status.setAttribute( 'role', 'status' );
	status.setAttribute( 'aria-live', 'polite' );
	panel.append( title, standing, status );
	root.append( panel );

	const say = ( text: string, isError = false, link?: string ) => {
		status.textContent = text;
		status.classList.toggle( 'is-error', isError );
		if ( link ) {
			const anchor = element( 'a', 'sovereign-press-vote__tx', link );
			if ( explorer && /^0x[0-9a-fA-F]{64}$/.test( link ) ) {
				anchor.href = `${ explorer }/tx/${ link }`;
			} else {
				anchor.removeAttribute( 'href' );
			}
			status.append( ' ', anchor );
		}
	};
	const failed = ( error: unknown ) =>
		say(
			isApiError( error )
				? error.message
				: __(
						'Something went wrong. Please try again.',
						'sovereign-press'
					),
			true
		);

	if ( ! sameSite( config.root ) ) {
		say(
			__(
				'This vote control does not belong to this site, so it cannot be used.',
				'sovereign-press'
			),
			true
		);
		return;
	}
	say( __( 'Checking your voting power…', 'sovereign-press' ) );
	let ballots: BallotRow[];
	try {
		const answer = await fetchBallots( config, proposal.ref );
		// What is voted on comes from the site, which read the source; the page's copy could be
		// forged, such as For and Against swapped, or another proposal's reference (so the
		// member sees the title the site read for the reference voted on).
		if (
			typeof answer.title !== 'string' ||
			typeof answer.type !== 'string' ||
			! Array.isArray( answer.choices ) ||
			! answer.choices.every( ( label ) => typeof label === 'string' )
		) {
			throw new Error( 'malformed ballots' );
		}
		title.textContent = sprintf(
			/* translators: %s: the proposal's title. */
			__( 'Voting on: %s', 'sovereign-press' ),
			answer.title.trim() || __( 'Untitled proposal', 'sovereign-press' )
		);
		proposal.type = answer.type;
		proposal.choices = answer.choices;
		ballots = answer.ballots;
	} catch ( error ) {
		failed( error );
		return;
	}
	say( '' );
	for ( const ballot of ballots ) {
		standing.append(
			element(
				'li',
				'sovereign-press-vote__wallet',
				sprintf(
					/* translators: 1: short wallet address, 2: voting power, 3: token symbol. */
					__( '%1$s: %2$s %3$s voting power.', 'sovereign-press' ),
					short( ballot.address ),
					ballot.power,
					proposal.symbol
				) + ( ballot.message ? ' ' + ballot.message : '' )
			)
		);
	}
	const voters = ballots.filter( ( ballot ) => ballot.canVote );
	if ( voters.length === 0 ) {
		if ( ballots.length === 0 ) {
			say(
				__(
					'Voting needs a wallet linked to your account.',
					'sovereign-press'
				),
				true
			);
		}
		return;
	}

	const form = element( 'form', 'sovereign-press-vote__form' );
	const choices = renderChoices( proposal );
	const reasonLabel = element(
		'label',
		'sovereign-press-vote__reason',
		__( 'Reason (optional)', 'sovereign-press' )
	);
	const reason = element( 'textarea', 'sovereign-press-vote__reason-input' );
	reason.rows = 2;
	reason.maxLength = 5000;
	reasonLabel.append( reason );
	const submit = element(
		'button',
		'sovereign-press-vote__submit wp-element-button',
		proposal.ref.source === 'snapshot'
			? __( 'Sign and send my vote', 'sovereign-press' )
			: __( 'Send my vote transaction', 'sovereign-press' )
	);
	submit.type = 'submit';
	const actions = element( 'p', 'sovereign-press-vote__actions' );
	actions.append( submit );
	form.append( choices, reasonLabel, actions );
	panel.insertBefore( form, status );

	const pick = ( names: string[] ) =>
		new Promise< number >( ( resolve ) => {
			say( __( 'Which wallet holds your account?', 'sovereign-press' ) );
			names.forEach( ( name, index ) => {
				const button = element(
					'button',
					'sovereign-press-vote__pick',
					name
				);
				button.type = 'button';
				button.addEventListener( 'click', () => resolve( index ) );
				status.append( ' ', button );
			} );
		} );

	const vote = async (): Promise< void > => {
		const picked = readChoice( proposal, choices );
		if ( typeof picked === 'string' ) {
			say( picked, true );
			return;
		}
		const described = describeChoice( proposal, picked );
		say( __( 'Connecting to your wallet…', 'sovereign-press' ) );
		const { provider, voter } = await connect(
			voters,
			walletConnectFrom( root ),
			pick
		);
		if ( proposal.ref.source === 'snapshot' ) {
			const data = snapshotVoteData( {
				from: voter.address,
				space: proposal.ref.space,
				proposal: proposal.ref.id,
				type: proposal.type,
				choice: picked,
				reason: reason.value,
			} );
			say(
				__( 'Check your wallet to sign the vote.', 'sovereign-press' )
			);
			const sig = await ask< string >( provider, 'eth_signTypedData_v4', [
				voter.address,
				typedDataForWallet( data ),
			] );
			say( __( 'Sending your vote…', 'sovereign-press' ) );
			await sendSnapshotVote(
				config,
				{ address: voter.address, sig, data },
				proposal.ref.testnet
			);
			say(
				sprintf(
					/* translators: %s: the choice voted for. */
					__(
						'You voted %s. You can vote again until voting ends; the new vote replaces this one.',
						'sovereign-press'
					),
					described
				)
			);
			return;
		}
		const chainId = Number(
			await ask< string >( provider, 'eth_chainId' )
		);
		if ( chainId !== proposal.ref.chainId ) {
			await offerSwitch( provider );
			return;
		}
		say(
			__(
				'Check your wallet to send the vote transaction.',
				'sovereign-press'
			)
		);
		// chainId binds the transaction to the proposal's chain: a wallet switched to another
		// network since the check above refuses it (EIP-1193 wallets validate this field).
		const hash = await ask< string >( provider, 'eth_sendTransaction', [
			{
				from: voter.address,
				chainId: '0x' + proposal.ref.chainId.toString( 16 ),
				to: proposal.ref.governor,
				data: castVoteCalldata(
					proposal.ref.id,
					SUPPORT_BY_CHOICE[ ( picked as number ) - 1 ] ?? 1,
					reason.value.trim()
				),
			},
		] );
		say(
			__(
				'Vote sent; waiting for the network to confirm it. Transaction:',
				'sovereign-press'
			),
			false,
			hash
		);
		for ( let attempt = 0; attempt < 300; attempt++ ) {
			const receipt = await ask< TransactionReceipt | null >(
				provider,
				'eth_getTransactionReceipt',
				[ hash ]
			);
			if ( receipt ) {
				if ( receipt.status === '0x1' ) {
					form.remove();
					// The site's copy of the tally is now stale; the next page view reads it again.
					await fetchBallots( config, proposal.ref, true ).catch(
						() => null
					);
					say(
						sprintf(
							/* translators: %s: the choice voted for, such as For. */
							__(
								'You voted %s. Your vote is recorded on chain. Transaction:',
								'sovereign-press'
							),
							described
						),
						false,
						hash
					);
				} else {
					say(
						__(
							'The vote transaction failed on chain: the proposal may have closed, or this wallet has already voted. Transaction:',
							'sovereign-press'
						),
						true,
						hash
					);
				}
				return;
			}
			await wait( 2000 );
		}
		say(
			__(
				'The vote transaction is not confirmed yet. Check it in your wallet. Transaction:',
				'sovereign-press'
			),
			true,
			hash
		);
	};

	const offerSwitch = async ( provider: Eip1193Provider ) => {
		say(
			sprintf(
				/* translators: %s: network name. */
				__(
					'Your wallet is on another network. This proposal is voted on %s.',
					'sovereign-press'
				),
				proposal.network ||
					sprintf(
						/* translators: %d: chain id. */
						__( 'chain %d', 'sovereign-press' ),
						proposal.ref.chainId
					)
			),
			true
		);
		const button = element(
			'button',
			'sovereign-press-vote__switch wp-element-button',
			__( 'Switch network', 'sovereign-press' )
		);
		button.type = 'button';
		button.addEventListener( 'click', () => {
			void ( async () => {
				button.disabled = true;
				try {
					await ask( provider, 'wallet_switchEthereumChain', [
						{ chainId: '0x' + proposal.ref.chainId.toString( 16 ) },
					] );
					await vote();
				} catch ( error ) {
					failed( error );
				}
			} )();
		} );
		status.append( ' ', button );
	};

	form.addEventListener( 'submit', ( event ) => {
		event.preventDefault();
		submit.disabled = true;
		vote()
			.catch( failed )
			.finally( () => ( submit.disabled = false ) );
	} );
	( form.querySelector( 'input, button' ) as HTMLElement | null )?.focus();
}
