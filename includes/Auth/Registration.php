<?php
/**
 * Accounts for wallets that sign in for the first time.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Crypto\Address;
use SovereignPress\Settings\Settings;

/**
 * Open or closed as the admin sets it under Wallet login. A new account is named after its
 * wallet, gets the member role, a random password it never learns, and the wallet-only mark.
 *
 * @since 0.1.0
 */
final class Registration {

	/** User meta: the account was created by a wallet and has no password its member knows. */
	public const WALLET_ONLY_META = 'sovereign_press_wallet_only';

	public function __construct( private Settings $settings, private WalletAccounts $accounts ) {}

	/**
	 * Creates the account of a wallet that no account has, and links it.
	 *
	 * @since 0.1.0
	 *
	 * @param string $address  Checksummed address.
	 * @param int    $chain_id The chain it signed in on.
	 * @return int|\WP_Error The user id: the new account's, or the one a concurrent sign-in of the
	 *                       same wallet created first.
	 */
	public function register( string $address, int $chain_id ): int|\WP_Error {
		$options = $this->settings->wallet_login();
		if ( ! $options['autoRegister'] ) {
			return new \WP_Error( 'sovereign_press_registration_closed', __( 'This wallet is not linked to an account here, and this site does not create accounts for new wallets. Ask an administrator for an invitation.', 'sovereign-press' ), array( 'status' => 403 ) );
		}
		$base     = $options['usernamePrefix'] . strtolower( substr( $address, 2, 6 ) );
		$username = $base;
		for ( $n = 2; username_exists( $username ); $n++ ) {
			$username = $base . '-' . $n;
		}
		/**
		 * Filters the username of an account created by wallet sign-in.
		 *
		 * @since 0.1.0
		 *
		 * @param string $username Proposed username.
		 * @param string $address  Checksummed address.
		 */
		$username = (string) apply_filters( 'sovereign_press_new_member_username', $username, $address );
		$user_id  = wp_insert_user(
			array(
				'user_login'   => $username,
				'user_pass'    => wp_generate_password( 40, true, true ),
				'display_name' => Address::short( $address ),
				'nickname'     => Address::short( $address ),
				'role'         => WalletLoginSettings::is_safe_member_role( $options['newMemberRole'] ) ? $options['newMemberRole'] : 'subscriber',
			)
		);
		if ( is_wp_error( $user_id ) ) {
			return new \WP_Error( 'sovereign_press_registration_failed', __( 'Your account could not be created. Please try again.', 'sovereign-press' ), array( 'status' => 500 ) );
		}
		update_user_meta( $user_id, self::WALLET_ONLY_META, 1 );
		try {
			$this->accounts->link( $user_id, $address, $chain_id );
		} catch ( WalletTaken ) {
			// A concurrent sign-in of the same wallet registered first: keep that account.
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $user_id );
			return (int) $this->accounts->find_user_id( $address );
		}

		/**
		 * Fires after an account was created for a wallet.
		 *
		 * @since 0.1.0
		 *
		 * @param int    $user_id New user.
		 * @param string $address Checksummed address.
		 */
		do_action( 'sovereign_press_wallet_registered', $user_id, $address );
		return $user_id;
	}
}
