import apiFetch from '@wordpress/api-fetch';

import type { GateRule, TokenInfo } from '../types';
import { toApiError } from './errors';

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
export async function describeGate( gate: {
	rule?: GateRule;
	preset?: string;
} ): Promise< GateSummary > {
	try {
		return await apiFetch< GateSummary >( {
			path: '/sovereign-press/v1/gates/summary',
			method: 'POST',
			data: gate.preset ? { preset: gate.preset } : { rule: gate.rule },
		} );
	} catch ( reason ) {
		throw toApiError( reason );
	}
}

/**
 * Name, symbol, decimals and standard of a token contract, read by the server.
 *
 * @param chainId
 * @param contract
 */
export async function describeToken(
	chainId: number,
	contract: string
): Promise< TokenInfo > {
	try {
		return await apiFetch< TokenInfo >( {
			path: `/sovereign-press/v1/tokens?${ new URLSearchParams( {
				chainId: String( chainId ),
				contract,
			} ).toString() }`,
		} );
	} catch ( reason ) {
		throw toApiError( reason );
	}
}
