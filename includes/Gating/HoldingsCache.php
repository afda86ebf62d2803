<?php
/**
 * Answers of on-chain reads (a balance of one wallet, a token's decimals), kept for a short TTL.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * Stored as transients, so a persistent object cache (Redis, Memcached) holds them when the site
 * has one. Without one, all the answers a page needs are fetched in a single query instead of two
 * per transient. Keys are per chain and per read (contract, function, wallet), so one reader's
 * answers are never served as another's: a different wallet is a different key.
 *
 * @since 0.1.0
 */
final class HoldingsCache {

	private const PREFIX = 'sp_gate_';

	/**
	 * @param int $ttl Seconds an answer stays fresh; 0 keeps nothing.
	 */
	public function __construct( private int $ttl ) {}

	/**
	 * @param list<string> $keys Read keys.
	 * @return array<string, array{success:bool, data:string}> The fresh answers found, by key.
	 */
	public function get_many( int $chain, array $keys ): array {
		if ( $this->ttl <= 0 || array() === $keys ) {
			return array();
		}
		$names = array();
		foreach ( $keys as $key ) {
			$names[ self::name( $chain, $key ) ] = $key;
		}
		$found = array();
		if ( wp_using_ext_object_cache() ) {
			foreach ( wp_cache_get_multiple( array_keys( $names ), 'transient' ) as $name => $value ) {
				if ( is_array( $value ) ) {
					$found[ $names[ $name ] ] = self::unpack( $value );
				}
			}
			return $found;
		}
		global $wpdb;
		$options = array();
		foreach ( array_keys( $names ) as $name ) {
			$options[] = '_transient_' . $name;
			$options[] = '_transient_timeout_' . $name;
		}
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN (" . implode( ',', array_fill( 0, count( $options ), '%s' ) ) . ')',
				$options
			),
			OBJECT_K
		);
		$now  = time();
		foreach ( $names as $name => $key ) {
			$value   = $rows[ '_transient_' . $name ]->option_value ?? null;
			$expires = (int) ( $rows[ '_transient_timeout_' . $name ]->option_value ?? 0 );
			if ( null !== $value && $expires > $now ) {
				$value = maybe_unserialize( $value );
				if ( is_array( $value ) ) {
					$found[ $key ] = self::unpack( $value );
				}
			}
		}
		return $found;
	}

	/**
	 * @param array<string, array{success:bool, data:string}> $answers By read key.
	 */
	public function set_many( int $chain, array $answers ): void {
		if ( $this->ttl <= 0 ) {
			return;
		}
		foreach ( $answers as $key => $answer ) {
			// Hex: binary return data does not survive every database charset.
			set_transient( self::name( $chain, $key ), array( $answer['success'], bin2hex( $answer['data'] ) ), $this->ttl );
		}
	}

	/**
	 * Forgets every cached answer (when networks change, for instance).
	 */
	public static function flush(): void {
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
				$wpdb->esc_like( '_transient_' . self::PREFIX ) . '%',
				$wpdb->esc_like( '_transient_timeout_' . self::PREFIX ) . '%'
			)
		);
	}

	private static function name( int $chain, string $key ): string {
		return self::PREFIX . md5( $chain . '|' . $key );
	}

	/**
	 * @param array<mixed> $value Stored pair.
	 * @return array{success:bool, data:string}
	 */
	private static function unpack( array $value ): array {
		return array(
			'success' => (bool) ( $value[0] ?? false ),
			'data'    => (string) hex2bin( (string) ( $value[1] ?? '' ) ),
		);
	}
}
