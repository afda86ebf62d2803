<?php
/**
 * POST and GET /sovereign-press/v1/census/sync: the "Sync now" button's route, over the real
 * census job (the plugin's, with the tree builder and the treasury) on the local chain.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Lease;
use SovereignPress\Census\Snapshots;
use SovereignPress\Settings\Settings;

final class CensusSyncRestTest extends CensusTestCase {

	private const ROUTE = '/sovereign-press/v1/census/sync';

	/** @var mixed The settings option before the test. */
	private mixed $saved_option;

	protected function setUp(): void {
		parent::setUp();
		global $wp_rest_server;
		$wp_rest_server     = null;
		$this->saved_option = get_option( Settings::OPTION );
		wp_set_current_user( 0 );
	}

	protected function tearDown(): void {
		global $wp_rest_server;
		update_option( Settings::OPTION, $this->saved_option );
		remove_all_filters( 'sovereign_press_census_sync_seconds' );
		wp_set_current_user( 0 );
		$wp_rest_server = null;
		parent::tearDown();
	}

	/**
	 * Saves the census settings with the local chain (or another endpoint) as the one network.
	 *
	 * @param array<string, mixed> $census Census settings.
	 */
	private static function configure( array $census, string $rpc_url = '' ): void {
		update_option(
			Settings::OPTION,
			array(
				'networks' => array(
					array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => '' !== $rpc_url ? $rpc_url : (string) getenv( 'SP_RPC_URL' ), 'explorerUrl' => '' ),
				),
				'census'   => $census,
			)
		);
	}

	private static function log_in_as( string $login ): void {
		$user = get_user_by( 'login', $login );
		self::assertInstanceOf( \WP_User::class, $user );
		wp_set_current_user( $user->ID );
	}

	private static function call( string $method ): \WP_REST_Response {
		return rest_do_request( new \WP_REST_Request( $method, self::ROUTE ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function schema(): array {
		$schema = rest_get_server()->get_route_options( self::ROUTE )['schema'] ?? null;
		self::assertIsCallable( $schema );
		return call_user_func( $schema );
	}

	public function test_only_administrators_see_or_run_the_sync(): void {
		self::configure( self::census_over( self::deploy_tokens() ) );
		foreach ( array( 'GET', 'POST' ) as $method ) {
			$response = self::call( $method );
			$this->assertSame( array( 401, 'rest_not_logged_in' ), array( $response->get_status(), $response->as_error()->get_error_code() ), $method );
			foreach ( array( 'editor', 'subscriber' ) as $login ) {
				self::log_in_as( $login );
				$response = self::call( $method );
				$this->assertSame( array( 403, 'rest_forbidden', 'Only administrators can run the census sync.' ), array( $response->get_status(), $response->as_error()->get_error_code(), $response->as_error()->get_error_message() ), "{$method} as {$login}" );
				wp_set_current_user( 0 );
			}
		}
		$this->assertNull( ( new Snapshots() )->latest(), 'Nothing ran.' );
	}

	public function test_a_census_that_counts_nothing_is_refused_with_409(): void {
		self::configure( array() );
		self::log_in_as( 'admin' );

		$response = self::call( 'POST' );

		$this->assertSame( array( 409, 'sovereign_press_census_not_configured' ), array( $response->get_status(), $response->as_error()->get_error_code() ) );
		$get = self::call( 'GET' );
		$this->assertSame( 200, $get->get_status() );
		$this->assertSame( array( 'idle', null ), array( $get->get_data()['phase'], $get->get_data()['snapshot'] ) );
		$this->assertTrue( rest_validate_value_from_schema( $get->get_data(), self::schema() ) );
	}

	public function test_posting_until_idle_syncs_the_census_and_get_shows_where_it_stands(): void {
		$t = self::deploy_tokens();
		[ $a, $b ] = array( self::actor( 0 ), self::actor( 1 ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );
		self::configure( self::census_over( $t, $t['block'] ) );
		self::log_in_as( 'admin' );
		add_filter( 'sovereign_press_census_sync_seconds', static fn(): float => 1.0 );

		$answers = array();
		for ( $i = 0; $i < 30; $i++ ) {
			$response = self::call( 'POST' );
			$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
			$this->assertTrue( rest_validate_value_from_schema( $response->get_data(), self::schema() ), 'The answer matches the route\'s schema.' );
			$answers[] = $response->get_data();
			if ( 'idle' === $response->get_data()['phase'] ) {
				break;
			}
		}

		$last = end( $answers );
		$this->assertSame( 'idle', $last['phase'] );
		$this->assertFalse( $last['busy'] );
		$this->assertNull( $last['error'] );
		$snapshot = ( new Snapshots() )->latest();
		$this->assertNotNull( $snapshot );
		$this->assertSame( $snapshot['id'], $last['snapshot'] );
		$this->assertSame( 2, $snapshot['population'] );
		$this->assertSame( $last, self::call( 'GET' )->get_data() );
	}

	public function test_a_run_that_fails_answers_502_with_the_progress_and_get_keeps_the_error(): void {
		self::configure( self::census_over( self::deploy_tokens() ), 'http://127.0.0.1:9/' );
		self::log_in_as( 'admin' );

		$response = self::call( 'POST' );

		$error = $response->as_error();
		$this->assertSame( array( 502, 'sovereign_press_census_sync_failed' ), array( $response->get_status(), $error->get_error_code() ) );
		$progress = $error->get_error_data()['progress'];
		$this->assertSame( $error->get_error_message(), $progress['error'] );
		$this->assertNotSame( '', $progress['error'] );
		$this->assertSame( $progress['error'], self::call( 'GET' )->get_data()['error'] );
		$this->assertNull( ( new Snapshots() )->latest() );
	}

	public function test_while_another_runner_holds_the_sync_post_answers_busy_and_does_nothing(): void {
		self::configure( self::census_over( self::deploy_tokens() ) );
		self::log_in_as( 'admin' );
		$lease = new Lease();
		$this->assertTrue( $lease->acquire( 'wp-cron', 60 ) );

		$response = self::call( 'POST' );
		$lease->release( 'wp-cron' );

		$this->assertSame( 200, $response->get_status() );
		$this->assertTrue( $response->get_data()['busy'] );
		$this->assertSame( 'idle', $response->get_data()['phase'] );
		$this->assertNull( ( new Snapshots() )->latest() );
	}
}
