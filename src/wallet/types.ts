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

export interface SessionUser {
	id: number;
	displayName: string;
	avatarUrl: string;
	wallets: { address: string; chainId: number; linkedAt: string }[];
	canUnlinkLastWallet: boolean;
}

/** Where the REST API lives and the nonce for cookie-authenticated writes. */
export interface RestConfig {
	root: string;
	nonce: string;
}
