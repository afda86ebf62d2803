<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Admin\Settings;
use SovereignPress\Installer;

/**
 * uninstall.php keeps everything unless the admin opted in. Runs the real file; the tables are
 * recreated afterwards (DDL commits, so this test restores what it removes).
 */
final class UninstallTest extends TestCase {

	private static function table_exists( string $table ): bool {
		global $wpdb;
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $table ) );
	}

	private static function run_uninstall(): void {
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'sovereign-press/plugin.php' );
		}
		include dirname( __DIR__, 3 ) . '/uninstall.php';
	}

	public function test_uninstall_removes_data_only_when_the_admin_opted_in(): void {
		$tables = Installer::tables();
		$local = array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => 'http://127.0.0.1:8545', 'explorerUrl' => '' );
		update_option( Settings::OPTION, array( 'networks' => array( $local ), 'deleteDataOnUninstall' => false ) );
		update_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta', 'kept' );

		self::run_uninstall();

		$this->assertTrue( self::table_exists( $tables['wallets'] ), 'Opted out: tables stay.' );
		$this->assertNotFalse( get_option( Settings::OPTION, false ) );
		$this->assertSame( 'kept', get_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta', true ) );

		update_option( Settings::OPTION, array( 'networks' => array( $local ), 'deleteDataOnUninstall' => true ) );
		$post_id = wp_insert_post( array( 'post_title' => 'Gated', 'post_status' => 'publish', 'meta_input' => array( \SovereignPress\Gating\Gates::META => array( 'rule' => array( 'type' => 'member' ) ) ) ) );
		( new \SovereignPress\Gating\HoldingsCache( 60 ) )->set_many( 31337, array( 'k' => array( 'success' => true, 'data' => 'x' ) ) );
		try {
			self::run_uninstall();

			foreach ( $tables as $table ) {
				$this->assertFalse( self::table_exists( $table ), "{$table} is dropped." );
			}
			$this->assertFalse( get_option( Settings::OPTION, false ) );
			$this->assertFalse( get_option( Installer::SCHEMA_VERSION_OPTION, false ) );
			wp_cache_flush_runtime();
			$this->assertSame( '', get_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta', true ) );
			$this->assertSame( '', get_post_meta( $post_id, \SovereignPress\Gating\Gates::META, true ) );
			$this->assertSame( '', get_post_meta( $post_id, \SovereignPress\Gating\Gates::FLAG, true ) );
			$this->assertSame( array(), ( new \SovereignPress\Gating\HoldingsCache( 60 ) )->get_many( 31337, array( 'k' ) ) );
		} finally {
			wp_delete_post( $post_id, true );
			Installer::activate();
			delete_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta' );
		}
		$this->assertTrue( self::table_exists( $tables['wallets'] ), 'Reactivation restores the tables.' );
	}
}
