/**
 * Governor votes: castVote / castVoteWithReason calldata, ABI-encoded here (a few lines instead
 * of viem in the voting chunk; tests/js/vote.test.ts proves it equal to viem's encodeFunctionData).
 */

/** castVote(uint256,uint8) and castVoteWithReason(uint256,uint8,string). */
const CAST_VOTE = '56781388';
const CAST_VOTE_WITH_REASON = '7b3c71d3';

/** Governor choices in the order the page lists them (For, Against, Abstain) → `support`. */
export const SUPPORT_BY_CHOICE = [ 1, 0, 2 ] as const;

function word( value: bigint ): string {
	return value.toString( 16 ).padStart( 64, '0' );
}

/**
 * @param proposalId Decimal string (uint256), kept out of Number.
 * @param support    0 against, 1 for, 2 abstain.
 * @param reason     Sent with castVoteWithReason when not empty.
 */
export function castVoteCalldata(
	proposalId: string,
	support: number,
	reason = ''
): `0x${ string }` {
	if ( ! /^(0|[1-9][0-9]*)$/.test( proposalId ) ) {
		throw new RangeError( 'proposal id must be a decimal string' );
	}
	const id = BigInt( proposalId );
	if ( id >= 2n ** 256n || ! [ 0, 1, 2 ].includes( support ) ) {
		throw new RangeError( 'proposal id or support out of range' );
	}
	const head = word( id ) + word( BigInt( support ) );
	if ( reason === '' ) {
		return `0x${ CAST_VOTE }${ head }`;
	}
	const bytes = Array.from( new TextEncoder().encode( reason ), ( byte ) =>
		byte.toString( 16 ).padStart( 2, '0' )
	).join( '' );
	const padded = bytes.padEnd( Math.ceil( bytes.length / 64 ) * 64, '0' );
	return `0x${ CAST_VOTE_WITH_REASON }${ head }${ word( 96n ) }${ word(
		BigInt( bytes.length / 2 )
	) }${ padded }`;
}
