/**
 * Loads build/walletconnect.js (Reown AppKit) once, on demand: from the wallet dialog and from
 * the vote panel, only when the visitor picks WalletConnect.
 */
import { __ } from '@wordpress/i18n';

import { ApiError } from '@/api/errors';

import type { WalletConnectApi, WalletConnectConfig } from './types';

/** The plugin's build/ URL, as webpack found it from the script tag WordPress printed. */
// eslint-disable-next-line camelcase -- webpack's name.
declare const __webpack_public_path__: string;

/**
 * build/walletconnect.js, next to the running code: never another URL, since the configuration
 * is read from the page, where a post's content can forge a `data-walletconnect` attribute. Only
 * the `ver` of the configured URL is kept (cache busting).
 * @param configured The configuration's `script`.
 */
export function walletConnectScriptUrl( configured: string ): string {
	/* eslint-disable camelcase -- webpack's name. */
	const base =
		typeof __webpack_public_path__ === 'string'
			? __webpack_public_path__
			: '';
	/* eslint-enable camelcase */
	const url = new URL(
		'walletconnect.js',
		new URL( base, document.baseURI )
	);
	let version: string | null = null;
	try {
		version = new URL( configured, document.baseURI ).searchParams.get(
			'ver'
		);
	} catch {}
	if ( version && /^[\w.-]{1,64}$/.test( version ) ) {
		url.searchParams.set( 'ver', version );
	}
	return url.href;
}

/**
 * Resolves with what build/walletconnect.js puts on window.sovereignPressWalletConnect.
 * @param config The page's WalletConnect configuration (its `script` gives the version).
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
		script.src = walletConnectScriptUrl( config.script );
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
