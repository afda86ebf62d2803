<?php
/**
 * Settings > Sovereign Press: one root element and a React app over /wp/v2/settings.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Admin;

use SovereignPress\Assets\BuildAssets;

/**
 * Renders the screen; the settings it edits, their schema and checks belong to the settings
 * model and the features, read and written through /wp/v2/settings.
 *
 * @since 0.1.0
 */
final class SettingsPage {

	public const MENU_SLUG = 'sovereign-press';

	private string $hook_suffix = '';

	/**
	 * @param BuildAssets                      $assets      The built scripts and styles.
	 * @param \Closure(): array<string, mixed> $screen_data What the screen's script needs besides the
	 *                                                      settings (window.sovereignPressAdmin),
	 *                                                      such as the roles new members may get.
	 */
	public function __construct( private BuildAssets $assets, private \Closure $screen_data ) {}

	public function add_menu(): void {
		$this->hook_suffix = (string) add_options_page(
			__( 'Sovereign Press', 'sovereign-press' ),
			__( 'Sovereign Press', 'sovereign-press' ),
			'manage_options',
			self::MENU_SLUG,
			array( $this, 'render' )
		);
	}

	/**
	 * @param array<string, string> $links Plugin row links.
	 * @return array<string, string>
	 */
	public function action_links( array $links ): array {
		$url = admin_url( 'options-general.php?page=' . self::MENU_SLUG );
		return array( 'settings' => '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'sovereign-press' ) . '</a>' ) + $links;
	}

	public function render(): void {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		printf(
			'<div class="wrap"><h1>%1$s</h1><div id="sovereign-press-settings" class="sovereign-press-settings"><noscript>%2$s</noscript></div></div>',
			esc_html__( 'Sovereign Press', 'sovereign-press' ),
			esc_html__( 'This settings screen needs JavaScript.', 'sovereign-press' )
		);
	}

	public function enqueue( string $hook_suffix ): void {
		if ( '' === $this->hook_suffix || $hook_suffix !== $this->hook_suffix ) {
			return;
		}
		$asset = $this->assets->enqueue_script( 'admin/settings' );
		if ( null === $asset ) {
			add_action(
				'admin_notices',
				static function (): void {
					printf(
						'<div class="notice notice-error"><p>%s</p></div>',
						esc_html__( 'Sovereign Press: the admin scripts are not built. Run "npm run build" in the plugin folder.', 'sovereign-press' )
					);
				}
			);
			return;
		}
		wp_enqueue_style( 'wp-components' );
		$this->assets->enqueue_style( 'sovereign-press-settings', 'admin/settings', array( 'wp-components' ), $asset['version'] );

		wp_add_inline_script(
			'sovereign-press-admin-settings',
			'window.sovereignPressAdmin = ' . wp_json_encode( ( $this->screen_data )() ) . ';',
			'before'
		);

		// Paint the screen with the saved values and where the census sync stands at once, no spinner.
		$preloaded = array_reduce(
			array( '/wp/v2/settings', '/sovereign-press/v1/census/sync' ),
			'rest_preload_api_request',
			array()
		);
		wp_add_inline_script(
			'wp-api-fetch',
			sprintf( 'wp.apiFetch.use( wp.apiFetch.createPreloadingMiddleware( %s ) );', wp_json_encode( $preloaded ) ),
			'after'
		);
	}
}
