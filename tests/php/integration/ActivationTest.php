<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Storage\Installer;

final class ActivationTest extends TestCase {

	public function test_activation_created_the_tables_with_their_keys(): void {
		global $wpdb;
		foreach ( Installer::tables() as $table ) {
			$this->assertSame( $table, $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $table ) ) );
		}
		$keys = $wpdb->get_results( $wpdb->prepare( 'SHOW INDEX FROM %i', Installer::tables()['wallets'] ), ARRAY_A );
		$unique = array();
		foreach ( $keys as $key ) {
			$unique[ $key['Key_name'] ] = '0' === (string) $key['Non_unique'];
		}
		$this->assertTrue( $unique['address'], 'Wallet addresses are unique.' );
		$this->assertFalse( $unique['user_id'], 'Wallets are indexed by user.' );
	}

	public function test_activation_stores_the_schema_version(): void {
		$this->assertSame( Installer::SCHEMA_VERSION, (int) get_option( Installer::SCHEMA_VERSION_OPTION ) );
	}

	public function test_deactivation_clears_every_cron_event_and_activation_restores_them(): void {
		Installer::activate();
		$this->assertNotFalse( wp_next_scheduled( Installer::CLEANUP_HOOK ) );

		Installer::deactivate();
		foreach ( Installer::CRON_HOOKS as $hook ) {
			$this->assertFalse( wp_next_scheduled( $hook ), "{$hook} is still scheduled." );
		}

		Installer::activate();
		$this->assertNotFalse( wp_next_scheduled( Installer::CLEANUP_HOOK ) );
	}

	public function test_an_older_stored_schema_is_upgraded_on_load(): void {
		update_option( Installer::SCHEMA_VERSION_OPTION, 0 );
		Installer::maybe_upgrade();
		$this->assertSame( Installer::SCHEMA_VERSION, (int) get_option( Installer::SCHEMA_VERSION_OPTION ) );
	}

	public function test_an_install_from_before_nonce_binding_gets_the_binding_column(): void {
		global $wpdb;
		$table = Installer::tables()['nonces'];
		$wpdb->query( $wpdb->prepare( 'ALTER TABLE %i DROP COLUMN binding', $table ) );
		update_option( Installer::SCHEMA_VERSION_OPTION, 2 );

		Installer::maybe_upgrade();
		// DDL commits implicitly, so the rollback after this test cannot restore anything: keep the
		// upgraded state for the tests that follow.
		$wpdb->query( 'COMMIT' );

		$this->assertSame( 'binding', $wpdb->get_var( $wpdb->prepare( 'SHOW COLUMNS FROM %i LIKE %s', $table, 'binding' ) ) );
		$this->assertSame( Installer::SCHEMA_VERSION, (int) get_option( Installer::SCHEMA_VERSION_OPTION ) );
	}

	public function test_cleanup_removes_only_nonces_expired_for_a_day(): void {
		global $wpdb;
		$table = Installer::tables()['nonces'];
		$now   = time();
		$wpdb->insert( $table, array( 'nonce' => 'expired1', 'created_at' => gmdate( 'Y-m-d H:i:s', $now - DAY_IN_SECONDS - 900 ), 'expires_at' => gmdate( 'Y-m-d H:i:s', $now - DAY_IN_SECONDS - 60 ) ) );
		$wpdb->insert( $table, array( 'nonce' => 'recent01', 'created_at' => gmdate( 'Y-m-d H:i:s', $now - 900 ), 'expires_at' => gmdate( 'Y-m-d H:i:s', $now - 60 ) ) );
		$wpdb->insert( $table, array( 'nonce' => 'current1', 'created_at' => gmdate( 'Y-m-d H:i:s', $now ), 'expires_at' => gmdate( 'Y-m-d H:i:s', $now + 600 ) ) );

		Installer::cleanup();

		$this->assertSame( array( 'current1', 'recent01' ), $wpdb->get_col( $wpdb->prepare( 'SELECT nonce FROM %i WHERE nonce IN (%s, %s, %s) ORDER BY nonce', $table, 'expired1', 'current1', 'recent01' ) ) );
	}

	public function test_the_plugin_row_links_to_the_settings_screen(): void {
		$links = apply_filters( 'plugin_action_links_sovereign-press/plugin.php', array() );
		$this->assertArrayHasKey( 'settings', $links );
		$this->assertStringContainsString( 'options-general.php?page=sovereign-press', $links['settings'] );
	}
}
