<?php
/**
 * Registers every block built into build/ from the generated blocks manifest.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress;

/**
 * @since 0.1.0
 */
final class Blocks {

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
}
