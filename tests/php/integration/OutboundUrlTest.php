<?php
/**
 * Where the server connects (SSRF): the plugin's outbound requests go to a network's RPC URL, a
 * Snapshot hub or a sequencer (WpHttpTransport, WpHttpClient), and to the URL of an
 * administrator's connection test (NetworksController). Those URLs accept only http(s), only
 * administrators set them, an option written around the REST API cannot slip another scheme in,
 * and a visitor's or member's input only picks among the configured networks (a sign-in's chain,
 * a Governor's chain), never a host. Price feeds are contract addresses read through a configured
 * network, not URLs. Rendering and every route's arguments are covered the same way by
 * AuthorContentTest and RouteFuzzTest.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Plugin;
use SovereignPress\Settings\Settings;

final class OutboundUrlTest extends TestCase {

	/** Outbound requests made, as URLs. */
	private array $requested = array();

	private const HOSTILE = array(
		'file:///etc/passwd',
		'gopher://127.0.0.1:6379/_INFO',
		'dict://127.0.0.1:11211/stats',
		'ftp://example.org/rpc',
		'php://filter/resource=/etc/passwd',
		'phar:///tmp/x.phar',
		'javascript:alert(1)',
		'data:text/plain,hello',
		'//example.org/rpc',
		'example.org/rpc',
		'http//example.org/rpc',
		"http://example.org/\nrpc",
		'http:///etc/passwd',
	);

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate();
		add_filter( 'pre_http_request', array( $this, 'record_request' ), 1, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'record_request' ), 1 );
		parent::tearDown();
	}

	/**
	 * @param mixed                $response Short-circuit answer.
	 * @param array<string, mixed> $args     Request arguments.
	 * @param string               $url      URL.
	 * @return mixed
	 */
	public function record_request( mixed $response, array $args, string $url ): mixed {
		$this->requested[] = $url;
		return str_starts_with( $url, self::env( 'SP_RPC_URL' ) ) ? $response : new \WP_Error( 'http_request_failed', 'cURL error 7: refused by the test' );
	}

	/**
	 * The stored settings with one URL field changed.
	 *
	 * @return array<string, mixed>
	 */
	private static function with_url( string $field, string $url ): array {
		$settings = Plugin::instance()->settings()->get();
		if ( 'rpcUrl' === $field || 'explorerUrl' === $field ) {
			$settings['networks'][0][ $field ] = $url;
		} else {
			$settings['governance'][ $field ] = $url;
		}
		return $settings;
	}

	private const FIELDS = array( 'rpcUrl', 'explorerUrl', 'hubUrl', 'sequencerUrl', 'testnetHubUrl', 'testnetSequencerUrl' );

	public function test_only_the_two_http_clients_make_outbound_requests(): void {
		$root  = dirname( __DIR__, 3 );
		$calls = array();
		foreach ( array( 'includes', 'blocks' ) as $folder ) {
			$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $root . '/' . $folder, \FilesystemIterator::SKIP_DOTS ) );
			foreach ( $files as $file ) {
				if ( 'php' !== $file->getExtension() ) {
					continue;
				}
				$code = (string) file_get_contents( $file->getPathname() );
				if ( 1 === preg_match( '/(?<![\w>:$\\\\])(wp_remote_\w+|wp_safe_remote_\w+|download_url|curl_\w+|fsockopen|pfsockopen|stream_socket_client|file_get_contents|fopen|get_headers)\s*\(|\bWP_Http\b|\bRequests::|\bWpOrg\\\\Requests|SplFileObject/i', $code ) ) {
					$calls[] = substr( $file->getPathname(), strlen( $root ) + 1 );
				}
			}
		}
		sort( $calls );
		// Every outbound request goes through one of these, with a URL from the settings (or the
		// administrator's connection test): a new call site must be reviewed and added here.
		$this->assertSame( array( 'includes/Chain/WpHttpTransport.php', 'includes/Governance/Snapshot/WpHttpClient.php' ), $calls );
	}

	public function test_only_administrators_set_the_urls_the_server_connects_to(): void {
		$before = get_option( Settings::OPTION );
		foreach ( array( '' => 401, 'subscriber' => 403, 'author' => 403, 'editor' => 403 ) as $role => $status ) {
			'' === $role ? wp_set_current_user( 0 ) : $this->log_in_as( $role );
			foreach ( self::FIELDS as $field ) {
				$response = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => self::with_url( $field, 'https://attacker.example/' ) ) );
				$this->assertSame( $status, $response->get_status(), "{$field} as " . ( '' === $role ? 'a visitor' : $role ) );
				$this->assertContains( $response->get_data()['code'], array( 'rest_forbidden', 'rest_cannot_edit' ), $field );
			}
		}
		$this->assertSame( $before, get_option( Settings::OPTION ), 'Nothing was written.' );

		$this->log_in_as( 'admin' );
		foreach ( self::FIELDS as $field ) {
			$url      = in_array( $field, array( 'rpcUrl', 'explorerUrl' ), true ) ? 'http://rpc.example.org:8545/v1/key' : 'https://hub.example.org/graphql';
			$response = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => self::with_url( $field, $url ) ) );
			$this->assertSame( 200, $response->get_status(), $field . ' ' . (string) wp_json_encode( $response->get_data() ) );
		}
		$this->assertSame( array(), $this->requested, 'Saving settings connects nowhere.' );
	}

	public function test_url_settings_take_only_http_and_https_from_an_administrator(): void {
		$this->log_in_as( 'admin' );
		$before = get_option( Settings::OPTION );
		foreach ( self::FIELDS as $field ) {
			foreach ( self::HOSTILE as $url ) {
				$response = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => self::with_url( $field, $url ) ) );
				$this->assertSame( 400, $response->get_status(), "{$field} = {$url}" );
				$this->assertContains( $response->get_data()['code'], array( 'rest_invalid_param', 'sovereign_press_invalid_governance_url', 'sovereign_press_invalid_network_url' ), "{$field} = {$url}" );
				$this->assertNotSame( '', $response->get_data()['message'] );
			}
		}
		$this->assertSame( $before, get_option( Settings::OPTION ), 'Nothing was written.' );
	}

	public function test_an_option_written_around_the_rest_api_never_yields_another_scheme(): void {
		foreach ( self::FIELDS as $field ) {
			foreach ( self::HOSTILE as $url ) {
				update_option( Settings::OPTION, self::with_url( $field, $url ) );
				$settings = Plugin::instance()->settings();
				$urls     = array_merge(
					array_column( $settings->networks(), 'rpcUrl' ),
					array_filter( array_column( $settings->networks(), 'explorerUrl' ) ),
					array( $settings->governance()['hubUrl'], $settings->governance()['sequencerUrl'], $settings->governance()['testnetHubUrl'], $settings->governance()['testnetSequencerUrl'] )
				);
				foreach ( $urls as $read ) {
					$this->assertMatchesRegularExpression( '#^https?://[^\s/]+#i', $read, "{$field} = {$url}" );
				}
				self::configure_citizens_gate();
			}
		}
		// A transport for a chain the settings do not have is no transport at all.
		$this->assertNull( Plugin::instance()->networks()->for_chain( 999, 1.0 ) );
	}

	public function test_the_connection_test_takes_only_http_urls_and_only_from_administrators(): void {
		$this->log_in_as( 'admin' );
		foreach ( self::HOSTILE as $url ) {
			$response = $this->rest( 'POST', '/sovereign-press/v1/networks/test', array( 'rpcUrl' => $url ) );
			$this->assertSame( array( 400, 'rest_invalid_param' ), array( $response->get_status(), $response->get_data()['code'] ), $url );
		}
		$this->log_in_as( 'editor' );
		$response = $this->rest( 'POST', '/sovereign-press/v1/networks/test', array( 'rpcUrl' => 'http://169.254.169.254/latest/meta-data/' ) );
		$this->assertSame( 403, $response->get_status() );
		$this->assertSame( array(), $this->requested, 'No hostile URL was requested.' );
	}

	public function test_a_visitor_or_member_picks_among_configured_networks_never_a_host(): void {
		$fixture = json_decode( (string) file_get_contents( self::env( 'SP_AUTH_FIXTURES' ) ), true, 512, JSON_THROW_ON_ERROR )['visitor1'];
		// A sign-in naming a chain the site does not have, with a contract wallet's long signature.
		$message = (string) preg_replace( '/^Chain ID: \d+$/m', 'Chain ID: 1', $fixture['message'] );
		$this->rest( 'POST', '/sovereign-press/v1/auth/verify', array( 'message' => $message, 'signature' => '0x' . str_repeat( 'ab', 200 ) ) );

		// A member's ballot on a Governor of a chain the site does not have.
		$this->log_in_as( 'subscriber' );
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/ballots' );
		$request->set_query_params( array( 'source' => 'governor', 'chainId' => '1', 'governor' => '0x' . str_repeat( '1', 40 ), 'id' => '1' ) );
		$response = rest_do_request( $request );
		$this->assertLessThan( 500, $response->get_status() );

		// A Snapshot ballot goes to the configured hub, whatever the space says.
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/ballots' );
		$request->set_query_params( array( 'source' => 'snapshot', 'space' => 'attacker.example:8080', 'id' => '0x' . str_repeat( 'ab', 32 ) ) );
		rest_do_request( $request );

		foreach ( $this->requested as $url ) {
			$this->assertContains( wp_parse_url( $url, PHP_URL_HOST ), array( wp_parse_url( self::env( 'SP_RPC_URL' ), PHP_URL_HOST ), 'hub.snapshot.org' ), $url );
		}
	}
}
