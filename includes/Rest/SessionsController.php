<?php
/**
 * REST: wallet sign-in and the current session.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Auth\LoginRedirect;
use SovereignPress\Auth\SignIn;
use SovereignPress\Auth\SignInLimits;

/**
 * POST /sovereign-press/v1/auth/verify signs a wallet in (and registers it when the site allows);
 * GET /sovereign-press/v1/auth/me says who is logged in. Both are public: signing in is how a
 * visitor becomes a user, and a logged-out visitor is told just that.
 *
 * @since 0.1.0
 */
final class SessionsController extends Controller {

	public function __construct( private SignIn $sign_in, private UserData $users ) {
		$this->rest_base = 'auth';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/verify',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					// Public: the signature is the credential.
					'permission_callback' => '__return_true',
					'args'                => self::signed_message_args() + array(
						'redirectTo' => array(
							'description' => __( 'Where the page would like the member to go once signed in (such as wp-login.php\'s redirect_to). The server decides and answers with redirect; it ignores a location longer than 2048 characters.', 'sovereign-press' ),
							'type'        => 'string',
							'default'     => '',
						),
						'remember'   => array(
							'description' => __( 'Ignored; the site\'s "remember me" setting applies.', 'sovereign-press' ),
							'type'        => 'boolean',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/me',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					// Public: a visitor who is not logged in is told so.
					'permission_callback' => '__return_true',
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * Arguments of the routes that take a signed EIP-4361 message (sign-in and linking).
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function signed_message_args(): array {
		return array(
			'message'   => array(
				'description' => __( 'The EIP-4361 message, exactly as signed.', 'sovereign-press' ),
				'type'        => 'string',
				'required'    => true,
				'maxLength'   => 8192,
			),
			'signature' => array(
				'description' => __( 'The signature, 0x-prefixed hex.', 'sovereign-press' ),
				'type'        => 'string',
				'required'    => true,
				'pattern'     => '^0x[0-9a-fA-F]*$',
				'maxLength'   => 20000,
			),
		);
	}

	/**
	 * Signs in: 201 when the sign-in created the account, 200 for a returning member.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function create_item( $request ): \WP_REST_Response|\WP_Error {
		// Let the REST nonce returned below be made for the session that is being started.
		$capture = static function ( string $cookie ): void {
			$_COOKIE[ LOGGED_IN_COOKIE ] = $cookie;
		};
		add_action( 'set_logged_in_cookie', $capture );
		$result = $this->sign_in->sign_in( (string) $request['message'], (string) $request['signature'] );
		remove_action( 'set_logged_in_cookie', $capture );
		if ( is_wp_error( $result ) ) {
			return SignInLimits::response( $result );
		}
		$response = new \WP_REST_Response(
			array(
				'created'   => $result['created'],
				'address'   => $result['address'],
				'user'      => $this->users->for_user( $result['user'] ),
				'restNonce' => wp_create_nonce( 'wp_rest' ),
				'redirect'  => LoginRedirect::for_user( $result['user'], (string) $request['redirectTo'] ),
			),
			$result['created'] ? 201 : 200
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * The current session.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_item( $request ): \WP_REST_Response {
		$user     = wp_get_current_user();
		$response = new \WP_REST_Response(
			$user->exists()
				? array(
					'loggedIn' => true,
					'user'     => $this->users->for_user( $user ),
				)
				: array( 'loggedIn' => false )
		);
		$response->header( 'Cache-Control', 'no-store, private' );
		return $response;
	}

	/**
	 * A session: GET /auth/me answers {loggedIn, user?}; POST /auth/verify answers {created,
	 * address, user, restNonce, redirect}.
	 *
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$view         = array( 'view', 'edit' );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-session',
			'type'       => 'object',
			'properties' => array(
				'loggedIn'  => array(
					'description' => __( 'Whether a user is logged in (GET /auth/me).', 'sovereign-press' ),
					'type'        => 'boolean',
					'context'     => $view,
					'readonly'    => true,
				),
				'user'      => array(
					'description' => __( 'The logged-in user and their wallets (absent when nobody is logged in).', 'sovereign-press' ),
					'context'     => $view,
					'readonly'    => true,
				) + UserData::schema(),
				'created'   => array(
					'description' => __( 'Whether the sign-in created the account (POST /auth/verify).', 'sovereign-press' ),
					'type'        => 'boolean',
					'context'     => $view,
					'readonly'    => true,
				),
				'address'   => array(
					'description' => __( 'The wallet that signed in, checksummed (POST /auth/verify).', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^0x[0-9a-fA-F]{40}$',
					'context'     => $view,
					'readonly'    => true,
				),
				'restNonce' => array(
					'description' => __( 'A REST nonce (X-WP-Nonce) for the new session (POST /auth/verify).', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => $view,
					'readonly'    => true,
				),
				'redirect'  => array(
					'description' => __( 'Where to go next, an absolute URL on this site, decided by the server (POST /auth/verify).', 'sovereign-press' ),
					'type'        => 'string',
					'format'      => 'uri',
					'context'     => $view,
					'readonly'    => true,
				),
			),
		);
	}
}
