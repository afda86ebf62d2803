<?php
/**
 * The permission checks every route of the plugin uses.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

/**
 * Answers for permission_callback: true, or a WP_Error that says who may call the route, with 401
 * (`rest_not_logged_in`) for visitors who are not logged in and 403 (`rest_forbidden`) for users
 * without the capability. Routes that are public by nature (asking for a sign-in nonce, signing in,
 * asking who is logged in) use `__return_true` instead, and say so where they are registered.
 *
 * @since 0.1.0
 */
final class Permissions {

	/**
	 * Any logged-in user. WordPress accepts a cookie session on the REST API only with a REST
	 * nonce, so this also keeps other sites from acting for the user.
	 *
	 * @since 0.1.0
	 *
	 * @return true|\WP_Error
	 */
	public static function logged_in(): bool|\WP_Error {
		if ( is_user_logged_in() ) {
			return true;
		}
		return new \WP_Error( 'rest_not_logged_in', __( 'Log in first.', 'sovereign-press' ), array( 'status' => 401 ) );
	}

	/**
	 * Users with a capability.
	 *
	 * @since 0.1.0
	 *
	 * @param string $capability Capability, such as manage_options.
	 * @param string $message    Who may call the route, as a sentence for the refused user.
	 * @return true|\WP_Error
	 */
	public static function can( string $capability, string $message ): bool|\WP_Error {
		if ( current_user_can( $capability ) ) {
			return true;
		}
		$logged_in = is_user_logged_in();
		return new \WP_Error(
			$logged_in ? 'rest_forbidden' : 'rest_not_logged_in',
			$message,
			array( 'status' => $logged_in ? 403 : 401 )
		);
	}

	/**
	 * People who write posts, and so build gates: the gate summary and the token lookup.
	 *
	 * @since 0.1.0
	 *
	 * @return true|\WP_Error
	 */
	public static function build_gates(): bool|\WP_Error {
		return self::can( 'edit_posts', __( 'Only people who can write posts can build token gates.', 'sovereign-press' ) );
	}
}
