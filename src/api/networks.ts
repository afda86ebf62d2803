import apiFetch from '@wordpress/api-fetch';

import { toApiError } from './errors';

export interface ConnectionTest {
	chainId: number;
	blockNumber: number;
	latencyMs: number;
	known: boolean;
}

/**
 * Asks the server to call eth_chainId and eth_blockNumber on a node (administrators only).
 *
 * @param rpcUrl
 * @param chainId
 * @throws ApiError with codes such as sovereign_press_rpc_timeout or sovereign_press_chain_id_mismatch.
 */
export async function testConnection(
	rpcUrl: string,
	chainId?: number
): Promise< ConnectionTest > {
	try {
		return await apiFetch< ConnectionTest >( {
			path: '/sovereign-press/v1/networks/test',
			method: 'POST',
			data: chainId ? { rpcUrl, chainId } : { rpcUrl },
		} );
	} catch ( reason ) {
		throw toApiError( reason );
	}
}
