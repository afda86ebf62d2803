<?php
/**
 * The blockies identicon of an Ethereum address, as wallets draw it, as an inline SVG.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * Reproduces ethereum-blockies (the identicon MetaMask and Etherscan show) exactly: a xorshift
 * generator seeded from the lowercased address gives three HSL colours (foreground, background,
 * spot) and then the left half of an 8x8 grid, mirrored. Pure PHP, no WordPress.
 *
 * @since 0.1.0
 */
final class Blockies {

	public const DATA_URL_PREFIX = 'data:image/svg+xml;base64,';

	/**
	 * The grid (row by row; 0 background, 1 foreground, 2 spot) and the colours as ethereum-blockies
	 * computes them: [hue in degrees, saturation %, lightness %] for foreground, background, spot.
	 *
	 * @return array{cells:list<int>, colors:array{0:array{float,float,float}, 1:array{float,float,float}, 2:array{float,float,float}}}
	 */
	public static function pattern( string $seed ): array {
		$state  = array( 0, 0, 0, 0 );
		$length = strlen( $seed );
		for ( $i = 0; $i < $length; $i++ ) {
			// JavaScript's (s << 5) - s + c on doubles; only its value modulo 2^32 is ever read.
			$state[ $i % 4 ] = ( $state[ $i % 4 ] * 31 + ord( $seed[ $i ] ) ) & 0xFFFFFFFF;
		}
		$rand = static function () use ( &$state ): float {
			$t     = ( $state[0] ^ ( $state[0] << 11 ) ) & 0xFFFFFFFF;
			$w     = $state[3];
			$state = array( $state[1], $state[2], $w, ( $w ^ self::sar( $w, 19 ) ^ $t ^ self::sar( $t, 8 ) ) & 0xFFFFFFFF );
			return $state[3] / 2147483648.0;
		};
		$colors = array();
		for ( $c = 0; $c < 3; $c++ ) {
			$hue        = floor( $rand() * 360 );
			$saturation = $rand() * 60 + 40;
			$lightness  = 0.0;
			for ( $k = 0; $k < 4; $k++ ) {
				$lightness += $rand();
			}
			$colors[] = array( $hue, $saturation, $lightness * 25 );
		}
		$cells = array();
		for ( $y = 0; $y < 8; $y++ ) {
			$half = array();
			for ( $x = 0; $x < 4; $x++ ) {
				$half[] = (int) floor( $rand() * 2.3 );
			}
			$cells = array_merge( $cells, $half, array_reverse( $half ) );
		}
		return array(
			'cells'  => $cells,
			'colors' => $colors,
		);
	}

	/**
	 * The identicon as an SVG document of $size pixels, with hex colours only (any SVG reader).
	 */
	public static function svg( string $address, int $size ): string {
		$pattern = self::pattern( strtolower( $address ) );
		$paths   = array( 1 => '', 2 => '' );
		foreach ( array_chunk( $pattern['cells'], 8 ) as $y => $row ) {
			$x = 0;
			while ( $x < 8 ) {
				$kind = min( $row[ $x ], 2 );
				$end  = $x + 1;
				while ( $end < 8 && min( $row[ $end ], 2 ) === $kind ) {
					++$end;
				}
				if ( $kind > 0 ) {
					$paths[ $kind ] .= sprintf( 'M%d %dh%dv1h-%dz', $x, $y, $end - $x, $end - $x );
				}
				$x = $end;
			}
		}
		return sprintf(
			'<svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="%1$d" viewBox="0 0 8 8" shape-rendering="crispEdges"><rect width="8" height="8" fill="%2$s"/><path fill="%3$s" d="%4$s"/><path fill="%5$s" d="%6$s"/></svg>',
			max( 1, $size ),
			self::hex( $pattern['colors'][1] ),
			self::hex( $pattern['colors'][0] ),
			$paths[1],
			self::hex( $pattern['colors'][2] ),
			$paths[2]
		);
	}

	/**
	 * The identicon as a data: URL (base64, so it needs no further escaping in an attribute).
	 */
	public static function data_url( string $address, int $size ): string {
		return self::DATA_URL_PREFIX . base64_encode( self::svg( $address, $size ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- An image, not code.
	}

	/**
	 * "#rrggbb" of an HSL colour (hue in degrees, saturation and lightness in %), rounded the way
	 * ethereum-blockies-base64 and browsers' canvas round it.
	 *
	 * @param array{float,float,float} $hsl Colour.
	 */
	public static function hex( array $hsl ): string {
		$h = $hsl[0] / 360;
		$s = $hsl[1] / 100;
		$l = $hsl[2] / 100;
		$q = $l < 0.5 ? $l * ( 1 + $s ) : $l + $s - $l * $s;
		$p = 2 * $l - $q;

		$channel = static function ( float $t ) use ( $p, $q ): int {
			$t += $t < 0 ? 1 : ( $t > 1 ? -1 : 0 );
			$value = match ( true ) {
				$t < 1 / 6 => $p + ( $q - $p ) * 6 * $t,
				$t < 1 / 2 => $q,
				$t < 2 / 3 => $p + ( $q - $p ) * ( 2 / 3 - $t ) * 6,
				default => $p,
			};
			return (int) round( $value * 255 );
		};
		return sprintf( '#%02x%02x%02x', $channel( $h + 1 / 3 ), $channel( $h ), $channel( $h - 1 / 3 ) );
	}

	/**
	 * JavaScript's >> on the int32 whose bits the unsigned 32-bit $value holds, back to unsigned.
	 */
	private static function sar( int $value, int $bits ): int {
		return ( ( $value >= 0x80000000 ? $value - 0x100000000 : $value ) >> $bits ) & 0xFFFFFFFF;
	}
}
