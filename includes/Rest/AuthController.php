<?php
/**
 * REST: wallet sign-in (nonce, verify), linking, unlinking and the current session.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Auth\AcceptedChains;
use SovereignPress\Auth\LoginRedirect;
use SovereignPress\Auth\NonceCookie;
use SovereignPress\Auth\NonceStore;
use SovereignPress\Auth\PasswordPolicy;
use SovereignPress\Auth\SignIn;
use SovereignPress\Auth\SiteIdentity;
use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Auth\WalletLinks;

/**
 * Routes under sovereign-press/v1/auth. Sign-in routes are public by nature; link and unlink
 * need a logged-in user, whose cookie session WordPress only accepts with a REST nonce.
 *
 * @since 0.1.0
 */
final class AuthController extends \WP_REST_Controller {

	/** Nonces one address may ask for per window. */
	public const RATE_LIMIT        = 30;
	public const RATE_LIMIT_WINDOW = 600;

	public function __construct(
		private SignIn $sign_in,
		private WalletLinks $links,
		private PasswordPolicy $passwords,
		private AcceptedChains $chains,
		private NonceStore $nonces,
		private WalletAccounts $accounts
	) {
		$this->namespace = 'sovereign-press/v1';
		$this->rest_base = 'auth';
	}

	public function register_routes(): void {
		$signed = array(
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
		register_rest_route(
			$this->namespace,
			'/auth/nonce',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'create_nonce' ),
				'permission_callback' => array( $this, 'public_access' ),
			)
		);
		register_rest_route(
			$this->namespace,
			'/auth/verify',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'verify' ),
				'permission_callback' => array( $this, 'public_access' ),
				'args'                => $signed + array(
					'redirectTo' => array(
						'description' => __( 'Where the page would like the member to go once signed in (such as wp-login.php\'s redirect_to). The server decides and answers with redirect.', 'sovereign-press' ),
						'type'        => 'string',
						'default'     => '',
						'maxLength'   => 2048,
					),
					'remember'   => array(
						'description' => __( 'Ignored; the site\'s "remember me" setting applies.', 'sovereign-press' ),
						'type'        => 'boolean',
					),
				),
			)
		);
		register_rest_route(
			$this->namespace,
			'/auth/link',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'link' ),
				'permission_callback' => array( $this, 'logged_in' ),
				'args'                => $signed,
			)
		);
		register_rest_route(
			$this->namespace,
			'/auth/wallets/(?P<address>0x[0-9a-fA-F]{40})',
			array(
				'methods'             => \WP_REST_Server::DELETABLE,
				'callback'            => array( $this, 'unlink' ),
				'permission_callback' => array( $this, 'logged_in' ),
				'args'                => array(
					'address' => array(
						'description' => __( 'Wallet address.', 'sovereign-press' ),
						'type'        => 'string',
						'pattern'     => '^0x[0-9a-fA-F]{40}$',
					),
				),
			)
		);
		register_rest_route(
			$this->namespace,
			'/auth/me',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'me' ),
				'permission_callback' => array( $this, 'public_access' ),
			)
		);
	}

	/**
	 * Sign-in routes: anyone may ask for a nonce and present a signature.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function public_access( $request ): bool {
		return true;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function logged_in( $request ): bool|\WP_Error {
		if ( is_user_logged_in() ) {
			return true;
		}
		return new \WP_Error( 'rest_not_logged_in', __( 'Log in first.', 'sovereign-press' ), array( 'status' => 401 ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function create_nonce( $request ): \WP_REST_Response|\WP_Error {
		$ip = self::client_ip();
		if ( $this->nonces->recent_count( $ip, self::RATE_LIMIT_WINDOW ) >= self::RATE_LIMIT ) {
			return new \WP_Error( 'sovereign_press_rate_limited', __( 'Too many sign-in attempts from your network. Please wait a few minutes.', 'sovereign-press' ), array( 'status' => 429 ) );
		}
		$issued = $this->nonces->issue( $ip );
		NonceCookie::send( $issued['secret'], $this->nonces->ttl() );

		$site     = SiteIdentity::current();
		$response = new \WP_REST_Response(
			array(
				'nonce'   => $issued['nonce'],
				'domain'  => $site->domain,
				'uri'     => $site->origin,
				'scheme'  => $site->scheme,
				'chainIds' => $this->chains->ids(),
			)
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function verify( $request ): \WP_REST_Response|\WP_Error {
		// Let the REST nonce returned below be made for the session that is being started.
		$capture = static function ( string $cookie ): void {
			$_COOKIE[ LOGGED_IN_COOKIE ] = $cookie;
		};
		add_action( 'set_logged_in_cookie', $capture );
		$result = $this->sign_in->sign_in( (string) $request['message'], (string) $request['signature'] );
		remove_action( 'set_logged_in_cookie', $capture );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		$response = new \WP_REST_Response(
			array(
				'created'   => $result['created'],
				'address'   => $result['address'],
				'user'      => $this->user_data( $result['user'] ),
				'restNonce' => wp_create_nonce( 'wp_rest' ),
				'redirect'  => LoginRedirect::for_user( $result['user'], (string) $request['redirectTo'] ),
			),
			$result['created'] ? 201 : 200
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function link( $request ): \WP_REST_Response|\WP_Error {
		$address = $this->links->link( get_current_user_id(), (string) $request['message'], (string) $request['signature'] );
		if ( is_wp_error( $address ) ) {
			return $address;
		}
		return new \WP_REST_Response( $this->user_data( wp_get_current_user() ), 201 );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function unlink( $request ): \WP_REST_Response|\WP_Error {
		$result = $this->links->unlink( get_current_user_id(), (string) $request['address'] );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return new \WP_REST_Response( $this->user_data( wp_get_current_user() ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function me( $request ): \WP_REST_Response {
		$user     = wp_get_current_user();
		$response = new \WP_REST_Response(
			$user->exists()
				? array(
					'loggedIn' => true,
					'user'     => $this->user_data( $user ),
				)
				: array( 'loggedIn' => false )
		);
		$response->header( 'Cache-Control', 'no-store, private' );
		return $response;
	}

	/**
	 * @return array<string, mixed>
	 */
	private function user_data( \WP_User $user ): array {
		$wallets = $this->accounts->wallets( $user->ID );
		return array(
			'id'          => $user->ID,
			'displayName' => $user->display_name,
			'avatarUrl'   => (string) get_avatar_url( $user->ID, array( 'size' => 96 ) ),
			'wallets'     => $wallets,
			'canUnlinkLastWallet' => $this->passwords->can_use_password( $user->ID, $wallets ),
		);
	}

	/**
	 * The address rate limits apply to. REMOTE_ADDR by default: behind a trusted proxy, a site
	 * can return the forwarded address through the filter.
	 */
	private static function client_ip(): string {
		$ip = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		/**
		 * Filters the client address used for sign-in rate limits.
		 *
		 * @since 0.1.0
		 *
		 * @param string $ip REMOTE_ADDR.
		 */
		return (string) apply_filters( 'sovereign_press_client_ip', $ip );
	}
}
