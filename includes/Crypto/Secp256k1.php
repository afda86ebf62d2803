<?php
/**
 * secp256k1 public-key recovery (the math behind ecrecover).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

use SovereignPress\Crypto\Math\Arithmetic;
use SovereignPress\Crypto\Math\BcArithmetic;
use SovereignPress\Crypto\Math\Field;
use SovereignPress\Crypto\Math\GmpArithmetic;
use SovereignPress\Crypto\Math\GmpField;
use SovereignPress\Crypto\Math\LimbField;

/**
 * Recovers Q = r⁻¹(sR − eG) with Jacobian coordinates (a = 0 formulas) and a 4-bit fixed window
 * that walks u1·G and u2·R together (Shamir's trick), every table entry affine so that each
 * addition is a mixed one. Two paths give the same bytes: GMP for everything when the extension
 * is loaded; otherwise the base field in plain PHP integers (LimbField) and the handful of
 * scalar operations modulo n on bcmath.
 *
 * Not constant-time: it only handles public data (signatures and hashes), never a private key.
 *
 * @since 0.1.0
 */
final class Secp256k1 {

	public const N  = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';
	public const GX = '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
	public const GY = '483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8';

	private mixed $n;

	/** @var array<string, list<array{0:mixed, 1:mixed}>> Multiples 1G..15G per field backend. */
	private static array $g_tables = array();

	/**
	 * @param Field      $field   Arithmetic modulo p, for points.
	 * @param Arithmetic $scalars Arithmetic modulo n, for r, s and the hash.
	 */
	public function __construct( private Field $field, private Arithmetic $scalars ) {
		$this->n = $scalars->from_hex( self::N );
	}

	/**
	 * GMP when loaded, else bcmath.
	 *
	 * @throws \RuntimeException When neither extension is loaded.
	 */
	public static function best(): self {
		if ( GmpArithmetic::available() ) {
			return self::gmp();
		}
		if ( BcArithmetic::available() && LimbField::available() ) {
			return self::fallback();
		}
		throw new \RuntimeException( 'Sovereign Press needs the gmp or bcmath PHP extension to verify signatures.' );
	}

	public static function gmp(): self {
		return new self( new GmpField(), new GmpArithmetic() );
	}

	/**
	 * The path for hosts without GMP: plain-PHP field, bcmath scalars.
	 */
	public static function fallback(): self {
		return new self( new LimbField(), new BcArithmetic() );
	}

	public function backend(): string {
		return $this->field instanceof GmpField ? 'gmp' : 'php+bcmath';
	}

