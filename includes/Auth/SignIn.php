<?php
/**
 * Wallet sign-in: a signed message for this site in, a logged-in member out.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * The wallet's linked account, or a new one when registration is open; refreshed from ENS and
 * logged in.
 *
 * @since 0.1.0
 */
final class SignIn {

	public function __construct(
		private SignedMessages $messages,
		private WalletAccounts $accounts,
		private Registration $registration,
		private EnsProfile $ens,
		private Session $session
	) {}

	/**
	 * Signs a wallet in.
	 *
	 * @since 0.1.0
	 *
	 * @return array{user:\WP_User, created:bool, address:string}|\WP_Error
	 */
	public function sign_in( string $text, string $signature ): array|\WP_Error {
		$result = $this->messages->verify( $text, $signature );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		$address = (string) $result->address;
		$user_id = $this->accounts->find_user_id( $address );
		$created = false;
		if ( null === $user_id ) {
			$user_id = $this->registration->register( $address, (int) $result->message?->chain_id );
			if ( is_wp_error( $user_id ) ) {
				return $user_id;
			}
			$created = true;
		}
		$user = get_user_by( 'id', $user_id );
		if ( ! $user instanceof \WP_User ) {
			return new \WP_Error( 'sovereign_press_account_missing', __( 'The account linked to this wallet no longer exists.', 'sovereign-press' ), array( 'status' => 403 ) );
		}
		$this->ens->refresh( $user, $address );
		$this->session->start( $user );

		/**
		 * Fires after a wallet signed in.
		 *
		 * @since 0.1.0
		 *
		 * @param \WP_User $user    The user.
		 * @param string   $address Checksummed address.
		 * @param bool     $created Whether the account was created by this sign-in.
		 */
		do_action( 'sovereign_press_wallet_signed_in', $user, $address, $created );
		return array(
			'user'    => $user,
			'created' => $created,
			'address' => $address,
		);
	}
}
