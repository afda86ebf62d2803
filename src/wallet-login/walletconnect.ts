/**
 * WalletConnect through Reown AppKit (with its wagmi adapter): the script build/walletconnect.js,
 * which puts `connect` on window.sovereignPressWalletConnect for the wallet dialog. A script of its
 * own (not a chunk of the block's view script), so that pages pay nothing for it, not even a longer
 * chunk map, until a visitor picks WalletConnect; fetched only when the site has a project id.
 * AppKit gets no RPC URL from the site (those stay on the server): the sign-in needs only the
 * wallet's signature, which WalletConnect relays.
 */
import { createAppKit } from '@reown/appkit';
import { WagmiAdapter } from '@reown/appkit-adapter-wagmi';
import { __ } from '@wordpress/i18n';
import { custom, defineChain, type Chain } from 'viem';

import { ApiError } from '@/api/errors';

import type { Eip1193Provider, WalletConnectConfig } from './types';

type AppKitNetworks = Parameters< typeof createAppKit >[ 0 ][ 'networks' ];

function chains( config: WalletConnectConfig ): Chain[] {
	return config.networks.map( ( network ) =>
		defineChain( {
			id: network.chainId,
			name: network.name,
			nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
			rpcUrls: { default: { http: [] } },
			...( network.explorerUrl
				? {
						blockExplorers: {
							default: {
								name: network.name,
								url: network.explorerUrl,
							},
						},
					}
				: {} ),
		} )
	);
}

let modal: ReturnType< typeof createAppKit > | null = null;

/**
 * Opens AppKit and resolves with the connected wallet's EIP-1193 provider; rejects when the
 * visitor closes AppKit first.
 * @param config
 */
export function connectWithWalletConnect(
	config: WalletConnectConfig
): Promise< Eip1193Provider > {
	if ( ! modal ) {
		const networks = chains( config );
		// Chain reads are not AppKit's business here: they fail instead of reaching any node.
		const noReads = custom( {
			request: async () => {
				throw new Error(
					'Chain reads go through the site, not the browser.'
				);
			},
		} );
		const adapter = new WagmiAdapter( {
			projectId: config.projectId,
			networks,
			transports: Object.fromEntries(
				networks.map( ( chain ) => [ chain.id, noReads ] )
			),
		} );
		modal = createAppKit( {
			adapters: [ adapter ],
			// AppKit types its networks as a non-empty tuple of viem Chains (plus optional extras);
			// the site's list is a plain array.
			networks: networks as unknown as AppKitNetworks,
			projectId: config.projectId,
			metadata: {
				name: document.title,
				description: document.title,
				url: window.location.origin,
				icons: [],
			},
			features: {
				analytics: false,
				email: false,
				socials: false,
				swaps: false,
				onramp: false,
			},
			// Browser wallets are offered by the site's own picker; AppKit is only for WalletConnect.
			enableInjected: false,
			enableEIP6963: false,
			enableCoinbase: false,
			enableBaseAccount: false,
			enableReconnect: false,
		} );
	}
	const appKit = modal;

	return new Promise( ( resolve, reject ) => {
		let opened = false;
		const stops: Array< () => void > = [];
		const finish = () => stops.forEach( ( stop ) => stop() );
		stops.push(
			appKit.subscribeAccount( ( account ) => {
				const provider = appKit.getWalletProvider() as
					Eip1193Provider | undefined;
				if ( account.isConnected && account.address && provider ) {
					finish();
					void appKit.close();
					resolve( provider );
				}
			}, 'eip155' )
		);
		stops.push(
			appKit.subscribeState( ( state ) => {
				if ( state.open ) {
					opened = true;
				} else if ( opened ) {
					finish();
					reject(
						new ApiError(
							'user_rejected',
							__(
								'WalletConnect was closed before a wallet connected.',
								'sovereign-press'
							)
						)
					);
				}
			} )
		);
		void appKit.open();
	} );
}

window.sovereignPressWalletConnect = { connect: connectWithWalletConnect };
