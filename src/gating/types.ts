/**
 * Token gates: rules, post gates, presets and the data the editor gets (see includes/Gating/).
 */
import type { PublicNetwork } from '@/types/networks';

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

/** The gating section of the plugin settings. */
export interface GatingSettings {
	cacheTtl: number;
	budgetMs: number;
	breakerSeconds: number;
	presets: GatePreset[];
}

/** Data the editor gets from PHP (window.sovereignPressEditor). */
export interface EditorBootData {
	networks: PublicNetwork[];
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
