/**
 * Wires a server-rendered wallet button: shows it (it is hidden until JavaScript runs) and, on
 * click, loads the wallet dialog, nothing before, or says why it could not. Small on purpose: it
 * is in every page script.
 */
import { __ } from '@wordpress/i18n';

import type { SignInMode } from './signIn';
import {
	walletConnectFrom,
	type SignInResult,
	type WalletLoginConfig,
} from './types';

export interface WalletButtonOptions {
	/** The element carrying data-rest-root, data-rest-nonce and data-walletconnect. */
	source: HTMLElement;
	mode: SignInMode;
	/** Where the page would like to go once signed in; the server decides. */
	redirectTo?: string;
	/** Called once signed in or linked. */
	done: ( result: SignInResult ) => void;
}

export function configFrom( source: HTMLElement ): WalletLoginConfig {
	return {
		root: source.dataset.restRoot ?? '/wp-json/',
		nonce: source.dataset.restNonce ?? '',
		walletConnect: walletConnectFrom( source ),
	};
}

export function bindWalletButton(
	button: HTMLButtonElement,
	{ source, mode, redirectTo, done }: WalletButtonOptions
): void {
	let notice: HTMLElement | undefined;
	button.hidden = false;
	button.addEventListener( 'click', async () => {
		button.disabled = true;
		notice?.remove();
		try {
			const dialog = await import(
				/* webpackChunkName: "wallet" */ './dialog'
			).catch( () => null );
			if ( ! dialog ) {
				notice = document.createElement( 'p' );
				notice.className = 'sovereign-press-wallet-button__error';
				notice.setAttribute( 'role', 'alert' );
				notice.textContent = __(
					'The wallet login could not be loaded. Check your connection and try again.',
					'sovereign-press'
				);
				button.after( notice );
				return;
			}
			await dialog.openWalletDialog( {
				config: configFrom( source ),
				mode,
				redirectTo,
				onSignedIn: done,
			} );
		} finally {
			button.disabled = false;
		}
	} );
}
