<?php
/**
 * The WordPress session a wallet sign-in starts.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Settings\Settings;

/**
 * The same login cookies and `wp_login` action as a password login, for as long as the admin set
 * under Wallet login, and remembered (a persistent cookie) when "remember me" is on.
 *
 * @since 0.1.0
 */
final class Session {

	public function __construct( private Settings $settings ) {}

	/**
	 * Logs the user in for this request and sets the auth cookies.
	 *
	 * @since 0.1.0
	 */
	public function start( \WP_User $user ): void {
		$options = $this->settings->wallet_login();
		$expire  = static fn(): int => $options['sessionDays'] * DAY_IN_SECONDS;
		add_filter( 'auth_cookie_expiration', $expire, 99 );
		wp_set_current_user( $user->ID );
		wp_set_auth_cookie( $user->ID, $options['rememberMe'], is_ssl() );
		remove_filter( 'auth_cookie_expiration', $expire, 99 );
		/** This action is documented in wp-includes/user.php */
		do_action( 'wp_login', $user->user_login, $user );
	}
}
