<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

final class NetworksControllerTest extends TestCase {

	private const ROUTE = '/sovereign-press/v1/networks/test';

	/**
	 * @param array<string, mixed> $body
	 */
	private function test_route( array $body ): \WP_REST_Response {
		return $this->rest( 'POST', self::ROUTE, $body );
	}

	public function test_logged_out_visitors_get_401(): void {
		$response = $this->test_route( array( 'rpcUrl' => self::env( 'SP_RPC_URL' ) ) );
		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'rest_not_logged_in', $response->get_data()['code'] );
	}

	public function test_editors_and_subscribers_get_403(): void {
		foreach ( array( 'editor', 'subscriber' ) as $login ) {
			$this->log_in_as( $login );
			$response = $this->test_route( array( 'rpcUrl' => self::env( 'SP_RPC_URL' ) ) );
			$this->assertSame( 403, $response->get_status(), $login );
			$this->assertSame( 'rest_forbidden', $response->get_data()['code'] );
		}
	}

	public function test_an_administrator_sees_the_chain_id_and_latest_block_of_the_local_node(): void {
		$this->log_in_as( 'admin' );
		$response = $this->test_route( array( 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'chainId' => 31337 ) );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data = $response->get_data();
		$this->assertSame( 31337, $data['chainId'] );
		$this->assertGreaterThanOrEqual( self::deployment()['blockNumber'], $data['blockNumber'] );
		$this->assertIsInt( $data['latencyMs'] );
		$this->assertFalse( $data['known'], 'No saved network has chain 31337 in this test.' );
	}

	public function test_a_node_on_another_chain_is_reported_as_a_mismatch(): void {
		$this->log_in_as( 'admin' );
		$response = $this->test_route( array( 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'chainId' => 1 ) );

		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'sovereign_press_chain_id_mismatch', $response->get_data()['code'] );
		$this->assertSame( array( 1, 31337 ), array( $response->get_data()['data']['expected'], $response->get_data()['data']['actual'] ) );
		$this->assertStringContainsString( '31337', $response->get_data()['message'] );
	}

	/**
	 * @return iterable<string, array{0: string, 1: int, 2: string}>
	 */
	public static function broken_endpoints(): iterable {
		yield 'nothing listens on the port' => array( 'http://127.0.0.1:9/rpc/APIKEY-SECRET', 502, 'sovereign_press_rpc_unreachable' );
		yield 'host name does not resolve' => array( 'http://node.invalid/APIKEY-SECRET', 502, 'sovereign_press_rpc_unreachable' );
		yield 'web page' => array( '{fake}/html', 502, 'sovereign_press_rpc_not_json_rpc' );
		yield 'JSON that is not JSON-RPC' => array( '{fake}/json-not-rpc', 502, 'sovereign_press_rpc_not_json_rpc' );
		yield 'HTTP 404' => array( '{fake}/nowhere', 502, 'sovereign_press_rpc_http_error' );
		yield 'HTTP 401 (bad API key)' => array( '{fake}/status/401', 502, 'sovereign_press_rpc_http_error' );
		yield 'method not found' => array( '{fake}/rpc-error', 502, 'sovereign_press_rpc_error' );
	}

	/**
	 * @dataProvider broken_endpoints
	 */
	public function test_a_broken_endpoint_gets_a_precise_error_that_never_echoes_the_url( string $url, int $status, string $code ): void {
		$this->log_in_as( 'admin' );
		$url      = str_replace( '{fake}', self::env( 'SP_FAKE_RPC_URL' ), $url );
		$response = $this->test_route( array( 'rpcUrl' => $url ) );

		$this->assertSame( $status, $response->get_status() );
		$this->assertSame( $code, $response->get_data()['code'] );
		$this->assertNotSame( '', $response->get_data()['message'] );
		$this->assertStringNotContainsString( 'APIKEY-SECRET', (string) wp_json_encode( $response->get_data() ) );
	}

	public function test_http_status_is_reported(): void {
		$this->log_in_as( 'admin' );
		$response = $this->test_route( array( 'rpcUrl' => self::env( 'SP_FAKE_RPC_URL' ) . '/status/503' ) );
		$this->assertSame( 503, $response->get_data()['data']['httpStatus'] );
		$this->assertStringContainsString( '503', $response->get_data()['message'] );
	}

	public function test_a_node_that_never_answers_times_out_within_the_budget(): void {
		$this->log_in_as( 'admin' );
		$budget = static fn(): float => 1.0;
		add_filter( 'sovereign_press_connection_test_timeout', $budget );
		$started = microtime( true );

		$response = $this->test_route( array( 'rpcUrl' => self::env( 'SP_FAKE_RPC_URL' ) . '/hang' ) );

		remove_filter( 'sovereign_press_connection_test_timeout', $budget );
		$this->assertSame( 504, $response->get_status() );
		$this->assertSame( 'sovereign_press_rpc_timeout', $response->get_data()['code'] );
		// The endpoint sleeps 6 s: an answer well before that proves the budget was applied.
		$this->assertLessThan( 4.0, microtime( true ) - $started );
	}

	/**
	 * @return iterable<string, array{0: array<string, mixed>, 1: string}>
	 */
	public static function bad_input(): iterable {
		yield 'no url' => array( array(), 'rest_missing_callback_param' );
		yield 'javascript url' => array( array( 'rpcUrl' => 'javascript:alert(1)' ), 'rest_invalid_param' );
		yield 'file url' => array( array( 'rpcUrl' => 'file:///etc/passwd' ), 'rest_invalid_param' );
		yield 'negative chain id' => array( array( 'rpcUrl' => 'http://127.0.0.1:8545', 'chainId' => -1 ), 'rest_invalid_param' );
	}

	/**
	 * @dataProvider bad_input
	 *
	 * @param array<string, mixed> $body
	 */
	public function test_bad_input_is_refused_before_any_request_is_sent( array $body, string $code ): void {
		$this->log_in_as( 'admin' );
		$sent  = 0;
		$count = static function ( $pre ) use ( &$sent ) {
			++$sent;
			return $pre;
		};
		add_filter( 'pre_http_request', $count );

		$response = $this->test_route( $body );

		remove_filter( 'pre_http_request', $count );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( $code, $response->get_data()['code'] );
		$this->assertSame( 0, $sent );
	}
}
