<?php
/**
 * secp256k1's base field in plain PHP integers: the fallback when GMP is missing.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto\Math;

/**
 * Ten 26-bit limbs, least significant first (the 10x26 layout of libsecp256k1), on 64-bit PHP.
 * A product of two limbs fits in 52 bits and a column of ten in 56, so nothing overflows; the
 * reduction uses 2^256 ≡ 2^32 + 977 (mod p). bcmath's modular multiply measured about ten times
 * slower than this, because its division is generic.
 *
 * @since 0.1.0
 */
final class LimbField implements Field {

	private const MASK = 0x3FFFFFF;

	/** P in limbs. */
	private const P = array( 0x3FFFC2F, 0x3FFFFBF, 0x3FFFFFF, 0x3FFFFFF, 0x3FFFFFF, 0x3FFFFFF, 0x3FFFFFF, 0x3FFFFFF, 0x3FFFFFF, 0x3FFFFF );

	public static function available(): bool {
		return 8 === PHP_INT_SIZE;
	}

	public function from_bytes( string $bytes ): mixed {
		$words = array_reverse( array_values( unpack( 'N8', $bytes ) ) );
		$limbs = array();
		$acc   = 0;
		$bits  = 0;
		foreach ( $words as $word ) {
			$acc  |= $word << $bits;
			$bits += 32;
			while ( $bits >= 26 && count( $limbs ) < 9 ) {
				$limbs[] = $acc & self::MASK;
				$acc     = $acc >> 26;
				$bits   -= 26;
			}
		}
		$limbs[] = $acc;
		return $this->reduce_once( $limbs );
	}

	public function to_bytes( mixed $a ): string {
		$words = array();
		$acc   = 0;
		$bits  = 0;
		foreach ( $a as $limb ) {
			$acc  |= $limb << $bits;
			$bits += 26;
			while ( $bits >= 32 ) {
				$words[] = $acc & 0xFFFFFFFF;
				$acc     = $acc >> 32;
				$bits   -= 32;
			}
		}
		return pack( 'N8', ...array_reverse( $words ) );
	}

	public function one(): mixed {
		return array( 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 );
	}

	public function is_zero( mixed $a ): bool {
		return 0 === ( $a[0] | $a[1] | $a[2] | $a[3] | $a[4] | $a[5] | $a[6] | $a[7] | $a[8] | $a[9] );
	}

	public function is_odd( mixed $a ): bool {
		return 1 === ( $a[0] & 1 );
	}

	public function equals( mixed $a, mixed $b ): bool {
		return $a === $b;
	}

	public function add( mixed $a, mixed $b ): mixed {
		$r     = array();
		$carry = 0;
		for ( $i = 0; $i < 10; $i++ ) {
			$v       = $a[ $i ] + $b[ $i ] + $carry;
			$r[ $i ] = $v & self::MASK;
			$carry   = $v >> 26;
		}
		// Limb 9 holds 22 bits of a value below 2^256: anything above is 2^256 ≡ 2^32 + 977.
		$r[9] += $carry << 26;
		return $this->reduce_once( $this->fold_top( $r ) );
	}

	public function sub( mixed $a, mixed $b ): mixed {
		$r      = array();
		$borrow = 0;
		for ( $i = 0; $i < 10; $i++ ) {
			$v       = $a[ $i ] - $b[ $i ] - $borrow;
			$borrow  = $v < 0 ? 1 : 0;
			$r[ $i ] = $v & self::MASK;
		}
		if ( 0 === ( $r[9] >> 22 ) && 0 === $borrow ) {
			return $r;
		}
		// Negative: the limbs hold a - b + 2^260; add p and drop 2^260.
		$carry = 0;
		for ( $i = 0; $i < 10; $i++ ) {
			$v       = $r[ $i ] + self::P[ $i ] + $carry;
			$r[ $i ] = $v & self::MASK;
			$carry   = $v >> 26;
		}
		$r[9] &= 0x3FFFFF;
		return $r;
	}

