<?php
/**
 * Creates and upgrades the plugin's tables; clears its cron events on deactivation.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Storage;

/**
 * Schema owner. Table changes bump SCHEMA_VERSION; dbDelta brings any older install up to date.
 *
 * @since 0.1.0
 */
final class Installer {

	public const SCHEMA_VERSION        = 7;
	public const SCHEMA_VERSION_OPTION = 'sovereign_press_schema_version';
	public const CLEANUP_HOOK          = 'sovereign_press_cleanup';
	public const CENSUS_HOOK           = 'sovereign_press_census_sync';

	/**
	 * Every cron hook the plugin schedules, so deactivation leaves none behind.
	 */
	public const CRON_HOOKS = array( self::CLEANUP_HOOK, self::CENSUS_HOOK );

	/**
	 * Table names without the site prefix.
	 *
	 * @return array{wallets:string, nonces:string, census_sources:string, census_holders:string, census_journal:string, census_blocks:string, census_daily:string, census_leaves:string, census_tree_members:string, census_nodes:string, census_snapshots:string, census_state:string}
	 */
	public static function tables(): array {
		global $wpdb;
		$prefix = $wpdb->prefix . 'sovereign_press_';
		return array(
			'wallets'             => $prefix . 'wallets',
			'nonces'              => $prefix . 'nonces',
			'census_sources'      => $prefix . 'census_sources',
			'census_holders'      => $prefix . 'census_holders',
			'census_journal'      => $prefix . 'census_journal',
			'census_blocks'       => $prefix . 'census_blocks',
			'census_daily'        => $prefix . 'census_daily',
			'census_leaves'       => $prefix . 'census_leaves',
			'census_tree_members' => $prefix . 'census_tree_members',
			'census_nodes'        => $prefix . 'census_nodes',
			'census_snapshots'    => $prefix . 'census_snapshots',
			'census_state'        => $prefix . 'census_state',
		);
	}

	/**
	 * Activation hook.
	 *
	 * @since 0.1.0
	 */
	public static function activate(): void {
		self::install_schema();
		if ( ! wp_next_scheduled( self::CLEANUP_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::CLEANUP_HOOK );
		}
	}

	/**
	 * Deactivation hook: data stays, scheduled work goes.
	 *
	 * @since 0.1.0
	 */
	public static function deactivate(): void {
		foreach ( self::CRON_HOOKS as $hook ) {
			wp_clear_scheduled_hook( $hook );
		}
	}

	/**
	 * Runs dbDelta when the stored schema is older than the code (an update without reactivation).
	 *
	 * @since 0.1.0
	 */
	public static function maybe_upgrade(): void {
		if ( (int) get_option( self::SCHEMA_VERSION_OPTION, 0 ) < self::SCHEMA_VERSION ) {
			self::install_schema();
		}
	}

