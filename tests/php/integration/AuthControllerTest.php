<?php
/**
 * Wallet sign-in through the real REST routes, on the local chain, with messages signed by
 * viem for this site (tests/chain/siwe-fixtures.mjs).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Auth\WalletLogin;
use SovereignPress\Installer;
use SovereignPress\Plugin;

final class AuthControllerTest extends TestCase {

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
		unset( $_COOKIE[ LOGGED_IN_COOKIE ] );
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
	 * Stores a fixture's nonce as if POST /auth/nonce had issued it.
	 */
	private function issue( string $name, int $expires_in = 600 ): array {
		global $wpdb;
		$fixture = self::$fixtures[ $name ];
		$wpdb->insert(
			Installer::tables()['nonces'],
			array(
				'nonce'      => $fixture['nonce'],
				'created_at' => gmdate( 'Y-m-d H:i:s' ),
				'expires_at' => gmdate( 'Y-m-d H:i:s', time() + $expires_in ),
				'client_ip'  => '192.0.2.10',
			)
		);
		return $fixture;
	}

	private function present( array $fixture, string $route = '/sovereign-press/v1/auth/verify' ): \WP_REST_Response {
		return $this->rest( 'POST', $route, array( 'message' => $fixture['message'], 'signature' => $fixture['signature'] ) );
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

	public function test_nonces_are_rate_limited_per_address(): void {
		for ( $i = 0; $i < 30; $i++ ) {
			$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status() );
		}
		$refused = $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' );
		$this->assertSame( 429, $refused->get_status() );
		$this->assertSame( 'sovereign_press_rate_limited', $refused->get_data()['code'] );

		$_SERVER['REMOTE_ADDR'] = '192.0.2.11';
		$this->assertSame( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' )->get_status(), 'Another address is not affected.' );
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
		$this->assertSame( array( 'domain' => self::site_authority(), 'origin' => 'http://' . self::site_authority(), 'scheme' => 'http' ), WalletLogin::site() );
	}
}
