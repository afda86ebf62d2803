<?php
/**
 * Wallet sign-in through the real REST routes, on the local chain, with messages signed by
 * viem for this site (tests/chain/siwe-fixtures.mjs): the nonces, sessions and wallets routes,
 * and the redirect after sign-in. Long because it is the sign-in's contract end to end: every
 * refusal code is one test, and the crafted redirects are one data provider.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Auth\NonceCookie;
use SovereignPress\Auth\NonceStore;
use SovereignPress\Auth\SignInLimits;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Auth\SiteIdentity;
use SovereignPress\Storage\Installer;
use SovereignPress\Chain\BreakerState;
use SovereignPress\Chain\Networks;
use SovereignPress\Plugin;

final class WalletSignInRestTest extends TestCase {

	/** @var array<string, array{message:string, nonce:string, address:string, signature:string}> */
	private static array $fixtures = array();

	protected function setUp(): void {
		parent::setUp();
		if ( array() === self::$fixtures ) {
			self::$fixtures = json_decode( (string) file_get_contents( self::env( 'SP_AUTH_FIXTURES' ) ), true, 512, JSON_THROW_ON_ERROR );
		}
		$this->configure( array(), self::env( 'SP_RPC_URL' ) );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.10';
	}

	protected function tearDown(): void {
		unset( $_COOKIE[ LOGGED_IN_COOKIE ], $_COOKIE[ NonceCookie::name() ], $_SERVER['HTTP_X_FORWARDED_FOR'], $_SERVER['HTTP_X_REAL_IP'] );
		remove_all_filters( 'sovereign_press_sign_in_limits' );
		parent::tearDown();
	}

	/**
	 * @param array<string, mixed> $wallet_login Overrides of the wallet-login settings.
	 */
	private function configure( array $wallet_login, string $rpc_url ): void {
		update_option(
			Settings::OPTION,
			array(
				'networks'    => array(
					array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => $rpc_url, 'explorerUrl' => '' ),
				),
				'walletLogin' => $wallet_login + WalletLoginSettings::DEFAULTS,
			)
		);
	}

	/**
	 * Stores a fixture's nonce as if POST /auth/nonce had issued it to this browser: the row holds
	 * the hash of a binding secret, and the browser's cookie jar the secret.
	 */
	private function issue( string $name, int $expires_in = 600 ): array {
		return self::issue_nonce( self::$fixtures[ $name ], '192.0.2.10', $expires_in );
	}

	/**
	 * @param array<string, mixed> $extra More body fields (redirectTo).
	 */
	private function present( array $fixture, string $route = '/sovereign-press/v1/auth/verify', array $extra = array() ): \WP_REST_Response {
		return $this->rest( 'POST', $route, array( 'message' => $fixture['message'], 'signature' => $fixture['signature'] ) + $extra );
	}

	/** host:port of the test site (scripts/test-integration.mjs sets SP_SITE_URL). */
	private static function site_authority(): string {
		return (string) wp_parse_url( (string) getenv( 'SP_SITE_URL' ), PHP_URL_HOST ) . ':' . (string) wp_parse_url( (string) getenv( 'SP_SITE_URL' ), PHP_URL_PORT );
	}

	private function sign_in( string $name ): \WP_REST_Response {
		return $this->present( $this->issue( $name ) );
	}

	public function test_a_nonce_is_fresh_random_and_stored(): void {
		global $wpdb;
		$first  = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' );
		$second = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' );

		$this->assertSame( 200, $first->get_status() );
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9]{24}$/', $first->get_data()['nonce'] );
		$this->assertNotSame( $first->get_data()['nonce'], $second->get_data()['nonce'] );
		$this->assertSame( self::site_authority(), $first->get_data()['domain'] );
		$this->assertSame( array( 31337 ), $first->get_data()['chainIds'] );
		$this->assertSame( 'no-store', $first->get_headers()['Cache-Control'] );
		$this->assertSame( '1', $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM %i WHERE nonce = %s', Installer::tables()['nonces'], $first->get_data()['nonce'] ) ) );
	}

	public function test_unused_nonces_are_limited_per_address_and_consumed_ones_free_the_address(): void {
		global $wpdb;
		for ( $i = 0; $i < SignInLimits::NONCES_PER_ADDRESS; $i++ ) {
			$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );
		}
		$refused = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' );
		$this->assertSame( 429, $refused->get_status() );
		$this->assertSame( 'sovereign_press_rate_limited', $refused->get_data()['code'] );
		$this->assertNotEmpty( $refused->get_data()['message'] );
		$this->assertSame( (string) SignInLimits::FAILURE_WINDOW, $refused->get_headers()['Retry-After'] ?? null );

		$_SERVER['REMOTE_ADDR'] = '192.0.2.11';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status(), 'Another address is not affected.' );

		// The crowd behind 192.0.2.10 signs in: its nonces are consumed, and it may ask again.
		$wpdb->query( $wpdb->prepare( 'UPDATE %i SET used_at = %s WHERE client_ip = %s', Installer::tables()['nonces'], gmdate( 'Y-m-d H:i:s' ), '192.0.2.10' ) );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.10';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );
	}

	public function test_unused_nonces_are_limited_site_wide(): void {
		add_filter( 'sovereign_press_sign_in_limits', static fn( array $limits ): array => array( 'noncesSiteWide' => 3 ) + $limits );
		foreach ( array( '192.0.2.21', '192.0.2.22', '192.0.2.23' ) as $ip ) {
			$_SERVER['REMOTE_ADDR'] = $ip;
			$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );
		}
		// Past the ceiling a flooding address is refused, while a visitor who holds no unused
		// nonce (or one, from a dialog opened twice) still gets one: a flood spread over many
		// addresses cannot lock every newcomer out.
		$_SERVER['REMOTE_ADDR'] = '192.0.2.21';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );
		$busy = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' );
		$this->assertSame( 503, $busy->get_status() );
		$this->assertSame( 'sovereign_press_sign_in_busy', $busy->get_data()['code'] );
		$this->assertSame( (string) SignInLimits::FAILURE_WINDOW, $busy->get_headers()['Retry-After'] ?? null );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.24';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status(), 'A newcomer signs in past the ceiling.' );

		// Newcomers have a reserve as large as the ceiling, not more: a flood from ever new
		// addresses stops at twice the ceiling.
		$_SERVER['REMOTE_ADDR'] = '192.0.2.25';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.26';
		$this->assertSame( 503, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status(), 'twice the ceiling holds for everyone' );
	}

	public function test_failed_verifications_are_limited_per_address(): void {
		global $wpdb;
		$table = Installer::tables()['nonces'];
		// Failures of the last ten minutes count; an older one does not.
		for ( $i = 0; $i < SignInLimits::FAILURES_PER_ADDRESS; $i++ ) {
			$wpdb->insert( $table, array( 'nonce' => 'failed' . $i, 'created_at' => gmdate( 'Y-m-d H:i:s' ), 'expires_at' => gmdate( 'Y-m-d H:i:s', time() + 600 ), 'client_ip' => '192.0.2.10', 'used_at' => gmdate( 'Y-m-d H:i:s' ), 'failed_at' => gmdate( 'Y-m-d H:i:s', 0 === $i ? time() - SignInLimits::FAILURE_WINDOW - 60 : time() ) ) );
		}
		$forged              = $this->issue( 'visitor1' );
		$forged['signature'] = self::$fixtures['citizen1']['signature'];
		$this->assertSame( 'sovereign_press_siwe_signature_invalid', $this->present( $forged )->get_data()['code'] );
		$this->assertNotNull( $wpdb->get_var( $wpdb->prepare( 'SELECT failed_at FROM %i WHERE nonce = %s', $table, $forged['nonce'] ) ), 'The failure is recorded.' );

		// Now at the limit: a valid message is not even checked, and no new nonce is issued.
		$refused = $this->sign_in( 'visitor2' );
		$this->assertSame( 429, $refused->get_status() );
		$this->assertSame( 'sovereign_press_rate_limited', $refused->get_data()['code'] );
		$this->assertSame( (string) SignInLimits::FAILURE_WINDOW, $refused->get_headers()['Retry-After'] ?? null );
		$this->assertSame( 0, get_current_user_id() );
		$this->assertSame( 429, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );

		$_SERVER['REMOTE_ADDR'] = '192.0.2.11';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status(), 'Another address is not affected.' );
	}

	public function test_sign_ins_an_address_completes_are_limited_far_above_a_crowd(): void {
		add_filter( 'sovereign_press_sign_in_limits', static fn( array $limits ): array => array( 'signInsPerAddress' => 2 ) + $limits );
		// Each new wallet is a new account (and an ENS lookup): a script with fresh keys must not
		// create them without end from one address.
		$this->assertSame( 201, $this->sign_in( 'visitor1' )->get_status() );
		wp_set_current_user( 0 );
		$this->assertSame( 201, $this->sign_in( 'contributor1' )->get_status() );
		wp_set_current_user( 0 );

		$refused = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' );
		$this->assertSame( 429, $refused->get_status() );
		$this->assertSame( 'sovereign_press_rate_limited', $refused->get_data()['code'] );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.11';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status(), 'Another address is not affected.' );
	}

	public function test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(): void {
		global $wpdb;
		$this->configure( array( 'trustedProxies' => array( '192.0.2.0/28' ) ), self::env( 'SP_RPC_URL' ) );
		$issued_to = function (): string {
			global $wpdb;
			$nonce = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_data()['nonce'];
			return (string) $wpdb->get_var( $wpdb->prepare( 'SELECT client_ip FROM %i WHERE nonce = %s', Installer::tables()['nonces'], $nonce ) );
		};

		$_SERVER['HTTP_X_FORWARDED_FOR'] = '198.51.100.1, 203.0.113.5';
		$this->assertSame( '203.0.113.5', $issued_to(), 'Behind the proxy: the address the proxy saw.' );
		$_SERVER['REMOTE_ADDR'] = '198.51.100.9';
		$this->assertSame( '198.51.100.9', $issued_to(), 'A client that is no proxy cannot name another address.' );

		$this->configure( array( 'trustedProxies' => array( '192.0.2.10' ), 'proxyHeader' => 'X-Real-IP' ), self::env( 'SP_RPC_URL' ) );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.10';
		$_SERVER['HTTP_X_REAL_IP'] = '2001:db8:7:8::1';
		$this->assertSame( '2001:db8:7:8::/64', $issued_to(), 'The configured header; an IPv6 client counts by its /64.' );
		unset( $_SERVER['HTTP_X_FORWARDED_FOR'], $_SERVER['HTTP_X_REAL_IP'] );
	}

	public function test_an_administrator_cannot_save_a_trusted_proxy_that_is_not_an_address(): void {
		$this->log_in_as( 'admin' );
		$response = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => array( 'walletLogin' => array( 'trustedProxies' => array( '10.0.0.0/8', 'proxy.example.org' ) ) + WalletLoginSettings::DEFAULTS ) ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'sovereign_press_invalid_proxy', $response->get_data()['code'] );
		$this->assertStringContainsString( 'proxy.example.org', $response->get_data()['message'] );
		$this->assertSame( array(), get_option( Settings::OPTION )['walletLogin']['trustedProxies'] );

		$saved = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => array( 'walletLogin' => array( 'trustedProxies' => array( ' 10.0.0.0/8', '2001:DB8::/32' ) ) + WalletLoginSettings::DEFAULTS ) ) );
		$this->assertSame( 200, $saved->get_status(), (string) wp_json_encode( $saved->get_data() ) );
		$this->assertSame( array( '10.0.0.0/8', '2001:db8::/32' ), get_option( Settings::OPTION )['walletLogin']['trustedProxies'] );
	}

	public function test_a_new_wallet_registers_and_is_logged_in(): void {
		$response = $this->sign_in( 'visitor1' );

		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$data = $response->get_data();
		$this->assertTrue( $data['created'] );
		$user = get_user_by( 'id', $data['user']['id'] );
		$this->assertInstanceOf( \WP_User::class, $user );
		$this->assertSame( array( 'subscriber' ), $user->roles );
		$this->assertSame( 'member-90f79b', $user->user_login );
		$this->assertSame( '0x90F7…b906', $user->display_name );
		$this->assertSame( $user->ID, get_current_user_id() );
		$this->assertSame( self::$fixtures['visitor1']['address'], $data['user']['wallets'][0]['address'] );
		$this->assertFalse( $data['user']['canUnlinkLastWallet'], 'A wallet-only member cannot remove their only wallet.' );
		$this->assertTrue( (bool) wp_verify_nonce( $data['restNonce'], 'wp_rest' ), 'The REST nonce belongs to the new session.' );
	}

	public function test_a_returning_wallet_logs_into_the_same_user(): void {
		$first = $this->sign_in( 'visitor1' )->get_data()['user']['id'];
		wp_set_current_user( 0 );

		$again = $this->sign_in( 'visitor2' );

		$this->assertSame( 200, $again->get_status() );
		$this->assertFalse( $again->get_data()['created'] );
		$this->assertSame( $first, $again->get_data()['user']['id'] );
	}

	public function test_new_members_get_the_configured_role(): void {
		$this->configure( array( 'newMemberRole' => 'author', 'usernamePrefix' => 'citizen-' ), self::env( 'SP_RPC_URL' ) );
		$user = get_user_by( 'id', $this->sign_in( 'visitor1' )->get_data()['user']['id'] );
		$this->assertSame( array( 'author' ), $user->roles );
		$this->assertStringStartsWith( 'citizen-', $user->user_login );
	}

	public function test_registration_off_refuses_unknown_wallets(): void {
		global $wpdb;
		$this->configure( array( 'autoRegister' => false ), self::env( 'SP_RPC_URL' ) );
		$users = (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users}" );

		$response = $this->sign_in( 'visitor1' );

		$this->assertSame( 403, $response->get_status() );
		$this->assertSame( 'sovereign_press_registration_closed', $response->get_data()['code'] );
		$this->assertSame( $users, (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->users}" ) );
		$this->assertSame( 0, get_current_user_id() );
	}

	public function test_wallet_login_can_be_turned_off(): void {
		$this->configure( array( 'enabled' => false ), self::env( 'SP_RPC_URL' ) );
		$this->assertSame( 'sovereign_press_wallet_login_disabled', $this->sign_in( 'visitor1' )->get_data()['code'] );
	}

	/**
	 * @return iterable<string, array{0: string, 1: int, 2: string}>
	 */
	public static function refused(): iterable {
		yield 'wrong domain' => array( 'wrongDomain', 400, 'sovereign_press_siwe_domain_mismatch' );
		yield 'wrong URI' => array( 'wrongUri', 400, 'sovereign_press_siwe_uri_mismatch' );
		yield 'wrong chain' => array( 'wrongChain', 400, 'sovereign_press_siwe_chain_not_allowed' );
		yield 'expired message' => array( 'expired', 400, 'sovereign_press_siwe_expired' );
	}

	/**
	 * @dataProvider refused
	 */
	public function test_messages_for_another_site_chain_or_time_are_refused_with_their_codes( string $name, int $status, string $code ): void {
		$response = $this->sign_in( $name );
		$this->assertSame( $status, $response->get_status() );
		$this->assertSame( $code, $response->get_data()['code'] );
		$this->assertSame( 0, get_current_user_id() );
	}

	public function test_a_replayed_message_is_refused(): void {
		$fixture = $this->issue( 'visitor1' );
		$this->assertSame( 201, $this->present( $fixture )->get_status() );
		wp_set_current_user( 0 );

		$replay = $this->present( $fixture );

		$this->assertSame( 409, $replay->get_status() );
		$this->assertSame( 'sovereign_press_nonce_used', $replay->get_data()['code'] );
	}

	public function test_unknown_and_expired_nonces_are_refused_with_their_codes(): void {
		$unknown = $this->present( self::$fixtures['visitor1'] );
		$this->assertSame( 'sovereign_press_nonce_unknown', $unknown->get_data()['code'] );

		$expired = $this->present( $this->issue( 'visitor2', -1 ) );
		$this->assertSame( 'sovereign_press_nonce_expired', $expired->get_data()['code'] );
	}

	public function test_a_nonce_with_its_letters_in_another_case_is_unknown(): void {
		global $wpdb;
		$fixture = $this->issue( 'visitor1' );
		// The site issued the nonce with its letters' case swapped; the signed message carries the original.
		$wpdb->update( Installer::tables()['nonces'], array( 'nonce' => strtr( $fixture['nonce'], 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' ) ), array( 'nonce' => $fixture['nonce'] ) );

		$response = $this->present( $fixture );

		$this->assertSame( 400, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( 'sovereign_press_nonce_unknown', $response->get_data()['code'] );
		$this->assertSame( 0, get_current_user_id() );
	}

	public function test_a_bad_signature_is_refused_and_still_uses_up_the_nonce(): void {
		$fixture              = $this->issue( 'visitor1' );
		$forged               = $fixture;
		$forged['signature']  = self::$fixtures['citizen1']['signature'];

		$response = $this->present( $forged );

		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'sovereign_press_siwe_signature_invalid', $response->get_data()['code'] );
		$this->assertSame( 'sovereign_press_nonce_used', $this->present( $fixture )->get_data()['code'] );
	}

	public function test_bad_input_is_refused_by_the_schema(): void {
		$this->assertSame( 'rest_missing_callback_param', $this->rest( 'POST', '/sovereign-press/v1/auth/verify', array( 'message' => 'x' ) )->get_data()['code'] );
		$this->assertSame( 'rest_invalid_param', $this->rest( 'POST', '/sovereign-press/v1/auth/verify', array( 'message' => 'x', 'signature' => 'not hex' ) )->get_data()['code'] );
		$malformed = $this->rest( 'POST', '/sovereign-press/v1/auth/verify', array( 'message' => 'hello', 'signature' => '0x00' ) );
		$this->assertSame( 400, $malformed->get_status() );
		$this->assertSame( 'sovereign_press_siwe_malformed', $malformed->get_data()['code'] );
	}

	public function test_a_contract_wallet_logs_in_through_eip_1271(): void {
		$response = $this->sign_in( 'contractWallet' );

		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( self::$fixtures['contractWallet']['address'], $response->get_data()['address'] );

		$this->assertSame( 401, $this->sign_in( 'strangerForContract' )->get_status(), 'Signed by someone who does not own the contract wallet.' );
	}

	public function test_with_the_node_down_contract_wallets_are_told_to_try_again_and_eoas_still_sign_in(): void {
		$this->configure( array(), 'http://127.0.0.1:9' );

		$contract = $this->sign_in( 'contractWallet2' );
		$this->assertSame( 503, $contract->get_status() );
		$this->assertSame( 'sovereign_press_verification_unavailable', $contract->get_data()['code'] );

		$this->assertSame( 201, $this->sign_in( 'visitor1' )->get_status() );
	}

	private static function breaker(): BreakerState {
		return new BreakerState( Networks::BREAKER_PREFIX . '31337_' . substr( md5( self::env( 'SP_RPC_URL' ) ), 0, 12 ) );
	}

	/**
	 * A sign-in message from the contract wallet $address (a stranger's signature), with its nonce
	 * stored for this browser as POST /auth/nonce would.
	 *
	 * @return array<string, string>
	 */
	private function issue_from_contract( string $address, string $nonce ): array {
		$fixture            = self::$fixtures['contractWallet2'];
		$fixture['message'] = str_replace( array( $fixture['address'], $fixture['nonce'] ), array( $address, $nonce ), $fixture['message'] );
		$fixture['nonce']   = $nonce;
		return self::issue_nonce( $fixture, '192.0.2.10' );
	}

	public function test_a_visitor_whose_wallet_answers_enormously_does_not_open_the_network_for_everyone(): void {
		// 1.5 MiB, three times the cap of a node's answer once hex-encoded.
		$refused = $this->present( $this->issue_from_contract( self::deploy_answerer_of( 0x180000 ), 'hostileWallet0001' ) );
		$this->assertSame( 503, $refused->get_status() );
		$this->assertSame( 'sovereign_press_verification_unavailable', $refused->get_data()['code'] );

		// The wallet's code chose that answer: the node is up, and gates still ask it.
		$this->assertSame( 0.0, self::breaker()->read()['open'], 'The network is not opened by a call a visitor chose.' );
		$this->assertIsString( Plugin::instance()->networks()->for_chain( 31337, 2.0 )?->call( 'eth_blockNumber' ) );
	}

	public function test_a_verification_the_node_could_not_answer_counts_as_a_failure(): void {
		add_filter( 'sovereign_press_sign_in_limits', static fn( array $limits ): array => array( 'failuresPerAddress' => 1 ) + $limits );
		$wallet = self::deploy_answerer_of( 0x180000 );

		// Each such message costs a call to the chain: it counts like a signature that failed.
		$this->assertSame( 503, $this->present( $this->issue_from_contract( $wallet, 'hostileWallet0002' ) )->get_status() );
		$refused = $this->present( $this->issue_from_contract( $wallet, 'hostileWallet0003' ) );
		$this->assertSame( 429, $refused->get_status() );
		$this->assertSame( 'sovereign_press_rate_limited', $refused->get_data()['code'] );
	}

	public function test_a_logged_in_user_links_a_second_wallet_and_cannot_take_anothers(): void {
		$this->log_in_as( 'editor' );

		$linked = $this->present( $this->issue( 'contributor1' ), '/sovereign-press/v1/auth/link' );
		$this->assertSame( 201, $linked->get_status(), (string) wp_json_encode( $linked->get_data() ) );
		$this->assertSame( array( self::$fixtures['contributor1']['address'] ), array_column( $linked->get_data()['wallets'], 'address' ) );

		$again = $this->present( $this->issue( 'citizen1' ), '/sovereign-press/v1/auth/link' );
		$this->assertSame( 201, $again->get_status() );
		$this->assertCount( 2, $again->get_data()['wallets'] );

		$this->log_in_as( 'author' );
		$taken = $this->present( $this->issue( 'citizen2' ), '/sovereign-press/v1/auth/link' );
		$this->assertSame( 409, $taken->get_status() );
		$this->assertSame( 'sovereign_press_wallet_taken', $taken->get_data()['code'] );
	}

	public function test_linking_needs_a_logged_in_user(): void {
		$response = $this->present( $this->issue( 'contributor1' ), '/sovereign-press/v1/auth/link' );
		$this->assertSame( 401, $response->get_status() );
	}

	public function test_unlink_rules(): void {
		// A wallet-only member cannot remove their only wallet…
		$member_id = $this->sign_in( 'visitor1' )->get_data()['user']['id'];
		$address   = self::$fixtures['visitor1']['address'];
		$last      = $this->rest( 'DELETE', '/sovereign-press/v1/auth/wallets/' . $address );
		$this->assertSame( 409, $last->get_status() );
		$this->assertSame( 'sovereign_press_last_login_method', $last->get_data()['code'] );

		// …but can once another is linked.
		$this->present( $this->issue( 'contributor1' ), '/sovereign-press/v1/auth/link' );
		$removed = $this->rest( 'DELETE', '/sovereign-press/v1/auth/wallets/' . strtolower( $address ) );
		$this->assertSame( 200, $removed->get_status() );
		$this->assertSame( array( self::$fixtures['contributor1']['address'] ), array_column( $removed->get_data()['wallets'], 'address' ) );

		// Nobody removes another user's wallet.
		$this->log_in_as( 'editor' );
		$other = $this->rest( 'DELETE', '/sovereign-press/v1/auth/wallets/' . self::$fixtures['contributor1']['address'] );
		$this->assertSame( 404, $other->get_status() );
		$this->assertSame( $member_id, Plugin::instance()->wallets()->find_user_id( self::$fixtures['contributor1']['address'] ) );

		// A user with a password may remove their last wallet.
		$this->present( $this->issue( 'citizen1' ), '/sovereign-press/v1/auth/link' );
		$this->assertSame( 200, $this->rest( 'DELETE', '/sovereign-press/v1/auth/wallets/' . self::$fixtures['citizen1']['address'] )->get_status() );

		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->rest( 'DELETE', '/sovereign-press/v1/auth/wallets/' . $address )->get_status() );
	}

	public function test_me_reports_the_session(): void {
		$this->assertSame( array( 'loggedIn' => false ), $this->rest( 'GET', '/sovereign-press/v1/auth/me' )->get_data() );

		$this->sign_in( 'visitor1' );
		$me = $this->rest( 'GET', '/sovereign-press/v1/auth/me' )->get_data();
		$this->assertTrue( $me['loggedIn'] );
		$this->assertSame( self::$fixtures['visitor1']['address'], $me['user']['wallets'][0]['address'] );
	}

	public function test_password_login_can_be_closed_to_members_with_a_wallet(): void {
		$this->log_in_as( 'editor' );
		$this->present( $this->issue( 'contributor1' ), '/sovereign-press/v1/auth/link' );
		wp_set_current_user( 0 );

		$this->assertInstanceOf( \WP_User::class, wp_authenticate( 'editor', 'password' ) );

		$this->configure( array( 'passwordLogin' => false ), self::env( 'SP_RPC_URL' ) );
		$refused = wp_authenticate( 'editor', 'password' );
		$this->assertInstanceOf( \WP_Error::class, $refused );
		$this->assertSame( 'sovereign_press_password_login_disabled', $refused->get_error_code() );
		$this->assertInstanceOf( \WP_User::class, wp_authenticate( 'admin', 'password' ), 'Users without a wallet keep their password.' );
	}

	public function test_members_are_shown_by_their_verified_ens_name_and_avatar(): void {
		$this->configure( array( 'ensChainId' => 31337 ), self::env( 'SP_RPC_URL' ) );

		$citizen = $this->sign_in( 'citizen1' )->get_data()['user'];
		$this->assertSame( 'citizen.society.eth', $citizen['displayName'] );
		$this->assertSame( 'https://example.org/citizen.png', get_avatar_url( $citizen['id'] ) );

		wp_set_current_user( 0 );
		$contributor = $this->sign_in( 'contributor1' )->get_data()['user'];
		$this->assertSame( '0x3C44…93BC', $contributor['displayName'], 'A name that does not resolve back is not shown.' );
	}

	public function test_a_name_the_member_chose_is_kept(): void {
		$this->configure( array( 'ensChainId' => 31337 ), self::env( 'SP_RPC_URL' ) );
		$id = $this->sign_in( 'citizen1' )->get_data()['user']['id'];
		wp_update_user( array( 'ID' => $id, 'display_name' => 'Ada' ) );
		wp_set_current_user( 0 );

		$this->assertSame( 'Ada', $this->sign_in( 'citizen2' )->get_data()['user']['displayName'] );
	}

	public function test_the_site_identity_comes_from_home_url(): void {
		$site = SiteIdentity::current();
		$this->assertSame( array( self::site_authority(), 'http://' . self::site_authority(), 'http' ), array( $site->domain, $site->origin, $site->scheme ) );
	}

	/**
	 * Redirect targets a crafted link can put in wp-login.php's redirect_to (or a page in the
	 * block's request): none may lead off the site or run script.
	 *
	 * @return iterable<string, array{0: string}>
	 */
	public static function crafted_redirects(): iterable {
		$site = (string) getenv( 'SP_SITE_URL' );
		yield 'javascript:' => array( 'javascript:alert(document.domain)' );
		yield 'javascript: in capitals' => array( 'JavaScript:alert(1)' );
		yield 'javascript: with a tab' => array( "java\tscript:alert(1)" );
		yield 'data:' => array( 'data:text/html,<script>alert(1)</script>' );
		yield 'another site' => array( 'http://evil.example/' );
		yield 'another site over https' => array( 'https://evil.example/wp-admin/' );
		yield 'protocol-relative' => array( '//evil.example' );
		yield 'slash backslash' => array( '/\\evil.example' );
		yield 'two backslashes' => array( '\\\\evil.example' );
		yield 'percent-encoded slashes' => array( '%2F%2Fevil.example' );
		yield 'percent-encoded javascript:' => array( 'javascript%3Aalert(1)' );
		yield 'scheme without slashes' => array( 'http:evil.example' );
		yield 'user info before another host' => array( $site . '@evil.example/' );
		yield 'user and password before this host' => array( str_replace( '://', '://user:pass@', $site ) . '/hello-world/' );
		yield 'a user before this host' => array( str_replace( '://', '://user@', $site ) . '/hello-world/' );
		yield 'longer than 2048 characters' => array( '/hello-world/?q=' . str_repeat( 'a', 2048 ) );
		yield 'this host on another port' => array( 'http://127.0.0.1:9/' );
		yield 'a relative path' => array( 'evil.example' );
	}

	/**
	 * The administrator, signing in with a wallet linked to their account.
	 */
	private function sign_in_as_admin( array $extra ): \WP_REST_Response {
		Plugin::instance()->wallets()->link( self::user_id( 'admin' ), self::$fixtures['contributor1']['address'], 31337 );
		return $this->present( $this->issue( 'contributor1' ), '/sovereign-press/v1/auth/verify', $extra );
	}

	/**
	 * @dataProvider crafted_redirects
	 */
	public function test_a_crafted_redirect_sends_an_administrator_to_the_dashboard( string $requested ): void {
		$response = $this->sign_in_as_admin( array( 'redirectTo' => $requested ) );

		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( admin_url(), $response->get_data()['redirect'] );
	}

	/**
	 * @dataProvider crafted_redirects
	 */
	public function test_a_crafted_redirect_sends_a_new_member_to_their_profile( string $requested ): void {
		$response = $this->present( $this->issue( 'visitor1' ), '/sovereign-press/v1/auth/verify', array( 'redirectTo' => $requested ) );

		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( admin_url( 'profile.php' ), $response->get_data()['redirect'] );
	}

	public function test_without_a_redirect_an_administrator_goes_to_the_dashboard_and_a_member_to_their_profile(): void {
		$this->assertSame( admin_url(), $this->sign_in_as_admin( array() )->get_data()['redirect'] );
		wp_set_current_user( 0 );
		$this->assertSame( admin_url( 'profile.php' ), $this->sign_in( 'visitor1' )->get_data()['redirect'] );
	}

	public function test_an_administrator_asking_for_wp_admin_lands_there_and_a_member_on_their_profile(): void {
		$this->assertSame( admin_url(), $this->sign_in_as_admin( array( 'redirectTo' => '/wp-admin/' ) )->get_data()['redirect'] );
		wp_set_current_user( 0 );
		$member = $this->present( $this->issue( 'visitor1' ), '/sovereign-press/v1/auth/verify', array( 'redirectTo' => '/wp-admin/' ) );
		$this->assertSame( admin_url( 'profile.php' ), $member->get_data()['redirect'] );
	}

	/**
	 * @return iterable<string, array{0: string, 1: string}>
	 */
	public static function pages_of_this_site(): iterable {
		$site = (string) getenv( 'SP_SITE_URL' );
		yield 'a path' => array( '/hello-world/?replytocom=1#respond', $site . '/hello-world/?replytocom=1#respond' );
		yield 'an absolute URL' => array( $site . '/join/', $site . '/join/' );
		yield 'a screen in wp-admin' => array( $site . '/wp-admin/edit.php', $site . '/wp-admin/edit.php' );
	}

	public function test_a_page_of_this_site_is_honoured_up_to_2048_characters(): void {
		$requested = '/hello-world/?q=' . str_repeat( 'a', 2048 - strlen( '/hello-world/?q=' ) );
		$this->assertSame( 2048, strlen( $requested ) );

		$response = $this->present( $this->issue( 'visitor1' ), '/sovereign-press/v1/auth/verify', array( 'redirectTo' => $requested ) );

		$this->assertSame( home_url( $requested ), $response->get_data()['redirect'] );
	}

	/**
	 * @dataProvider pages_of_this_site
	 */
	public function test_a_page_of_this_site_is_where_the_member_goes_as_an_absolute_url( string $requested, string $expected ): void {
		$response = $this->present( $this->issue( 'visitor1' ), '/sovereign-press/v1/auth/verify', array( 'redirectTo' => $requested ) );
		$this->assertSame( $expected, $response->get_data()['redirect'] );
	}

	public function test_the_login_redirect_filter_decides_as_for_a_password_login_but_cannot_leave_the_site(): void {
		$seen = array();
		$to   = home_url( '/welcome/' );
		$hook = static function ( $redirect_to, $requested, $user ) use ( &$seen, &$to ) {
			$seen[] = array( $redirect_to, $requested, $user instanceof \WP_User ? $user->user_login : null );
			return $to;
		};
		add_filter( 'login_redirect', $hook, 10, 3 );
		try {
			$first = $this->sign_in_as_admin( array( 'redirectTo' => '/hello-world/' ) );
			$this->assertSame( home_url( '/welcome/' ), $first->get_data()['redirect'] );
			$this->assertSame( array( array( '/hello-world/', '/hello-world/', 'admin' ) ), $seen );

			wp_set_current_user( 0 );
			$to     = 'https://evil.example/';
			$second = $this->present( $this->issue( 'visitor1' ), '/sovereign-press/v1/auth/verify' );
			$this->assertSame( admin_url( 'profile.php' ), $second->get_data()['redirect'] );
			$this->assertSame( array( admin_url(), '' ), array_slice( $seen[1], 0, 2 ), 'No redirect asked: the filter gets admin_url() and an empty request, as on wp-login.php.' );
		} finally {
			remove_filter( 'login_redirect', $hook, 10 );
		}
	}

	public function test_a_nonce_is_refused_without_the_cookie_of_the_browser_that_asked_for_it(): void {
		$fixture = $this->issue( 'visitor1' );
		unset( $_COOKIE[ NonceCookie::name() ] );

		$response = $this->present( $fixture );

		$this->assertSame( 403, $response->get_status() );
		$this->assertSame( 'sovereign_press_nonce_not_yours', $response->get_data()['code'] );
		$this->assertStringContainsString( 'start again in this browser', $response->get_data()['message'] );
		$this->assertSame( 0, get_current_user_id() );
	}

	public function test_a_nonce_is_refused_with_another_browsers_cookie_and_stays_usable_by_its_own(): void {
		$fixture = $this->issue( 'visitor1' );
		$other   = $this->issue( 'visitor2' );
		$this->assertNotSame( $fixture['secret'], $other['secret'] );

		// The cookie jar now holds the second nonce's secret: the first nonce is another browser's.
		$refused = $this->present( $fixture );
		$this->assertSame( 403, $refused->get_status() );
		$this->assertSame( 'sovereign_press_nonce_not_yours', $refused->get_data()['code'] );
		$_COOKIE[ NonceCookie::name() ] = 'not-a-secret';
		$this->assertSame( 'sovereign_press_nonce_not_yours', $this->present( $fixture )->get_data()['code'] );
		$this->assertSame( 0, get_current_user_id() );

		$_COOKIE[ NonceCookie::name() ] = $fixture['secret'];
		$this->assertSame( 201, $this->present( $fixture )->get_status(), 'A refusal for the wrong cookie does not use the nonce up.' );
	}

	public function test_linking_also_needs_the_cookie_of_the_browser_that_asked_for_the_nonce(): void {
		$this->log_in_as( 'editor' );
		$fixture = $this->issue( 'contributor1' );
		unset( $_COOKIE[ NonceCookie::name() ] );

		$refused = $this->present( $fixture, '/sovereign-press/v1/auth/link' );
		$this->assertSame( 403, $refused->get_status() );
		$this->assertSame( 'sovereign_press_nonce_not_yours', $refused->get_data()['code'] );

		$_COOKIE[ NonceCookie::name() ] = $fixture['secret'];
		$this->assertSame( 201, $this->present( $fixture, '/sovereign-press/v1/auth/link' )->get_status() );
	}

	public function test_over_https_the_binding_cookie_is_a_host_cookie_for_the_whole_site(): void {
		global $wpdb;
		$_SERVER['HTTPS'] = 'on';
		try {
			$this->assertSame( '__Host-sovereign_press_signin_' . COOKIEHASH, NonceCookie::name() );
			$options = NonceCookie::options( 1 );
			$this->assertSame( array( '/', '', true, true, 'Lax' ), array( $options['path'], $options['domain'], $options['secure'], $options['httponly'], $options['samesite'] ) );

			// A cookie under the plain name (which a sibling subdomain can set) is not this browser's binding.
			$fixture = $this->issue( 'visitor1' );
			$secret  = $_COOKIE[ NonceCookie::name() ];
			unset( $_COOKIE[ NonceCookie::name() ] );
			$_COOKIE[ 'sovereign_press_signin_' . COOKIEHASH ] = $secret;
			$this->assertSame( 'sovereign_press_nonce_not_yours', $this->present( $fixture )->get_data()['code'] );

			// The fixture names the http site, so this https request refuses the message, but only after the cookie let it use the nonce.
			$_COOKIE[ NonceCookie::name() ] = $secret;
			$this->assertNotSame( 'sovereign_press_nonce_not_yours', $this->present( $fixture )->get_data()['code'] );
			$this->assertNotNull( $wpdb->get_var( $wpdb->prepare( 'SELECT used_at FROM %i WHERE nonce = %s', Installer::tables()['nonces'], $fixture['nonce'] ) ) );
		} finally {
			unset( $_SERVER['HTTPS'], $_COOKIE[ 'sovereign_press_signin_' . COOKIEHASH ] );
		}
	}

	public function test_over_http_the_binding_cookie_keeps_its_name_and_the_rest_path(): void {
		$this->assertSame( 'sovereign_press_signin_' . COOKIEHASH, NonceCookie::name() );
		$options = NonceCookie::options( 1 );
		$this->assertSame( array( '/wp-json/', false, true ), array( $options['path'], $options['secure'], $options['httponly'] ) );
	}

	public function test_the_store_keeps_only_a_hash_of_the_binding_secret(): void {
		global $wpdb;
		$issued = ( new NonceStore() )->issue( '192.0.2.10' );

		$this->assertMatchesRegularExpression( '/^[0-9a-f]{64}$/', $issued['secret'] );
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM %i WHERE nonce = %s', Installer::tables()['nonces'], $issued['nonce'] ), ARRAY_A );
		$this->assertSame( hash( 'sha256', $issued['secret'] ), $row['binding'] );
		$this->assertNotContains( $issued['secret'], $row );
	}
}
