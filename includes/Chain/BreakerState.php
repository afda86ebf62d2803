<?php
/**
 * The shared state of one network's circuit breaker.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Storage\Cache;

/**
 * One record per network and RPC URL, seen by every web node and process of the site: in the
 * persistent object cache when there is one (group `sovereign_press`), else in a row of the options
 * table (JSON, not autoloaded) read and written with plain SQL, so that no process reads a stale
 * copy from its own memory. The record is state, not a cache: a settings change does not clear it (a changed
 * URL is another record).
 *
 * The one probe after an open period is claimed atomically: with an object cache by adding a key
 * named after that period (an add succeeds once, in Redis and Memcached alike); in the database
 * by a compare-and-swap of the row. A claim lapses after its lease, so a killed probe does not
 * keep the network closed.
 *
 * @phpstan-type Record array{open:float, checked:int}
 *
 * @since 0.4.0
 */
final class BreakerState {

	/** Seconds a record stays in the object cache after its last write. */
	private const KEEP = 86400;

	/** What was last read from the database (the compare of the compare-and-swap). */
	private ?string $raw = null;

	/**
	 * @param string $name Name of the record (at most 64 characters).
	 */
	public function __construct( private string $name ) {}

	/**
	 * The record: until when calls fail at once (microtime; 0 when closed) and until when the
	 * node's chain id holds (unix time).
	 *
	 * @return Record
	 */
	public function read(): array {
		if ( wp_using_ext_object_cache() ) {
			$found = wp_cache_get( $this->name, Cache::GROUP, true );
		} else {
			global $wpdb;
			$this->raw = $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $this->name ) );
			$found     = is_string( $this->raw ) ? json_decode( $this->raw, true ) : null;
		}
		return array(
			'open'    => is_array( $found ) && is_numeric( $found['open'] ?? null ) ? (float) $found['open'] : 0.0,
			'checked' => is_array( $found ) && is_int( $found['checked'] ?? null ) ? $found['checked'] : 0,
		);
	}

	/**
	 * @param Record $record Record.
	 */
	public function write( array $record ): void {
		if ( wp_using_ext_object_cache() ) {
			wp_cache_set( $this->name, $record, Cache::GROUP, self::KEEP );
			return;
		}
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare(
				"INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'off') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)",
				$this->name,
				wp_json_encode( $record )
			)
		);
	}

	/**
	 * Claims the one probe after the open period $record (as read()) for $lease seconds: true for
	 * exactly one caller among all processes.
	 *
	 * @param Record $record The record read.
	 * @param int    $lease  Seconds the claim holds if its probe never reports.
	 */
	public function claim( array $record, int $lease ): bool {
		if ( wp_using_ext_object_cache() ) {
			return wp_cache_add( $this->name . '_probe_' . $record['open'], 1, Cache::GROUP, $lease );
		}
		global $wpdb;
		$claimed = array(
			'open'    => microtime( true ) + $lease,
			'checked' => $record['checked'],
		);
		return 1 === $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND option_value = %s",
				wp_json_encode( $claimed ),
				$this->name,
				(string) $this->raw
			)
		);
	}
}
