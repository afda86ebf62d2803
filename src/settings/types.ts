/**
 * The plugin settings as /wp/v2/settings holds them (the server's schema is the authority): one section
 * per feature, each typed by its feature.
 */
import type { CensusSettings } from '@/census/settings/types';
import type { GatingSettings } from '@/gating/types';
import type { GovernanceSettings } from '@/governance/settings/types';
import type { Network } from '@/types/networks';
import type { WalletLoginSettings } from '@/wallet-login/types';

export interface PluginSettings {
	networks: Network[];
	walletLogin: WalletLoginSettings;
	gating: GatingSettings;
	governance: GovernanceSettings;
	census: CensusSettings;
	deleteDataOnUninstall: boolean;
}

/** Option name on /wp/v2/settings. */
export const SETTINGS_OPTION = 'sovereign_press_settings';

/** Data the settings screen gets from PHP (window.sovereignPressAdmin). */
export interface AdminBootData {
	/** Roles new members may get: slug => translated name. */
	memberRoles: Record< string, string >;
}
