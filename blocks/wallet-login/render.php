<?php
/**
 * Wallet Login block: the logged-in member, or a "Log in with wallet" button that view.ts brings
 * to life. Without JavaScript, visitors get a link to the regular login page.
 *
 * @package SovereignPress
 *
 * @var array{redirectTo:string, showAvatar:bool} $attributes
 * @var \WP_Block $block
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

// What the block renders with (the plugin provides it at boot).
$sovereign_press_block    = \SovereignPress\Auth\WalletLoginBlock::instance();
$sovereign_press_redirect = '' !== $attributes['redirectTo'] ? wp_validate_redirect( $attributes['redirectTo'], '' ) : '';

if ( is_user_logged_in() ) {
	$sovereign_press_user    = wp_get_current_user();
	$sovereign_press_wallet  = $sovereign_press_block->first_wallet( $sovereign_press_user->ID );
	$sovereign_press_here    = ( is_ssl() ? 'https://' : 'http://' ) . ( isset( $_SERVER['HTTP_HOST'] ) ? sanitize_text_field( wp_unslash( $_SERVER['HTTP_HOST'] ) ) : '' ) . ( isset( $_SERVER['REQUEST_URI'] ) ? esc_url_raw( wp_unslash( $_SERVER['REQUEST_URI'] ) ) : '/' );
	?>
	<div <?php echo get_block_wrapper_attributes( array( 'class' => 'is-logged-in' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by core. ?>>
		<?php if ( rest_sanitize_boolean( $attributes['showAvatar'] ) ) : // WordPress lets "false" through as a boolean. ?>
			<?php echo get_avatar( $sovereign_press_user->ID, 40, '', '', array( 'class' => 'wp-block-sovereign-press-wallet-login__avatar' ) ); ?>
		<?php endif; ?>
		<span class="wp-block-sovereign-press-wallet-login__identity">
			<span class="wp-block-sovereign-press-wallet-login__name"><?php echo esc_html( $sovereign_press_user->display_name ); ?></span>
			<?php if ( null !== $sovereign_press_wallet && \SovereignPress\Crypto\Address::short( $sovereign_press_wallet ) !== $sovereign_press_user->display_name ) : ?>
				<span class="wp-block-sovereign-press-wallet-login__address" title="<?php echo esc_attr( $sovereign_press_wallet ); ?>"><?php echo esc_html( \SovereignPress\Crypto\Address::short( $sovereign_press_wallet ) ); ?></span>
			<?php endif; ?>
		</span>
		<a class="wp-block-sovereign-press-wallet-login__logout" href="<?php echo esc_url( wp_logout_url( $sovereign_press_here ) ); ?>"><?php esc_html_e( 'Log out', 'sovereign-press' ); ?></a>
	</div>
	<?php
	return;
}
// The button loads the wallet dialog on click; its translations come with the view script.
$sovereign_press_block->add_translations( $block->block_type->view_script_handles );
?>
<div
	<?php echo get_block_wrapper_attributes( array( 'class' => 'is-logged-out' ) ); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by core. ?>
	data-rest-root="<?php echo esc_url( rest_url() ); ?>"
	data-redirect="<?php echo esc_url( $sovereign_press_redirect ); ?>"
	data-walletconnect="<?php echo esc_attr( $sovereign_press_block->walletconnect_attribute() ); ?>"
>
	<button type="button" class="wp-block-sovereign-press-wallet-login__connect wp-element-button" hidden><?php esc_html_e( 'Log in with wallet', 'sovereign-press' ); ?></button>
	<noscript><a href="<?php echo esc_url( wp_login_url( '' !== $sovereign_press_redirect ? $sovereign_press_redirect : get_permalink() ) ); ?>"><?php esc_html_e( 'Log in (wallet login needs JavaScript)', 'sovereign-press' ); ?></a></noscript>
</div>
