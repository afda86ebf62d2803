<?php
/**
 * Block attributes to references: the DAO Proposal and DAO Proposals blocks' input, validated.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

use SovereignPress\Chain\Networks;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;

/**
 * Attributes are hostile (anyone who may edit a post writes them, and REST previews take them
 * from the request): each one is checked here or by its source's own parser before anything is
 * fetched, and fails with SourceError::INVALID and a sentence an editor can act on.
 *
 * @since 0.2.0
 */
final class BlockInput {

	/** Longest uint256 in decimal. */
	private const UINT256_MAX = '115792089237316195423570985008687907853269984665640564039457584007913129639935';

	/**
	 * @param Networks                           $networks   Configured chains (a Governor must be on one).
	 * @param \Closure(string): ProposalRef|null $parse_url  The Snapshot source's URL parser
	 *                                                       (Snapshot\ProposalUrl), when present.
	 */
	public function __construct( private Networks $networks, private ?\Closure $parse_url = null ) {}

	/**
	 * The proposal a DAO Proposal block names.
	 *
	 * @since 0.2.0
	 *
	 * @param array<string, mixed> $attributes Block attributes (source, url, space, proposalId, testnet, chainId, governor).
	 * @throws SourceError INVALID.
	 */
	public function proposal( array $attributes ): ProposalRef {
		if ( ProposalRef::GOVERNOR === ( $attributes['source'] ?? ProposalRef::SNAPSHOT ) ) {
			[ $chain_id, $governor ] = $this->governor( $attributes );
			return ProposalRef::governor( $chain_id, $governor, self::uint256( $attributes['proposalId'] ?? '' ) );
		}
		if ( ProposalRef::SNAPSHOT !== ( $attributes['source'] ?? ProposalRef::SNAPSHOT ) ) {
			throw new SourceError( SourceError::INVALID, __( 'Choose Snapshot or an on-chain Governor as the source.', 'sovereign-press' ) );
		}
		$url = is_string( $attributes['url'] ?? null ) ? trim( $attributes['url'] ) : '';
		if ( '' !== $url ) {
			if ( null === $this->parse_url ) {
				throw new SourceError( SourceError::INVALID, __( 'Enter the space and the proposal id.', 'sovereign-press' ) );
			}
			return ( $this->parse_url )( $url );
		}
		$id = is_string( $attributes['proposalId'] ?? null ) ? trim( $attributes['proposalId'] ) : '';
		if ( 1 === preg_match( '/^0x[0-9a-fA-F]{64}$/', $id ) ) {
			$id = strtolower( $id );
		} elseif ( 1 !== preg_match( '/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/', $id ) ) {
			throw new SourceError( SourceError::INVALID, __( 'A Snapshot proposal id is 0x followed by 64 hexadecimal digits (or an older id starting with Qm).', 'sovereign-press' ) );
		}
		return ProposalRef::snapshot( self::space( $attributes['space'] ?? '' ), $id, true === ( $attributes['testnet'] ?? false ) );
	}

	/**
	 * What a DAO Proposals block lists.
	 *
	 * @since 0.2.0
	 *
	 * @param array<string, mixed> $attributes Block attributes (source, space, testnet, chainId, governor, count, state).
	 * @throws SourceError INVALID.
	 */
	public function listing( array $attributes ): Listing {
		$count = is_int( $attributes['count'] ?? null ) ? $attributes['count'] : 5;
		$state = in_array( $attributes['state'] ?? 'all', Listing::STATES, true ) ? (string) ( $attributes['state'] ?? 'all' ) : 'all';
		$count = max( 1, min( Listing::MAX_COUNT, $count ) );
		if ( ProposalRef::GOVERNOR === ( $attributes['source'] ?? ProposalRef::SNAPSHOT ) ) {
			[ $chain_id, $governor ] = $this->governor( $attributes );
			return new Listing( ProposalRef::governor( $chain_id, $governor, '' ), $count, $state );
		}
		return new Listing( ProposalRef::snapshot( self::space( $attributes['space'] ?? '' ), '', true === ( $attributes['testnet'] ?? false ) ), $count, $state );
	}

	/**
	 * @param array<string, mixed> $attributes Block attributes.
	 * @return array{0:int, 1:string} Chain id and checksummed Governor.
	 */
	private function governor( array $attributes ): array {
		$chain_id = is_int( $attributes['chainId'] ?? null ) ? $attributes['chainId'] : 0;
		if ( $chain_id <= 0 || null === $this->networks->find( $chain_id ) ) {
			throw new SourceError( SourceError::INVALID, __( 'Choose one of the networks configured under Settings > Sovereign Press.', 'sovereign-press' ) );
		}
		$address = is_string( $attributes['governor'] ?? null ) ? trim( $attributes['governor'] ) : '';
		try {
			if ( 1 !== preg_match( '/^0x[0-9a-fA-F]{40}$/', $address ) ) {
				throw new InvalidAddress( 'format' );
			}
			return array( $chain_id, Address::parse( $address ) );
		} catch ( InvalidAddress $error ) {
			throw new SourceError( SourceError::INVALID, 'checksum' === $error->reason ? __( 'The Governor address has a wrong checksum: copy it again.', 'sovereign-press' ) : __( 'The Governor address is 0x followed by 40 hexadecimal digits.', 'sovereign-press' ), $error );
		}
	}

	/**
	 * A Snapshot space id: an ENS-like name, lowercase.
	 */
	private static function space( mixed $space ): string {
		$space = is_string( $space ) ? strtolower( trim( $space ) ) : '';
		if ( 1 !== preg_match( '/^[a-z0-9](?:[a-z0-9\-_.]{0,62}[a-z0-9])?$/', $space ) ) {
			throw new SourceError( SourceError::INVALID, __( 'Enter the Snapshot space, such as society.eth.', 'sovereign-press' ) );
		}
		return $space;
	}

	/**
	 * A Governor proposal id: a uint256 as a decimal string, kept a string.
	 */
	private static function uint256( mixed $id ): string {
		$id = is_string( $id ) ? trim( $id ) : '';
		if ( 1 !== preg_match( '/^[0-9]{1,78}$/', $id ) ) {
			throw new SourceError( SourceError::INVALID, __( 'A Governor proposal id is a whole number (digits only).', 'sovereign-press' ) );
		}
		$id = ltrim( $id, '0' );
		$id = '' === $id ? '0' : $id;
		if ( strlen( $id ) === strlen( self::UINT256_MAX ) && strcmp( $id, self::UINT256_MAX ) > 0 ) {
			throw new SourceError( SourceError::INVALID, __( 'This proposal id is larger than any Governor allows.', 'sovereign-press' ) );
		}
		return $id;
	}
}
