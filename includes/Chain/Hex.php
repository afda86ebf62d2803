<?php
/**
 * Ethereum hex encodings (QUANTITY and DATA, as the JSON-RPC spec names them).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

/**
 * Pure helpers; no WordPress.
 *
 * @since 0.1.0
 */
final class Hex {

	/**
	 * Decodes a QUANTITY ("0x" then hex digits, no leading zeros required) that fits a PHP int.
	 *
	 * @throws \InvalidArgumentException When the value is not a quantity or overflows.
	 */
	public static function quantity_to_int( mixed $value ): int {
		if ( ! is_string( $value ) || 1 !== preg_match( '/^0x([0-9a-fA-F]{1,16})$/D', $value, $m ) ) {
			throw new \InvalidArgumentException( 'Not a hex quantity.' );
		}
		$digits = ltrim( $m[1], '0' );
		if ( strlen( $digits ) > 16 || ( 16 === strlen( $digits ) && hexdec( $digits[0] ) > 7 ) ) {
			throw new \InvalidArgumentException( 'Hex quantity is larger than this platform\'s integers.' );
		}
		return '' === $digits ? 0 : (int) hexdec( $digits );
	}

	/**
	 * Encodes a non-negative int as a QUANTITY.
	 */
	public static function int_to_quantity( int $value ): string {
		if ( $value < 0 ) {
			throw new \InvalidArgumentException( 'Quantities are non-negative.' );
		}
		return '0x' . dechex( $value );
	}
}
