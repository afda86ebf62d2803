<?php
/**
 * REST: token contracts, described for the editor.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Gating\TokenDescriptions;

/**
 * GET /sovereign-press/v1/tokens?chainId&contract: name, symbol, decimals and standard of a token
 * contract, so the editor can label a gate condition. For people who write posts.
 *
 * @since 0.1.0
 */
final class TokensController extends Controller {

	public function __construct( private TokenDescriptions $tokens ) {
		$this->rest_base = 'tokens';
	}

	public function register_routes(): void {
		$properties = $this->get_item_schema()['properties'];
		// The query names the token as the answer does: its chain and contract, both required.
		$arg = static fn( string $name ): array => array( 'required' => true ) + array_diff_key( $properties[ $name ], array_flip( array( 'context', 'readonly' ) ) );
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(
						'chainId'  => $arg( 'chainId' ),
						'contract' => $arg( 'contract' ),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ): bool|\WP_Error {
		return Permissions::build_gates();
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_item( $request ): \WP_REST_Response|\WP_Error {
		$chain = (int) $request['chainId'];
		try {
			$token = $this->tokens->describe( $chain, (string) $request['contract'] );
		} catch ( RpcException $exception ) {
			return RpcErrors::to_wp_error( $exception );
		}
		if ( null === $token ) {
			return new \WP_Error(
				'sovereign_press_unknown_chain',
				/* translators: %d: chain id. */
				sprintf( __( 'Chain %d is not one of the networks in Settings > Sovereign Press.', 'sovereign-press' ), $chain ),
				array( 'status' => 400 )
			);
		}
		return new \WP_REST_Response( $token );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$view         = array( 'view', 'edit' );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-token',
			'type'       => 'object',
			'properties' => array(
				'chainId'  => array(
					'description' => __( 'Chain of the contract.', 'sovereign-press' ),
					'type'        => 'integer',
					'minimum'     => 1,
					'maximum'     => NetworkSettings::MAX_CHAIN_ID,
					'context'     => $view,
				),
				'contract' => array(
					'description' => __( 'Token contract address.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^0x[0-9a-fA-F]{40}$',
					'context'     => $view,
				),
				'name'     => array(
					'description' => __( 'The contract\'s name(), or empty.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => $view,
					'readonly'    => true,
				),
				'symbol'   => array(
					'description' => __( 'The contract\'s symbol(), or empty.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => $view,
					'readonly'    => true,
				),
				'decimals' => array(
					'description' => __( 'Decimals of an ERC-20 token; null for other standards.', 'sovereign-press' ),
					'type'        => array( 'integer', 'null' ),
					'minimum'     => 0,
					'maximum'     => 77,
					'context'     => $view,
					'readonly'    => true,
				),
				'standard' => array(
					'description' => __( 'Token standard the contract follows.', 'sovereign-press' ),
					'type'        => 'string',
					'enum'        => array( 'erc20', 'erc721', 'erc1155', 'unknown' ),
					'context'     => $view,
					'readonly'    => true,
				),
			),
		);
	}
}
