/**
 * What the editor checks as it is typed, before asking the server (which checks everything again:
 * Governance\BlockInput and the sources' parsers).
 */
import { __ } from '@wordpress/i18n';

/**
 * Snapshot proposal ids: 0x + 64 hex, or the older IPFS ids.
 * @param id
 */
export function snapshotIdProblem( id: string ): string {
	if (
		/^0x[0-9a-fA-F]{64}$/.test( id ) ||
		/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/.test( id )
	) {
		return '';
	}
	return __(
		'A Snapshot proposal id is 0x followed by 64 hexadecimal digits (or an older id starting with Qm).',
		'sovereign-press'
	);
}

/**
 * A Governor address: 0x + 40 hex (the checksum is checked by the server).
 * @param address
 */
export function governorProblem( address: string ): string {
	return /^0x[0-9a-fA-F]{40}$/.test( address )
		? ''
		: __(
				'The Governor address is 0x followed by 40 hexadecimal digits.',
				'sovereign-press'
			);
}

/**
 * A Governor proposal id: digits only, kept a string (uint256 does not fit in a number).
 * @param id
 */
export function governorIdProblem( id: string ): string {
	return /^[0-9]{1,78}$/.test( id )
		? ''
		: __(
				'A Governor proposal id is a whole number (digits only).',
				'sovereign-press'
			);
}

/**
 * The proposal id in a Tally URL (Tally has shut down: its links are legacy input, and the chain
 * and Governor must be entered by hand).
 *
 * @param url A pasted URL.
 * @return The decimal id, or null when the URL is not Tally's.
 */
export function tallyProposalId( url: string ): string | null {
	const match =
		/^https?:\/\/(?:www\.)?tally\.xyz\/gov\/[^/?#]+\/proposal\/([0-9]{1,78})(?:[/?#]|$)/i.exec(
			url.trim()
		);
	return match?.[ 1 ] ?? null;
}
