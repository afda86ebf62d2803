import { __ } from '@wordpress/i18n';

import type { GateCondition, GateGroup, GateRule } from './types';
import { uniqueSlug } from '@/settings/slug';

/** 2^256 − 1: token ids are uint256, kept as decimal strings (never Number: 2^53 is far below). */
const MAX_TOKEN_ID = 2n ** 256n - 1n;

/**
 * What keeps a decimal string from being a uint256: not 1 to 78 ASCII digits ('format'), or above
 * 2^256 − 1 ('range'); null when it is one.
 *
 * @param decimal
 */
export function uint256Problem( decimal: string ): 'format' | 'range' | null {
	if ( ! /^[0-9]{1,78}$/.test( decimal ) ) {
		return 'format';
	}
	return BigInt( decimal ) > MAX_TOKEN_ID ? 'range' : null;
}

export function isGroup( rule: GateRule ): rule is GateGroup {
	return rule.type === 'all' || rule.type === 'any';
}

/**
 * The builder always edits a group: a lone condition becomes a group of one; an empty value
 * becomes an empty all-of group.
 *
 * @param rule
 */
export function asGroup(
	rule: GateRule | Record< string, never > | undefined
): GateGroup {
	if ( ! rule || ! ( 'type' in rule ) ) {
		return { type: 'all', conditions: [] };
	}
	return isGroup( rule as GateRule )
		? ( rule as GateGroup )
		: { type: 'all', conditions: [ rule as GateRule ] };
}

/**
 * A new condition of a type, keeping what still applies (chain, contract) from the previous one.
 *
 * @param type
 * @param previous
 * @param defaultChainId
 */
export function newCondition(
	type: GateCondition[ 'type' ],
	previous: Partial< GateCondition > = {},
	defaultChainId?: number
): GateCondition {
	const chainId = previous.chainId ?? defaultChainId;
	switch ( type ) {
		case 'member':
			return { type };
		case 'allowlist':
			return { type, addresses: previous.addresses ?? [] };
		case 'native':
			return { type, chainId, amount: previous.amount ?? '1' };
		case 'erc721':
			return {
				type,
				chainId,
				contract: previous.contract ?? '',
				label: previous.label,
			};
		default:
			return {
				type,
				chainId,
				contract: previous.contract ?? '',
				amount: previous.amount ?? '1',
				label: previous.label,
				...( type === 'erc1155'
					? { tokenId: previous.tokenId ?? '' }
					: {} ),
			};
	}
}

/**
 * What is wrong with a token id, as the server would say it, or undefined when it is one: a
 * decimal string of at most 78 ASCII digits (leading zeros included, as in the rule schema) from
 * 0 to 2^256 − 1.
 *
 * @param tokenId
 */
export function tokenIdProblem( tokenId: string ): string | undefined {
	switch ( uint256Problem( tokenId ) ) {
		case 'format':
			return __(
				'A token id is a whole number of at most 78 digits.',
				'sovereign-press'
			);
		case 'range':
			return __(
				'This token id is larger than 2^256 − 1, the largest a token can have.',
				'sovereign-press'
			);
		default:
			return undefined;
	}
}

/**
 * Drops empty optional fields so the server sees only what the editor filled in, and writes
 * token ids without leading zeros, as the server stores them.
 *
 * @param rule
 */
export function clean( rule: GateRule ): GateRule {
	if ( isGroup( rule ) ) {
		return { type: rule.type, conditions: rule.conditions.map( clean ) };
	}
	// The same condition, less some of its optional fields.
	const out = Object.fromEntries(
		Object.entries( rule ).filter(
			( [ , value ] ) => value !== undefined && value !== ''
		)
	) as GateCondition;
	if (
		out.tokenId !== undefined &&
		tokenIdProblem( out.tokenId ) === undefined
	) {
		out.tokenId = out.tokenId.replace( /^0+(?=[0-9])/, '' );
	}
	return out;
}

/**
 * "citizens-2" from "Citizens", avoiding ids already taken.
 *
 * @param name
 * @param taken
 */
export function presetId( name: string, taken: string[] ): string {
	return uniqueSlug( name, taken, 32, 'preset' );
}