	/**
	 * The uncompressed public key (X || Y, 64 bytes) that signed $hash, or null when no key did:
	 * r or s out of [1, n-1], or r not the x of a curve point, or a result at infinity.
	 *
	 * High s is accepted, as in viem's recoverPublicKey (noble-curves): EIP-2's low-s rule is for
	 * transactions; (r, n - s) with the other parity recovers the same key.
	 *
	 * @param string $hash   32-byte message hash.
	 * @param string $r      32-byte big-endian r.
	 * @param string $s      32-byte big-endian s.
	 * @param int    $parity y parity of R: 0 or 1.
	 */
	public function recover( string $hash, string $r, string $s, int $parity ): ?string {
		if ( 32 !== strlen( $hash ) || 32 !== strlen( $r ) || 32 !== strlen( $s ) || ( 0 !== $parity && 1 !== $parity ) ) {
			throw new \InvalidArgumentException( 'recover() takes a 32-byte hash, 32-byte r and s, and a parity of 0 or 1.' );
		}
		$sc = $this->scalars;
		$rn = $sc->from_hex( bin2hex( $r ) );
		$sn = $sc->from_hex( bin2hex( $s ) );
		if ( $sc->is_zero( $rn ) || $sc->is_zero( $sn ) || $sc->cmp( $rn, $this->n ) >= 0 || $sc->cmp( $sn, $this->n ) >= 0 ) {
			return null;
		}

		// R = (r, y) with y² = r³ + 7; p ≡ 3 (mod 4), so y = (r³ + 7)^((p + 1) / 4). r < n < p.
		$f     = $this->field;
		$x     = $f->from_bytes( $r );
		$alpha = $f->add( $f->mul( $f->sqr( $x ), $x ), $f->from_bytes( str_repeat( "\0", 31 ) . "\x07" ) );
		$y     = $f->sqrt( $alpha );
		if ( ! $f->equals( $f->sqr( $y ), $alpha ) ) {
			return null;
		}
		if ( (int) $f->is_odd( $y ) !== $parity ) {
			$y = $f->sub( $f->from_bytes( str_repeat( "\0", 32 ) ), $y );
		}

		$e     = $sc->mod( $sc->from_hex( bin2hex( $hash ) ), $this->n );
		$r_inv = $sc->inv( $rn, $this->n );
		$u1    = $sc->mul( $sc->sub( $this->n, $e, $this->n ), $r_inv, $this->n );
		$u2    = $sc->mul( $sn, $r_inv, $this->n );

		$q = $this->double_multiply(
			str_pad( $sc->to_hex( $u1 ), 64, '0', STR_PAD_LEFT ),
			str_pad( $sc->to_hex( $u2 ), 64, '0', STR_PAD_LEFT ),
			array( $x, $y )
		);
		if ( null === $q ) {
			return null;
		}
		$z_inv = $f->inv( $q[2] );
		$z2    = $f->sqr( $z_inv );
		return $f->to_bytes( $f->mul( $q[0], $z2 ) ) . $f->to_bytes( $f->mul( $q[1], $f->mul( $z2, $z_inv ) ) );
	}

	/**
	 * u1·G + u2·R in Jacobian coordinates; null for the point at infinity.
	 *
	 * @param string                  $k1 u1 as 64 hex digits.
	 * @param string                  $k2 u2 as 64 hex digits.
	 * @param array{0:mixed, 1:mixed} $r  Affine R.
	 * @return array{0:mixed, 1:mixed, 2:mixed}|null
	 */
	private function double_multiply( string $k1, string $k2, array $r ): ?array {
		$g_table = $this->g_table();
		$r_table = $this->table( $r );

		$acc = null;
		for ( $i = 0; $i < 64; $i++ ) {
			if ( null !== $acc ) {
				$acc = $this->double( $this->double( $this->double( $this->double( $acc ) ) ) );
			}
			$d1 = hexdec( $k1[ $i ] );
			if ( $d1 > 0 ) {
				$acc = $this->add_affine( $acc, $g_table[ $d1 - 1 ] );
			}
			$d2 = hexdec( $k2[ $i ] );
			if ( $d2 > 0 ) {
				$acc = $this->add_affine( $acc, $r_table[ $d2 - 1 ] );
			}
		}
		return $acc;
	}

	/**
	 * @return list<array{0:mixed, 1:mixed}>
	 */
	private function g_table(): array {
		$key = $this->field::class;
		if ( ! isset( self::$g_tables[ $key ] ) ) {
			self::$g_tables[ $key ] = $this->table( array( $this->field->from_bytes( (string) hex2bin( self::GX ) ), $this->field->from_bytes( (string) hex2bin( self::GY ) ) ) );
		}
		return self::$g_tables[ $key ];
	}

