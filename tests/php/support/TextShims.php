<?php
/**
 * The two WordPress text functions the Governor source calls, for unit tests without WordPress:
 * translation returns the English text, sanitising strips tags and trims (defined only when
 * WordPress is not loaded).
 */

declare( strict_types=1 );

if ( ! function_exists( '__' ) ) {
	function __( string $text, string $domain = 'default' ): string {
		return $text;
	}
}

if ( ! function_exists( 'sanitize_text_field' ) ) {
	function sanitize_text_field( string $text ): string {
		return trim( strip_tags( $text ) );
	}
}
