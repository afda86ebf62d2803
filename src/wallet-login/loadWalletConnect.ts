/**
 * Loads build/walletconnect.js (Reown AppKit) once, on demand: from the wallet dialog and from
 * the vote panel, only when the visitor picks WalletConnect.
 */
import { __ } from '@wordpress/i18n';

import { ApiError } from '@/api/errors';

import type { WalletConnectApi, WalletConnectConfig } from './types';

/**
 * Resolves with what build/walletconnect.js puts on window.sovereignPressWalletConnect.
 * @param config The page's WalletConnect configuration (its `script` is the file's URL).
 */
export function loadWalletConnect(
	config: WalletConnectConfig
): Promise< WalletConnectApi > {
	const loaded = window.sovereignPressWalletConnect;
	if ( loaded ) {
		return Promise.resolve( loaded );
	}
	const unavailable = () =>
		new ApiError(
			'walletconnect_unavailable',
			__(
				'WalletConnect could not be loaded. Please try again.',
				'sovereign-press'
			)
		);
	return new Promise( ( resolve, reject ) => {
		const script = document.createElement( 'script' );
		script.src = config.script;
		script.async = true;
		script.onload = () => {
			const api = window.sovereignPressWalletConnect;
			if ( api ) {
				resolve( api );
			} else {
				reject( unavailable() );
			}
		};
		script.onerror = () => reject( unavailable() );
		document.head.append( script );
	} );
}
