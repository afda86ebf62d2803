<?php
/**
 * How many blocks behind the head the census stops, per network.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

/**
 * Blocks younger than the depth may still be reorganised away, so the indexer leaves them for a
 * later sync. Defaults follow the finality depths open-source indexers use (Ponder, rindexer):
 * enough that a reorg reaching scanned blocks is rare; the indexer still repairs one if it does.
 *
 * @since 0.3.0
 */
final class Confirmations {

	/** Default depth per chain id. */
	private const DEFAULTS = array(
		1        => 64,
		11155111 => 64,
		137      => 200,
		42161    => 240,
		10       => 24,
		8453     => 24,
		56       => 24,
		43114    => 12,
		31337    => 0,
		1337     => 0,
	);

	/** Depth of a chain that has no default of its own. */
	private const FALLBACK = 30;

	/**
	 * The default depth of a chain.
	 *
	 * @since 0.3.0
	 */
	public static function default_for( int $chain_id ): int {
		return self::DEFAULTS[ $chain_id ] ?? self::FALLBACK;
	}

	/**
	 * The depth the census settings give a chain, or its default.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed> $census The census settings.
	 */
	public static function for_chain( array $census, int $chain_id ): int {
		foreach ( (array) ( $census['confirmations'] ?? array() ) as $entry ) {
			if ( is_array( $entry ) && (int) ( $entry['chainId'] ?? 0 ) === $chain_id ) {
				return max( 0, min( 10000, (int) ( $entry['blocks'] ?? 0 ) ) );
			}
		}
		return self::default_for( $chain_id );
	}
}
