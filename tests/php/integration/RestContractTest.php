<?php
/**
 * The REST API as a documented contract: every route of sovereign-press/v1 has a permission
 * check and a response schema, the API describes itself with them, and real answers match them.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Auth\NonceCookie;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Settings\Settings;

final class RestContractTest extends TestCase {

	private const NAMESPACE = '/sovereign-press/v1';

	private const WALLET_ROUTE = '/sovereign-press/v1/auth/wallets/(?P<address>0x[0-9a-fA-F]{40})';

	/**
	 * Every route, with its methods and the top-level properties of its response schema.
	 */
	private const ROUTES = array(
		'/sovereign-press/v1/auth/nonce'    => array( array( 'POST' ), array( 'nonce', 'domain', 'uri', 'scheme', 'chainIds' ) ),
		'/sovereign-press/v1/auth/verify'   => array( array( 'POST' ), array( 'loggedIn', 'user', 'created', 'address', 'restNonce', 'redirect' ) ),
		'/sovereign-press/v1/auth/me'       => array( array( 'GET' ), array( 'loggedIn', 'user', 'created', 'address', 'restNonce', 'redirect' ) ),
		'/sovereign-press/v1/auth/link'     => array( array( 'POST' ), array( 'id', 'displayName', 'avatarUrl', 'wallets', 'canUnlinkLastWallet' ) ),
		self::WALLET_ROUTE                  => array( array( 'DELETE' ), array( 'id', 'displayName', 'avatarUrl', 'wallets', 'canUnlinkLastWallet' ) ),
		'/sovereign-press/v1/gates/summary' => array( array( 'POST' ), array( 'summary', 'rule' ) ),
		'/sovereign-press/v1/tokens'        => array( array( 'GET' ), array( 'chainId', 'contract', 'name', 'symbol', 'decimals', 'standard' ) ),
		'/sovereign-press/v1/networks/test' => array( array( 'POST' ), array( 'chainId', 'blockNumber', 'latencyMs', 'known' ) ),
		'/sovereign-press/v1/snapshot-votes' => array( array( 'POST' ), array( 'id', 'ipfs' ) ),
		'/sovereign-press/v1/proposals/preview' => array( array( 'GET' ), array( 'html' ) ),
		'/sovereign-press/v1/ballots'       => array( array( 'GET' ), array( 'ref', 'state', 'title', 'type', 'choices', 'ballots' ) ),
		'/sovereign-press/v1/census'         => array( array( 'GET' ), array( 'snapshot', 'blocks', 'population', 'root', 'tree', 'tokens', 'excluded', 'linkedOnly', 'publicMembers', 'treasury', 'economy', 'declared' ) ),
		'/sovereign-press/v1/census/history' => array( array( 'GET' ), array( 'points' ) ),
		'/sovereign-press/v1/census/members' => array( array( 'GET' ), array( 'snapshot', 'block', 'root', 'total', 'page', 'perPage', 'members' ) ),
		'/sovereign-press/v1/census/proof'   => array( array( 'GET' ), array( 'address', 'leaf', 'index', 'proof', 'root', 'snapshot', 'block' ) ),
		'/sovereign-press/v1/census/sync'   => array( array( 'GET', 'POST' ), array( 'phase', 'busy', 'scanned', 'total', 'tree', 'error', 'snapshot', 'latest', 'updatedAt' ) ),
	);

	/**
	 * Routes anyone may call, by nature: asking for a sign-in nonce, signing in, asking who is
	 * logged in, reading the census. README's REST table says "anyone" for exactly these.
	 */
	private const PUBLIC_ROUTES = array(
		'/sovereign-press/v1/auth/nonce',
		'/sovereign-press/v1/auth/verify',
		'/sovereign-press/v1/auth/me',
		'/sovereign-press/v1/census',
		'/sovereign-press/v1/census/history',
	);

	/**
	 * Routes open to anyone unless a setting closes them: the census member list and proofs
	 * (publicMembers, on by default).
	 */
	private const OPEN_ROUTES = array(
		'/sovereign-press/v1/census/members',
		'/sovereign-press/v1/census/proof',
	);

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate( '', array(), array( 'walletLogin' => WalletLoginSettings::DEFAULTS ) );
		$_SERVER['REMOTE_ADDR'] = '192.0.2.20';
	}

	protected function tearDown(): void {
		unset( $_COOKIE[ LOGGED_IN_COOKIE ], $_COOKIE[ NonceCookie::name() ] );
		parent::tearDown();
	}

	/**
	 * A signed sign-in message (tests/chain/siwe-fixtures.mjs) whose nonce this browser asked for:
	 * the nonces table holds the hash of a binding secret, the cookie jar the secret.
	 *
	 * @return array{message:string, signature:string, address:string}
	 */
	private static function signed( string $name ): array {
		$fixture = self::issue_nonce(
			json_decode( (string) file_get_contents( self::env( 'SP_AUTH_FIXTURES' ) ), true, 512, JSON_THROW_ON_ERROR )[ $name ],
			'192.0.2.20'
		);
		return array(
			'message'   => $fixture['message'],
			'signature' => $fixture['signature'],
			'address'   => $fixture['address'],
		);
	}

	/**
	 * Our routes as the server has them (the namespace's own index, which WordPress adds, aside).
	 *
	 * @return array<string, list<array<string, mixed>>>
	 */
	private static function routes(): array {
		$routes = rest_get_server()->get_routes( 'sovereign-press/v1' );
		unset( $routes[ self::NAMESPACE ] );
		return $routes;
	}

	/**
	 * The schema with additionalProperties: false on every object that lists its properties, so
	 * a field the schema does not describe fails validation too.
	 *
	 * @param array<string, mixed> $schema Schema.
	 * @return array<string, mixed>
	 */
	private static function closed( array $schema ): array {
		if ( isset( $schema['properties'] ) ) {
			$schema += array( 'additionalProperties' => false );
			$schema['properties'] = array_map( array( self::class, 'closed' ), $schema['properties'] );
		}
		if ( isset( $schema['items'] ) && is_array( $schema['items'] ) ) {
			$schema['items'] = self::closed( $schema['items'] );
		}
		return $schema;
	}

	/**
	 * The response schema a route publishes, closed (see closed()).
	 *
	 * @return array<string, mixed>
	 */
	private static function schema_of( string $route ): array {
		self::routes();
		$schema = rest_get_server()->get_route_options( $route )['schema'] ?? null;
		self::assertIsCallable( $schema, "{$route} has no schema." );
		return self::closed( call_user_func( $schema ) );
	}

	/**
	 * Asserts that a successful response matches the schema its route publishes.
	 */
	private function assertMatchesItsSchema( int $status, \WP_REST_Response $response, string $route ): void {
		$this->assertSame( $status, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$valid = rest_validate_value_from_schema( $response->get_data(), self::schema_of( $route ), 'response' );
		$this->assertTrue( $valid, is_wp_error( $valid ) ? $route . ': ' . $valid->get_error_message() : '' );
	}

	public function test_the_namespace_has_exactly_the_documented_routes_and_methods(): void {
		$found = array();
		foreach ( self::routes() as $route => $handlers ) {
			$methods = array();
			foreach ( $handlers as $handler ) {
				$methods = array_merge( $methods, array_keys( $handler['methods'] ) );
			}
			$found[ $route ] = $methods;
		}
		$this->assertEqualsCanonicalizing( array_map( static fn( array $route ): array => $route[0], self::ROUTES ), $found );
	}

	public function test_every_route_checks_permissions_and_only_the_sign_in_routes_are_public(): void {
		$request = new \WP_REST_Request();
		foreach ( self::routes() as $route => $handlers ) {
			foreach ( $handlers as $handler ) {
				$check = $handler['permission_callback'] ?? null;
				$this->assertNotNull( $check, "{$route} has no permission_callback." );
				$this->assertIsCallable( $check, $route );
				if ( in_array( $route, self::PUBLIC_ROUTES, true ) ) {
					$this->assertSame( '__return_true', $check, "{$route} is public and says so." );
					continue;
				}
				$this->assertNotSame( '__return_true', $check, "{$route} must not be public." );
				if ( in_array( $route, self::OPEN_ROUTES, true ) ) {
					$this->assertTrue( call_user_func( $check, $request ), "{$route} is open by default." );
					continue;
				}
				$refused = call_user_func( $check, $request );
				$this->assertInstanceOf( \WP_Error::class, $refused, "{$route} lets a logged-out visitor in." );
				$this->assertSame( 'rest_not_logged_in', $refused->get_error_code(), $route );
				$this->assertSame( 401, $refused->get_error_data()['status'], $route );
				$this->assertNotSame( '', $refused->get_error_message(), $route );
			}
		}
	}

	public function test_a_subscriber_is_refused_what_needs_a_capability_with_403(): void {
		$this->log_in_as( 'subscriber' );
		$expected = array(
			'/sovereign-press/v1/auth/link'     => true,
			self::WALLET_ROUTE                  => true,
			'/sovereign-press/v1/gates/summary' => 'Only people who can write posts can build token gates.',
			'/sovereign-press/v1/tokens'        => 'Only people who can write posts can build token gates.',
			'/sovereign-press/v1/networks/test' => 'Only administrators can test network connections.',
			'/sovereign-press/v1/snapshot-votes' => true,
			'/sovereign-press/v1/ballots'       => true,
			'/sovereign-press/v1/census/members' => true,
			'/sovereign-press/v1/census/proof'   => true,
			'/sovereign-press/v1/census/sync'   => 'Only administrators can run the census sync.',
		);
		foreach ( $expected as $route => $answer ) {
			$result = call_user_func( self::routes()[ $route ][0]['permission_callback'], new \WP_REST_Request() );
			if ( true === $answer ) {
				$this->assertTrue( $result, $route );
				continue;
			}
			$this->assertInstanceOf( \WP_Error::class, $result, $route );
			$this->assertSame( array( 'rest_forbidden', 403, $answer ), array( $result->get_error_code(), $result->get_error_data()['status'], $result->get_error_message() ), $route );
		}
	}

	public function test_the_namespace_index_describes_every_response_with_context_help(): void {
		$request = new \WP_REST_Request( 'GET', self::NAMESPACE );
		$request->set_param( 'context', 'help' );
		$index = rest_do_request( $request )->get_data()['routes'];

		foreach ( self::ROUTES as $route => [ , $properties ] ) {
			$this->assertArrayHasKey( $route, $index );
			$schema = $index[ $route ]['schema'] ?? null;
			$this->assertIsArray( $schema, "{$route} has no schema in the index." );
			$this->assertSame( 'object', $schema['type'], $route );
			$this->assertStringStartsWith( 'sovereign-press-', $schema['title'], $route );
			$this->assertSame( $properties, array_keys( $schema['properties'] ), $route );
			foreach ( $schema['properties'] as $name => $property ) {
				$this->assertNotEmpty( $property['type'], "{$route} {$name}" );
				$this->assertNotSame( '', $property['description'] ?? '', "{$route} {$name} has no description." );
				$this->assertContains( 'view', $property['context'] ?? array(), "{$route} {$name}" );
			}
		}
	}

	public function test_an_options_request_to_each_route_answers_with_its_schema(): void {
		$paths = array_combine( array_keys( self::ROUTES ), array_keys( self::ROUTES ) );

		$paths[ self::WALLET_ROUTE ] = '/sovereign-press/v1/auth/wallets/' . self::deployment()['wallets'][1]['address'];
		foreach ( $paths as $route => $path ) {
			$response = rest_do_request( new \WP_REST_Request( 'OPTIONS', $path ) );
			$this->assertSame( 200, $response->get_status(), $path );
			$this->assertSame( self::ROUTES[ $route ][1], array_keys( $response->get_data()['schema']['properties'] ?? array() ), $path );
		}
	}

	public function test_the_sign_in_and_wallet_routes_answer_as_their_schemas_say(): void {
		$this->assertMatchesItsSchema( 200, $this->rest( 'POST', '/sovereign-press/v1/auth/nonce' ), '/sovereign-press/v1/auth/nonce' );
		$this->assertMatchesItsSchema( 200, $this->rest( 'GET', '/sovereign-press/v1/auth/me' ), '/sovereign-press/v1/auth/me' );

		$this->assertMatchesItsSchema( 201, $this->rest( 'POST', '/sovereign-press/v1/auth/verify', array( 'redirectTo' => '/hello-world/' ) + self::signed( 'visitor1' ) ), '/sovereign-press/v1/auth/verify' );
		$this->assertMatchesItsSchema( 200, $this->rest( 'GET', '/sovereign-press/v1/auth/me' ), '/sovereign-press/v1/auth/me' );

		$this->log_in_as( 'editor' );
		$linked = self::signed( 'contributor1' );
		$this->assertMatchesItsSchema( 201, $this->rest( 'POST', '/sovereign-press/v1/auth/link', $linked ), '/sovereign-press/v1/auth/link' );
		$this->assertMatchesItsSchema( 200, $this->rest( 'DELETE', '/sovereign-press/v1/auth/wallets/' . $linked['address'] ), self::WALLET_ROUTE );
	}

	public function test_the_editor_and_admin_routes_answer_as_their_schemas_say(): void {
		$this->log_in_as( 'editor' );
		$group = array( 'type' => 'any', 'conditions' => array( self::citizen_nft(), array( 'type' => 'native', 'chainId' => 31337, 'amount' => '0.5' ) ) );
		$this->assertMatchesItsSchema( 200, $this->rest( 'POST', '/sovereign-press/v1/gates/summary', array( 'rule' => $group ) ), '/sovereign-press/v1/gates/summary' );
		$this->assertMatchesItsSchema( 200, $this->rest( 'POST', '/sovereign-press/v1/gates/summary', array( 'preset' => 'citizens' ) ), '/sovereign-press/v1/gates/summary' );

		foreach ( array( 'token', 'membership', 'badge' ) as $contract ) {
			$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/tokens' );
			$request->set_query_params( array( 'chainId' => 31337, 'contract' => self::deployment()['contracts'][ $contract ] ) );
			$this->assertMatchesItsSchema( 200, rest_do_request( $request ), '/sovereign-press/v1/tokens' );
		}

		$this->log_in_as( 'admin' );
		$this->assertMatchesItsSchema( 200, $this->rest( 'POST', '/sovereign-press/v1/networks/test', array( 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'chainId' => 31337 ) ), '/sovereign-press/v1/networks/test' );
	}

	public function test_the_schemas_catch_an_answer_that_breaks_them(): void {
		$schema = self::schema_of( '/sovereign-press/v1/tokens' );
		$token  = array( 'chainId' => 31337, 'contract' => self::deployment()['contracts']['token'], 'name' => 'Vote', 'symbol' => 'SVOTE', 'decimals' => 18, 'standard' => 'erc20' );
		$this->assertTrue( rest_validate_value_from_schema( $token, $schema, 'response' ) );
		$this->assertWPError( rest_validate_value_from_schema( array( 'standard' => 'erc4626' ) + $token, $schema, 'response' ) );
		$this->assertWPError( rest_validate_value_from_schema( array( 'decimals' => 'eighteen' ) + $token, $schema, 'response' ) );
		$this->assertWPError( rest_validate_value_from_schema( $token + array( 'rpcUrl' => 'http://127.0.0.1:8545' ), $schema, 'response' ) );
	}

	private function assertWPError( mixed $value ): void {
		$this->assertInstanceOf( \WP_Error::class, $value );
	}
}
