<?php
/**
 * bcmath: the fallback for hosts without GMP (WordPress Playground, many shared hosts).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto\Math;

/**
 * Numbers are non-negative decimal strings with scale 0.
 *
 * @since 0.1.0
 */
final class BcArithmetic implements Arithmetic {

	public static function available(): bool {
		return extension_loaded( 'bcmath' );
	}

	public function from_hex( string $hex ): mixed {
		$hex    = ltrim( $hex, '0' );
		$result = '0';
		// Seven hex digits (28 bits) at a time stay within a native int.
		$head = strlen( $hex ) % 7;
		if ( $head > 0 ) {
			$result = (string) hexdec( substr( $hex, 0, $head ) );
		}
		for ( $i = $head, $len = strlen( $hex ); $i < $len; $i += 7 ) {
			$result = bcadd( bcmul( $result, '268435456', 0 ), (string) hexdec( substr( $hex, $i, 7 ) ), 0 );
		}
		return $result;
	}

	public function to_hex( mixed $a ): string {
		$hex = '';
		while ( '0' !== $a ) {
			$chunk = (int) bcmod( $a, '268435456', 0 );
			$a     = bcdiv( $a, '268435456', 0 );
			$hex   = str_pad( dechex( $chunk ), 7, '0', STR_PAD_LEFT ) . $hex;
		}
		$hex = ltrim( $hex, '0' );
		return '' === $hex ? '0' : $hex;
	}

	public function cmp( mixed $a, mixed $b ): int {
		return bccomp( $a, $b, 0 );
	}

	public function is_zero( mixed $a ): bool {
		return '0' === $a;
	}

	public function sub( mixed $a, mixed $b, mixed $m ): mixed {
		$diff = bcsub( $a, $b, 0 );
		return '-' === $diff[0] ? bcadd( $diff, $m, 0 ) : $diff;
	}

	public function mul( mixed $a, mixed $b, mixed $m ): mixed {
		return bcmod( bcmul( $a, $b, 0 ), $m, 0 );
	}

	public function inv( mixed $a, mixed $m ): mixed {
		// Extended Euclid: a few hundred short divisions, several times faster than bcpowmod(a, m-2).
		[ $old_r, $r ] = array( $a, $m );
		[ $old_s, $s ] = array( '1', '0' );
		while ( '0' !== $r ) {
			$q              = bcdiv( $old_r, $r, 0 );
			[ $old_r, $r ] = array( $r, bcsub( $old_r, bcmul( $q, $r, 0 ), 0 ) );
			[ $old_s, $s ] = array( $s, bcsub( $old_s, bcmul( $q, $s, 0 ), 0 ) );
		}
		return '-' === $old_s[0] ? bcadd( $old_s, $m, 0 ) : $old_s;
	}

	public function mod( mixed $a, mixed $m ): mixed {
		return bcmod( $a, $m, 0 );
	}
}
