<?php
/**
 * What a reader who does not qualify sees in place of gated content.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Auth\WalletLoginBlock;
use SovereignPress\Settings\Settings;

/**
 * The call to action: what the gate asks, and the way in (wallet login, linking another wallet,
 * or trying again when the chain could not be read). On the post's own page (or a template part
 * around it) it carries the login button; in lists of posts, feeds and REST a short notice.
 *
 * @since 0.1.0
 */
final class Notice {

	public function __construct( private Gates $gates, private Decisions $decisions, private Settings $settings ) {}

	/**
	 * @since 0.1.0
	 *
	 * @param array<string, mixed> $rule     Rule.
	 * @param string               $decision Evaluator::DENIED or UNAVAILABLE.
	 * @param string               $title    First line: the editor's message, or the default.
	 * @param \WP_Post|null        $post     The post the gated content belongs to (null outside a post).
	 */
	public function render( array $rule, string $decision, string $title, ?\WP_Post $post ): string {
		wp_enqueue_style( 'sovereign-press-gated-content-style' );
		$full  = null !== $post ? self::is_main_view( $post ) : ! is_feed() && ! wp_is_serving_rest_request();
		$html  = '<p class="sovereign-press-gate__title"><strong>' . esc_html( $title ) . '</strong></p>';
		/* translators: %s: what readers must hold, such as "1 Citizen NFT on Local chain". */
		$html .= '<p class="sovereign-press-gate__rule">' . esc_html( sprintf( __( 'Readers need %s.', 'sovereign-press' ), $this->gates->summary( $rule ) ) ) . '</p>';
		$here  = null !== $post ? (string) get_permalink( $post ) : home_url( '/' );

		if ( Evaluator::UNAVAILABLE === $decision ) {
			$state = 'unavailable';
			$html .= '<p class="sovereign-press-gate__status" role="status">' . esc_html__( 'We could not verify your holdings right now: the chain could not be read. Please try again in a minute.', 'sovereign-press' ) . '</p>';
			if ( $full ) {
				$html .= '<p><a class="wp-element-button" href="' . esc_url( $here ) . '">' . esc_html__( 'Try again', 'sovereign-press' ) . '</a></p>';
			}
		} elseif ( ! is_user_logged_in() ) {
			$state = 'logged-out';
			if ( ! $full ) {
				$html .= '<p><a href="' . esc_url( $here ) . '">' . esc_html__( 'Log in with your wallet on the site to read it.', 'sovereign-press' ) . '</a></p>';
			} elseif ( $this->settings->wallet_login()['enabled'] ) {
				$html .= '<p>' . esc_html__( 'Holders: log in with your wallet to read it.', 'sovereign-press' ) . '</p>';
				$html .= WalletLoginBlock::markup();
			} else {
				$html .= '<p><a href="' . esc_url( wp_login_url( $here ) ) . '">' . esc_html__( 'Log in to read it.', 'sovereign-press' ) . '</a></p>';
			}
		} else {
			$state   = 'denied';
			$wallets = $this->decisions->reader_wallets();
			$html   .= '<p class="sovereign-press-gate__status">' . esc_html(
				array() === $wallets
					? __( 'Your account has no linked wallet yet.', 'sovereign-press' )
					: sprintf(
						/* translators: %s: comma-separated short wallet addresses. */
						_n( 'Your linked wallet (%s) does not hold this.', 'Your linked wallets (%s) do not hold this.', count( $wallets ), 'sovereign-press' ),
						implode( ', ', array_map( array( \SovereignPress\Crypto\Address::class, 'short' ), $wallets ) )
					)
			) . '</p>';
			if ( $full ) {
				$html .= '<p><a href="' . esc_url( admin_url( 'profile.php#sovereign-press-wallets' ) ) . '">' . esc_html__( 'Link another wallet', 'sovereign-press' ) . '</a></p>';
			}
		}
		return '<div class="sovereign-press-gate" data-gate-state="' . esc_attr( $state ) . '">' . $html . '</div>';
	}

	/**
	 * The post being viewed on its own page (where the login button belongs).
	 */
	private static function is_main_view( \WP_Post $post ): bool {
		return is_singular() && get_queried_object_id() === $post->ID && ! is_feed() && ! wp_is_serving_rest_request() && ! is_embed();
	}
}
