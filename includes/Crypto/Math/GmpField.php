<?php
/**
 * secp256k1's base field on GMP.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto\Math;

/**
 * @since 0.1.0
 */
final class GmpField implements Field {

	private \GMP $p;
	private \GMP $sqrt_exponent;

	public function __construct() {
		$this->p             = gmp_init( 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f', 16 );
		$this->sqrt_exponent = gmp_init( '3fffffffffffffffffffffffffffffffffffffffffffffffffffffffbfffff0c', 16 );
	}

	public function from_bytes( string $bytes ): mixed {
		return gmp_mod( gmp_import( $bytes, 1, GMP_MSW_FIRST | GMP_BIG_ENDIAN ), $this->p );
	}

	public function to_bytes( mixed $a ): string {
		return str_pad( gmp_export( $a, 1, GMP_MSW_FIRST | GMP_BIG_ENDIAN ), 32, "\0", STR_PAD_LEFT );
	}

	public function one(): mixed {
		return gmp_init( 1 );
	}

	public function is_zero( mixed $a ): bool {
		return 0 === gmp_sign( $a );
	}

	public function is_odd( mixed $a ): bool {
		return gmp_testbit( $a, 0 );
	}

	public function equals( mixed $a, mixed $b ): bool {
		return 0 === gmp_cmp( $a, $b );
	}

	public function add( mixed $a, mixed $b ): mixed {
		return gmp_mod( gmp_add( $a, $b ), $this->p );
	}

	public function sub( mixed $a, mixed $b ): mixed {
		return gmp_mod( gmp_sub( $a, $b ), $this->p );
	}

	public function mul( mixed $a, mixed $b ): mixed {
		return gmp_mod( gmp_mul( $a, $b ), $this->p );
	}

	public function sqr( mixed $a ): mixed {
		return gmp_mod( gmp_mul( $a, $a ), $this->p );
	}

	public function inv( mixed $a ): mixed {
		return gmp_invert( $a, $this->p );
	}

	public function sqrt( mixed $a ): mixed {
		return gmp_powm( $a, $this->sqrt_exponent, $this->p );
	}
}
