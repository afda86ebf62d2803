/**
 * The settings screen's REST calls: the plugin option on /wp/v2/settings, and the connection test.
 */
import { apiRequest } from '@/api/request';

import { SETTINGS_OPTION, type PluginSettings } from './types';

type SettingsResponse = Record< typeof SETTINGS_OPTION, PluginSettings >;

/** The saved settings. */
export async function fetchSettings(): Promise< PluginSettings > {
	const response = await apiRequest< SettingsResponse >( {
		path: '/wp/v2/settings',
	} );
	return response[ SETTINGS_OPTION ];
}

/**
 * Saves the settings and resolves with what the server stored.
 *
 * @param settings
 * @throws ApiError rest_invalid_param (400) when the schema refuses a value, or
 *         sovereign_press_duplicate_chain_id (400).
 */
export async function storeSettings(
	settings: PluginSettings
): Promise< PluginSettings > {
	const response = await apiRequest< SettingsResponse >( {
		path: '/wp/v2/settings',
		method: 'POST',
		data: { [ SETTINGS_OPTION ]: settings },
	} );
	return response[ SETTINGS_OPTION ];
}

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
export function testConnection(
	rpcUrl: string,
	chainId?: number
): Promise< ConnectionTest > {
	return apiRequest< ConnectionTest >( {
		path: '/sovereign-press/v1/networks/test',
		method: 'POST',
		data: chainId ? { rpcUrl, chainId } : { rpcUrl },
	} );
}
