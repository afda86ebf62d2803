/**
 * An injected EIP-6963 test wallet: an EIP-1193 provider in the page whose accounts and
 * signatures come from a viem local account in Node (hardhat's public development keys).
 */
import { createWalletClient, defineChain, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const KEYS = {
	citizen: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
	contributor: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
	visitor: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
};

/**
 * Announces the wallet in every page of the context. Returns its state: switch `account`,
 * set `reject` to make the wallet refuse the next signatures. With `rpcUrl` (a local node), it
 * also signs typed data, sends transactions and reads receipts there, as a wallet does.
 */
export async function injectTestWallet( context, { key = KEYS.contributor, chainId = 1, name = 'Test Wallet', rpcUrl } = {} ) {
	const state = { account: privateKeyToAccount( key ), chainId, reject: false, requests: [] };
	const node = async ( method, params ) => {
		const response = await fetch( rpcUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { jsonrpc: '2.0', id: 1, method, params } ),
		} );
		const body = await response.json();
		return body.error ? { __error: body.error } : body.result;
	};
	await context.exposeBinding( '__sovereignPressTestWallet', async ( _source, method, params ) => {
		state.requests.push( method );
		switch ( method ) {
			case 'eth_requestAccounts':
			case 'eth_accounts':
				return [ state.account.address ];
			case 'eth_chainId':
				return `0x${ state.chainId.toString( 16 ) }`;
			case 'wallet_switchEthereumChain':
				state.chainId = Number( params[ 0 ].chainId );
				return null;
			case 'personal_sign':
				if ( state.reject ) {
					return { __error: { code: 4001, message: 'User rejected the request.' } };
				}
				return state.account.signMessage( { message: { raw: params[ 0 ] } } );
			case 'eth_signTypedData_v4': {
				if ( state.reject ) {
					return { __error: { code: 4001, message: 'User rejected the request.' } };
				}
				const { domain, types, primaryType, message } = JSON.parse( params[ 1 ] );
				const { EIP712Domain, ...rest } = types;
				return state.account.signTypedData( { domain, types: rest, primaryType, message } );
			}
			case 'eth_sendTransaction': {
				if ( state.reject ) {
					return { __error: { code: 4001, message: 'User rejected the request.' } };
				}
				// Like MetaMask: a transaction naming another chain than the wallet's is refused.
				if ( params[ 0 ].chainId !== undefined && Number( params[ 0 ].chainId ) !== state.chainId ) {
					return { __error: { code: -32602, message: `Invalid chainId ${ params[ 0 ].chainId }: the wallet is on chain ${ state.chainId }.` } };
				}
				const chain = defineChain( { id: state.chainId, name: 'local', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [ rpcUrl ] } } } );
				const client = createWalletClient( { account: state.account, chain, transport: http( rpcUrl ) } );
				try {
					return await client.sendTransaction( { to: params[ 0 ].to, data: params[ 0 ].data } );
				} catch ( error ) {
					// A wallet reports the node's revert as an RPC error carrying its text and data.
					return { __error: { code: -32603, message: String( error?.shortMessage ?? error?.message ), data: error?.cause?.data ?? error?.details } };
				}
			}
			case 'eth_getTransactionReceipt':
			case 'eth_blockNumber':
				return node( method, params );
			default:
				return { __error: { code: 4200, message: `Unsupported method ${ method }` } };
		}
	} );
	await context.addInitScript( ( walletName ) => {
		const provider = {
			async request( { method, params } ) {
				const result = await window.__sovereignPressTestWallet( method, params ?? [] );
				if ( result && result.__error ) {
					const error = new Error( result.__error.message );
					error.code = result.__error.code;
					throw error;
				}
				return result;
			},
		};
		const info = Object.freeze( {
			uuid: '0d3a3c8e-5b1f-4a57-9d59-2f3a9b1d0e11',
			name: walletName,
			icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 8 8%22%3E%3Ccircle cx=%224%22 cy=%224%22 r=%224%22 fill=%22%232271b1%22/%3E%3C/svg%3E',
			rdns: 'org.sovereign-press.test-wallet',
		} );
		const announce = () => window.dispatchEvent( new CustomEvent( 'eip6963:announceProvider', { detail: Object.freeze( { info, provider } ) } ) );
		window.addEventListener( 'eip6963:requestProvider', announce );
		announce();
	}, name );
	return state;
}
