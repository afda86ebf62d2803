<?php
/**
 * Sign-in nonces: issued from a CSPRNG, stored with an expiry and bound to the browser that asked,
 * consumed exactly once.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Storage\Installer;

/**
 * Each nonce is issued with a random binding secret (NonceCookie carries it to the browser); the
 * row keeps only its SHA-256. Consumption needs the secret, and is one UPDATE whose affected-row
 * count decides, so a replay or two concurrent requests with the same nonce can never both
 * succeed. Used and expired rows stay a day, so a replay is reported as such.
 *
 * @since 0.1.0
 */
final class NonceStore {

	public const CONSUMED  = 'consumed';
	public const UNKNOWN   = 'unknown';
	public const USED      = 'used';
	public const EXPIRED   = 'expired';
	/** Presented without the binding secret it was issued with: another browser's nonce. */
	public const NOT_YOURS = 'not_yours';

	private const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

	/**
	 * @param int $ttl Seconds a nonce stays valid.
	 */
	public function __construct( private int $ttl = 600 ) {}

	/**
	 * Seconds a nonce stays valid.
	 */
	public function ttl(): int {
		return $this->ttl;
	}

	/**
	 * What the store keeps of a binding secret.
	 *
	 * @since 0.1.0
	 */
	public static function binding( string $secret ): string {
		return hash( 'sha256', $secret );
	}

	/**
	 * A fresh nonce of 24 letters and digits (about 143 bits) and its binding secret (256 bits,
	 * hex), which only the browser gets.
	 *
	 * @since 0.1.0
	 *
	 * @return array{nonce:string, secret:string}
	 */
	public function issue( string $client_ip ): array {
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
		$secret = bin2hex( random_bytes( 32 ) );
		$now    = time();
		$wpdb->insert(
			Installer::tables()['nonces'],
			array(
				'nonce'      => $nonce,
				'created_at' => gmdate( 'Y-m-d H:i:s', $now ),
				'expires_at' => gmdate( 'Y-m-d H:i:s', $now + $this->ttl ),
				'client_ip'  => substr( $client_ip, 0, 45 ),
				'binding'    => self::binding( $secret ),
			),
			array( '%s', '%s', '%s', '%s', '%s' )
		);
		return array(
			'nonce'  => $nonce,
			'secret' => $secret,
		);
	}

	/**
	 * Marks the nonce used if it was issued, unused and unexpired, and the secret is the one it
	 * was issued with. A wrong or missing secret leaves the nonce to its own browser.
	 *
	 * The column compares without regard to case (MariaDB's `_ci` collations, and SQLite on
	 * Playground), so the row found is compared again here, exactly: a nonce with its letters in
	 * another case is not the one issued.
	 *
	 * @since 0.1.0
	 *
	 * @param string $secret The binding secret the request carries ('' for none).
	 * @return array{state:string, nonce:string, client:string} state: one of CONSUMED, UNKNOWN,
	 *                                                          USED, EXPIRED, NOT_YOURS; nonce: the
	 *                                                          nonce as issued and client: the
	 *                                                          address it was issued to ('' when
	 *                                                          unknown).
	 */
	public function consume( string $nonce, string $secret ): array {
		global $wpdb;
		$table = Installer::tables()['nonces'];
		$now   = gmdate( 'Y-m-d H:i:s' );
		$row   = $wpdb->get_row( $wpdb->prepare( 'SELECT nonce, binding, used_at, expires_at, client_ip FROM %i WHERE nonce = %s', $table, $nonce ), ARRAY_A );
		if ( null === $row || ! hash_equals( (string) $row['nonce'], $nonce ) ) {
			return array( 'state' => self::UNKNOWN, 'nonce' => '', 'client' => '' );
		}
		$issued = (string) $row['nonce'];
		$client = (string) $row['client_ip'];
		if ( null !== $row['used_at'] ) {
			return array( 'state' => self::USED, 'nonce' => $issued, 'client' => $client );
		}
		if ( $row['expires_at'] <= $now ) {
			return array( 'state' => self::EXPIRED, 'nonce' => $issued, 'client' => $client );
		}
		if ( '' === $secret || ! hash_equals( (string) $row['binding'], self::binding( $secret ) ) ) {
			return array( 'state' => self::NOT_YOURS, 'nonce' => $issued, 'client' => $client );
		}
		$rows = $wpdb->query(
			$wpdb->prepare( 'UPDATE %i SET used_at = %s WHERE nonce = %s AND used_at IS NULL AND expires_at > %s', $table, $now, $issued, $now )
		);
		// No row: a concurrent request with the same nonce and secret consumed it first.
		return array( 'state' => 1 === $rows ? self::CONSUMED : self::USED, 'nonce' => $issued, 'client' => $client );
	}

	/**
	 * How many nonces the whole site holds unused and unexpired.
	 *
	 * @since 0.4.0
	 */
	public function unused_site_wide(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM %i WHERE expires_at > %s AND used_at IS NULL', Installer::tables()['nonces'], gmdate( 'Y-m-d H:i:s' ) ) );
	}

	/**
	 * What an address's nonces cost, in one query over its rows: how many it holds unused and
	 * unexpired, how many of its verifications failed in the last $seconds, and how many of its
	 * nonces were used in the last $seconds without failing (sign-ins it completed, or whose
	 * contract-wallet check the node refused at once).
	 *
	 * @since 0.4.0
	 *
	 * @return array{unused:int, failures:int, completed:int}
	 */
	public function usage( string $client_ip, int $seconds ): array {
		global $wpdb;
		$now   = gmdate( 'Y-m-d H:i:s' );
		$since = gmdate( 'Y-m-d H:i:s', time() - $seconds );
		$row   = $wpdb->get_row(
			$wpdb->prepare(
				'SELECT SUM( used_at IS NULL AND expires_at > %s ) AS unused, SUM( failed_at > %s ) AS failures, SUM( used_at > %s AND failed_at IS NULL ) AS completed FROM %i WHERE client_ip = %s',
				$now,
				$since,
				$since,
				Installer::tables()['nonces'],
				$client_ip
			),
			ARRAY_A
		);
		return array(
			'unused'    => (int) ( $row['unused'] ?? 0 ),
			'failures'  => (int) ( $row['failures'] ?? 0 ),
			'completed' => (int) ( $row['completed'] ?? 0 ),
		);
	}

	/**
	 * Records that the message carrying this (consumed) nonce failed verification.
	 *
	 * @since 0.4.0
	 */
	public function fail( string $nonce ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE %i SET failed_at = %s WHERE nonce = %s', Installer::tables()['nonces'], gmdate( 'Y-m-d H:i:s' ), $nonce ) );
	}
}
