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

	public const SCHEMA_VERSION        = 3;
	public const SCHEMA_VERSION_OPTION = 'sovereign_press_schema_version';
	public const CLEANUP_HOOK          = 'sovereign_press_cleanup';

	/**
	 * Every cron hook the plugin schedules, so deactivation leaves none behind.
	 */
	public const CRON_HOOKS = array( self::CLEANUP_HOOK );

	/**
	 * Table names without the site prefix.
	 *
	 * @return array{wallets:string, nonces:string}
	 */
	public static function tables(): array {
		global $wpdb;
		return array(
			'wallets' => $wpdb->prefix . 'sovereign_press_wallets',
			'nonces'  => $wpdb->prefix . 'sovereign_press_nonces',
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
				PRIMARY KEY  (nonce),
				KEY expires_at (expires_at),
				KEY client_ip (client_ip)
			) $charset;"
		);

		update_option( self::SCHEMA_VERSION_OPTION, self::SCHEMA_VERSION, true );
	}
}
