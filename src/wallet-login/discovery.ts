import type { DiscoveredWallet, Eip1193Provider, WalletInfo } from './types';

interface AnnounceEvent extends Event {
	detail: { info: WalletInfo; provider: Eip1193Provider };
}

/**
 * Lists injected wallets: every EIP-6963 announcement within `waitMs`, else `window.ethereum`.
 * @param waitMs
 */
export function discoverWallets( waitMs = 250 ): Promise< DiscoveredWallet[] > {
	return new Promise( ( resolve ) => {
		const found = new Map< string, DiscoveredWallet >();
		const onAnnounce = ( event: Event ) => {
			const { info, provider } = ( event as AnnounceEvent ).detail ?? {};
			if (
				info?.uuid &&
				provider &&
				typeof provider.request === 'function'
			) {
				found.set( info.uuid, { info, provider } );
			}
		};
		window.addEventListener( 'eip6963:announceProvider', onAnnounce );
		window.dispatchEvent( new Event( 'eip6963:requestProvider' ) );
		window.setTimeout( () => {
			window.removeEventListener(
				'eip6963:announceProvider',
				onAnnounce
			);
			const injected = window.ethereum;
			if (
				found.size === 0 &&
				injected &&
				typeof injected.request === 'function'
			) {
				found.set( 'window.ethereum', {
					info: {
						uuid: 'window.ethereum',
						name: '',
						icon: '',
						rdns: 'window.ethereum',
					},
					provider: injected,
				} );
			}
			resolve( [ ...found.values() ] );
		}, waitMs );
	} );
}
