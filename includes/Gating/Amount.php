<?php
/**
 * Token amounts: uint256 values compared, summed and scaled without losing precision.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * Amounts and token ids are decimal strings of base units. GMP when loaded, bcmath otherwise.
 *
 * @since 0.1.0
 */
final class Amount {

	/** 2^256 - 1, the largest uint256: 78 digits. */
	public const MAX_UINT256 = '115792089237316195423570985008687907853269984665640564039457584007913129639935';

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

	/**
	 * Whether a value is a uint256 as a decimal string of at most 78 ASCII digits (leading zeros
	 * count towards the 78, as in the rule schema).
	 *
	 * @since 0.1.0
	 */
	public static function is_uint256( mixed $value ): bool {
		if ( ! is_string( $value ) || 1 !== preg_match( '/^[0-9]{1,78}$/D', $value ) ) {
			return false;
		}
		$digits = ltrim( $value, '0' );
		return strlen( $digits ) < 78 || strcmp( $digits, self::MAX_UINT256 ) <= 0;
	}

	/**
	 * The 32-byte big-endian word of a decimal uint256 (a token id for an ABI call).
	 *
	 * @since 0.1.0
	 *
	 * @throws \InvalidArgumentException When the value is not a uint256.
	 */
	public static function to_word( string $decimal ): string {
		if ( ! self::is_uint256( $decimal ) ) {
			throw new \InvalidArgumentException( 'A uint256 is a whole number from 0 to 2^256 - 1.' );
		}
		$decimal = ltrim( $decimal, '0' );
		if ( '' === $decimal ) {
			return str_repeat( "\0", 32 );
		}
		$hex = self::gmp() ? gmp_strval( gmp_init( $decimal, 10 ), 16 ) : ( new \SovereignPress\Crypto\Math\BcArithmetic() )->to_hex( $decimal );
		return (string) hex2bin( str_pad( $hex, 64, '0', STR_PAD_LEFT ) );
	}

	public static function add( string $a, string $b ): string {
		return self::gmp() ? gmp_strval( gmp_add( $a, $b ) ) : bcadd( $a, $b, 0 );
	}

	/**
	 * @since 0.3.0
	 */
	public static function mul( string $a, string $b ): string {
		return self::gmp() ? gmp_strval( gmp_mul( $a, $b ) ) : bcmul( $a, $b, 0 );
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

	/**
	 * The inverse of scale(): "1500000000000000000" base units with 18 decimals -> "1.5" whole
	 * tokens, without a trailing zero or point.
	 *
	 * @since 0.2.0
	 */
	public static function whole( string $units, int $decimals ): string {
		if ( $decimals <= 0 ) {
			return $units;
		}
		$units    = str_pad( $units, $decimals + 1, '0', STR_PAD_LEFT );
		$integer  = substr( $units, 0, -$decimals );
		$fraction = rtrim( substr( $units, -$decimals ), '0' );
		return '' === $fraction ? $integer : $integer . '.' . $fraction;
	}
}
