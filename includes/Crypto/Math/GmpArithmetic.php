<?php
/**
 * GMP: the fast path.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto\Math;

/**
 * @since 0.1.0
 */
final class GmpArithmetic implements Arithmetic {

	public static function available(): bool {
		return extension_loaded( 'gmp' );
	}

	public function from_hex( string $hex ): mixed {
		return gmp_init( '' === $hex ? '0' : $hex, 16 );
	}

	public function to_hex( mixed $a ): string {
		return gmp_strval( $a, 16 );
	}

	public function cmp( mixed $a, mixed $b ): int {
		return gmp_cmp( $a, $b );
	}

	public function is_zero( mixed $a ): bool {
		return 0 === gmp_sign( $a );
	}

	public function sub( mixed $a, mixed $b, mixed $m ): mixed {
		return gmp_mod( gmp_sub( $a, $b ), $m );
	}

	public function mul( mixed $a, mixed $b, mixed $m ): mixed {
		return gmp_mod( gmp_mul( $a, $b ), $m );
	}

	public function inv( mixed $a, mixed $m ): mixed {
		return gmp_invert( $a, $m );
	}

	public function mod( mixed $a, mixed $m ): mixed {
		return gmp_mod( $a, $m );
	}
}