	/**
	 * Affine multiples 1P..15P, normalised with a single inversion (Montgomery's trick).
	 *
	 * @param array{0:mixed, 1:mixed} $point Affine P.
	 * @return list<array{0:mixed, 1:mixed}>
	 */
	private function table( array $point ): array {
		$f        = $this->field;
		$jacobian = array( array( $point[0], $point[1], $f->one() ) );
		for ( $k = 1; $k < 15; $k++ ) {
			$next = $this->add_affine( $jacobian[ $k - 1 ], $point );
			if ( null === $next ) {
				throw new \LogicException( 'A multiple below 16 of a point of prime order cannot be infinity.' );
			}
			$jacobian[] = $next;
		}
		// Prefix products of Z, one inversion, then walk back.
		$prefix = array( $jacobian[0][2] );
		for ( $k = 1; $k < 15; $k++ ) {
			$prefix[ $k ] = $f->mul( $prefix[ $k - 1 ], $jacobian[ $k ][2] );
		}
		$inv    = $f->inv( $prefix[14] );
		$affine = array();
		for ( $k = 14; $k >= 0; $k-- ) {
			$z_inv        = $k > 0 ? $f->mul( $inv, $prefix[ $k - 1 ] ) : $inv;
			$inv          = $f->mul( $inv, $jacobian[ $k ][2] );
			$z2           = $f->sqr( $z_inv );
			$affine[ $k ] = array(
				$f->mul( $jacobian[ $k ][0], $z2 ),
				$f->mul( $jacobian[ $k ][1], $f->mul( $z2, $z_inv ) ),
			);
		}
		ksort( $affine );
		return array_values( $affine );
	}

	/**
	 * dbl-2009-l (a = 0): 2M + 5S.
	 *
	 * @param array{0:mixed, 1:mixed, 2:mixed}|null $q Jacobian point.
	 * @return array{0:mixed, 1:mixed, 2:mixed}|null
	 */
	private function double( ?array $q ): ?array {
		$f = $this->field;
		if ( null === $q || $f->is_zero( $q[1] ) ) {
			return null;
		}
		[ $x, $y, $z ] = $q;

		$a  = $f->sqr( $x );
		$b  = $f->sqr( $y );
		$c  = $f->sqr( $b );
		$d  = $f->sub( $f->sub( $f->sqr( $f->add( $x, $b ) ), $a ), $c );
		$d  = $f->add( $d, $d );
		$e  = $f->add( $f->add( $a, $a ), $a );
		$x3 = $f->sub( $f->sqr( $e ), $f->add( $d, $d ) );
		$c2 = $f->add( $c, $c );
		$c4 = $f->add( $c2, $c2 );
		$y3 = $f->sub( $f->mul( $e, $f->sub( $d, $x3 ) ), $f->add( $c4, $c4 ) );
		$z3 = $f->mul( $f->add( $y, $y ), $z );
		return array( $x3, $y3, $z3 );
	}

	/**
	 * madd-2007-bl: Jacobian + affine, 7M + 4S.
	 *
	 * @param array{0:mixed, 1:mixed, 2:mixed}|null $q Jacobian point.
	 * @param array{0:mixed, 1:mixed}               $a Affine point.
	 * @return array{0:mixed, 1:mixed, 2:mixed}|null
	 */
	private function add_affine( ?array $q, array $a ): ?array {
		$f = $this->field;
		if ( null === $q ) {
			return array( $a[0], $a[1], $f->one() );
		}
		[ $x1, $y1, $z1 ] = $q;

		$z1z1 = $f->sqr( $z1 );
		$h    = $f->sub( $f->mul( $a[0], $z1z1 ), $x1 );
		$r    = $f->sub( $f->mul( $f->mul( $a[1], $z1 ), $z1z1 ), $y1 );
		if ( $f->is_zero( $h ) ) {
			return $f->is_zero( $r ) ? $this->double( $q ) : null;
		}
		$r   = $f->add( $r, $r );
		$hh  = $f->sqr( $h );
		$i   = $f->add( $hh, $hh );
		$i   = $f->add( $i, $i );
		$j   = $f->mul( $h, $i );
		$v   = $f->mul( $x1, $i );
		$x3  = $f->sub( $f->sub( $f->sqr( $r ), $j ), $f->add( $v, $v ) );
		$y1j = $f->mul( $y1, $j );
		$y3  = $f->sub( $f->mul( $r, $f->sub( $v, $x3 ) ), $f->add( $y1j, $y1j ) );
		$z3  = $f->sub( $f->sub( $f->sqr( $f->add( $z1, $h ) ), $z1z1 ), $hh );
		return array( $x3, $y3, $z3 );
	}
}
