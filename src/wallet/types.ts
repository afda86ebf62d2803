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

/** A configured network, as the site shows it publicly (never with its RPC URL). */
export interface PublicNetwork {
	chainId: number;
	name: string;
	explorerUrl: string;
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

/** Where the REST API lives and the nonce for cookie-authenticated writes. */
export interface RestConfig {
	root: string;
	nonce: string;
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
