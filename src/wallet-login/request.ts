/**
 * One EIP-1193 request, its failure turned into the caller's error (sign-in or vote wording).
 */
import type { Eip1193Provider } from './types';

/**
 * @param provider The wallet.
 * @param method   JSON-RPC method.
 * @param params   Its parameters.
 * @param toError  Maps the wallet's error (EIP-1193 codes) to one with a sentence for the member.
 */
export async function walletRequest< T >(
	provider: Eip1193Provider,
	method: string,
	params: unknown[] | undefined,
	toError: ( error: unknown ) => Error
): Promise< T > {
	try {
		return ( await provider.request( { method, params } ) ) as T;
	} catch ( error ) {
		throw toError( error );
	}
}
