/**
 * Shapes shared by the admin screens and the REST API (see includes/Admin/Settings.php).
 */

export interface Network {
	chainId: number;
	name: string;
	rpcUrl: string;
	explorerUrl: string;
}

export interface WalletLoginSettings {
	enabled: boolean;
	allowedChains: number[];
	autoRegister: boolean;
	newMemberRole: string;
	usernamePrefix: string;
	sessionDays: number;
	rememberMe: boolean;
	passwordLogin: boolean;
	ensChainId: number;
	walletConnectProjectId: string;
}

export interface PluginSettings {
	networks: Network[];
	walletLogin: WalletLoginSettings;
	deleteDataOnUninstall: boolean;
}

/** Data the settings screen gets from PHP (window.sovereignPressAdmin). */
export interface AdminBootData {
	/** Roles new members may get: slug => translated name. */
	memberRoles: Record< string, string >;
}

/** Option name on /wp/v2/settings. */
export const SETTINGS_OPTION = 'sovereign_press_settings';

/** A WordPress REST error body. */
export interface RestError {
	code: string;
	message: string;
	data?: { status?: number; [ key: string ]: unknown };
}
