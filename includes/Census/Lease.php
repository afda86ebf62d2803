<?php
/**
 * One census runner at a time: a lease in the database that a crashed run cannot keep.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Storage\Installer;

/**
 * The census_state row `lease`: its owner and the time it runs out. Taking it is one atomic
 * UPDATE that succeeds only when it is free, expired or already ours; a run that dies keeps it
 * only until it expires. Two processes asking at once: the database lets exactly one have it.
 *
 * @since 0.3.0
 */
final class Lease {

	private const NAME = 'lease';

	/**
	 * Takes the lease for $seconds, or extends it when $owner holds it.
	 *
	 * @since 0.3.0
	 */
	public function acquire( string $owner, int $seconds ): bool {
		global $wpdb;
		$table = Installer::tables()['census_state'];
		$now   = time();
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO %i (name, owner, lease_until, value) VALUES (%s, '', NULL, '')", $table, self::NAME ) );
		$wpdb->query(
			$wpdb->prepare(
				"UPDATE %i SET owner = %s, lease_until = %s WHERE name = %s AND (owner = '' OR owner = %s OR lease_until IS NULL OR lease_until < %s)",
				$table,
				$owner,
				gmdate( 'Y-m-d H:i:s', $now + max( 1, $seconds ) ),
				self::NAME,
				$owner,
				gmdate( 'Y-m-d H:i:s', $now )
			)
		);
		return $owner === $this->owner();
	}

	/** Extends a lease $owner holds; false when it lost it (it expired and another took it). */
	public function renew( string $owner, int $seconds ): bool {
		return $this->acquire( $owner, $seconds );
	}

	/** Gives the lease back, if $owner still holds it. */
	public function release( string $owner ): void {
		global $wpdb;
		$wpdb->query( $wpdb->prepare( "UPDATE %i SET owner = '', lease_until = NULL WHERE name = %s AND owner = %s", Installer::tables()['census_state'], self::NAME, $owner ) );
	}

	/** Who holds the lease now ('' when nobody, or when it expired). */
	public function owner(): string {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT owner, lease_until FROM %i WHERE name = %s', Installer::tables()['census_state'], self::NAME ), ARRAY_A );
		if ( ! is_array( $row ) || null === $row['lease_until'] || strtotime( $row['lease_until'] . ' UTC' ) < time() ) {
			return '';
		}
		return (string) $row['owner'];
	}
}
