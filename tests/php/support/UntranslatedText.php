<?php
/**
 * Unit tests load no WordPress, so `__()` does not exist. The Snapshot source translates its
 * messages with unqualified calls, which PHP resolves in the class's namespace before the global
 * function: this gives that namespace the function WordPress has when no translation is loaded
 * (the text back, unchanged), here only. Under WordPress the global `__()` is the one called.
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

if ( ! function_exists( __NAMESPACE__ . '\__' ) ) {
	/**
	 * @param string $text   Text.
	 * @param string $domain Text domain.
	 */
	function __( string $text, string $domain = 'default' ): string { // phpcs:ignore
		return $text;
	}
}
