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
	 * The URL of build/{entry}.js with its build version, for code that loads the file itself;
	 * null when it is not built.
	 *
	 * @since 0.1.0
	 */
	public function script_url( string $entry ): ?string {
		$asset_file = plugin_dir_path( $this->plugin_file ) . "build/{$entry}.asset.php";
		if ( ! is_readable( $asset_file ) ) {
			return null;
		}
		$asset = require $asset_file;
		return add_query_arg( 'ver', $asset['version'], plugin_dir_url( $this->plugin_file ) . "build/{$entry}.js" );
	}

	/**
	 * Prints the translations of built files that a script loads itself (webpack chunks, or a
	 * file it adds with a script tag) before that script.
	 *
	 * WordPress prints a script's JSON translations only when it prints the script. So each file
	 * gets a registered, never enqueued handle, sovereign-press-lazy-{file}: WordPress then looks
	 * up the JSON named after the file, as language packs and `npm run i18n:json` name it, and the
	 * loader, which shares wp.i18n with what it loads, carries the translations. Once per loader,
	 * however many times a page asks.
	 *
	 * @since 0.1.0
	 *
	 * @param string       $handle  The loader's script handle.
	 * @param list<string> $entries Files under build/, without ".js".
	 */
	public function add_lazy_translations( string $handle, array $entries ): void {
		foreach ( $entries as $entry ) {
			$lazy = 'sovereign-press-lazy-' . str_replace( '/', '-', $entry );
			if ( ! wp_script_is( $lazy, 'registered' ) ) {
				// Never printed, so it needs no version.
				wp_register_script( $lazy, plugin_dir_url( $this->plugin_file ) . "build/{$entry}.js", array(), false, array( 'in_footer' => true ) );
				wp_set_script_translations( $lazy, 'sovereign-press', plugin_dir_path( $this->plugin_file ) . 'languages' );
			}
			$translations = wp_scripts()->print_translations( $lazy, false );
			if ( is_string( $translations ) && ! in_array( $translations, (array) wp_scripts()->get_data( $handle, 'before' ), true ) ) {
				wp_add_inline_script( $handle, $translations, 'before' );
			}
		}
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
