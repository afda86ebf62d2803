<?php
/**
 * What the route fuzz tests share: the hostile values, requests as a real HTTP request would
 * carry them, what counts as a fault, and where the server was asked to connect.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

trait RouteFuzzing {


	/** Hosts the site's settings name (the local chain, Snapshot's hubs and sequencers). */
	private array $allowed_hosts = array();

	/** Outbound requests made while fuzzing, as URLs. */
	private array $requested = array();

	/** Whether the request being made lets an administrator choose the host (the connection test). */
	private bool $admin_chooses = false;

	/** PHP warnings, notices and deprecations raised by the last request. */
	private array $problems = array();

	/**
	 * The one route that connects where its caller says: an administrator's connection test
	 * (NetworksController), whose answer about an unreachable URL is an honest 502 or 504.
	 */
	private static function admin_chooses_host( string $key ): bool {
		return 'POST /sovereign-press/v1/networks/test' === $key; // No constants in traits before PHP 8.2.
	}

	/**
	 * Records outbound requests (the local chain answers; Snapshot's hubs, on the internet, fail
	 * as unreachable) and gives each sign-in nonce another client address.
	 */
	private function start_fuzzing(): void {
		$_SERVER['REMOTE_ADDR'] = '192.0.2.45';
		foreach ( array( self::env( 'SP_RPC_URL' ), 'https://hub.snapshot.org/', 'https://seq.snapshot.org/', 'https://testnet.hub.snapshot.org/', 'https://testnet.seq.snapshot.org/' ) as $url ) {
			$this->allowed_hosts[] = self::host( $url );
		}
		add_filter( 'pre_http_request', array( $this, 'record_request' ), 1, 3 );
		// Each sign-in nonce costs a row; the fuzz asks for many from one address.
		add_filter( 'sovereign_press_client_ip', array( self::class, 'another_address' ) );
	}

	private function stop_fuzzing(): void {
		remove_filter( 'pre_http_request', array( $this, 'record_request' ), 1 );
		remove_filter( 'sovereign_press_client_ip', array( self::class, 'another_address' ) );
	}

	public static function another_address(): string {
		static $n = 0;
		return '198.51.100.' . ( ++$n % 250 );
	}

	private static function host( string $url ): string {
		return strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) ) . ':' . (string) wp_parse_url( $url, PHP_URL_PORT );
	}

	/**
	 * pre_http_request: the local chain answers; Snapshot's hubs are on the internet, so a
	 * request to them fails as an unreachable hub would.
	 *
	 * @param mixed                $response Short-circuit answer.
	 * @param array<string, mixed> $args     Request arguments.
	 * @param string               $url      URL.
	 * @return mixed
	 */
	public function record_request( mixed $response, array $args, string $url ): mixed {
		if ( ! $this->admin_chooses ) {
			$this->requested[] = $url;
		}
		return str_starts_with( $url, self::env( 'SP_RPC_URL' ) ) ? $response : new \WP_Error( 'http_request_failed', 'cURL error 7: refused by the test' );
	}

	/**
	 * The hostile values, by name.
	 *
	 * @return array<string, mixed>
	 */
	private static function values(): array {
		$deep = 'bottom';
		for ( $i = 0; $i < 200; $i++ ) {
			$deep = array( 'a' => $deep );
		}
		return array(
			'empty string'        => '',
			'null byte'           => "0x\0" . str_repeat( 'a', 39 ),
			'invalid UTF-8'       => "caf\xc3\x28\xff\xfe",
			'huge number string'  => str_repeat( '9', 100000 ),
			'1 MB string'         => str_repeat( 'x', 1000000 ),
			'"1"'                 => '1',
			'"0"'                 => '0',
			'"-1"'                => '-1',
			'"1.5"'               => '1.5',
			'"1e400"'             => '1e400',
			'"0x10"'              => '0x10',
			'" 31337"'            => ' 31337',
			'"true"'              => 'true',
			'1'                   => 1,
			'0'                   => 0,
			'-1'                  => -1,
			'PHP_INT_MAX'         => PHP_INT_MAX,
			'PHP_INT_MIN'         => PHP_INT_MIN,
			'1.5'                 => 1.5,
			'1e308'               => 1e308,
			'true'                => true,
			'false'               => false,
			'null'                => null,
			'empty array'         => array(),
			'list'                => array( 'a', 'b' ),
			'object'              => array( 'key' => 'value' ),
			'10000 items'         => array_fill( 0, 10000, 1 ),
			'200 levels deep'     => $deep,
			'markup'              => '"><script>alert(1)</script><img src=x onerror=alert(1)>',
			'path traversal'      => '../../../../etc/passwd',
			'metadata URL'        => 'http://169.254.169.254/latest/meta-data/',
			'file URL'            => 'file:///etc/passwd',
			'gopher URL'          => 'gopher://127.0.0.1:6379/_INFO',
			'address'             => '0x' . str_repeat( 'f', 40 ),
		);
	}

	/**
	 * A value as it reaches a route: a query string carries only strings (and arrays of them);
	 * a JSON body carries what JSON can.
	 */
	private static function as_query( mixed $value ): mixed {
		if ( is_array( $value ) ) {
			return array_map( array( self::class, 'as_query' ), $value );
		}
		return is_bool( $value ) ? ( $value ? '1' : '' ) : (string) $value;
	}

	/**
	 * Dispatches a request as the current user, keeping any PHP problem along the way in
	 * $this->problems.
	 *
	 * @param array<string, mixed> $params Query (GET) or body parameters.
	 * @param string|null          $body   A raw JSON body instead of $params.
	 */
	private function dispatch( string $method, string $path, array $params, ?string $body = null ): \WP_REST_Response {
		$request = new \WP_REST_Request( $method, $path );
		if ( 'GET' === $method ) {
			$request->set_query_params( array_map( array( self::class, 'as_query' ), $params ) );
		} elseif ( null !== $body ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( $body );
		} else {
			$json = json_encode( $params );
			if ( false === $json ) {
				// Not JSON (invalid UTF-8, a float JSON has no word for): a form body, as PHP parses it.
				$request->set_body_params( array_map( array( self::class, 'as_query' ), $params ) );
			} else {
				$request->set_header( 'Content-Type', 'application/json' );
				$request->set_body( $json );
			}
		}
		$problems = array();
		set_error_handler(
			static function ( int $level, string $message, string $file, int $line ) use ( &$problems ): bool {
				$problems[] = "{$message} at {$file}:{$line}";
				return true;
			}
		);
		try {
			$response = rest_do_request( $request );
		} finally {
			restore_error_handler();
		}
		$this->problems = $problems;
		return $response;
	}

	/**
	 * What is wrong with an answer, or null: a 5xx, an error without a code or message, an
	 * answer JSON cannot carry, or a 2xx for a value the argument's schema refuses.
	 *
	 * @param array<string, mixed>|null $schema The spoiled argument's schema (null: undeclared).
	 */
	private function fault( \WP_REST_Response $response, ?array $schema, mixed $value, string $name ): ?string {
		$status = $response->get_status();
		$data   = $response->get_data();
		if ( array() !== $this->problems ) {
			return 'PHP: ' . implode( '; ', array_unique( $this->problems ) );
		}
		if ( $this->admin_chooses && in_array( $status, array( 502, 504 ), true ) && str_starts_with( (string) ( $data['code'] ?? '' ), 'sovereign_press_rpc_' ) ) {
			return null;
		}
		if ( false === wp_json_encode( $data ) ) {
			return "answered {$status} with data JSON cannot carry";
		}
		if ( $status >= 500 ) {
			return "answered {$status} " . wp_json_encode( $data );
		}
		if ( $status >= 400 ) {
			$data = (array) $data;
			if ( ! is_string( $data['code'] ?? null ) || '' === $data['code'] || ! is_string( $data['message'] ?? null ) || '' === $data['message'] ) {
				return "answered {$status} without a code and a message";
			}
			return null;
		}
		if ( null !== $schema && true !== rest_validate_value_from_schema( $value, $schema, $name ) ) {
			return "accepted a value its schema refuses ({$status})";
		}
		return null;
	}

	/**
	 * The arguments a route declares for a method.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function args_of( string $key ): array {
		[ $method, $route ] = explode( ' ', $key, 3 ); // "METHOD /route", and a label if any.
		foreach ( rest_get_server()->get_routes( 'sovereign-press/v1' )[ $route ] as $handler ) {
			if ( isset( $handler['methods'][ $method ] ) ) {
				return (array) ( $handler['args'] ?? array() );
			}
		}
		return array();
	}


	/**
	 * Spoils each argument of each route of the table, and one it does not declare, with each
	 * hostile value, for each role ('' = not logged in).
	 *
	 * @param array<string, array{0: string, 1: array<string, mixed>}> $table Sound requests by "METHOD /route".
	 * @param list<string>                                              $roles Roles.
	 * @return array{0: int, 1: list<string>} Requests made, and what was wrong.
	 */
	private function fuzz( array $table, array $roles ): array {
		$values = self::values();
		$faults = array();
		$count  = 0;
		foreach ( $roles as $role ) {
			'' === $role ? wp_set_current_user( 0 ) : $this->log_in_as( $role );
			foreach ( $table as $key => [ $path, $sound ] ) {
				[ $method ] = explode( ' ', $key, 2 );
				$args       = self::args_of( $key );
				foreach ( array_merge( array_keys( $args ), array( 'undeclared' ) ) as $name ) {
					foreach ( $values as $label => $value ) {
						++$count;
						$this->admin_chooses = self::admin_chooses_host( $key ) && 'admin' === $role;
						$response            = $this->dispatch( $method, $path, array( $name => $value ) + $sound );
						$fault               = $this->fault( $response, $args[ $name ] ?? null, 'GET' === $method ? self::as_query( $value ) : $value, $name );
						$this->admin_chooses = false;
						if ( null !== $fault ) {
							$faults[] = "{$key} {$name}={$label} as " . ( '' === $role ? 'a visitor' : $role ) . ": {$fault}";
						}
					}
				}
			}
		}
		wp_set_current_user( 0 );
		return array( $count, $faults );
	}

	private function assertOnlyConfiguredHosts(): void {
		$chosen = array();
		foreach ( $this->requested as $url ) {
			if ( ! in_array( self::host( $url ), $this->allowed_hosts, true ) ) {
				$chosen[] = $url;
			}
		}
		$this->assertSame( array(), $chosen, 'A request went to a host the input chose.' );
	}
}
