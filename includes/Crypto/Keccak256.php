<?php
/**
 * Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3-256's 0x06).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

/**
 * Pure PHP on 64-bit integers; no WordPress. The 25 lanes are kept in local variables, the
 * 24 rounds are unrolled by step and the rotations are written inline (a method call per
 * rotation cost almost half the time), which is what makes this fast enough in plain PHP: the
 * census Merkle root of a million members is millions of short hashes.
 *
 * @since 0.1.0
 */
final class Keccak256 {

	private const RATE = 136;

	/** The initial state: 25 zero lanes. */
	private const ZERO = array( 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 );

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
		$length = strlen( $data );
		$data  .= "\x01" . str_repeat( "\0", self::RATE - 1 - ( $length % self::RATE ) );
		$data[ -1 ] = chr( ord( $data[ -1 ] ) | 0x80 );

		$state = self::ZERO;
		for ( $offset = 0, $end = strlen( $data ); $offset < $end; $offset += self::RATE ) {
			$words = unpack( 'P17', $data, $offset );
			for ( $i = 0; $i < 17; $i++ ) {
				$state[ $i ] ^= $words[ $i + 1 ];
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
			$t = $a1 ^ $d1;
			$b10 = ( $t << 1 ) | ( ( $t >> 63 ) & 0x1 );
			$t = $a2 ^ $d2;
			$b20 = ( $t << 62 ) | ( ( $t >> 2 ) & 0x3fffffffffffffff );
			$t = $a3 ^ $d3;
			$b5 = ( $t << 28 ) | ( ( $t >> 36 ) & 0xfffffff );
			$t = $a4 ^ $d4;
			$b15 = ( $t << 27 ) | ( ( $t >> 37 ) & 0x7ffffff );
			$t = $a5 ^ $d0;
			$b16 = ( $t << 36 ) | ( ( $t >> 28 ) & 0xfffffffff );
			$t = $a6 ^ $d1;
			$b1 = ( $t << 44 ) | ( ( $t >> 20 ) & 0xfffffffffff );
			$t = $a7 ^ $d2;
			$b11 = ( $t << 6 ) | ( ( $t >> 58 ) & 0x3f );
			$t = $a8 ^ $d3;
			$b21 = ( $t << 55 ) | ( ( $t >> 9 ) & 0x7fffffffffffff );
			$t = $a9 ^ $d4;
			$b6 = ( $t << 20 ) | ( ( $t >> 44 ) & 0xfffff );
			$t = $a10 ^ $d0;
			$b7 = ( $t << 3 ) | ( ( $t >> 61 ) & 0x7 );
			$t = $a11 ^ $d1;
			$b17 = ( $t << 10 ) | ( ( $t >> 54 ) & 0x3ff );
			$t = $a12 ^ $d2;
			$b2 = ( $t << 43 ) | ( ( $t >> 21 ) & 0x7ffffffffff );
			$t = $a13 ^ $d3;
			$b12 = ( $t << 25 ) | ( ( $t >> 39 ) & 0x1ffffff );
			$t = $a14 ^ $d4;
			$b22 = ( $t << 39 ) | ( ( $t >> 25 ) & 0x7fffffffff );
			$t = $a15 ^ $d0;
			$b23 = ( $t << 41 ) | ( ( $t >> 23 ) & 0x1ffffffffff );
			$t = $a16 ^ $d1;
			$b8 = ( $t << 45 ) | ( ( $t >> 19 ) & 0x1fffffffffff );
			$t = $a17 ^ $d2;
			$b18 = ( $t << 15 ) | ( ( $t >> 49 ) & 0x7fff );
			$t = $a18 ^ $d3;
			$b3 = ( $t << 21 ) | ( ( $t >> 43 ) & 0x1fffff );
			$t = $a19 ^ $d4;
			$b13 = ( $t << 8 ) | ( ( $t >> 56 ) & 0xff );
			$t = $a20 ^ $d0;
			$b14 = ( $t << 18 ) | ( ( $t >> 46 ) & 0x3ffff );
			$t = $a21 ^ $d1;
			$b24 = ( $t << 2 ) | ( ( $t >> 62 ) & 0x3 );
			$t = $a22 ^ $d2;
			$b9 = ( $t << 61 ) | ( ( $t >> 3 ) & 0x1fffffffffffffff );
			$t = $a23 ^ $d3;
			$b19 = ( $t << 56 ) | ( ( $t >> 8 ) & 0xffffffffffffff );
			$t = $a24 ^ $d4;
			$b4 = ( $t << 14 ) | ( ( $t >> 50 ) & 0x3fff );

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
}
