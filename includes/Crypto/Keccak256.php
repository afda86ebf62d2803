<?php
/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3-256's 0x06).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

/**
 * Pure PHP on 64-bit integers; no WordPress. The 25 lanes are kept in local variables and the
 * 24 rounds are unrolled by step, which is what makes this fast enough in plain PHP.
 *
 * @since 0.1.0
 */
final class Keccak256 {

	private const RATE = 136;

	/** Round constants of Keccak-f[1600], as signed 64-bit integers. */
	private const RC = array(
		0x0000000000000001, 0x0000000000008082, -0x7fffffffffff7f76, -0x7fffffff7fff8000,
		0x000000000000808b, 0x0000000080000001, -0x7fffffff7fff7f7f, -0x7fffffffffff7ff7,
		0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
		0x000000008000808b, -0x7fffffffffffff75, -0x7fffffffffff7f77, -0x7fffffffffff7ffd,
		-0x7fffffffffff7ffe, -0x7fffffffffffff80, 0x000000000000800a, -0x7fffffff7ffffff6,
		-0x7fffffff7fff7f7f, -0x7fffffffffff7f80, 0x0000000080000001, -0x7fffffff7fff7ff8,
	);

	/**
	 * Raw 32-byte digest.
	 *
	 * @since 0.1.0
	 */
	public static function hash( string $data ): string {
		$state = array_fill( 0, 25, 0 );
		$data .= "\x01" . str_repeat( "\0", self::RATE - 1 - ( strlen( $data ) % self::RATE ) );
		$data[ strlen( $data ) - 1 ] = chr( ord( $data[ strlen( $data ) - 1 ] ) | 0x80 );

		foreach ( str_split( $data, self::RATE ) as $block ) {
			$words = array_values( unpack( 'P17', $block ) );
			for ( $i = 0; $i < 17; $i++ ) {
				$state[ $i ] ^= $words[ $i ];
			}
			$state = self::permute( $state );
		}
		return pack( 'P4', $state[0], $state[1], $state[2], $state[3] );
	}

	/**
	 * Lowercase hex digest, without 0x.
	 *
	 * @since 0.1.0
	 */
	public static function hex( string $data ): string {
		return bin2hex( self::hash( $data ) );
	}

