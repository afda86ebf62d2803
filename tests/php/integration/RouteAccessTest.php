<?php
/**
 * Who may call what: every sovereign-press/v1 route and method, as the REST server itself lists
 * them (so a new route cannot be missed), called by a visitor who is not logged in, a subscriber,
 * an author, an editor and an administrator, with the outcome each must get. A refusal is the
 * permission check's (401 when logged out, 403 when not allowed); an allowed call gets the
 * route's own answer to a fixed request, which needs no network beyond the local chain.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;

final class RouteAccessTest extends TestCase {

	private const ROLES = array( '', 'subscriber', 'author', 'editor', 'admin' );

	private const LOGGED_OUT = 'rest_not_logged_in 401';

	private const FORBIDDEN = 'rest_forbidden 403';

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate();
		$_SERVER['REMOTE_ADDR'] = '192.0.2.44';
		// Snapshot's hubs are on the internet: no request of this test may need one.
		add_filter( 'pre_http_request', array( self::class, 'only_the_local_chain' ), 1, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( self::class, 'only_the_local_chain' ), 1 );
		parent::tearDown();
	}

	/**
	 * @param mixed                $response Short-circuit answer.
	 * @param array<string, mixed> $args     Request arguments.
	 * @param string               $url      URL.
	 * @return mixed
	 */
	public static function only_the_local_chain( mixed $response, array $args, string $url ): mixed {
		self::assertStringStartsWith( self::env( 'SP_RPC_URL' ), $url, 'A request of the access table left the local chain.' );
		return $response;
	}

	/**
	 * Each route and method ("METHOD /route" as the server lists it): the request made (also the
	 * sound request RouteFuzzTest spoils one argument of), and the outcome for each role of ROLES ('' = not logged in), as "status" for an answer or
	 * "code status" for an error.
	 *
	 * @return array<string, array{0: string, 1: array<string, mixed>, 2: list<string>}>
	 */
	public static function table(): array {
		$nobody    = '0x' . str_repeat( '7', 40 );
		$signed_in = static fn( string $answer ): array => array( self::LOGGED_OUT, $answer, $answer, $answer, $answer );
		$writers   = static fn( string $answer ): array => array( self::LOGGED_OUT, self::FORBIDDEN, $answer, $answer, $answer );
		$admins    = static fn( string $answer ): array => array( self::LOGGED_OUT, self::FORBIDDEN, self::FORBIDDEN, self::FORBIDDEN, $answer );
		$anyone    = static fn( string $answer ): array => array_fill( 0, 5, $answer );
		$envelope  = array(
			'address' => $nobody,
			'sig'     => '0x' . str_repeat( '11', 65 ),
			'data'    => array(
				'domain'  => array( 'name' => 'snapshot', 'version' => '0.1.4' ),
				'types'   => array( 'Vote' => array() ),
				'message' => array( 'from' => $nobody, 'space' => 'society.eth', 'timestamp' => 1, 'proposal' => '0x' . str_repeat( 'ab', 32 ), 'choice' => 1, 'reason' => '', 'app' => '', 'metadata' => '{}' ),
			),
		);
		$signed    = array( 'message' => 'not an EIP-4361 message', 'signature' => '0x' . str_repeat( '11', 65 ) );
		return array(
			'POST /sovereign-press/v1/auth/nonce'     => array( '/sovereign-press/v1/auth/nonce', array(), $anyone( '200' ) ),
			'POST /sovereign-press/v1/auth/verify'    => array( '/sovereign-press/v1/auth/verify', $signed, $anyone( 'sovereign_press_siwe_malformed 400' ) ),
			'GET /sovereign-press/v1/auth/me'         => array( '/sovereign-press/v1/auth/me', array(), $anyone( '200' ) ),
			'POST /sovereign-press/v1/auth/link'      => array( '/sovereign-press/v1/auth/link', $signed, $signed_in( 'sovereign_press_siwe_malformed 400' ) ),
			'DELETE /sovereign-press/v1/auth/wallets/(?P<address>0x[0-9a-fA-F]{40})' => array( '/sovereign-press/v1/auth/wallets/' . $nobody, array(), $signed_in( 'sovereign_press_wallet_not_found 404' ) ),
			'POST /sovereign-press/v1/gates/summary'  => array( '/sovereign-press/v1/gates/summary', array( 'preset' => 'citizens' ), $writers( '200' ) ),
			'GET /sovereign-press/v1/tokens'          => array( '/sovereign-press/v1/tokens', array( 'chainId' => 31337, 'contract' => self::deployment()['contracts']['membership'] ), $writers( '200' ) ),
			'POST /sovereign-press/v1/networks/test'  => array( '/sovereign-press/v1/networks/test', array( 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'chainId' => 31337 ), $admins( '200' ) ),
			'POST /sovereign-press/v1/snapshot-votes' => array( '/sovereign-press/v1/snapshot-votes', $envelope, $signed_in( 'sovereign_press_vote_not_your_wallet 403' ) ),
			'GET /sovereign-press/v1/proposals/preview' => array( '/sovereign-press/v1/proposals/preview', array( 'source' => 'snapshot', 'space' => 'society.eth' ), $writers( 'sovereign_press_proposal_invalid 400' ) ),
			'GET /sovereign-press/v1/ballots'         => array( '/sovereign-press/v1/ballots', array( 'source' => 'governor', 'id' => '1' ), $signed_in( 'sovereign_press_proposal_invalid 400' ) ),
			'GET /sovereign-press/v1/census'          => array( '/sovereign-press/v1/census', array(), $anyone( 'sovereign_press_census_empty 404' ) ),
			'GET /sovereign-press/v1/census/history'  => array( '/sovereign-press/v1/census/history', array( 'days' => 7 ), $anyone( '200' ) ),
			'GET /sovereign-press/v1/census/members'  => array( '/sovereign-press/v1/census/members', array(), $anyone( 'sovereign_press_census_empty 404' ) ),
			'GET /sovereign-press/v1/census/proof'    => array( '/sovereign-press/v1/census/proof', array( 'address' => $nobody ), $anyone( 'sovereign_press_census_empty 404' ) ),
			'GET /sovereign-press/v1/census/sync'     => array( '/sovereign-press/v1/census/sync', array(), $admins( '200' ) ),
			'POST /sovereign-press/v1/census/sync'    => array( '/sovereign-press/v1/census/sync', array(), $admins( 'sovereign_press_census_not_configured 409' ) ),
		);
	}

	/**
	 * Every route and method the server has in our namespace, as "METHOD /route".
	 *
	 * @return list<string>
	 */
	public static function served(): array {
		$found = array();
		foreach ( rest_get_server()->get_routes( 'sovereign-press/v1' ) as $route => $handlers ) {
			if ( '/sovereign-press/v1' === $route ) {
				continue; // The namespace's index, which WordPress adds.
			}
			foreach ( $handlers as $handler ) {
				foreach ( array_keys( $handler['methods'] ) as $method ) {
					$found[] = $method . ' ' . $route;
				}
			}
		}
		return $found;
	}

	/**
	 * The outcome of a request as the current user: "status", or "code status" for an error.
	 *
	 * @param array<string, mixed> $params Query (GET) or JSON body.
	 */
	private function outcome( string $method, string $path, array $params ): string {
		$request = new \WP_REST_Request( $method, $path );
		if ( 'GET' === $method ) {
			$request->set_query_params( $params );
		} elseif ( array() !== $params ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $params ) );
		}
		$response = rest_do_request( $request );
		$status   = $response->get_status();
		if ( $status < 400 ) {
			return (string) $status;
		}
		$data = (array) $response->get_data();
		$this->assertNotSame( '', (string) ( $data['message'] ?? '' ), "{$method} {$path}: an error without a message." );
		return ( $data['code'] ?? '(no code)' ) . ' ' . $status;
	}

	public function test_the_table_names_every_route_and_method_the_server_has(): void {
		$this->assertEqualsCanonicalizing( array_keys( self::table() ), self::served(), 'A route or method is missing from the access table (or the table names one that is gone).' );
	}

	public function test_each_role_gets_the_outcome_the_table_says_for_every_route(): void {
		$this->assertOutcomes( self::table() );
	}

	public function test_a_private_census_list_is_for_administrators_only(): void {
		$settings           = get_option( Settings::OPTION );
		$settings['census'] = array( 'publicMembers' => false );
		update_option( Settings::OPTION, $settings );
		$private = array( 'sovereign_press_census_private 403', 'sovereign_press_census_private 403', 'sovereign_press_census_private 403', 'sovereign_press_census_private 403', 'sovereign_press_census_empty 404' );
		$table   = self::table();
		$changed = array();
		foreach ( array( 'GET /sovereign-press/v1/census/members', 'GET /sovereign-press/v1/census/proof' ) as $key ) {
			$changed[ $key ] = array( $table[ $key ][0], $table[ $key ][1], $private );
		}
		$changed['GET /sovereign-press/v1/census'] = $table['GET /sovereign-press/v1/census'];
		$this->assertOutcomes( $changed );
	}

	public function test_a_method_a_route_does_not_declare_is_refused_for_everyone(): void {
		foreach ( self::table() as $key => [ $path ] ) {
			[ $declared ] = explode( ' ', $key, 2 );
			$other        = 'GET' === $declared ? 'PUT' : 'PATCH';
			foreach ( self::ROLES as $role ) {
				'' === $role ? wp_set_current_user( 0 ) : $this->log_in_as( $role );
				$outcome = $this->outcome( $other, $path, array() );
				$this->assertContains( $outcome, array( 'rest_no_route 404', 'rest_no_route 405' ), "{$other} {$path} as " . ( '' === $role ? 'a visitor' : $role ) );
			}
		}
	}

	/**
	 * @param array<string, array{0: string, 1: array<string, mixed>, 2: list<string>}> $table Expected outcomes.
	 */
	private function assertOutcomes( array $table ): void {
		$expected = array();
		$actual   = array();
		foreach ( $table as $key => [ $path, $params, $outcomes ] ) {
			[ $method ] = explode( ' ', $key, 2 );
			foreach ( self::ROLES as $index => $role ) {
				'' === $role ? wp_set_current_user( 0 ) : $this->log_in_as( $role );
				$label              = $key . ' as ' . ( '' === $role ? 'a visitor' : $role );
				$expected[ $label ] = $outcomes[ $index ];
				$actual[ $label ]   = $this->outcome( $method, $path, $params );
			}
		}
		wp_set_current_user( 0 );
		$this->assertSame( $expected, $actual );
	}
}
