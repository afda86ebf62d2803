/**
 * What the editor checks of Governor input as it is typed, with the sentences the server uses
 * (Governance\BlockInput, Governance\Governor\TallyUrl check everything again).
 */
import { __ } from '@wordpress/i18n';
import { checksumAddress } from 'viem';

import { uint256Problem } from '@/gating/rules';

/**
 * A Governor address: 0x + 40 hex; with mixed case, the EIP-55 checksum must match.
 *
 * @param address As typed.
 * @return The sentence, or '' when the address is fine.
 */
export function governorProblem( address: string ): string {
	address = address.trim();
	if ( ! /^0x[0-9a-fA-F]{40}$/.test( address ) ) {
		return __(
			'The Governor address is 0x followed by 40 hexadecimal digits.',
			'sovereign-press'
		);
	}
	const digits = address.slice( 2 );
	const oneCase =
		digits === digits.toLowerCase() || digits === digits.toUpperCase();
	return oneCase || checksumAddress( address as `0x${ string }` ) === address
		? ''
		: __(
				'The Governor address has a wrong checksum: copy it again.',
				'sovereign-press'
			);
}

/**
 * A Governor proposal id: a uint256 in decimal, kept a string (it does not fit in a number).
 *
 * @param id As typed.
 * @return The sentence, or '' when the id is fine.
 */
export function governorIdProblem( id: string ): string {
	switch ( uint256Problem( id.trim() ) ) {
		case 'format':
			return __(
				'A Governor proposal id is a whole number (digits only).',
				'sovereign-press'
			);
		case 'range':
			return __(
				'This proposal id is larger than any Governor allows.',
				'sovereign-press'
			);
		default:
			return '';
	}
}

/**
 * The proposal id in a Tally link (the mirror of TallyUrl::parse()). Tally has shut down: its
 * links are legacy input, and the chain and Governor must be entered by hand.
 *
 * @param url A pasted link.
 * @return The decimal id without leading zeros, or null when the text is not a Tally proposal link.
 */
export function tallyProposalId( url: string ): string | null {
	const match =
		/^https?:\/\/(?:www\.)?tally\.xyz\/gov\/[^/?#\s]+\/proposal\/([0-9]{1,78})(?:\/[^?#\s]*)?(?:[?#]\S*)?$/i.exec(
			url.replace( /^[ \t\n\r\0\v]+|[ \t\n\r\0\v]+$/g, '' )
		);
	const id = match?.[ 1 ];
	if ( id === undefined || uint256Problem( id ) !== null ) {
		return null;
	}
	return id.replace( /^0+(?=.)/, '' );
}
