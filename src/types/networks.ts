/**
 * Networks, as the plugin settings define them.
 */

/** A configured network as the site shows it to editors and visitors: never with its RPC URL. */
export interface PublicNetwork {
	chainId: number;
	name: string;
	explorerUrl: string;
}

/** A configured network as administrators edit it. */
export interface Network extends PublicNetwork {
	/** Read by the server only; it may hold an API key. */
	rpcUrl: string;
}
