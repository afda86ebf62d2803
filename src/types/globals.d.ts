/**
 * What the plugin's scripts read from `window`: data PHP prints before a script, and what other
 * scripts put there.
 */
import type { EditorBootData } from '@/gating/types';
import type { AdminBootData } from '@/settings/types';
import type { Eip1193Provider, WalletConnectApi } from '@/wallet-login/types';

declare global {
	interface Window {
		/** Networks, presets and the gate meta key, printed before build/editor.js (includes/Plugin.php). */
		sovereignPressEditor?: EditorBootData;
		/** Printed before build/admin/settings.js (includes/Admin/SettingsPage.php). */
		sovereignPressAdmin?: AdminBootData;
		/** Set by build/walletconnect.js once it has loaded. */
		sovereignPressWalletConnect?: WalletConnectApi;
		/** A browser wallet that predates EIP-6963 announcements. */
		ethereum?: Eip1193Provider;
	}
}

export {};
