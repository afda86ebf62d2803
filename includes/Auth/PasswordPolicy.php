<?php
/**
 * Who may still log in with a password.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Settings\Settings;

/**
 * Accounts created by a wallet never may. Members with a linked wallet may while the admin keeps
 * "Members with a wallet may still log in with a password" on. Users without a wallet (such as
 * the administrator who set the site up) always may, so nobody is locked out.
 *
 * @since 0.1.0
 */
final class PasswordPolicy {

	public function __construct( private Settings $settings, private WalletAccounts $accounts ) {}

	/**
	 * Whether the user can log in with a password.
	 *
	 * @since 0.1.0
	 *
	 * @param list<mixed>|null $wallets The user's wallets, when the caller has read them already.
	 */
	public function can_use_password( int $user_id, ?array $wallets = null ): bool {
		if ( get_user_meta( $user_id, Registration::WALLET_ONLY_META, true ) ) {
			return false;
		}
		return $this->settings->wallet_login()['passwordLogin'] || array() === ( $wallets ?? $this->accounts->wallets( $user_id ) );
	}

	/**
	 * `authenticate` filter (priority 30, after WordPress checked the password): refuses it for
	 * users who may not use one.
	 *
	 * @since 0.1.0
	 *
	 * @param \WP_User|\WP_Error|null $user     Result so far.
	 * @param string                  $username Username or e-mail.
	 * @param string                  $password Password.
	 * @return \WP_User|\WP_Error|null
	 */
	public function refuse_password_login( $user, $username, $password ) {
		if ( $user instanceof \WP_User && '' !== (string) $password && ! $this->can_use_password( $user->ID ) ) {
			return new \WP_Error( 'sovereign_press_password_login_disabled', __( 'Please log in with your wallet.', 'sovereign-press' ) );
		}
		return $user;
	}
}
