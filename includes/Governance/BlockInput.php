<?php
/**
 * Block attributes to references: the DAO Proposal and DAO Proposals blocks' input, validated.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * Attributes are hostile (anyone who may edit a post writes them, and REST previews take them
 * from the request): each one is checked here or by its source's own parser before anything is
 * fetched, and fails with SourceError::INVALID and a sentence an editor can act on.
 *
 * @since 0.2.0
 */
final class BlockInput {

	/**
	 * @param \Closure(mixed, mixed, mixed, bool): ProposalRef $governor  The Governor source's own check
	 *                                                                  (Governor\GovernorSource::ref():
	 *                                                                  chain id, address, proposal id,
	 *                                                                  whether it names a list).
	 * @param \Closure(string): ProposalRef|null                $parse_url The Snapshot source's URL parser
	 *                                                                  (Snapshot\ProposalUrl), when present.
	 */
	public function __construct( private \Closure $governor, private ?\Closure $parse_url = null ) {}

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
			return ( $this->governor )( $attributes['chainId'] ?? null, $attributes['governor'] ?? null, $attributes['proposalId'] ?? null, false );
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
			return new Listing( ( $this->governor )( $attributes['chainId'] ?? null, $attributes['governor'] ?? null, '', true ), $count, $state );
		}
		return new Listing( ProposalRef::snapshot( self::space( $attributes['space'] ?? '' ), '', true === ( $attributes['testnet'] ?? false ) ), $count, $state );
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
}