	/**
	 * Keccak-f[1600] on 25 signed 64-bit lanes (index x + 5y).
	 *
	 * @param list<int> $s State.
	 * @return list<int>
	 */
	private static function permute( array $s ): array {
		[ $a0, $a1, $a2, $a3, $a4, $a5, $a6, $a7, $a8, $a9, $a10, $a11, $a12, $a13, $a14, $a15, $a16, $a17, $a18, $a19, $a20, $a21, $a22, $a23, $a24 ] = $s;

		foreach ( self::RC as $rc ) {
			// Theta.
			$c0 = $a0 ^ $a5 ^ $a10 ^ $a15 ^ $a20;
			$c1 = $a1 ^ $a6 ^ $a11 ^ $a16 ^ $a21;
			$c2 = $a2 ^ $a7 ^ $a12 ^ $a17 ^ $a22;
			$c3 = $a3 ^ $a8 ^ $a13 ^ $a18 ^ $a23;
			$c4 = $a4 ^ $a9 ^ $a14 ^ $a19 ^ $a24;
			$d0 = $c4 ^ ( ( $c1 << 1 ) | ( ( $c1 >> 63 ) & 1 ) );
			$d1 = $c0 ^ ( ( $c2 << 1 ) | ( ( $c2 >> 63 ) & 1 ) );
			$d2 = $c1 ^ ( ( $c3 << 1 ) | ( ( $c3 >> 63 ) & 1 ) );
			$d3 = $c2 ^ ( ( $c4 << 1 ) | ( ( $c4 >> 63 ) & 1 ) );
			$d4 = $c3 ^ ( ( $c0 << 1 ) | ( ( $c0 >> 63 ) & 1 ) );

			// Rho and pi: b[y, 2x+3y] = rot(a[x, y] ^ d[x], r[x, y]).
			$b0  = $a0 ^ $d0;
			$b10 = self::rot( $a1 ^ $d1, 1 );
			$b20 = self::rot( $a2 ^ $d2, 62 );
			$b5  = self::rot( $a3 ^ $d3, 28 );
			$b15 = self::rot( $a4 ^ $d4, 27 );
			$b16 = self::rot( $a5 ^ $d0, 36 );
			$b1  = self::rot( $a6 ^ $d1, 44 );
			$b11 = self::rot( $a7 ^ $d2, 6 );
			$b21 = self::rot( $a8 ^ $d3, 55 );
			$b6  = self::rot( $a9 ^ $d4, 20 );
			$b7  = self::rot( $a10 ^ $d0, 3 );
			$b17 = self::rot( $a11 ^ $d1, 10 );
			$b2  = self::rot( $a12 ^ $d2, 43 );
			$b12 = self::rot( $a13 ^ $d3, 25 );
			$b22 = self::rot( $a14 ^ $d4, 39 );
			$b23 = self::rot( $a15 ^ $d0, 41 );
			$b8  = self::rot( $a16 ^ $d1, 45 );
			$b18 = self::rot( $a17 ^ $d2, 15 );
			$b3  = self::rot( $a18 ^ $d3, 21 );
			$b13 = self::rot( $a19 ^ $d4, 8 );
			$b14 = self::rot( $a20 ^ $d0, 18 );
			$b24 = self::rot( $a21 ^ $d1, 2 );
			$b9  = self::rot( $a22 ^ $d2, 61 );
			$b19 = self::rot( $a23 ^ $d3, 56 );
			$b4  = self::rot( $a24 ^ $d4, 14 );

			// Chi and iota.
			$a0  = $b0 ^ ( ~$b1 & $b2 ) ^ $rc;
			$a1  = $b1 ^ ( ~$b2 & $b3 );
			$a2  = $b2 ^ ( ~$b3 & $b4 );
			$a3  = $b3 ^ ( ~$b4 & $b0 );
			$a4  = $b4 ^ ( ~$b0 & $b1 );
			$a5  = $b5 ^ ( ~$b6 & $b7 );
			$a6  = $b6 ^ ( ~$b7 & $b8 );
			$a7  = $b7 ^ ( ~$b8 & $b9 );
			$a8  = $b8 ^ ( ~$b9 & $b5 );
			$a9  = $b9 ^ ( ~$b5 & $b6 );
			$a10 = $b10 ^ ( ~$b11 & $b12 );
			$a11 = $b11 ^ ( ~$b12 & $b13 );
			$a12 = $b12 ^ ( ~$b13 & $b14 );
			$a13 = $b13 ^ ( ~$b14 & $b10 );
			$a14 = $b14 ^ ( ~$b10 & $b11 );
			$a15 = $b15 ^ ( ~$b16 & $b17 );
			$a16 = $b16 ^ ( ~$b17 & $b18 );
			$a17 = $b17 ^ ( ~$b18 & $b19 );
			$a18 = $b18 ^ ( ~$b19 & $b15 );
			$a19 = $b19 ^ ( ~$b15 & $b16 );
			$a20 = $b20 ^ ( ~$b21 & $b22 );
			$a21 = $b21 ^ ( ~$b22 & $b23 );
			$a22 = $b22 ^ ( ~$b23 & $b24 );
			$a23 = $b23 ^ ( ~$b24 & $b20 );
			$a24 = $b24 ^ ( ~$b20 & $b21 );
		}

		return array( $a0, $a1, $a2, $a3, $a4, $a5, $a6, $a7, $a8, $a9, $a10, $a11, $a12, $a13, $a14, $a15, $a16, $a17, $a18, $a19, $a20, $a21, $a22, $a23, $a24 );
	}

	/**
	 * 64-bit rotate left; PHP's >> is arithmetic, so the wrapped bits are masked.
	 */
	private static function rot( int $x, int $n ): int {
		return ( $x << $n ) | ( ( $x >> ( 64 - $n ) ) & ( ( 1 << $n ) - 1 ) );
	}
}
