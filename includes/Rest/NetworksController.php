<?php
/**
 * REST: networks (test a JSON-RPC endpoint).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Chain\ConnectionTest;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Chain\Networks;

/**
 * POST /sovereign-press/v1/networks/test asks a node for eth_chainId and eth_blockNumber in one
 * batch. It takes the URL from the request, so an admin can test before saving.
 *
 * @since 0.1.0
 */
final class NetworksController extends Controller {

	/** Seconds a connection test may take. */
	public const TEST_TIMEOUT = 5.0;

	public function __construct( private ConnectionTest $connection_test, private Networks $networks ) {
		$this->rest_base = 'networks';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/test',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'test_connection' ),
					'permission_callback' => array( $this, 'test_connection_permissions_check' ),
					'args'                => array(
						'rpcUrl'  => array(
							'description' => __( 'JSON-RPC endpoint to test.', 'sovereign-press' ),
							'type'        => 'string',
							'format'      => 'uri',
							'pattern'     => '^[hH][tT][tT][pP][sS]?://[^\s]+$',
							'required'    => true,
							// The pattern lets a URL without a host through ("http:///x").
							'validate_callback' => static function ( mixed $value, \WP_REST_Request $request, string $param ): bool|\WP_Error {
								$valid = rest_validate_request_arg( $value, $request, $param );
								if ( true !== $valid || NetworkSettings::is_http_url( (string) $value ) ) {
									return $valid;
								}
								return new \WP_Error(
									'rest_invalid_param',
									/* translators: %s: parameter name. */
									sprintf( __( '%s is not an http or https URL with a host name.', 'sovereign-press' ), $param ),
									array( 'status' => 400 )
								);
							},
						),
						'chainId' => array(
							'description' => __( 'Chain id the node is expected to serve.', 'sovereign-press' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'maximum'     => NetworkSettings::MAX_CHAIN_ID,
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Only administrators: the route makes the server send requests to a URL of the caller's choice.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function test_connection_permissions_check( $request ): bool|\WP_Error {
		return Permissions::can( 'manage_options', __( 'Only administrators can test network connections.', 'sovereign-press' ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function test_connection( $request ): \WP_REST_Response|\WP_Error {
		/**
		 * Filters how many seconds a connection test may take.
		 *
		 * @since 0.1.0
		 *
		 * @param float $timeout Seconds; default 5.
		 */
		$timeout  = (float) apply_filters( 'sovereign_press_connection_test_timeout', self::TEST_TIMEOUT );
		$expected = $request['chainId'];
		try {
			$result = $this->connection_test->run( (string) $request['rpcUrl'], null === $expected ? null : (int) $expected, $timeout );
		} catch ( RpcException $exception ) {
			return RpcErrors::to_wp_error( $exception );
		}
		$result['known'] = null !== $this->networks->find( $result['chainId'] );
		return new \WP_REST_Response( $result );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$view         = array( 'view', 'edit' );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-network-test',
			'type'       => 'object',
			'properties' => array(
				'chainId'     => array(
					'description' => __( 'Chain id the node reports.', 'sovereign-press' ),
					'type'        => 'integer',
					'context'     => $view,
					'readonly'    => true,
				),
				'blockNumber' => array(
					'description' => __( 'Latest block number.', 'sovereign-press' ),
					'type'        => 'integer',
					'context'     => $view,
					'readonly'    => true,
				),
				'latencyMs'   => array(
					'description' => __( 'Round trip in milliseconds.', 'sovereign-press' ),
					'type'        => 'integer',
					'context'     => $view,
					'readonly'    => true,
				),
				'known'       => array(
					'description' => __( 'Whether a saved network has this chain id.', 'sovereign-press' ),
					'type'        => 'boolean',
					'context'     => $view,
					'readonly'    => true,
				),
			),
		);
	}
}
