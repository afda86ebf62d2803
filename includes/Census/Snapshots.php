<?php
/**
 * The census's daily snapshots: the figures of each UTC day, as of its last block synced.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Storage\Installer;

/**
 * One row per UTC day of the snapshot's main block (the day its figures are true of, not the day
 * the sync ran: a sync capped at a past block fills that block's day; a later sync of the same
 * day replaces it). The JSON columns (blocks, sources,
 * treasury, economy) are decoded on read. Every save draws a new version, so that readers can
 * cache under version() in their keys and never serve an older snapshot.
 *
 * @since 0.3.0
 */
final class Snapshots {

	/** Option holding the version of the latest save (autoloaded, read for free). */
	public const VERSION_OPTION = 'sovereign_press_census_version';

	/** Object-cache group whose last_changed versions the snapshots with a persistent object cache. */
	public const GROUP = 'sovereign_press_census';

	private const JSON = array( 'blocks', 'sources', 'treasury', 'economy' );

	/**
	 * Saves the snapshot of its block's day (replacing the one of the same day) and returns its id.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed> $row Columns of census_snapshots (JSON columns as arrays); day
	 *                                  defaults to the UTC day of block_time.
	 */
	public function save( array $row ): int {
		global $wpdb;
		$table = Installer::tables()['census_snapshots'];
		foreach ( self::JSON as $column ) {
			$row[ $column ] = (string) wp_json_encode( $row[ $column ] ?? array() );
		}
		$row['taken_at'] ??= gmdate( 'Y-m-d H:i:s' );
		$row['day']      ??= gmdate( 'Y-m-d', (int) strtotime( ( $row['block_time'] ?? $row['taken_at'] ) . ' UTC' ) );
		unset( $row['id'] );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i WHERE day = %s', $table, $row['day'] ) );
		$wpdb->insert( $table, $row );
		$id = (int) $wpdb->insert_id;
		update_option( self::VERSION_OPTION, $id . '.' . bin2hex( random_bytes( 4 ) ), true );
		if ( wp_using_ext_object_cache() ) {
			wp_cache_set_last_changed( self::GROUP );
		}
		return $id;
	}

	/**
	 * The version of the snapshots (changes with every save): a cache key part. With a persistent
	 * object cache it also includes a last_changed key of its own, which core's alloptions race
	 * cannot roll back (see Storage\Cache).
	 *
	 * @since 0.3.0
	 */
	public function version(): string {
		$version = (string) get_option( self::VERSION_OPTION, '0' );
		return wp_using_ext_object_cache() ? $version . '|' . wp_cache_get_last_changed( self::GROUP ) : $version;
	}

	/**
	 * @since 0.3.0
	 *
	 * @return array<string, mixed>|null
	 */
	public function latest(): ?array {
		global $wpdb;
		return self::decode( $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM %i ORDER BY day DESC LIMIT 1', Installer::tables()['census_snapshots'] ), ARRAY_A ) );
	}

	/**
	 * The snapshot of a UTC day (Y-m-d), if any.
	 *
	 * @since 0.3.0
	 *
	 * @return array<string, mixed>|null
	 */
	public function of_day( string $day ): ?array {
		global $wpdb;
		return self::decode( $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM %i WHERE day = %s', Installer::tables()['census_snapshots'], $day ), ARRAY_A ) );
	}

	/**
	 * @since 0.3.0
	 *
	 * @return array<string, mixed>|null
	 */
	public function find( int $id ): ?array {
		global $wpdb;
		return self::decode( $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM %i WHERE id = %d', Installer::tables()['census_snapshots'], $id ), ARRAY_A ) );
	}

	/**
	 * The snapshots of the last $days days, oldest first.
	 *
	 * @since 0.3.0
	 *
	 * @return list<array<string, mixed>>
	 */
	public function history( int $days ): array {
		global $wpdb;
		$rows = $wpdb->get_results(
			$wpdb->prepare( 'SELECT * FROM %i WHERE day >= %s ORDER BY day ASC', Installer::tables()['census_snapshots'], gmdate( 'Y-m-d', time() - ( max( 1, $days ) - 1 ) * DAY_IN_SECONDS ) ),
			ARRAY_A
		);
		return array_values( array_filter( array_map( array( self::class, 'decode' ), $rows ) ) );
	}

	/**
	 * @param array<string, mixed>|null $row A row as stored.
	 * @return array<string, mixed>|null
	 */
	private static function decode( ?array $row ): ?array {
		if ( null === $row ) {
			return null;
		}
		foreach ( array( 'id', 'chain_id', 'block_number', 'population', 'tree' ) as $int ) {
			$row[ $int ] = (int) $row[ $int ];
		}
		foreach ( self::JSON as $column ) {
			$row[ $column ] = json_decode( (string) $row[ $column ], true ) ?? array();
		}
		return $row;
	}
}
