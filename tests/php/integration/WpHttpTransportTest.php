<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Chain\Exception\RpcDropped;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\WpHttpTransport;
use SovereignPress\Plugin;

final class WpHttpTransportTest extends TestCase {

	private const AGENT = 'SovereignPress tests';

	public function test_a_batch_returns_each_result_in_call_order(): void {
		$deployment = self::deployment();
		$transport  = new WpHttpTransport( self::env( 'SP_RPC_URL' ), self::AGENT );

		[ $chain_id, $code, $balance ] = $transport->batch(
			array(
				array( 'eth_chainId', array() ),
				array( 'eth_getCode', array( $deployment['contracts']['multicall3'], 'latest' ) ),
				array( 'eth_getBalance', array( $deployment['wallets'][3]['address'], 'latest' ) ),
			)
		);

		$this->assertSame( 31337, Hex::quantity_to_int( $chain_id ) );
		$this->assertGreaterThan( 1000, strlen( $code ), 'Multicall3 is deployed at its canonical address.' );
		$this->assertMatchesRegularExpression( '/^0x[0-9a-f]+$/', $balance );
	}

	public function test_one_http_request_carries_the_whole_batch(): void {
		$requests = array();
		$spy      = static function ( $pre, $args ) use ( &$requests ) {
			$requests[] = json_decode( $args['body'], true );
			return $pre;
		};
		add_filter( 'pre_http_request', $spy, 10, 2 );

		( new WpHttpTransport( self::env( 'SP_RPC_URL' ), self::AGENT ) )->batch( array( array( 'eth_chainId', array() ), array( 'eth_blockNumber', array() ) ) );

		remove_filter( 'pre_http_request', $spy );
		$this->assertCount( 1, $requests );
		$this->assertSame( array( 'eth_chainId', 'eth_blockNumber' ), array_column( $requests[0], 'method' ) );
	}

	public function test_a_node_error_is_raised_with_its_json_rpc_code(): void {
		try {
			( new WpHttpTransport( self::env( 'SP_RPC_URL' ), self::AGENT ) )->call( 'eth_noSuchMethod' );
			$this->fail( 'Expected an RpcErrorResponse.' );
		} catch ( RpcErrorResponse $error ) {
			$this->assertSame( 'eth_noSuchMethod', $error->method );
			$this->assertNotSame( 0, $error->rpc_code );
		}
	}

	public function test_a_reverted_eth_call_carries_the_revert_data(): void {
		$deployment = self::deployment();
		try {
			// ContractWallet.execute() requires msg.sender == owner: calling it from anyone else reverts.
			( new WpHttpTransport( self::env( 'SP_RPC_URL' ), self::AGENT ) )->call(
				'eth_call',
				array(
					array(
						'from' => $deployment['wallets'][3]['address'],
						'to'   => $deployment['contracts']['contractWallet'],
						'data' => '0xb61d27f6' . str_repeat( '0', 64 * 2 ) . str_pad( '60', 64, '0', STR_PAD_LEFT ) . str_repeat( '0', 64 ),
					),
					'latest',
				)
			);
			$this->fail( 'Expected a revert.' );
		} catch ( RpcErrorResponse $error ) {
			$this->assertSame( 'eth_call', $error->method );
			$this->assertStringContainsString( 'not owner', $error->rpc_message );
		}
	}