	public function mul( mixed $a, mixed $b ): mixed {
		[ $a0, $a1, $a2, $a3, $a4, $a5, $a6, $a7, $a8, $a9 ] = $a;
		[ $b0, $b1, $b2, $b3, $b4, $b5, $b6, $b7, $b8, $b9 ] = $b;
		return $this->reduce_product(
			array(
				$a0 * $b0,
				$a0 * $b1 + $a1 * $b0,
				$a0 * $b2 + $a1 * $b1 + $a2 * $b0,
				$a0 * $b3 + $a1 * $b2 + $a2 * $b1 + $a3 * $b0,
				$a0 * $b4 + $a1 * $b3 + $a2 * $b2 + $a3 * $b1 + $a4 * $b0,
				$a0 * $b5 + $a1 * $b4 + $a2 * $b3 + $a3 * $b2 + $a4 * $b1 + $a5 * $b0,
				$a0 * $b6 + $a1 * $b5 + $a2 * $b4 + $a3 * $b3 + $a4 * $b2 + $a5 * $b1 + $a6 * $b0,
				$a0 * $b7 + $a1 * $b6 + $a2 * $b5 + $a3 * $b4 + $a4 * $b3 + $a5 * $b2 + $a6 * $b1 + $a7 * $b0,
				$a0 * $b8 + $a1 * $b7 + $a2 * $b6 + $a3 * $b5 + $a4 * $b4 + $a5 * $b3 + $a6 * $b2 + $a7 * $b1 + $a8 * $b0,
				$a0 * $b9 + $a1 * $b8 + $a2 * $b7 + $a3 * $b6 + $a4 * $b5 + $a5 * $b4 + $a6 * $b3 + $a7 * $b2 + $a8 * $b1 + $a9 * $b0,
				$a1 * $b9 + $a2 * $b8 + $a3 * $b7 + $a4 * $b6 + $a5 * $b5 + $a6 * $b4 + $a7 * $b3 + $a8 * $b2 + $a9 * $b1,
				$a2 * $b9 + $a3 * $b8 + $a4 * $b7 + $a5 * $b6 + $a6 * $b5 + $a7 * $b4 + $a8 * $b3 + $a9 * $b2,
				$a3 * $b9 + $a4 * $b8 + $a5 * $b7 + $a6 * $b6 + $a7 * $b5 + $a8 * $b4 + $a9 * $b3,
				$a4 * $b9 + $a5 * $b8 + $a6 * $b7 + $a7 * $b6 + $a8 * $b5 + $a9 * $b4,
				$a5 * $b9 + $a6 * $b8 + $a7 * $b7 + $a8 * $b6 + $a9 * $b5,
				$a6 * $b9 + $a7 * $b8 + $a8 * $b7 + $a9 * $b6,
				$a7 * $b9 + $a8 * $b8 + $a9 * $b7,
				$a8 * $b9 + $a9 * $b8,
				$a9 * $b9,
			)
		);
	}

	public function sqr( mixed $a ): mixed {
		[ $a0, $a1, $a2, $a3, $a4, $a5, $a6, $a7, $a8, $a9 ] = $a;
		$d0 = $a0 << 1;
		$d1 = $a1 << 1;
		$d2 = $a2 << 1;
		$d3 = $a3 << 1;
		$d4 = $a4 << 1;
		$d5 = $a5 << 1;
		$d6 = $a6 << 1;
		$d7 = $a7 << 1;
		$d8 = $a8 << 1;
		return $this->reduce_product(
			array(
				$a0 * $a0,
				$d0 * $a1,
				$d0 * $a2 + $a1 * $a1,
				$d0 * $a3 + $d1 * $a2,
				$d0 * $a4 + $d1 * $a3 + $a2 * $a2,
				$d0 * $a5 + $d1 * $a4 + $d2 * $a3,
				$d0 * $a6 + $d1 * $a5 + $d2 * $a4 + $a3 * $a3,
				$d0 * $a7 + $d1 * $a6 + $d2 * $a5 + $d3 * $a4,
				$d0 * $a8 + $d1 * $a7 + $d2 * $a6 + $d3 * $a5 + $a4 * $a4,
				$d0 * $a9 + $d1 * $a8 + $d2 * $a7 + $d3 * $a6 + $d4 * $a5,
				$d1 * $a9 + $d2 * $a8 + $d3 * $a7 + $d4 * $a6 + $a5 * $a5,
				$d2 * $a9 + $d3 * $a8 + $d4 * $a7 + $d5 * $a6,
				$d3 * $a9 + $d4 * $a8 + $d5 * $a7 + $a6 * $a6,
				$d4 * $a9 + $d5 * $a8 + $d6 * $a7,
				$d5 * $a9 + $d6 * $a8 + $a7 * $a7,
				$d6 * $a9 + $d7 * $a8,
				$d7 * $a9 + $a8 * $a8,
				$d8 * $a9,
				$a9 * $a9,
			)
		);
	}

	public function inv( mixed $a ): mixed {
		[ $x2, $x3, $x22, $x223 ] = $this->chain( $a );
		$t = $this->mul( $this->sqr_n( $x223, 23 ), $x22 );
		$t = $this->mul( $this->sqr_n( $t, 5 ), $a );
		$t = $this->mul( $this->sqr_n( $t, 3 ), $x2 );
		return $this->mul( $this->sqr_n( $t, 2 ), $a );
	}

