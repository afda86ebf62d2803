/**
 * Wallet login: EIP-1193 and EIP-6963 shapes, the sign-in routes' answers, the page's
 * configuration and the wallet login section of the settings.
 */
import type { RestConfig } from '@/api/restFetch';
import type { PublicNetwork } from '@/types/networks';

/** An EIP-1193 provider, as far as sign-in needs one. */
export interface Eip1193Provider {
	request: ( args: {
		method: string;
		params?: unknown[];
	} ) => Promise< unknown >;
}

/** EIP-6963 provider info. */
export interface WalletInfo {
	uuid: string;
	name: string;
	icon: string;
	rdns: string;
}

export interface DiscoveredWallet {
	info: WalletInfo;
	provider: Eip1193Provider;
}

/** What the server needs in the message, from POST /auth/nonce. */
export interface NonceResponse {
	nonce: string;
	domain: string;
	uri: string;
	scheme: string;
	chainIds: number[];
}

/** What a finished sign-in (or link) hands to the page. */
export interface SignInResult {
	user: SessionUser;
	/** A REST nonce for the new session (sign-in only). */
	restNonce?: string;
	/** Where the server says to go next, an absolute URL on the site (sign-in only). */
	redirect?: string;
}

export interface SessionUser {
	id: number;
	displayName: string;
	avatarUrl: string;
	wallets: { address: string; chainId: number; linkedAt: string }[];
	canUnlinkLastWallet: boolean;
}

/** Present only when the site has a WalletConnect (Reown) project id. */
export interface WalletConnectConfig {
	projectId: string;
	networks: PublicNetwork[];
	/** URL of build/walletconnect.js. */
	script: string;
}

/** What build/walletconnect.js puts on window.sovereignPressWalletConnect. */
export interface WalletConnectApi {
	connect: ( config: WalletConnectConfig ) => Promise< Eip1193Provider >;
}

/** What a wallet button's page says: the REST root and nonce, and WalletConnect when it is on. */
export interface WalletLoginConfig extends RestConfig {
	walletConnect?: WalletConnectConfig;
}

/**
 * Reads the data-walletconnect attribute the server prints when WalletConnect is on.
 * @param element
 */
export function walletConnectFrom(
	element: HTMLElement | null | undefined
): WalletConnectConfig | undefined {
	const raw = element?.dataset.walletconnect;
	if ( ! raw ) {
		return undefined;
	}
	try {
		const parsed = JSON.parse( raw ) as WalletConnectConfig;
		return typeof parsed.projectId === 'string' &&
			typeof parsed.script === 'string' &&
			Array.isArray( parsed.networks )
			? parsed
			: undefined;
	} catch {
		return undefined;
	}
}

/** The wallet login section of the plugin settings. */
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
	/** Addresses and CIDR ranges of the reverse proxies in front of the site. */
	trustedProxies: string[];
	/** The header those proxies put the client's address in, such as X-Forwarded-For. */
	proxyHeader: string;
}
