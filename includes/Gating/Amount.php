<?php
/**
 * Token amounts: uint256 values compared, summed and scaled without losing precision.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * Amounts are decimal strings of base units. GMP when loaded, bcmath otherwise.
 *
 * @since 0.1.0
 */
final class Amount {

	private static ?bool $gmp = null;

	/**
	 * Chooses the math path (by default GMP when loaded): tests run both on one machine.
	 *
	 * @since 0.1.0
	 */
	public static function use_gmp( ?bool $gmp ): void {
		self::$gmp = null === $gmp ? null : $gmp && extension_loaded( 'gmp' );
	}

	private static function gmp(): bool {
		return self::$gmp ??= extension_loaded( 'gmp' );
	}

	/** Base units in a 32-byte big-endian word. */
	public static function from_word( string $word ): string {
		$hex = ltrim( bin2hex( $word ), '0' );
		if ( '' === $hex ) {
			return '0';
		}
		if ( self::gmp() ) {
			return gmp_strval( gmp_init( $hex, 16 ) );
		}
		return ( new \SovereignPress\Crypto\Math\BcArithmetic() )->from_hex( $hex );
	}

	public static function add( string $a, string $b ): string {
		return self::gmp() ? gmp_strval( gmp_add( $a, $b ) ) : bcadd( $a, $b, 0 );
	}

	public static function at_least( string $value, string $minimum ): bool {
		return ( self::gmp() ? gmp_cmp( $value, $minimum ) : bccomp( $value, $minimum, 0 ) ) >= 0;
	}

	/**
	 * "1.5" whole tokens with 18 decimals -> "1500000000000000000" base units.
	 *
	 * @throws \InvalidArgumentException When the amount is not a plain non-negative decimal or has
	 *                                   more fractional digits than the token.
	 */
	public static function scale( string $amount, int $decimals ): string {
		if ( 1 !== preg_match( '/^(\d{1,60})(?:\.(\d{1,60}))?$/D', $amount, $m ) || $decimals < 0 || $decimals > 77 ) {
			throw new \InvalidArgumentException( 'Amounts are plain decimal numbers, such as 10 or 0.5.' );
		}
		$fraction = rtrim( $m[2] ?? '', '0' );
		if ( strlen( $fraction ) > $decimals ) {
			throw new \InvalidArgumentException( 'The amount has more decimals than the token.' );
		}
		$units = ltrim( $m[1] . str_pad( $fraction, $decimals, '0' ), '0' );
		return '' === $units ? '0' : $units;
	}
}