	public function test_an_answer_that_is_not_json_rpc_is_refused(): void {
		$this->expectException( RpcInvalidResponse::class );
		( new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/json-not-rpc', self::AGENT ) )->call( 'eth_chainId' );
	}

	public function test_an_answer_cut_short_is_a_dropped_connection_not_an_unreachable_node(): void {
		try {
			( new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/cut-short', self::AGENT ) )->call( 'eth_chainId' );
			$this->fail( 'Expected an RpcDropped.' );
		} catch ( RpcDropped $error ) {
			$explained = \SovereignPress\Rest\RpcErrors::to_wp_error( $error );
			$this->assertSame( 'sovereign_press_rpc_dropped', $explained->get_error_code() );
			$this->assertStringContainsString( 'dropped the connection', $explained->get_error_message() );
		}
	}

	/**
	 * Runs $call, which must meet an RpcResponseTooLarge of $limit bytes, and checks that memory
	 * stayed within the cap (PHP 8.2+, which can reset the peak): the kept body is copied about
	 * three times while the response is parsed, so the peak grows by less than four caps.
	 */
	private function assert_refused_within( int $limit, \Closure $call, string $sent ): void {
		$measured = function_exists( 'memory_reset_peak_usage' );
		if ( $measured ) {
			memory_reset_peak_usage();
		}
		$before = memory_get_usage();
		try {
			$call();
			$this->fail( 'Expected an RpcResponseTooLarge.' );
		} catch ( RpcResponseTooLarge $error ) {
			$this->assertSame( $limit, $error->limit );
		}
		if ( $measured ) {
			$this->assertLessThan( 4 * $limit, memory_get_peak_usage() - $before, "Memory stays within the cap, not the {$sent} sent." );
		}
	}

	public function test_an_endless_answer_is_refused_without_being_kept_in_memory(): void {
		$transport = new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/enormous?mb=96', self::AGENT, 30.0 );

		$this->assert_refused_within( WpHttpTransport::MAX_BODY, static fn() => $transport->call( 'eth_chainId' ), '96 MiB' );
		$this->assert_refused_within( WpHttpTransport::MAX_LOGS_BODY, static fn() => $transport->batch( array( array( 'eth_getLogs', array( array() ) ), array( 'eth_blockNumber', array() ) ) ), '96 MiB' );
		$this->assertSame( 'sovereign_press_rpc_response_too_large', \SovereignPress\Rest\RpcErrors::to_wp_error( new RpcResponseTooLarge( 1 ) )->get_error_code() );
	}

	public function test_an_answer_compressed_twice_is_not_expanded_past_the_cap(): void {
		// About 200 bytes sent, labelled gzip once: each layer decoded gives 32 MiB.
		$transport = new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/compressed-twice?mb=32', self::AGENT, 30.0 );

		$this->assert_refused_within( WpHttpTransport::MAX_BODY, static fn() => $transport->call( 'eth_chainId' ), '32 MiB (compressed twice)' );
	}

	public function test_a_read_is_capped_lower_than_a_page_of_logs(): void {
		$transport = new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/enormous?mb=8', self::AGENT, 30.0 );

		$this->assert_refused_within( WpHttpTransport::MAX_BODY, static fn() => $transport->call( 'eth_call', array( array( 'to' => '0x' . str_repeat( '0', 40 ) ), 'latest' ) ), '8 MiB' );
	}

	public function test_a_large_legitimate_page_of_logs_is_read_whole(): void {
		// 12,000 logs (more than any provider's page) of about 600 bytes: above the cap of a read.
		$transport        = new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/logs?count=12000', self::AGENT, 30.0 );
		[ $logs, $block ] = $transport->batch( array( array( 'eth_getLogs', array( array( 'fromBlock' => '0x1' ) ) ), array( 'eth_blockNumber', array() ) ) );

		$this->assertCount( 12000, $logs );
		$this->assertGreaterThan( WpHttpTransport::MAX_BODY, strlen( (string) wp_json_encode( $logs ) ) );
		$this->assertSame( '0x1', $block );
	}

	public function test_the_per_call_timeout_overrides_the_transport_default(): void {
		$transport = new WpHttpTransport( self::env( 'SP_FAKE_RPC_URL' ) . '/hang', self::AGENT, 30.0 );
		$started   = microtime( true );
		try {
			$transport->call( 'eth_chainId', array(), 0.5 );
			$this->fail( 'Expected a timeout.' );
		} catch ( RpcTimeout $timeout ) {
			$this->assertSame( 0.5, $timeout->seconds );
		}
		$this->assertLessThan( 3.0, microtime( true ) - $started );
	}

	public function test_requests_can_be_intercepted_through_the_wordpress_http_api(): void {
		$answer = static fn() => array(
			'headers'  => array(),
			'body'     => '{"jsonrpc":"2.0","id":1,"result":"0x2a"}',
			'response' => array( 'code' => 200, 'message' => 'OK' ),
			'cookies'  => array(),
		);
		add_filter( 'pre_http_request', $answer );
		$result = ( new WpHttpTransport( 'https://rpc.example.org', self::AGENT ) )->call( 'eth_chainId' );
		remove_filter( 'pre_http_request', $answer );

		$this->assertSame( '0x2a', $result );
	}

	public function test_the_user_agent_is_the_one_handed_in_and_the_plugin_hands_in_its_own(): void {
		$agents = array();
		$answer = static function ( $pre, $args ) use ( &$agents ) {
			$agents[] = $args['user-agent'];
			return array(
				'headers'  => array(),
				'body'     => '{"jsonrpc":"2.0","id":1,"result":"0x2a"}',
				'response' => array( 'code' => 200, 'message' => 'OK' ),
				'cookies'  => array(),
			);
		};
		add_filter( 'pre_http_request', $answer, 10, 2 );
		( new WpHttpTransport( 'https://rpc.example.org', self::AGENT ) )->call( 'eth_chainId' );
		self::transport( 'https://rpc.example.org' )->call( 'eth_chainId' );
		remove_filter( 'pre_http_request', $answer );

		$this->assertSame( array( self::AGENT, 'SovereignPress/' . Plugin::VERSION . '; ' . home_url( '/' ) ), $agents );
	}
}
