<?php
/**
 * Where members meet wallet login outside the block: wp-login.php and their profile screen.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Assets\BuildAssets;
use SovereignPress\Settings\Settings;

/**
 * Both screens are rendered in PHP and work without JavaScript for what does not need a wallet;
 * the scripts add the wallet buttons.
 *
 * @since 0.1.0
 */
final class LoginScreens {

	public function __construct(
		private Settings $settings,
		private BuildAssets $assets,
		private WalletDialog $dialog,
		private WalletAccounts $accounts,
		private PasswordPolicy $passwords
	) {}

	/**
	 * `login_enqueue_scripts`: the wallet button's script, with the dialog's translations.
	 */
	public function enqueue_login(): void {
		if ( ! $this->settings->wallet_login()['enabled'] ) {
			return;
		}
		$this->assets->enqueue_script( 'login' );
		$this->dialog->add_translations( 'sovereign-press-login' );
		wp_add_inline_style(
			'login',
			'.sovereign-press-login{margin:0 0 20px;text-align:center}'
			. '.sovereign-press-login .sovereign-press-login__button{width:100%;justify-content:center;float:none}'
			. '.sovereign-press-login__or{margin:16px 0 0;color:#50575e}'
		);
	}

	/**
	 * `login_form`: the wallet button, hidden until its script runs.
	 */
	public function render_login_button(): void {
		if ( ! $this->settings->wallet_login()['enabled'] ) {
			return;
		}
		printf(
			'<div id="sovereign-press-login" class="sovereign-press-login" data-rest-root="%1$s" data-walletconnect="%4$s" hidden><button type="button" class="button button-secondary button-large sovereign-press-login__button">%2$s</button><p class="sovereign-press-login__or">%3$s</p></div>',
			esc_url( rest_url() ),
			esc_html__( 'Log in with wallet', 'sovereign-press' ),
			esc_html__( 'or with your username and password', 'sovereign-press' ),
			esc_attr( $this->dialog->walletconnect_attribute() )
		);
	}

	/**
	 * `show_user_profile`: the member's wallets, with link and unlink.
	 */
	public function render_profile_section( \WP_User $user ): void {
		if ( get_current_user_id() !== $user->ID ) {
			return;
		}
		$this->assets->enqueue_script( 'profile' );
		$this->dialog->add_translations( 'sovereign-press-profile' );
		$wallets         = $this->accounts->wallets( $user->ID );
		$can_remove_last = $this->passwords->can_use_password( $user->ID, $wallets );
		?>
		<h2><?php esc_html_e( 'Wallets', 'sovereign-press' ); ?></h2>
		<div id="sovereign-press-wallets" class="sovereign-press-wallets" data-rest-root="<?php echo esc_url( rest_url() ); ?>" data-rest-nonce="<?php echo esc_attr( wp_create_nonce( 'wp_rest' ) ); ?>" data-walletconnect="<?php echo esc_attr( $this->dialog->walletconnect_attribute() ); ?>">
			<p class="notice notice-info inline sovereign-press-wallets__status" role="status" hidden></p>
			<?php if ( array() === $wallets ) : ?>
				<p><?php esc_html_e( 'No wallet is linked to your account yet.', 'sovereign-press' ); ?></p>
			<?php else : ?>
				<table class="widefat striped sovereign-press-wallets__table">
					<thead><tr><th scope="col"><?php esc_html_e( 'Address', 'sovereign-press' ); ?></th><th scope="col"><?php esc_html_e( 'Linked', 'sovereign-press' ); ?></th><th scope="col"><span class="screen-reader-text"><?php esc_html_e( 'Actions', 'sovereign-press' ); ?></span></th></tr></thead>
					<tbody>
					<?php foreach ( $wallets as $wallet ) : ?>
						<tr>
							<td><code><?php echo esc_html( $wallet['address'] ); ?></code></td>
							<td><?php echo esc_html( wp_date( get_option( 'date_format' ), strtotime( $wallet['linkedAt'] ) ) ); ?></td>
							<td>
								<?php if ( count( $wallets ) > 1 || $can_remove_last ) : ?>
									<button type="button" class="button-link button-link-delete" data-unlink="<?php echo esc_attr( $wallet['address'] ); ?>"><?php esc_html_e( 'Remove', 'sovereign-press' ); ?></button>
								<?php else : ?>
									<span class="description"><?php esc_html_e( 'Your only way to log in', 'sovereign-press' ); ?></span>
								<?php endif; ?>
							</td>
						</tr>
					<?php endforeach; ?>
					</tbody>
				</table>
			<?php endif; ?>
			<p><button type="button" class="button" data-link hidden><?php esc_html_e( 'Link another wallet', 'sovereign-press' ); ?></button></p>
			<noscript><p class="description"><?php esc_html_e( 'Linking a wallet needs JavaScript.', 'sovereign-press' ); ?></p></noscript>
		</div>
		<?php
	}

	/**
	 * `user_profile_update_errors`: members who joined with a wallet have no e-mail address, and
	 * may save their profile without adding one.
	 *
	 * @param \WP_Error $errors Errors so far.
	 * @param bool      $update Whether an existing user is updated.
	 * @param \stdClass $user   User data being saved.
	 */
	public function allow_empty_email( \WP_Error $errors, bool $update, \stdClass $user ): void {
		if ( $update && isset( $user->ID ) && '' === (string) ( $user->user_email ?? '' ) && get_user_meta( (int) $user->ID, Registration::WALLET_ONLY_META, true ) ) {
			$errors->remove( 'empty_email' );
		}
	}
}
