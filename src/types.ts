/**
 * Shapes shared by the admin screens and the REST API (see includes/Admin/Settings.php).
 */

export interface Network {
	chainId: number;
	name: string;
	rpcUrl: string;
	explorerUrl: string;
}

export interface PluginSettings {
	networks: Network[];
	deleteDataOnUninstall: boolean;
}

/** Option name on /wp/v2/settings. */
export const SETTINGS_OPTION = 'sovereign_press_settings';

/** A WordPress REST error body. */
export interface RestError {
	code: string;
	message: string;
	data?: { status?: number; [ key: string ]: unknown };
}