	/**
	 * Removes sign-in nonces a day after they expired (daily cron). Until then a replay is still
	 * reported as "already used" or "expired" rather than "unknown".
	 *
	 * @since 0.1.0
	 */
	public static function cleanup(): void {
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare( 'DELETE FROM %i WHERE expires_at < %s', self::tables()['nonces'], gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ) )
		);
	}

	private static function install_schema(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';

		$charset = $wpdb->get_charset_collate();
		$tables  = self::tables();

		// dbDelta wants two spaces after PRIMARY KEY and one definition per line.
		dbDelta(
			"CREATE TABLE {$tables['wallets']} (
				id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				address char(42) NOT NULL,
				user_id bigint(20) unsigned NOT NULL,
				chain_id bigint(20) unsigned NOT NULL DEFAULT 1,
				linked_at datetime NOT NULL,
				PRIMARY KEY  (id),
				UNIQUE KEY address (address),
				KEY user_id (user_id)
			) $charset;"
		);
		dbDelta(
			"CREATE TABLE {$tables['nonces']} (
				nonce varchar(64) NOT NULL,
				created_at datetime NOT NULL,
				expires_at datetime NOT NULL,
				client_ip varchar(45) NOT NULL DEFAULT '',
				binding char(64) NOT NULL DEFAULT '',
				used_at datetime DEFAULT NULL,
				failed_at datetime DEFAULT NULL,
				PRIMARY KEY  (nonce),
				KEY expires_at (expires_at),
				KEY client_ip (client_ip)
			) $charset;"
		);

		self::install_census_schema( $tables, $charset );

		update_option( self::SCHEMA_VERSION_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * The census tables. Addresses are lowercase 0x hex; token amounts are decimal strings
	 * left-padded with zeros to 78 digits, so that SQL compares them as numbers.
	 *
	 * @param array<string, string> $tables  Table names.
	 * @param string                $charset Collation clause.
	 */
	private static function install_census_schema( array $tables, string $charset ): void {
		$definitions = array(
			// One row per configured token: where its scan stands.
			'census_sources'      => "source varchar(32) NOT NULL,
				fingerprint char(64) NOT NULL,
				chain_id bigint(20) unsigned NOT NULL,
				next_block bigint(20) unsigned NOT NULL,
				checkpoint_hash char(66) NOT NULL DEFAULT '',
				range_size int(10) unsigned NOT NULL DEFAULT 2000,
				clean_slices int(10) unsigned NOT NULL DEFAULT 0,
				decimals tinyint(3) unsigned NOT NULL DEFAULT 0,
				threshold char(78) NOT NULL DEFAULT '',
				head bigint(20) unsigned NOT NULL DEFAULT 0,
				updated_at datetime NOT NULL,
				PRIMARY KEY  (source)",
			// Balance of each address that ever held a configured token; for the economy token, also the
			// last UTC day the address sent or received it (its active addresses).
			'census_holders'      => "source varchar(32) NOT NULL,
				address char(42) NOT NULL,
				balance char(78) NOT NULL,
				member tinyint(1) unsigned NOT NULL DEFAULT 0,
				active_day date DEFAULT NULL,
				PRIMARY KEY  (source,address),
				KEY member_address (member,address)",
			// What a slice a reorg could still undo changed, as it was before: a holder's balance (kind 0)
			// or a day's transfers and volume (kind 1, volume in balance).
			'census_journal'      => "id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				source varchar(32) NOT NULL,
				block bigint(20) unsigned NOT NULL,
				kind tinyint(3) unsigned NOT NULL DEFAULT 0,
				address char(42) NOT NULL,
				day date DEFAULT NULL,
				balance char(78) NOT NULL,
				transfers bigint(20) unsigned NOT NULL DEFAULT 0,
				PRIMARY KEY  (id),
				KEY source_block (source,block)",
			// Hashes of recent checkpoints, to find where a reorg forked.
			'census_blocks'       => "source varchar(32) NOT NULL,
				block bigint(20) unsigned NOT NULL,
				hash char(66) NOT NULL,
				PRIMARY KEY  (source,block)",
			// The economy token's transfers per UTC day.
			'census_daily'        => "source varchar(32) NOT NULL,
				day date NOT NULL,
				transfers bigint(20) unsigned NOT NULL DEFAULT 0,
				volume char(78) NOT NULL,
				PRIMARY KEY  (source,day)",
			// Merkle leaf of an address (keccak256(keccak256(abi.encode(address)))), computed once.
			// Census tree tables compare addresses as bytes (ascii_bin): cheaper by the million.
			'census_leaves'       => "address char(42) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
				leaf binary(32) NOT NULL,
				PRIMARY KEY  (address)",
			// The member set a tree was built from, fixed when the build began.
			'census_tree_members' => "tree bigint(20) unsigned NOT NULL,
				address char(42) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
				PRIMARY KEY  (tree,address)",
			// A tree's nodes and leaf addresses, in fixed-size chunks of its array layout.
			'census_nodes'        => "tree bigint(20) unsigned NOT NULL,
				kind tinyint(3) unsigned NOT NULL,
				chunk int(10) unsigned NOT NULL,
				data mediumblob NOT NULL,
				PRIMARY KEY  (tree,kind,chunk)",
			// One row per UTC day: the figures of that day's last sync.
			'census_snapshots'    => "id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
				day date NOT NULL,
				taken_at datetime NOT NULL,
				chain_id bigint(20) unsigned NOT NULL,
				block_number bigint(20) unsigned NOT NULL,
				block_hash char(66) NOT NULL,
				block_time datetime NOT NULL,
				population bigint(20) unsigned NOT NULL,
				root char(66) NOT NULL,
				tree bigint(20) unsigned NOT NULL DEFAULT 0,
				blocks longtext NOT NULL,
				sources longtext NOT NULL,
				treasury longtext NOT NULL,
				economy longtext NOT NULL,
				PRIMARY KEY  (id),
				UNIQUE KEY day (day)",
			// The indexer's lease (one runner at a time) and its job state.
			'census_state'        => "name varchar(64) NOT NULL,
				owner varchar(64) NOT NULL DEFAULT '',
				lease_until datetime DEFAULT NULL,
				value longtext NOT NULL,
				PRIMARY KEY  (name)",
		);
		foreach ( $definitions as $key => $columns ) {
			dbDelta( "CREATE TABLE {$tables[ $key ]} (\n\t\t\t\t{$columns}\n\t\t\t) $charset;" );
		}
		// Schema 6: census_holders lost its key on address alone (member lookups use member_address;
		// every upsert paid for it). dbDelta adds keys but never drops them.
		global $wpdb;
		if ( null !== $wpdb->get_var( $wpdb->prepare( 'SHOW INDEX FROM %i WHERE Key_name = %s', $tables['census_holders'], 'address' ) ) ) {
			$wpdb->query( $wpdb->prepare( 'ALTER TABLE %i DROP INDEX address', $tables['census_holders'] ) );
		}
	}
}
