<?php
/**
 * A logged-in member links more wallets and removes them.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Crypto\Address;

/**
 * Linking needs a message the wallet signed for this site, as a sign-in does. Unlinking keeps
 * the member a way to log in: the last wallet stays unless they may use a password.
 *
 * @since 0.1.0
 */
final class WalletLinks {

	public function __construct(
		private SignedMessages $messages,
		private WalletAccounts $accounts,
		private EnsProfile $ens,
		private PasswordPolicy $passwords
	) {}

	/**
	 * Links the signing wallet to a logged-in user.
	 *
	 * @since 0.1.0
	 *
	 * @return string|\WP_Error The checksummed address.
	 */
	public function link( int $user_id, string $text, string $signature ): string|\WP_Error {
		$result = $this->messages->verify( $text, $signature );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		try {
			$this->accounts->link( $user_id, (string) $result->address, (int) $result->message?->chain_id );
		} catch ( WalletTaken ) {
			return new \WP_Error( 'sovereign_press_wallet_taken', __( 'This wallet is already linked to another account.', 'sovereign-press' ), array( 'status' => 409 ) );
		}
		$user = get_user_by( 'id', $user_id );
		if ( $user instanceof \WP_User ) {
			$this->ens->refresh( $user, (string) $result->address );
		}
		return (string) $result->address;
	}

	/**
	 * Unlinks a wallet, unless it is the account's last way to log in.
	 *
	 * @since 0.1.0
	 *
	 * @return true|\WP_Error
	 */
	public function unlink( int $user_id, string $address ): bool|\WP_Error {
		$address = Address::checksum( $address );
		$wallets = array_column( $this->accounts->wallets( $user_id ), 'address' );
		if ( ! in_array( $address, $wallets, true ) ) {
			return new \WP_Error( 'sovereign_press_wallet_not_found', __( 'This wallet is not linked to your account.', 'sovereign-press' ), array( 'status' => 404 ) );
		}
		if ( 1 === count( $wallets ) && ! $this->passwords->can_use_password( $user_id, $wallets ) ) {
			return new \WP_Error( 'sovereign_press_last_login_method', __( 'This is the only way you can log in: link another wallet before you remove this one.', 'sovereign-press' ), array( 'status' => 409 ) );
		}
		$this->accounts->unlink( $user_id, $address );
		return true;
	}
}
