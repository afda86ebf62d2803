<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Storage\Installer;

/**
 * uninstall.php keeps everything unless the admin opted in. Runs the real file; the tables are
 * recreated afterwards (DDL commits, so this test restores what it removes). Also run on a
 * persistent object cache (SP_OBJECT_CACHE=redis).
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

	/**
	 * Options rows the plugin wrote: its settings, schema version and cache rows (current and
	 * earlier names).
	 *
	 * @return list<string>
	 */
	private static function option_rows(): array {
		global $wpdb;
		return $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%sovereign\\_press%' OR option_name LIKE '\\_transient%sp\\_gate\\_%' OR option_name LIKE '\\_transient%sp\\_token\\_%'" );
	}

	/**
	 * Requests sent to the node while $action runs.
	 */
	private static function requests( callable $action ): int {
		$requests = 0;
		$count    = static function ( $pre ) use ( &$requests ) {
			++$requests;
			return $pre;
		};
		add_filter( 'pre_http_request', $count );
		$action();
		remove_filter( 'pre_http_request', $count );
		return $requests;
	}

	/**
	 * Looks up the demo token as an editor does (GET /tokens).
	 */
	private function token_lookup(): void {
		$this->log_in_as( 'editor' );
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/tokens' );
		$request->set_query_params( array( 'chainId' => 31337, 'contract' => self::deployment()['contracts']['token'] ) );
		$this->assertSame( 'SVOTE', rest_do_request( $request )->get_data()['symbol'] ?? null );
		wp_set_current_user( 0 );
	}

	private function ens_lookup(): void {
		$ens = \SovereignPress\Plugin::instance()->ens_profile()->lookup( self::deployment()['wallets'][1]['address'] );
		$this->assertSame( 'citizen.society.eth', $ens['name'] ?? null );
	}

	public function test_uninstall_removes_data_only_when_the_admin_opted_in(): void {
		$tables = Installer::tables();
		$local = array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'explorerUrl' => '' );
		$ens   = array( 'ensChainId' => 31337 ) + WalletLoginSettings::DEFAULTS;
		update_option( Settings::OPTION, array( 'networks' => array( $local ), 'deleteDataOnUninstall' => false ) );
		update_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta', 'kept' );

		self::run_uninstall();

		$this->assertTrue( self::table_exists( $tables['wallets'] ), 'Opted out: tables stay.' );
		$this->assertNotFalse( get_option( Settings::OPTION, false ) );
		$this->assertSame( 'kept', get_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta', true ) );

		update_option( Settings::OPTION, array( 'networks' => array( $local ), 'walletLogin' => $ens, 'deleteDataOnUninstall' => true ) );
		$post_id = wp_insert_post( array( 'post_title' => 'Gated', 'post_status' => 'publish', 'meta_input' => array( \SovereignPress\Gating\Gates::META => array( 'rule' => array( 'type' => 'member' ) ) ) ) );
		( new \SovereignPress\Gating\HoldingsCache( new \SovereignPress\Storage\Cache( 'holdings', 60 ) ) )->set_many( 31337, array( 'k' => array( 'success' => true, 'data' => 'x' ) ) );
		$this->token_lookup();
		$this->ens_lookup();
		wp_cache_flush_runtime();
		$this->assertSame( 0, self::requests( fn() => $this->token_lookup() ) + self::requests( fn() => $this->ens_lookup() ), 'The caches are warm.' );
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
			$this->assertSame( array(), self::option_rows(), 'No options row is left.' );
			$this->assertSame( array(), ( new \SovereignPress\Gating\HoldingsCache( new \SovereignPress\Storage\Cache( 'holdings', 60 ) ) )->get_many( 31337, array( 'k' ) ) );

			// Installed and configured again: nothing cached before is served.
			update_option( Settings::OPTION, array( 'networks' => array( $local ), 'walletLogin' => $ens ) );
			$this->assertSame( 1, self::requests( fn() => $this->token_lookup() ), 'The token is read again.' );
			$this->assertGreaterThan( 0, self::requests( fn() => $this->ens_lookup() ), 'The name is looked up again.' );
		} finally {
			delete_option( Settings::OPTION );
			wp_delete_post( $post_id, true );
			Installer::activate();
			delete_user_meta( self::user_id( 'admin' ), 'sovereign_press_test_meta' );
		}
		$this->assertTrue( self::table_exists( $tables['wallets'] ), 'Reactivation restores the tables.' );
	}
}
