/**
 * Census settings as /wp/v2/settings holds them (see includes/Census/CensusSettings.php), and
 * the census sync's progress (GET and POST /sovereign-press/v1/census/sync).
 */

export type TokenStandard = 'erc20' | 'erc721' | 'erc1155';

/** A token the census indexes. */
export interface CensusToken {
	/** Identity in the index (lowercase letters, digits, hyphens); changing it re-indexes. */
	id: string;
	name: string;
	chainId: number;
	standard: TokenStandard;
	address: string;
	/** uint256 as a decimal string: ERC-1155 only, '' otherwise. */
	tokenId: string;
	/** Whole tokens for ERC-20, units for ERC-721 and ERC-1155 (decimal string). */
	minBalance: string;
	startBlock: number;
	/** Whether holders count toward the population. */
	membership: boolean;
}

export interface CensusConfirmation {
	chainId: number;
	blocks: number;
}

export interface TreasuryAddress {
	chainId: number;
	address: string;
	label: string;
}

export interface TreasuryAsset {
	chainId: number;
	/** ERC-20 contract, or '' for the native coin. */
	token: string;
	/** Chainlink AggregatorV3 USD feed, or ''. */
	priceFeed: string;
	maxAgeSeconds: number;
}

export interface DeclaredFigure {
	label: string;
	value: string;
	note: string;
}

export interface CensusSettings {
	tokens: CensusToken[];
	/** Id of an ERC-20 token of `tokens`, or '' for no economy figures. */
	economyToken: string;
	linkedOnly: boolean;
	publicMembers: boolean;
	confirmations: CensusConfirmation[];
	treasury: TreasuryAddress[];
	assets: TreasuryAsset[];
	declared: DeclaredFigure[];
}

export type SyncPhase = 'idle' | 'scan' | 'tree' | 'snapshot';

/** Where the census sync stands. */
export interface SyncProgress {
	phase: SyncPhase;
	/** A runner (this screen, WP-Cron, WP-CLI) is working on it now. */
	busy: boolean;
	/** Blocks scanned in this sync, of `total`. */
	scanned: number;
	total: number;
	/** Members placed in the Merkle tree, while it is built. */
	tree: { done: number; total: number } | null;
	/** Why the last run stopped, if it failed (a sentence). */
	error: string | null;
	/** Id of the latest snapshot. */
	snapshot: number | null;
	/** The latest snapshot, as a person reads it: block, population, UTC day. */
	latest: { block: number; population: number; day: string } | null;
	/** When the sync last worked (ISO 8601), or ''. */
	updatedAt: string;
}

/** Seconds a price feed's answer stays usable unless the asset says otherwise. */
export const DEFAULT_MAX_AGE = 86400;

export const DEFAULT_CENSUS: CensusSettings = {
	tokens: [],
	economyToken: '',
	linkedOnly: false,
	publicMembers: true,
	confirmations: [],
	treasury: [],
	assets: [],
	declared: [],
};
