<?php
/**
 * REST: networks (test a JSON-RPC endpoint).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Chain\Exception\ChainIdMismatch;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Chain\Networks;

/**
 * POST /sovereign-press/v1/networks/test asks a node for eth_chainId and eth_blockNumber in one
 * batch. It takes the URL from the request, so an admin can test before saving.
 *
 * @since 0.1.0
 */
final class NetworksController extends \WP_REST_Controller {

	/** Seconds a connection test may take. */
	public const TEST_TIMEOUT = 5.0;

	public function __construct( private Networks $networks ) {
		$this->namespace = 'sovereign-press/v1';
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
					'permission_callback' => array( $this, 'permissions_check' ),
					'args'                => array(
						'rpcUrl'  => array(
							'description' => __( 'JSON-RPC endpoint to test.', 'sovereign-press' ),
							'type'        => 'string',
							'format'      => 'uri',
							'pattern'     => '^[hH][tT][tT][pP][sS]?://[^\s]+$',
							'required'    => true,
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
	public function permissions_check( $request ): bool|\WP_Error {
		if ( current_user_can( 'manage_options' ) ) {
			return true;
		}
		return new \WP_Error(
			is_user_logged_in() ? 'rest_forbidden' : 'rest_not_logged_in',
			__( 'Only administrators can test network connections.', 'sovereign-press' ),
			array( 'status' => rest_authorization_required_code() )
		);
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
		$timeout = (float) apply_filters( 'sovereign_press_connection_test_timeout', self::TEST_TIMEOUT );
		$transport = $this->networks->for_url( (string) $request['rpcUrl'], $timeout );
		$started   = microtime( true );
		try {
			[ $chain_hex, $block_hex ] = $transport->batch(
				array(
					array( 'eth_chainId', array() ),
					array( 'eth_blockNumber', array() ),
				)
			);
			try {
				$chain_id     = Hex::quantity_to_int( $chain_hex );
				$block_number = Hex::quantity_to_int( $block_hex );
			} catch ( \InvalidArgumentException ) {
				throw new RpcInvalidResponse( 'eth_chainId or eth_blockNumber did not return a quantity.' );
			}
			$expected = $request['chainId'];
			if ( null !== $expected && (int) $expected !== $chain_id ) {
				throw new ChainIdMismatch( (int) $expected, $chain_id );
			}
		} catch ( RpcException $exception ) {
			return RpcErrors::to_wp_error( $exception );
		}

		return rest_ensure_response(
			$this->prepare_item_for_response(
				array(
					'chainId'     => $chain_id,
					'blockNumber' => $block_number,
					'latencyMs'   => (int) round( ( microtime( true ) - $started ) * 1000 ),
					'known'       => null !== $this->networks->find( $chain_id ),
				),
				$request
			)
		);
	}

	/**
	 * @param array<string, mixed> $item    Result.
	 * @param \WP_REST_Request     $request Request.
	 */
	public function prepare_item_for_response( $item, $request ): \WP_REST_Response {
		return new \WP_REST_Response( $item );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema = array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-network-test',
			'type'       => 'object',
			'properties' => array(
				'chainId'     => array(
					'description' => __( 'Chain id the node reports.', 'sovereign-press' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'blockNumber' => array(
					'description' => __( 'Latest block number.', 'sovereign-press' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'latencyMs'   => array(
					'description' => __( 'Round trip in milliseconds.', 'sovereign-press' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'known'       => array(
					'description' => __( 'Whether a saved network has this chain id.', 'sovereign-press' ),
					'type'        => 'boolean',
					'readonly'    => true,
				),
			),
		);
		return $this->add_additional_fields_schema( $this->schema );
	}
}
