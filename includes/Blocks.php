<?php
/**
 * Registers every block built into build/ from the generated blocks manifest, and tells
 * administrators when the build is missing.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress;

/**
 * @since 0.1.0
 */
final class Blocks {

	/** Files each block needs in build/<block>/ to register and render. */
	private const BLOCK_FILES = array(
		'census/block.json',
		'census/render.php',
		'gated-content/block.json',
		'gated-content/render.php',
		'proposal/block.json',
		'proposal/render.php',
		'proposals/block.json',
		'proposals/render.php',
		'wallet-login/block.json',
		'wallet-login/render.php',
	);

	public function __construct( private string $build_dir ) {}

	public function register(): void {
		$manifest = $this->build_dir . '/blocks-manifest.php';
		if ( ! is_readable( $manifest ) ) {
			return;
		}
		if ( function_exists( 'wp_register_block_types_from_metadata_collection' ) ) {
			wp_register_block_types_from_metadata_collection( $this->build_dir, $manifest );
			return;
		}
		// WordPress 6.6 and 6.7.
		$blocks = require $manifest;
		foreach ( array_keys( (array) $blocks ) as $block_folder ) {
			register_block_type( $this->build_dir . '/' . $block_folder );
		}
	}

	/**
	 * Built files that are not there, as paths from the plugin's folder (build/...).
	 *
	 * @since 0.1.0
	 *
	 * @return list<string>
	 */
	public function missing(): array {
		$missing = array();
		foreach ( array_merge( array( 'blocks-manifest.php' ), self::BLOCK_FILES ) as $file ) {
			if ( ! is_readable( $this->build_dir . '/' . $file ) ) {
				$missing[] = basename( $this->build_dir ) . '/' . $file;
			}
		}
		return $missing;
	}

	/**
	 * admin_notices: without its build the plugin's blocks are not registered. Gated sections
	 * still stay closed (GatedContentBlock decides them by name), but the site should be repaired.
	 *
	 * @since 0.1.0
	 */
	public function admin_notice(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		$missing = $this->missing();
		if ( array() === $missing ) {
			return;
		}
		$checkout = is_readable( dirname( $this->build_dir ) . '/package.json' );
		$fix      = $checkout
			/* translators: 1: a command, 2: the plugin's folder. */
			? sprintf( __( 'In a development checkout, run %1$s in %2$s.', 'sovereign-press' ), '<code>npm run build</code>', '<code>' . esc_html( dirname( $this->build_dir ) ) . '</code>' )
			: esc_html__( 'Reinstall the plugin from its release zip (Plugins > Add New Plugin > Upload Plugin).', 'sovereign-press' );
		printf(
			'<div class="notice notice-error"><p><strong>%1$s</strong> %2$s</p><p>%3$s</p></div>',
			esc_html(
				sprintf(
					/* translators: %s: comma-separated paths of missing files, such as build/blocks-manifest.php. */
					__( 'Sovereign Press is missing built files (%s).', 'sovereign-press' ),
					implode( ', ', array_slice( $missing, 0, 3 ) ) . ( count( $missing ) > 3 ? ', …' : '' )
				)
			),
			esc_html__( 'Its Gated Content and Wallet Login blocks are not registered: editors cannot edit them, and gated sections render without their styles (they stay closed to readers who do not qualify).', 'sovereign-press' ),
			wp_kses( $fix, array( 'code' => array() ) )
		);
	}
}