	public function sqrt( mixed $a ): mixed {
		[ $x2, , $x22, $x223 ] = $this->chain( $a );
		$t = $this->mul( $this->sqr_n( $x223, 23 ), $x22 );
		$t = $this->mul( $this->sqr_n( $t, 6 ), $x2 );
		return $this->sqr_n( $t, 2 );
	}

	/**
	 * The shared head of libsecp256k1's addition chains for p - 2 and (p + 1) / 4:
	 * a^(2^k - 1) for k = 2, 3, 22 and 223.
	 *
	 * @return array{0:mixed, 1:mixed, 2:mixed, 3:mixed}
	 */
	private function chain( mixed $a ): array {
		$x2   = $this->mul( $this->sqr( $a ), $a );
		$x3   = $this->mul( $this->sqr( $x2 ), $a );
		$x6   = $this->mul( $this->sqr_n( $x3, 3 ), $x3 );
		$x9   = $this->mul( $this->sqr_n( $x6, 3 ), $x3 );
		$x11  = $this->mul( $this->sqr_n( $x9, 2 ), $x2 );
		$x22  = $this->mul( $this->sqr_n( $x11, 11 ), $x11 );
		$x44  = $this->mul( $this->sqr_n( $x22, 22 ), $x22 );
		$x88  = $this->mul( $this->sqr_n( $x44, 44 ), $x44 );
		$x176 = $this->mul( $this->sqr_n( $x88, 88 ), $x88 );
		$x220 = $this->mul( $this->sqr_n( $x176, 44 ), $x44 );
		$x223 = $this->mul( $this->sqr_n( $x220, 3 ), $x3 );
		return array( $x2, $x3, $x22, $x223 );
	}

	private function sqr_n( mixed $a, int $n ): mixed {
		for ( $i = 0; $i < $n; $i++ ) {
			$a = $this->sqr( $a );
		}
		return $a;
	}

	/**
	 * Reduces 19 product columns (each below 2^57) to a normalised element.
	 *
	 * @param list<int> $t Columns, least significant first.
	 * @return list<int>
	 */
	private function reduce_product( array $t ): array {
		$t[19] = 0;
		for ( $i = 0; $i < 19; $i++ ) {
			$t[ $i + 1 ] += $t[ $i ] >> 26;
			$t[ $i ]     &= self::MASK;
		}
		// 2^260 ≡ 16 · (2^32 + 977) = 2^36 + 0x3D10: limb k ≥ 10 folds into limbs k-10 and k-9.
		for ( $k = 19; $k >= 10; $k-- ) {
			$t[ $k - 10 ] += $t[ $k ] * 0x3D10;
			$t[ $k - 9 ]  += $t[ $k ] << 10;
		}
		$r = array( $t[0], $t[1], $t[2], $t[3], $t[4], $t[5], $t[6], $t[7], $t[8], $t[9] );
		for ( $i = 0; $i < 9; $i++ ) {
			$r[ $i + 1 ] += $r[ $i ] >> 26;
			$r[ $i ]     &= self::MASK;
		}
		return $this->reduce_once( $this->fold_top( $r ) );
	}

	/**
	 * Folds the bits of limb 9 above bit 22 (2^256 and up) back in until the value fits 256 bits.
	 *
	 * @param list<int> $r Limbs 0-8 normalised, limb 9 possibly wide.
	 * @return list<int>
	 */
	private function fold_top( array $r ): array {
		while ( ( $high = $r[9] >> 22 ) > 0 ) {
			$r[9] &= 0x3FFFFF;
			$r[0] += $high * 0x3D1;
			$r[1] += $high << 6;
			for ( $i = 0; $i < 9; $i++ ) {
				$r[ $i + 1 ] += $r[ $i ] >> 26;
				$r[ $i ]     &= self::MASK;
			}
		}
		return $r;
	}

	/**
	 * Subtracts p once when a value below 2^256 is at least p.
	 *
	 * @param list<int> $r Normalised limbs.
	 * @return list<int>
	 */
	private function reduce_once( array $r ): array {
		// r >= p  <=>  r + (2^32 + 977) >= 2^256.
		$s     = array();
		$carry = 0x3D1;
		for ( $i = 0; $i < 10; $i++ ) {
			$v       = $r[ $i ] + $carry + ( 1 === $i ? 0x40 : 0 );
			$s[ $i ] = $v & self::MASK;
			$carry   = $v >> 26;
		}
		if ( ( $s[9] >> 22 ) > 0 ) {
			$s[9] &= 0x3FFFFF;
			return $s;
		}
		return $r;
	}
}
