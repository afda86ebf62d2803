/**
 * The gating routes: rule summaries and token descriptions.
 */
import { apiRequest } from '@/api/request';

import type { GateRule, TokenInfo } from './types';

export interface GateSummary {
	/** "Readers need 1 Citizen NFT on Local chain." */
	summary: string;
	rule: GateRule;
}

/**
 * The server's plain-language summary of a rule or preset.
 *
 * @param gate
 * @param gate.rule
 * @param gate.preset
 * @throws ApiError sovereign_press_invalid_rule (400) with what is wrong, or sovereign_press_unknown_preset (404).
 */
export function describeGate( gate: {
	rule?: GateRule;
	preset?: string;
} ): Promise< GateSummary > {
	return apiRequest< GateSummary >( {
		path: '/sovereign-press/v1/gates/summary',
		method: 'POST',
		data: gate.preset ? { preset: gate.preset } : { rule: gate.rule },
	} );
}

/**
 * Name, symbol, decimals and standard of a token contract, read by the server.
 *
 * @param chainId
 * @param contract
 */
export function describeToken(
	chainId: number,
	contract: string
): Promise< TokenInfo > {
	return apiRequest< TokenInfo >( {
		path: `/sovereign-press/v1/tokens?${ new URLSearchParams( {
			chainId: String( chainId ),
			contract,
		} ).toString() }`,
	} );
}
