<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Crypto\Math\GmpField;
use SovereignPress\Crypto\Math\LimbField;
use SovereignPress\Crypto\Secp256k1;

final class Secp256k1Test extends TestCase {

	/**
	 * Wycheproof's ECDSA secp256k1/SHA-256 cases: a valid signature recovers its public key with
	 * one of the two parities; an invalid one recovers it with neither.
	 */
	public function test_wycheproof_signatures_recover_their_key_only_when_valid(): void {
		$data    = PublicVectors::json( 'secp256k1/wycheproof_ecdsa_secp256k1_sha256_p1363_even.json' );
		$curves  = array( Secp256k1::gmp(), Secp256k1::fallback() );
		$checked = array( 'valid' => 0, 'invalid' => 0 );
		foreach ( $data['testGroups'] as $group ) {
			$public_key = substr( (string) hex2bin( $group['publicKey']['uncompressed'] ), 1 );
			foreach ( $group['tests'] as $test ) {
				$sig = (string) hex2bin( $test['sig'] );
				if ( 'acceptable' === $test['result'] || 64 !== strlen( $sig ) ) {
					continue;
				}
				$hash = hash( 'sha256', (string) hex2bin( $test['msg'] ), true );
				foreach ( $curves as $curve ) {
					$recovered = array(
						$curve->recover( $hash, substr( $sig, 0, 32 ), substr( $sig, 32 ), 0 ),
						$curve->recover( $hash, substr( $sig, 0, 32 ), substr( $sig, 32 ), 1 ),
					);
					$this->assertSame( 'valid' === $test['result'], in_array( $public_key, $recovered, true ), "tcId {$test['tcId']} ({$test['comment']}) on {$curve->backend()}" );
				}
				++$checked[ $test['result'] ];
			}
		}
		$this->assertGreaterThan( 10, $checked['valid'] );
		$this->assertGreaterThan( 10, $checked['invalid'] );
	}

	public function test_both_fields_compute_the_same_values(): void {
		$gmp  = new GmpField();
		$limb = new LimbField();
		$edge = array(
			str_repeat( "\0", 32 ),
			str_repeat( "\0", 31 ) . "\1",
			(string) hex2bin( 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e' ), // p - 1.
			(string) hex2bin( 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f' ), // p ≡ 0.
			str_repeat( "\xff", 32 ),                                                                      // 2^256 - 1 > p.
			(string) hex2bin( '00000000000000000000000000000000000000000000000000000001000003d0' ),
		);
		$inputs = $edge;
		for ( $i = 0; $i < 200; $i++ ) {
			$inputs[] = hash( 'sha256', "field input {$i}", true ); // Reproducible, spread over [0, 2^256).
		}
		foreach ( $inputs as $i => $a_bytes ) {
			$b_bytes = $inputs[ ( $i * 7 + 3 ) % count( $inputs ) ];
			$ga      = $gmp->from_bytes( $a_bytes );
			$gb      = $gmp->from_bytes( $b_bytes );
			$la      = $limb->from_bytes( $a_bytes );
			$lb      = $limb->from_bytes( $b_bytes );
			$context = bin2hex( $a_bytes ) . ' ' . bin2hex( $b_bytes );
			$this->assertSame( $gmp->to_bytes( $ga ), $limb->to_bytes( $la ), "from_bytes {$context}" );
			$this->assertSame( $gmp->to_bytes( $gmp->add( $ga, $gb ) ), $limb->to_bytes( $limb->add( $la, $lb ) ), "add {$context}" );
			$this->assertSame( $gmp->to_bytes( $gmp->sub( $ga, $gb ) ), $limb->to_bytes( $limb->sub( $la, $lb ) ), "sub {$context}" );
			$this->assertSame( $gmp->to_bytes( $gmp->mul( $ga, $gb ) ), $limb->to_bytes( $limb->mul( $la, $lb ) ), "mul {$context}" );
			$this->assertSame( $gmp->to_bytes( $gmp->sqr( $ga ) ), $limb->to_bytes( $limb->sqr( $la ) ), "sqr {$context}" );
			$this->assertSame( $gmp->to_bytes( $gmp->sqrt( $ga ) ), $limb->to_bytes( $limb->sqrt( $la ) ), "sqrt {$context}" );
			if ( ! $gmp->is_zero( $ga ) ) {
				$this->assertSame( $gmp->to_bytes( $gmp->inv( $ga ) ), $limb->to_bytes( $limb->inv( $la ) ), "inv {$context}" );
			}
		}
	}

	/**
	 * @return iterable<string, array{0: string, 1: string, 2: int}>
	 */
	public static function out_of_range(): iterable {
		$n = (string) hex2bin( Secp256k1::N );
		$s = str_repeat( "\x11", 32 );
		yield 'r = 0' => array( str_repeat( "\0", 32 ), $s, 0 );
		yield 's = 0' => array( $s, str_repeat( "\0", 32 ), 0 );
		yield 'r = n' => array( $n, $s, 1 );
		yield 's = n' => array( $s, $n, 1 );
		yield 'r = 2^256 - 1' => array( str_repeat( "\xff", 32 ), $s, 0 );
		yield 'x = 5 is on no point' => array( str_repeat( "\0", 31 ) . "\5", $s, 0 );
	}

	/**
	 * @dataProvider out_of_range
	 */
	public function test_out_of_range_or_off_curve_values_recover_nothing_on_either_path( string $r, string $s, int $parity ): void {
		$hash = str_repeat( "\x42", 32 );
		$this->assertNull( Secp256k1::gmp()->recover( $hash, $r, $s, $parity ) );
		$this->assertNull( Secp256k1::fallback()->recover( $hash, $r, $s, $parity ) );
	}

	public function test_a_parity_other_than_0_or_1_is_a_programming_error(): void {
		$this->expectException( \InvalidArgumentException::class );
		Secp256k1::gmp()->recover( str_repeat( "\1", 32 ), str_repeat( "\1", 32 ), str_repeat( "\1", 32 ), 2 );
	}

	public function test_best_prefers_gmp(): void {
		$this->assertSame( extension_loaded( 'gmp' ) ? 'gmp' : 'php+bcmath', Secp256k1::best()->backend() );
	}
}
