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
	gating: GatingSettings;
	deleteDataOnUninstall: boolean;
}

export interface GatingSettings {
	cacheTtl: number;
	budgetMs: number;
	presets: GatePreset[];
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

/** What a gate condition asks for (see includes/Gating/Rule.php). */
export type ConditionType =
	'erc20' | 'erc721' | 'erc1155' | 'native' | 'allowlist' | 'member';

export interface GateCondition {
	type: ConditionType;
	chainId?: number;
	contract?: string;
	/** Whole tokens for ERC-20 and native coins, base units for ERC-1155. */
	amount?: string;
	tokenId?: string;
	addresses?: string[];
	/** Name readers see, such as "Citizen NFT" or "SVOTE". */
	label?: string;
}

export interface GateGroup {
	type: 'all' | 'any';
	conditions: GateRule[];
}

export type GateRule = GateGroup | GateCondition;

export type Teaser = 'excerpt' | 'more' | 'none';

/** The post meta _sovereign_press_gate. */
export interface PostGate {
	preset?: string;
	rule?: GateRule | Record< string, never >;
	teaser?: Teaser;
}

export interface GatePreset {
	id: string;
	name: string;
	rule: GateRule;
}

/** Data the editor gets from PHP (window.sovereignPressEditor). */
export interface EditorBootData {
	networks: Array< Pick< Network, 'chainId' | 'name' | 'explorerUrl' > >;
	presets: Array< { id: string; name: string; summary: string } >;
	metaKey: string;
}

/** GET /sovereign-press/v1/tokens */
export interface TokenInfo {
	chainId: number;
	contract: string;
	name: string;
	symbol: string;
	decimals: number | null;
	standard: 'erc20' | 'erc721' | 'erc1155' | 'unknown';
}
