<?php
/**
 * Sign-in nonces: issued from a CSPRNG, stored with an expiry, consumed exactly once.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Installer;

/**
 * Consumption is one UPDATE whose affected-row count decides, so a replay or two concurrent
 * requests with the same nonce can never both succeed. Used and expired rows stay a day, so a
 * replay is reported as such.
 *
 * @since 0.1.0
 */
final class NonceStore {

	public const CONSUMED = 'consumed';
	public const UNKNOWN  = 'unknown';
	public const USED     = 'used';
	public const EXPIRED  = 'expired';

	private const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

	/**
	 * @param int $ttl Seconds a nonce stays valid.
	 */
	public function __construct( private int $ttl = 600 ) {}

	/**
	 * A fresh nonce of 24 letters and digits (about 143 bits).
	 *
	 * @since 0.1.0
	 */
	public function issue( string $client_ip ): string {
		global $wpdb;
		$nonce = '';
		$bytes = random_bytes( 24 );
		for ( $i = 0; $i < 24; $i++ ) {
			// 62 * 4 = 248: rejecting 248..255 keeps every character equally likely.
			$byte = ord( $bytes[ $i ] );
			while ( $byte >= 248 ) {
				$byte = ord( random_bytes( 1 ) );
			}
			$nonce .= self::ALPHABET[ $byte % 62 ];
		}
		$now = time();
		$wpdb->insert(
			Installer::tables()['nonces'],
			array(
				'nonce'      => $nonce,
				'created_at' => gmdate( 'Y-m-d H:i:s', $now ),
				'expires_at' => gmdate( 'Y-m-d H:i:s', $now + $this->ttl ),
				'client_ip'  => substr( $client_ip, 0, 45 ),
			),
			array( '%s', '%s', '%s', '%s' )
		);
		return $nonce;
	}

	/**
	 * Marks the nonce used if it was issued, unused and unexpired.
	 *
	 * @since 0.1.0
	 *
	 * @return string One of CONSUMED, UNKNOWN, USED, EXPIRED.
	 */
	public function consume( string $nonce ): string {
		global $wpdb;
		$table = Installer::tables()['nonces'];
		$now   = gmdate( 'Y-m-d H:i:s' );
		$rows  = $wpdb->query(
			$wpdb->prepare( 'UPDATE %i SET used_at = %s WHERE nonce = %s AND used_at IS NULL AND expires_at > %s', $table, $now, $nonce, $now )
		);
		if ( 1 === $rows ) {
			return self::CONSUMED;
		}
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT used_at FROM %i WHERE nonce = %s', $table, $nonce ), ARRAY_A );
		if ( null === $row ) {
			return self::UNKNOWN;
		}
		return null !== $row['used_at'] ? self::USED : self::EXPIRED;
	}

	/**
	 * How many nonces an address asked for in the last $seconds.
	 */
	public function recent_count( string $client_ip, int $seconds ): int {
		global $wpdb;
		return (int) $wpdb->get_var(
			$wpdb->prepare(
				'SELECT COUNT(*) FROM %i WHERE client_ip = %s AND created_at > %s',
				Installer::tables()['nonces'],
				$client_ip,
				gmdate( 'Y-m-d H:i:s', time() - $seconds )
			)
		);
	}
}
