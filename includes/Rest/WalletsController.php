<?php
/**
 * REST: the wallets linked to the logged-in user.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Auth\WalletLinks;

/**
 * POST /sovereign-press/v1/auth/link links the wallet that signed the message (201);
 * DELETE /sovereign-press/v1/auth/wallets/{address} unlinks one. Both answer with the user and
 * their wallets, and need a logged-in user (whose cookie session WordPress only accepts with a
 * REST nonce).
 *
 * @since 0.1.0
 */
final class WalletsController extends Controller {

	public function __construct( private WalletLinks $links, private UserData $users ) {
		$this->rest_base = 'auth/wallets';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/auth/link',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => SessionsController::signed_message_args(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/(?P<address>0x[0-9a-fA-F]{40})',
			array(
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'delete_item_permissions_check' ),
					'args'                => array(
						'address' => array(
							'description' => __( 'Wallet address.', 'sovereign-press' ),
							'type'        => 'string',
							'pattern'     => '^0x[0-9a-fA-F]{40}$',
						),
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
	public function create_item_permissions_check( $request ): bool|\WP_Error {
		return Permissions::logged_in();
	}

	/**
	 * Links the signing wallet to the current user.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function create_item( $request ): \WP_REST_Response|\WP_Error {
		$address = $this->links->link( get_current_user_id(), (string) $request['message'], (string) $request['signature'] );
		if ( is_wp_error( $address ) ) {
			return $address;
		}
		return new \WP_REST_Response( $this->users->for_user( wp_get_current_user() ), 201 );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function delete_item_permissions_check( $request ): bool|\WP_Error {
		return Permissions::logged_in();
	}

	/**
	 * Unlinks one of the current user's wallets (not their last way to log in).
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function delete_item( $request ): \WP_REST_Response|\WP_Error {
		$result = $this->links->unlink( get_current_user_id(), (string) $request['address'] );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return new \WP_REST_Response( $this->users->for_user( wp_get_current_user() ) );
	}

	/**
	 * The user and their wallets, as both routes answer.
	 *
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$schema = UserData::schema();
		foreach ( $schema['properties'] as $name => $property ) {
			$schema['properties'][ $name ] += array(
				'context'  => array( 'view', 'edit' ),
				'readonly' => true,
			);
		}
		return array(
			'$schema' => 'http://json-schema.org/draft-04/schema#',
			'title'   => 'sovereign-press-member',
		) + $schema;
	}
}
