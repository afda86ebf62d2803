import { __ } from '@wordpress/i18n';
import { getAddress, numberToHex, stringToHex } from 'viem';
import { createSiweMessage } from 'viem/siwe';

import { ApiError } from '@/api/errors';
import type { RestConfig } from '@/api/restFetch';

import { linkWallet, requestNonce, verifySignIn } from './api';
import { fromProviderError } from './providerErrors';
import { walletRequest } from './request';
import type { Eip1193Provider, SignInResult } from './types';

export type SignInMode = 'login' | 'link';

const ask = < T >(
	provider: Eip1193Provider,
	method: string,
	params?: unknown[]
) => walletRequest< T >( provider, method, params, fromProviderError );

/**
 * Makes sure the wallet is on a chain the site accepts, asking it to switch when it is not.
 * @param provider
 * @param allowed
 */
async function ensureChain(
	provider: Eip1193Provider,
	allowed: number[]
): Promise< number > {
	const current = Number( await ask< string >( provider, 'eth_chainId' ) );
	if ( allowed.includes( current ) ) {
		return current;
	}
	const wanted = allowed[ 0 ] as number;
	try {
		await provider.request( {
			method: 'wallet_switchEthereumChain',
			params: [ { chainId: numberToHex( wanted ) } ],
		} );
	} catch ( error ) {
		if ( ( error as { code?: number } )?.code === 4001 ) {
			throw fromProviderError( error );
		}
		throw new ApiError(
			'wrong_network',
			__(
				'This site needs a network your wallet does not have. Add it in your wallet, then try again.',
				'sovereign-press'
			)
		);
	}
	return wanted;
}

/**
 * The whole Sign-In with Ethereum flow: account, nonce, network, message, signature, server check.
 * The server builds nothing from what the browser says: it checks the signed message itself.
 * @param provider
 * @param config
 * @param mode
 * @param redirectTo Where the page would like to go once signed in; the server decides.
 */
export async function signInWithWallet(
	provider: Eip1193Provider,
	config: RestConfig,
	mode: SignInMode,
	redirectTo = ''
): Promise< SignInResult > {
	const accounts = await ask< string[] >( provider, 'eth_requestAccounts' );
	if ( ! accounts?.[ 0 ] ) {
		throw new ApiError(
			'no_account',
			__(
				'Your wallet did not share an account. Unlock it and try again.',
				'sovereign-press'
			)
		);
	}
	const address = getAddress( accounts[ 0 ] );
	const issued = await requestNonce( config );
	const chainId = await ensureChain( provider, issued.chainIds );
	const message = createSiweMessage( {
		scheme: issued.scheme === 'https' ? undefined : issued.scheme,
		domain: issued.domain,
		uri: issued.uri,
		address,
		chainId,
		nonce: issued.nonce,
		version: '1',
		// Not translated on purpose: EIP-4361 statements are limited to printable ASCII.
		statement:
			'Sign in to this site. This request costs nothing and sends no transaction.',
		issuedAt: new Date(),
		expirationTime: new Date( Date.now() + 10 * 60 * 1000 ),
	} );
	const signature = await ask< string >( provider, 'personal_sign', [
		stringToHex( message ),
		address,
	] );

	if ( mode === 'link' ) {
		return { user: await linkWallet( config, { message, signature } ) };
	}
	const result = await verifySignIn(
		config,
		{ message, signature },
		redirectTo
	);
	return {
		user: result.user,
		restNonce: result.restNonce,
		redirect: result.redirect,
	};
}
