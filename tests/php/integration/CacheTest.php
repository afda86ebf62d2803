<?php
/**
 * The plugin's caches (holdings, token descriptions, ENS names) keep answers and are cleared by
 * saving the settings, wherever the site keeps them: transient rows in the options table, or a
 * persistent object cache in the run with SP_OBJECT_CACHE=redis (scripts/test-integration.mjs).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Gating\HoldingsCache;
use SovereignPress\Storage\Cache;
use SovereignPress\Plugin;

final class CacheTest extends TestCase {

	/** HTTP requests sent to the node since the test began. */
	private int $requests = 0;

	/** @var \Closure(mixed): mixed */
	private \Closure $count;

	protected function setUp(): void {
		parent::setUp();
		update_option( Settings::OPTION, self::settings( 60 ) );
		$this->count = function ( $pre ) {
			++$this->requests;
			return $pre;
		};
		add_filter( 'pre_http_request', $this->count );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', $this->count );
		parent::tearDown();
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function settings( int $ttl ): array {
		return array(
			'networks'    => array(
				array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'explorerUrl' => '' ),
			),
			'gating'      => array( 'cacheTtl' => $ttl ),
			'walletLogin' => array( 'ensChainId' => 31337 ) + WalletLoginSettings::DEFAULTS,
		);
	}

	/**
	 * Requests sent to the node while $action runs.
	 */
	private function requests( callable $action ): int {
		$before = $this->requests;
		$action();
		return $this->requests - $before;
	}

	/**
	 * Saves the settings as an administrator does, through /wp/v2/settings.
	 */
	private function save_settings( int $ttl ): void {
		$user = get_current_user_id();
		$this->log_in_as( 'admin' );
		$response = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => self::settings( $ttl ) ) );
		$this->assertSame( 200, $response->get_status() );
		wp_set_current_user( $user );
	}

	private static function wallet( int $index ): string {
		return self::deployment()['wallets'][ $index ]['address'];
	}

	/**
	 * Whether the current reader holds a Citizen NFT, decided afresh for this request.
	 */
	private function citizen(): string {
		Plugin::instance()->decisions()->reset();
		return Plugin::instance()->decisions()->decide(
			array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => self::deployment()['contracts']['membership'] )
		);
	}

	private function token(): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/tokens' );
		$request->set_query_params( array( 'chainId' => 31337, 'contract' => self::deployment()['contracts']['token'] ) );
		return rest_do_request( $request );
	}

	public function test_saving_the_settings_clears_cached_holdings(): void {
		$reader = wp_insert_user( array( 'user_login' => 'cache-reader', 'user_pass' => wp_generate_password(), 'role' => 'subscriber' ) );
		$this->assertIsInt( $reader );
		Plugin::instance()->wallets()->link( $reader, self::wallet( 1 ), 31337 );
		wp_set_current_user( $reader );

		$this->assertSame( 1, $this->requests( fn() => $this->assertSame( 'granted', $this->citizen() ) ), 'Cold: one read.' );
		wp_cache_flush_runtime();
		$this->assertSame( 0, $this->requests( fn() => $this->assertSame( 'granted', $this->citizen() ) ), 'Warm, in a later request: none.' );

		$this->save_settings( 120 );
		wp_cache_flush_runtime();
		$this->assertSame( 1, $this->requests( fn() => $this->assertSame( 'granted', $this->citizen() ) ), 'Saving the settings clears the holdings.' );
	}

	public function test_token_descriptions_are_cached_and_cleared_with_the_settings(): void {
		$this->log_in_as( 'editor' );
		$this->assertSame( 1, $this->requests( fn() => $this->assertSame( 'SVOTE', $this->token()->get_data()['symbol'] ) ) );
		wp_cache_flush_runtime();
		$this->assertSame( 0, $this->requests( fn() => $this->assertSame( 'SVOTE', $this->token()->get_data()['symbol'] ) ) );

		$this->save_settings( 120 );
		wp_cache_flush_runtime();
		$this->assertSame( 1, $this->requests( fn() => $this->assertSame( 'SVOTE', $this->token()->get_data()['symbol'] ) ) );
	}

	public function test_ens_names_found_or_not_are_cached_and_cleared_with_the_settings(): void {
		$ens = Plugin::instance()->ens_profile();
		$this->assertGreaterThan( 0, $this->requests( fn() => $this->assertSame( 'citizen.society.eth', $ens->lookup( self::wallet( 1 ) )['name'] ?? null ) ) );
		$this->assertGreaterThan( 0, $this->requests( fn() => $this->assertNull( $ens->lookup( self::wallet( 3 ) ) ) ) );
		wp_cache_flush_runtime();
		$this->assertSame( 0, $this->requests( fn() => $this->assertSame( 'citizen.society.eth', $ens->lookup( self::wallet( 1 ) )['name'] ?? null ) ) );
		$this->assertSame( 0, $this->requests( fn() => $this->assertNull( $ens->lookup( self::wallet( 3 ) ) ) ), 'No name is an answer too.' );

		$this->save_settings( 120 );
		wp_cache_flush_runtime();
		$this->assertGreaterThan( 0, $this->requests( fn() => $ens->lookup( self::wallet( 1 ) ) ) );
	}

	/**
	 * WordPress core keeps every autoloaded option in one object-cache entry, `alloptions`, that
	 * update_option() reads, changes and writes back whole (Trac #31245). Another node's request
	 * that saves any autoloaded option while the settings are saved here can write back its copy,
	 * taken before the flush: every node then reads the options of before the flush from the cache,
	 * although the database holds the new ones. Cached answers must not come back with them.
	 */
	public function test_a_flush_holds_when_another_node_writes_back_its_copy_of_the_autoloaded_options(): void {
		global $wpdb;
		if ( ! wp_using_ext_object_cache() ) {
			$this->markTestSkipped( 'Without a persistent object cache every request reads the autoloaded options from the database: there is no shared copy another request could write back. Run with SP_OBJECT_CACHE=redis.' );
		}
		$cache = new Cache( 'holdings', 60 );
		$cache->set( 'k', array( 'answer' => 'before the flush' ) );
		$before = get_option( Cache::GENERATION_OPTION );

		// The other node saves an option of its own and stops right after reading `alloptions`.
		$pipes  = array();
		$writer = proc_open(
			array( PHP_BINARY, dirname( __DIR__ ) . '/support/alloptions-writer.php', 'sp_test_other_node_option' ),
			array( 0 => array( 'pipe', 'r' ), 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ),
			$pipes
		);
		$this->assertIsResource( $writer );
		try {
			$read  = array( $pipes[1] );
			$none  = null;
			$ready = stream_select( $read, $none, $none, 30 ) ? fgets( $pipes[1] ) : false;
			$this->assertSame( "ready\n", $ready, 'The other node reached its write.' );

			Cache::flush();

			fwrite( $pipes[0], "go\n" );
			$read = array( $pipes[1] );
			$done = stream_select( $read, $none, $none, 30 ) ? fgets( $pipes[1] ) : false;
			$this->assertSame( "done\n", $done, 'The other node wrote its copy back.' );
			$status = proc_get_status( $writer );
			for ( $i = 0; $i < 100 && $status['running']; $i++ ) {
				usleep( 100000 );
				$status = proc_get_status( $writer );
			}
			$this->assertFalse( $status['running'], 'The other node\'s request ends.' );
			$this->assertSame( 0, $status['exitcode'] );
		} finally {
			proc_terminate( $writer );
			$errors = stream_get_contents( $pipes[2] );
			proc_close( $writer );
		}
		$this->assertSame( '', $errors );

		// A later request, on any node.
		wp_cache_flush_runtime();
		$this->assertSame( $before, get_option( Cache::GENERATION_OPTION ), 'The other node\'s copy of the autoloaded options is what every node reads now.' );
		$this->assertNotSame( $before, $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", Cache::GENERATION_OPTION ) ), 'The database holds the new generation.' );
		$this->assertNull( $cache->get( 'k' ), 'What was cached before the flush is not served again.' );
	}

	public function test_the_generation_stays_one_autoloaded_option_that_an_earlier_build_can_still_renew(): void {
		global $wpdb;
		$cache = new Cache( 'holdings', 60 );
		$cache->set( 'k', array( 'answer' => 'cached' ) );
		wp_cache_flush_runtime();
		$this->assertSame( array( 'answer' => 'cached' ), $cache->get( 'k' ) );
		$rows = $wpdb->get_results( "SELECT option_name, autoload FROM {$wpdb->options} WHERE option_name LIKE 'sovereign\\_press\\_cache%'", ARRAY_A );
		$this->assertSame( array( array( 'option_name' => Cache::GENERATION_OPTION, 'autoload' => 'on' ) ), $rows, 'One option, autoloaded, as sites upgraded from earlier builds have it.' );

		// A node still on an earlier build, during a rolling upgrade, flushes by renewing the token alone.
		update_option( Cache::GENERATION_OPTION, bin2hex( random_bytes( 8 ) ), true );
		wp_cache_flush_runtime();
		$this->assertNull( $cache->get( 'k' ) );
	}

	public function test_a_page_of_holdings_is_read_in_one_round_trip(): void {
		global $wpdb;
		$cache   = new HoldingsCache( new Cache( 'holdings', 60 ) );
		$answers = array();
		for ( $i = 0; $i < 20; $i++ ) {
			$answers[ "read-{$i}" ] = array( 'success' => true, 'data' => str_repeat( chr( $i ), 32 ) );
		}
		$transients = static fn(): int => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_%'" );
		$rows       = $transients();
		$cache->set_many( 31337, $answers );
		$rows = $transients() - $rows;
		// A later request: nothing in memory but the autoloaded options.
		wp_cache_flush_runtime();
		wp_load_alloptions();
		$queries = $wpdb->num_queries;
		$redis   = self::redis_calls();

		$found = $cache->get_many( 31337, array_merge( array_keys( $answers ), array( 'unknown' ) ) );

		$queries = $wpdb->num_queries - $queries;
		$this->assertEquals( $answers, $found );
		if ( wp_using_ext_object_cache() ) {
			$this->assertSame( 0, $rows, 'With an object cache nothing goes to the options table.' );
			$this->assertSame( 0, $queries );
			$after = self::redis_calls();
			$this->assertSame( array( 'mget' => 1, 'get' => 1 ), array( 'mget' => $after['mget'] - $redis['mget'], 'get' => $after['get'] - $redis['get'] ), 'One GET for the generation (once a request), one MGET for the whole page.' );
		} else {
			$this->assertSame( 40, $rows, 'A transient is two rows.' );
			$this->assertSame( 1, $queries, 'One query, whatever the number of answers.' );
		}
	}

	/**
	 * GET and MGET commands the Redis server has run, when the run has one.
	 *
	 * @return array{mget:int, get:int}
	 */
	private static function redis_calls(): array {
		$socket = (string) getenv( 'SP_TEST_REDIS_SOCKET' );
		if ( '' === $socket ) {
			return array( 'mget' => 0, 'get' => 0 );
		}
		$redis = new \Redis();
		$redis->connect( $socket );
		$stats = $redis->info( 'commandstats' );
		$redis->close();
		$calls = static fn( string $command ): int => (int) preg_replace( '/^calls=(\d+).*$/', '$1', (string) ( $stats[ 'cmdstat_' . $command ] ?? 'calls=0' ) );
		return array( 'mget' => $calls( 'mget' ), 'get' => $calls( 'get' ) );
	}
}
