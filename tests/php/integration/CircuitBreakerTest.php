<?php
/**
 * A network's circuit breaker on the real site: what opens it, that an open network answers at
 * once without a request, that exactly one probe asks again, the chain id check, and that separate
 * PHP processes (web nodes) share it — with and without the persistent object cache, as the two
 * integration runs are.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Chain\Exception\ChainIdMismatch;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\Exception\RpcUnavailable;
use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Ens;
use SovereignPress\Chain\Networks;
use SovereignPress\Chain\Transport;
use SovereignPress\Crypto\Address;
use SovereignPress\Plugin;
use SovereignPress\Rest\RpcErrors;
use SovereignPress\Settings\Settings;

final class CircuitBreakerTest extends TestCase {

	private const URL = 'https://rpc.example.org/node';

	/** @var list<list<string>> Methods of each request that reached the HTTP API. */
	private array $requests = array();

	/** What the scripted node answers: 'ok', 'revert', 'http:NNN', 'chain:0x..'. */
	private string $mode = 'ok';

	private mixed $saved_option;

	protected function setUp(): void {
		parent::setUp();
		$this->saved_option = get_option( Settings::OPTION );
		add_filter( 'pre_http_request', array( $this, 'answer' ), 10, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'answer' ), 10 );
		update_option( Settings::OPTION, $this->saved_option );
		parent::tearDown();
	}

	/**
	 * The scripted node at self::URL, with any query (other URLs go on to the network).
	 *
	 * @param mixed                $pre  Short-circuit value so far.
	 * @param array<string, mixed> $args Request arguments.
	 * @return mixed
	 */
	public function answer( mixed $pre, array $args, string $url ): mixed {
		if ( ! str_starts_with( $url, self::URL ) ) {
			return $pre;
		}
		$body             = json_decode( (string) $args['body'], true );
		$calls            = array_is_list( $body ) ? $body : array( $body );
		$this->requests[] = array_column( $calls, 'method' );
		if ( str_starts_with( $this->mode, 'http:' ) ) {
			return self::response( (int) substr( $this->mode, 5 ), '{}' );
		}
		$answers = array();
		foreach ( $calls as $call ) {
			$answer = array(
				'jsonrpc' => '2.0',
				'id'      => $call['id'],
			);
			if ( 'eth_chainId' === $call['method'] ) {
				$answer['result'] = str_starts_with( $this->mode, 'chain:' ) ? substr( $this->mode, 6 ) : '0x7a69';
			} elseif ( 'revert' === $this->mode ) {
				$answer['error'] = array(
					'code'    => 3,
					'message' => 'execution reverted',
				);
			} else {
				$answer['result'] = '0x10';
			}
			$answers[] = $answer;
		}
		return self::response( 200, (string) wp_json_encode( array_is_list( $body ) ? $answers : $answers[0] ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function response( int $status, string $body ): array {
		return array(
			'headers'  => array(),
			'body'     => $body,
			'response' => array(
				'code'    => $status,
				'message' => '',
			),
			'cookies'  => array(),
		);
	}

	private static function configure( string $url, int $seconds ): void {
		update_option(
			Settings::OPTION,
			array(
				'networks' => array(
					array(
						'chainId'     => 31337,
						'name'        => 'Local chain',
						'rpcUrl'      => $url,
						'explorerUrl' => '',
					),
				),
				'gating'   => array( 'breakerSeconds' => $seconds ),
			)
		);
	}

	private static function node(): Transport {
		$transport = Plugin::instance()->networks()->for_chain( 31337, 0.5 );
		self::assertNotNull( $transport );
		return $transport;
	}

	/**
	 * The error a call through the network's transport meets, or null when it is answered.
	 */
	private static function outcome( string $method = 'eth_blockNumber' ): ?RpcException {
		try {
			self::node()->call( $method );
			return null;
		} catch ( RpcException $error ) {
			return $error;
		}
	}

	public function test_a_failing_node_is_not_asked_again_until_the_open_time_is_over(): void {
		self::configure( self::URL, 30 );
		$this->mode = 'http:503';

		$this->assertInstanceOf( RpcHttpError::class, self::outcome() );
		$started = microtime( true );
		$again   = self::outcome();

		$this->assertInstanceOf( RpcUnavailable::class, $again );
		$this->assertLessThan( 0.05, microtime( true ) - $started, 'Answered at once.' );
		$this->assertCount( 1, $this->requests, 'The open network sent nothing.' );
		$this->assertGreaterThan( 28, $again->seconds );
		$error = RpcErrors::to_wp_error( $again );
		$this->assertSame( 'sovereign_press_rpc_unavailable', $error->get_error_code() );
		$this->assertSame( 503, $error->get_error_data()['status'] );
	}

	public function test_a_hanging_node_opens_the_network_after_one_timeout(): void {
		self::configure( self::env( 'SP_FAKE_RPC_URL' ) . '/hang', 30 );

		$this->assertInstanceOf( RpcTimeout::class, self::outcome() );
		$started = microtime( true );
		$this->assertInstanceOf( RpcUnavailable::class, self::outcome() );
		$this->assertLessThan( 0.05, microtime( true ) - $started );
	}

	public function test_answers_that_are_errors_do_not_open_the_network(): void {
		self::configure( self::URL, 30 );
		foreach ( array( 'revert' => RpcErrorResponse::class, 'http:401' => RpcHttpError::class ) as $mode => $class ) {
			$this->mode = $mode;
			$this->assertInstanceOf( $class, self::outcome( 'eth_call' ) );
			$this->assertInstanceOf( $class, self::outcome( 'eth_call' ), "{$mode} did not open the network." );
		}
		$this->mode = 'ok';
		$this->assertNull( self::outcome() );
	}

	public function test_429_and_5xx_open_the_network(): void {
		foreach ( array( 429, 500, 502 ) as $status ) {
			// Another URL for each status: a record of its own.
			self::configure( self::URL . '?' . $status, 30 );
			$this->mode = 'http:' . $status;
			$this->assertInstanceOf( RpcHttpError::class, self::outcome() );
			$this->assertInstanceOf( RpcUnavailable::class, self::outcome(), "HTTP {$status} opened it." );
		}
	}

	public function test_after_the_open_time_one_probe_asks_and_closes_the_network_when_answered(): void {
		self::configure( self::URL, 1 );
		$this->mode = 'http:503';
		$this->assertInstanceOf( RpcHttpError::class, self::outcome() );
		$this->assertInstanceOf( RpcUnavailable::class, self::outcome() );

		usleep( 1100000 );
		$this->assertInstanceOf( RpcHttpError::class, self::outcome(), 'The probe met the node still down.' );
		$this->assertInstanceOf( RpcUnavailable::class, self::outcome(), 'Open again.' );
		$this->assertCount( 2, $this->requests );

		usleep( 1100000 );
		$this->mode = 'ok';
		$this->assertNull( self::outcome(), 'The probe was answered.' );
		$this->assertNull( self::outcome(), 'Closed: asked again.' );
		$this->assertCount( 4, $this->requests );
	}

	public function test_a_probe_that_never_reports_keeps_the_network_open_only_for_its_lease(): void {
		global $wpdb;
		// The other process reads what this test writes: no transaction.
		$wpdb->query( 'ROLLBACK' );
		$wpdb->query( 'SET autocommit = 1' );
		self::configure( self::URL, 1 );
		$this->mode = 'http:503';
		$this->assertInstanceOf( RpcHttpError::class, self::outcome() );
		usleep( 1100000 );

		// Another process claims the probe and dies before it reports.
		[ $claim ] = self::run_at_once( 1, array( 'claim', Networks::BREAKER_PREFIX . '31337_' . substr( md5( self::URL ), 0, 12 ), '1' ) );
		$this->assertTrue( $claim['ok'] );
		$this->mode = 'ok';
		$this->assertInstanceOf( RpcUnavailable::class, self::outcome(), 'The claim holds.' );
		$this->assertCount( 1, $this->requests );

		usleep( 1100000 );
		$this->assertNull( self::outcome(), 'After the lease another request probes, and closes it.' );
		$this->assertNull( self::outcome() );
	}

	public function test_a_node_on_another_chain_fails_and_opens_the_network(): void {
		self::configure( self::URL, 30 );
		$this->mode = 'chain:0x1';

		$error = self::outcome();
		$this->assertInstanceOf( ChainIdMismatch::class, $error );
		$this->assertSame( array( 31337, 1 ), array( $error->expected, $error->actual ) );
		$this->assertInstanceOf( RpcUnavailable::class, self::outcome() );
	}

	public function test_the_chain_id_travels_with_the_first_calls_then_every_ten_minutes(): void {
		self::configure( self::URL, 30 );

		self::node()->call( 'eth_blockNumber' );
		self::node()->batch( array( array( 'eth_blockNumber', array() ), array( 'eth_gasPrice', array() ) ) );

		$this->assertSame( array( array( 'eth_chainId', 'eth_blockNumber' ), array( 'eth_blockNumber', 'eth_gasPrice' ) ), $this->requests );
		$this->assertSame( '0x10', self::node()->call( 'eth_blockNumber' ), 'The chain id is not handed to the caller.' );
	}

	public function test_zero_seconds_never_opens_and_another_url_has_its_own_state(): void {
		self::configure( self::URL, 0 );
		$this->mode = 'http:503';
		$this->assertInstanceOf( RpcHttpError::class, self::outcome() );
		$this->assertInstanceOf( RpcHttpError::class, self::outcome() );

		self::configure( self::URL, 30 );
		$this->assertInstanceOf( RpcHttpError::class, self::outcome() );
		$this->assertInstanceOf( RpcUnavailable::class, self::outcome() );
		self::configure( 'http://127.0.0.1:9/', 30 );
		$this->assertNotInstanceOf( RpcUnavailable::class, self::outcome(), 'A new URL is asked.' );
	}

	public function test_a_contract_a_contributor_names_does_not_open_the_network(): void {
		self::configure( self::env( 'SP_RPC_URL' ), 30 );
		$contributor = wp_insert_user( array( 'user_login' => 'breaker-contributor', 'user_pass' => wp_generate_password(), 'role' => 'contributor' ) );
		$this->assertIsInt( $contributor );
		wp_set_current_user( $contributor );
		// Its name(), symbol()… each return 320 KiB: together more than the cap of an answer.
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/tokens' );
		$request->set_query_params( array( 'chainId' => 31337, 'contract' => self::deploy_answerer_of( 0x50000 ) ) );

		$this->assertSame( 'sovereign_press_rpc_response_too_large', rest_do_request( $request )->get_data()['code'] );
		$this->assertNull( self::outcome(), 'The network is not opened by a contract a contributor chose.' );
	}

	public function test_an_ens_resolver_a_visitor_chose_does_not_open_the_network(): void {
		self::configure( self::env( 'SP_RPC_URL' ), 30 );
		update_option( Settings::OPTION, array( 'walletLogin' => array( 'ensChainId' => 31337 ) ) + (array) get_option( Settings::OPTION ) );
		// Anyone may point their reverse record at a resolver of their own; this one answers name()
		// with 1.5 MiB.
		$wallet = Address::checksum( '0x' . bin2hex( random_bytes( 20 ) ) );
		$node   = self::transport();
		$node->call(
			'eth_sendTransaction',
			array(
				array(
					'from' => $node->call( 'eth_accounts' )[0],
					'to'   => Ens::REGISTRY,
					'data' => '0x' . bin2hex( Abi::selector( 'setResolver(bytes32,address)' ) . Abi::encode( array( array( 'bytes32', Ens::namehash( strtolower( substr( $wallet, 2 ) ) . '.addr.reverse' ) ), array( 'address', (string) hex2bin( substr( self::deploy_answerer_of( 0x180000 ), 2 ) ) ) ) ) ),
				),
			)
		);

		$this->assertNull( Plugin::instance()->ens_profile()->lookup( $wallet ) );
		$this->assertNull( self::outcome(), 'The network is not opened by a resolver a visitor chose.' );
	}

	public function test_separate_processes_share_the_state_and_exactly_one_probes(): void {
		global $wpdb;
		// The runners read what this test writes: no transaction.
		$wpdb->query( 'ROLLBACK' );
		$wpdb->query( 'SET autocommit = 1' );
		$state = (string) tempnam( sys_get_temp_dir(), 'sp-breaker-' );
		file_put_contents( $state, 'down' );
		self::configure( self::env( 'SP_FAKE_RPC_URL' ) . '/switch?state=' . rawurlencode( $state ) . '&to=' . rawurlencode( self::env( 'SP_RPC_URL' ) ), 3 );

		try {
			[ $first ] = self::run_at_once( 1 );
			$this->assertSame( 'rpc_http_error', $first['code'] );
			$opened = microtime( true );
			$others = self::run_at_once( 3 );
			$this->assertSame( array( 'rpc_unavailable' ), array_values( array_unique( array_column( $others, 'code' ) ) ), 'Every process saw it open.' );
			$this->assertSame( 1, self::requests( $state ), 'Only the first process asked the node.' );

			// The node is back (and slow enough for the probe to be in flight while the others ask).
			file_put_contents( $state, 'up 1500' );
			time_sleep_until( $opened + 3.2 );
			$racing = self::run_at_once( 4 );
			$codes  = array_column( $racing, 'code' );
			sort( $codes );
			$this->assertSame( array( '', 'rpc_unavailable', 'rpc_unavailable', 'rpc_unavailable' ), $codes, 'Exactly one probe: ' . wp_json_encode( $racing ) );
			$this->assertSame( 2, self::requests( $state ), 'The probe was the only request.' );

			file_put_contents( $state, 'up' );
			$after = self::run_at_once( 2 );
			$this->assertSame( array( true, true ), array_column( $after, 'ok' ), 'Closed for every process.' );
		} finally {
			@unlink( $state . '.log' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- may not exist.
			@unlink( $state ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- as above.
		}
	}

	private static function requests( string $state ): int {
		return count( file( $state . '.log', FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) ?: array() );
	}

	/**
	 * Starts $count runners at the same moment and returns what each printed.
	 *
	 * @param list<string> $args Arguments after the start time (none: one chain read).
	 * @return list<array{ok:bool, code:string, seconds:float}>
	 */
	private static function run_at_once( int $count, array $args = array() ): array {
		$start = microtime( true ) + 1.0;
		$procs = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$pipes   = array();
			$command = array_merge( array( PHP_BINARY, dirname( __DIR__ ) . '/support/breaker-runner.php', sprintf( '%.6F', $start ) ), $args );
			$procs[] = array( proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes ), $pipes );
		}
		$out = array();
		foreach ( $procs as [ $proc, $pipes ] ) {
			$stdout = (string) stream_get_contents( $pipes[1] );
			$stderr = (string) stream_get_contents( $pipes[2] );
			self::assertSame( 0, proc_close( $proc ), $stdout . $stderr );
			$out[] = json_decode( $stdout, true, 512, JSON_THROW_ON_ERROR );
		}
		return $out;
	}
}
