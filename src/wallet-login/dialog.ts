/**
 * The wallet picker and sign-in dialog. Loaded only when a visitor asks to connect.
 */
import { __, sprintf } from '@wordpress/i18n';

import { isApiError } from '@/api/errors';

import { discoverWallets } from './discovery';
import { element } from './dom';
import { loadWalletConnect } from './loadWalletConnect';
import { signInWithWallet, type SignInMode } from './signIn';
import type { Eip1193Provider, SignInResult, WalletLoginConfig } from './types';
import './dialog.scss';

export interface DialogOptions {
	config: WalletLoginConfig;
	mode: SignInMode;
	/** Sent with the sign-in; the server answers where to go (SignInResult.redirect). */
	redirectTo?: string;
	onSignedIn: ( result: SignInResult ) => void;
}

/**
 * Opens the dialog, lists the wallets found, and runs the sign-in with the one the visitor picks.
 * Every outcome ends with a message or a signed-in session, never a stuck spinner.
 * @param root0
 * @param root0.config
 * @param root0.mode
 * @param root0.redirectTo
 * @param root0.onSignedIn
 */
export async function openWalletDialog( {
	config,
	mode,
	redirectTo,
	onSignedIn,
}: DialogOptions ): Promise< void > {
	const dialog = element( 'dialog', 'sovereign-press-wallet-dialog' );
	dialog.setAttribute(
		'aria-labelledby',
		'sovereign-press-wallet-dialog-title'
	);
	const title = element(
		'h2',
		'sovereign-press-wallet-dialog__title',
		mode === 'link'
			? __( 'Link a wallet', 'sovereign-press' )
			: __( 'Log in with your wallet', 'sovereign-press' )
	);
	title.id = 'sovereign-press-wallet-dialog-title';
	const list = element( 'ul', 'sovereign-press-wallet-dialog__list' );
	const status = element( 'p', 'sovereign-press-wallet-dialog__status' );
	status.setAttribute( 'role', 'status' );
	status.setAttribute( 'aria-live', 'polite' );
	const close = element(
		'button',
		'sovereign-press-wallet-dialog__close',
		__( 'Cancel', 'sovereign-press' )
	);
	close.type = 'button';
	close.addEventListener( 'click', () => dialog.close() );
	let handedOver = false;
	dialog.addEventListener( 'close', () => {
		if ( ! handedOver ) {
			dialog.remove();
		}
	} );
	dialog.append( title, list, status, close );
	document.body.append( dialog );
	dialog.showModal();

	const setStatus = ( text: string, isError = false ) => {
		status.textContent = text;
		status.classList.toggle( 'is-error', isError );
	};
	const setBusy = ( busy: boolean ) => {
		list.querySelectorAll( 'button' ).forEach(
			( button ) => ( button.disabled = busy )
		);
	};

	setStatus( __( 'Looking for wallets…', 'sovereign-press' ) );
	const wallets = await discoverWallets();
	if ( wallets.length === 0 && ! config.walletConnect ) {
		setStatus(
			__(
				'No wallet was found in this browser. Install a browser wallet, such as MetaMask or Rabby, then reload this page.',
				'sovereign-press'
			),
			true
		);
		return;
	}
	setStatus( '' );

	const reopen = () => {
		if ( ! dialog.open ) {
			handedOver = false;
			dialog.showModal();
		}
	};

	const pick = async (
		name: string,
		connect: () => Promise< Eip1193Provider >
	) => {
		setBusy( true );
		setStatus(
			sprintf(
				/* translators: %s: wallet name, such as MetaMask. */
				__( 'Check %s to approve the sign-in.', 'sovereign-press' ),
				name || __( 'your wallet', 'sovereign-press' )
			)
		);
		try {
			const provider = await connect();
			reopen();
			const result = await signInWithWallet(
				provider,
				config,
				mode,
				redirectTo
			);
			setStatus(
				mode === 'link'
					? __( 'Wallet linked.', 'sovereign-press' )
					: __( 'Signed in.', 'sovereign-press' )
			);
			dialog.close();
			onSignedIn( result );
		} catch ( error ) {
			reopen();
			setStatus(
				isApiError( error )
					? error.message
					: __(
							'Something went wrong. Please try again.',
							'sovereign-press'
						),
				true
			);
			setBusy( false );
		}
	};

	const add = ( label: string, icon: string, onClick: () => void ) => {
		const item = element( 'li', 'sovereign-press-wallet-dialog__item' );
		const button = element(
			'button',
			'sovereign-press-wallet-dialog__wallet'
		);
		button.type = 'button';
		if ( icon.startsWith( 'data:image/' ) ) {
			const image = element(
				'img',
				'sovereign-press-wallet-dialog__icon'
			);
			image.src = icon;
			image.alt = '';
			button.append( image );
		}
		button.append( document.createTextNode( label ) );
		button.addEventListener( 'click', onClick );
		item.append( button );
		list.append( item );
	};

	for ( const wallet of wallets ) {
		add(
			wallet.info.name || __( 'Browser wallet', 'sovereign-press' ),
			wallet.info.icon,
			() => void pick( wallet.info.name, async () => wallet.provider )
		);
	}
	const walletConnect = config.walletConnect;
	if ( walletConnect ) {
		add(
			__( 'WalletConnect (mobile and other wallets)', 'sovereign-press' ),
			'',
			() =>
				void pick( 'WalletConnect', async () => {
					const api = await loadWalletConnect( walletConnect );
					// AppKit draws its own modal; ours steps aside until a wallet is connected.
					handedOver = true;
					dialog.close();
					return api.connect( walletConnect );
				} )
		);
	}
	list.querySelector( 'button' )?.focus();
}
