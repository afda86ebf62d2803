<?php
/**
 * What `npm run build` wrote to build/: scripts with their dependencies and translations, styles.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Assets;

/**
 * Handed to the screens that load built entries, so they need neither the plugin's paths nor the
 * plugin itself.
 *
 * @since 0.1.0
 */
final class BuildAssets {

	/**
	 * @param string $plugin_file Absolute path of plugin.php.
	 */
	public function __construct( private string $plugin_file ) {}

	/**
	 * Enqueues a built entry (build/{entry}.js with its .asset.php dependencies) and its
	 * translations as the handle sovereign-press-{entry}; null when the entry is not built.
	 *
	 * @since 0.1.0
	 *
	 * @return array{dependencies:list<string>, version:string}|null
	 */
	public function enqueue_script( string $entry ): ?array {
		$dir        = plugin_dir_path( $this->plugin_file );
		$asset_file = $dir . "build/{$entry}.asset.php";
		if ( ! is_readable( $asset_file ) ) {
			return null;
		}
		$asset  = require $asset_file;
		$handle = 'sovereign-press-' . str_replace( '/', '-', $entry );
		wp_enqueue_script( $handle, plugin_dir_url( $this->plugin_file ) . "build/{$entry}.js", $asset['dependencies'], $asset['version'], array( 'in_footer' => true ) );
		wp_set_script_translations( $handle, 'sovereign-press', $dir . 'languages' );
		return $asset;
	}

	/**
	 * Enqueues build/{entry}.css, with its right-to-left twin for RTL languages; false when it is
	 * not built.
	 *
	 * @since 0.1.0
	 *
	 * @param list<string> $dependencies Style handles.
	 */
	public function enqueue_style( string $handle, string $entry, array $dependencies, string $version ): bool {
		if ( ! is_readable( plugin_dir_path( $this->plugin_file ) . "build/{$entry}.css" ) ) {
			return false;
		}
		wp_enqueue_style( $handle, plugin_dir_url( $this->plugin_file ) . "build/{$entry}.css", $dependencies, $version );
		wp_style_add_data( $handle, 'rtl', 'replace' );
		return true;
	}
}
