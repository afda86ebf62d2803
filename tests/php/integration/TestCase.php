<?php
/**
 * Base for integration tests: each test runs inside a database transaction that is rolled back,
 * with a fresh REST server and no current user. With a persistent object cache (the run with
 * SP_OBJECT_CACHE=redis) the cache is emptied after the rollback, as it would otherwise still hold
 * what the test wrote. Every test starts with the networks' circuit breakers closed.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

abstract class TestCase extends \PHPUnit\Framework\TestCase {

	/** @var array<string, int> */
	private static array $user_ids = array();

	protected function setUp(): void {
		parent::setUp();
		global $wpdb, $wp_rest_server;
		$wpdb->suppress_errors = false;
		$wpdb->show_errors     = false;
		$wpdb->query( 'SET autocommit = 0' );
		$wpdb->query( 'START TRANSACTION' );
		wp_cache_flush_runtime();
		$wp_rest_server = null;
		wp_set_current_user( 0 );
		\SovereignPress\Plugin::instance()->decisions()->reset();
	}

	protected function tearDown(): void {
		global $wpdb, $wp_rest_server;
		$wpdb->query( 'ROLLBACK' );
		// A test that wrote outside the transaction may have opened a network's circuit breaker.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( \SovereignPress\Chain\Networks::BREAKER_PREFIX ) . '%' ) );
		$wp_rest_server = null;
		wp_set_current_user( 0 );
		if ( wp_using_ext_object_cache() ) {
			wp_cache_flush();
		}
		wp_cache_flush_runtime();
		parent::tearDown();
	}

	/**
	 * The id of the user created by scripts/php/install.php for a role (admin, editor, subscriber…).
	 */
	protected static function user_id( string $login ): int {
		if ( ! isset( self::$user_ids[ $login ] ) ) {
			$user = get_user_by( 'login', $login );
			self::assertInstanceOf( \WP_User::class, $user, "Test user {$login} is missing." );
			self::$user_ids[ $login ] = $user->ID;
		}
		return self::$user_ids[ $login ];
	}

	protected function log_in_as( string $login ): void {
		wp_set_current_user( self::user_id( $login ) );
	}

	/**
	 * Dispatches a REST request through the real server, as the current user.
	 *
	 * @param array<string, mixed> $body JSON body.
	 */
	protected function rest( string $method, string $route, array $body = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( $method, $route );
		if ( array() !== $body ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		return rest_do_request( $request );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected static function deployment(): array {
		$file = getenv( 'SP_DEPLOYMENT' );
		self::assertNotFalse( $file, 'SP_DEPLOYMENT is not set.' );
		return json_decode( (string) file_get_contents( $file ), true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * A transport to a JSON-RPC endpoint (the local chain by default), built as the plugin builds
	 * them: the WordPress HTTP API, with the plugin's user agent.
	 */
	protected static function transport( ?string $url = null, float $timeout = 5.0 ): \SovereignPress\Chain\Transport {
		return \SovereignPress\Plugin::instance()->networks()->for_url( $url ?? self::env( 'SP_RPC_URL' ), $timeout );
	}

	/**
	 * Deploys, on the local chain, a contract whose every call returns $bytes zero bytes (as anyone
	 * could on a public chain), and returns its address.
	 */
	protected static function deploy_answerer_of( int $bytes ): string {
		$node = self::transport();
		// Runtime: PUSH3 $bytes PUSH1 0 RETURN; the creation code returns those 7 bytes.
		$code    = '0x6662' . sprintf( '%06x', $bytes ) . '6000f360005260076019f3';
		$hash    = $node->call( 'eth_sendTransaction', array( array( 'from' => $node->call( 'eth_accounts' )[0], 'data' => $code, 'gas' => '0x100000' ) ) );
		$receipt = $node->call( 'eth_getTransactionReceipt', array( $hash ) );
		return \SovereignPress\Crypto\Address::checksum( (string) $receipt['contractAddress'] );
	}

	/**
	 * The demo membership NFT ("Citizen NFT"), as a gate condition on the local chain.
	 *
	 * @return array<string, mixed>
	 */
	protected static function citizen_nft(): array {
		return array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => self::deployment()['contracts']['membership'], 'label' => 'Citizen NFT' );
	}

	/**
	 * Settings for gating tests: the local chain as the one network and the "Citizens" preset
	 * (the Citizen NFT).
	 *
	 * @param string               $rpc_url The chain's endpoint ('' for the local chain).
	 * @param array<string, mixed> $gating  Other gating settings (cacheTtl, budgetMs).
	 * @param array<string, mixed> $more    Other sections (walletLogin).
	 */
	protected static function configure_citizens_gate( string $rpc_url = '', array $gating = array(), array $more = array() ): void {
		update_option(
			\SovereignPress\Settings\Settings::OPTION,
			array(
				'networks' => array(
					array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => '' !== $rpc_url ? $rpc_url : self::env( 'SP_RPC_URL' ), 'explorerUrl' => '' ),
				),
				'gating'   => $gating + array(
					'presets' => array(
						array( 'id' => 'citizens', 'name' => 'Citizens', 'rule' => self::citizen_nft() ),
					),
				),
			) + $more
		);
	}

	/**
	 * Stores a signed fixture's nonce (tests/chain/siwe-fixtures.mjs) as if POST /auth/nonce had
	 * issued it to this browser: the row holds the hash of a binding secret, the cookie jar the secret.
	 *
	 * @param array<string, string> $fixture    A fixture with its nonce.
	 * @param string                $client_ip  The address the nonce was issued to.
	 * @param int                   $expires_in Seconds until the nonce expires.
	 * @return array<string, string> The fixture and the secret.
	 */
	protected static function issue_nonce( array $fixture, string $client_ip, int $expires_in = 600 ): array {
		global $wpdb;
		$secret = bin2hex( random_bytes( 32 ) );
		$wpdb->insert(
			\SovereignPress\Storage\Installer::tables()['nonces'],
			array(
				'nonce'      => $fixture['nonce'],
				'created_at' => gmdate( 'Y-m-d H:i:s' ),
				'expires_at' => gmdate( 'Y-m-d H:i:s', time() + $expires_in ),
				'client_ip'  => $client_ip,
				'binding'    => \SovereignPress\Auth\NonceStore::binding( $secret ),
			)
		);
		$_COOKIE[ \SovereignPress\Auth\NonceCookie::name() ] = $secret;
		return $fixture + array( 'secret' => $secret );
	}

	protected static function env( string $name ): string {
		$value = getenv( $name );
		self::assertIsString( $value, "{$name} is not set." );
		return $value;
	}
}
