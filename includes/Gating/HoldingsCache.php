<?php
/**
 * Answers of on-chain reads (a balance of one wallet, a token's decimals), kept for a short TTL.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Storage\Cache;

/**
 * The plugin's "holdings" cache. Keys are per chain and per read (contract, function, wallet), so
 * one reader's answers are never served as another's: a different wallet is a different key. All
 * the answers a page needs are read in one round trip (see Cache::get_many()).
 *
 * @since 0.1.0
 */
final class HoldingsCache {

	/**
	 * @param Cache $cache The named cache ("holdings") with the lifetime the settings give answers.
	 */
	public function __construct( private Cache $cache ) {}

	/**
	 * @param list<string> $keys Read keys.
	 * @return array<string, array{success:bool, data:string}> The fresh answers found, by key.
	 */
	public function get_many( int $chain, array $keys ): array {
		$reads = array();
		foreach ( $keys as $key ) {
			$reads[ $chain . '|' . $key ] = $key;
		}
		$found = array();
		foreach ( $this->cache->get_many( array_keys( $reads ) ) as $read => $value ) {
			$found[ $reads[ $read ] ] = array(
				'success' => (bool) ( $value[0] ?? false ),
				'data'    => (string) hex2bin( (string) ( $value[1] ?? '' ) ),
			);
		}
		return $found;
	}

	/**
	 * @param array<string, array{success:bool, data:string}> $answers By read key.
	 */
	public function set_many( int $chain, array $answers ): void {
		$entries = array();
		foreach ( $answers as $key => $answer ) {
			// Hex: binary return data does not survive every database charset.
			$entries[ $chain . '|' . $key ] = array( $answer['success'], bin2hex( $answer['data'] ) );
		}
		$this->cache->set_many( $entries );
	}
}
