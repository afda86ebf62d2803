/**
 * Wires a server-rendered wallet button: shows it (it is hidden until JavaScript runs) and, on
 * click, loads the wallet dialog, nothing before. Small on purpose: it is in every page script.
 */
import { walletConnectFrom, type RestConfig, type SignInResult } from './types';
import type { SignInMode } from './signIn';

export interface WalletButtonOptions {
	/** The element carrying data-rest-root, data-rest-nonce and data-walletconnect. */
	source: HTMLElement;
	mode: SignInMode;
	/** Where the page would like to go once signed in; the server decides. */
	redirectTo?: string;
	/** Called once signed in or linked. */
	done: ( result: SignInResult ) => void;
}

export function configFrom( source: HTMLElement ): RestConfig {
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
	button.hidden = false;
	button.addEventListener( 'click', async () => {
		button.disabled = true;
		try {
			const { openWalletDialog } = await import(
				/* webpackChunkName: "wallet" */ './connect'
			);
			await openWalletDialog( {
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
