<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Crypto\Keccak256;

final class KeccakTest extends TestCase {

	public function test_the_keccak_teams_known_answers(): void {
		$text = (string) file_get_contents( PublicVectors::path( 'keccak/ShortMsgKAT_256_subset.txt' ) );
		preg_match_all( '/Len = (\d+)\s+Msg = ([0-9A-F]+)\s+MD = ([0-9A-F]+)/', $text, $cases, PREG_SET_ORDER );
		$this->assertGreaterThan( 100, count( $cases ) );
		$lengths = array();
		foreach ( $cases as [ , $bits, $msg, $md ] ) {
			$input = substr( (string) hex2bin( $msg ), 0, intdiv( (int) $bits, 8 ) );
			$this->assertSame( strtolower( $md ), Keccak256::hex( $input ), "Len = {$bits}" );
			$lengths[] = strlen( $input );
		}
		$this->assertContains( 0, $lengths );
		$this->assertGreaterThan( 136, max( $lengths ), 'Multi-block inputs are covered.' );
	}

	/**
	 * 135, 136 and 137 bytes straddle the 136-byte rate: the padding fits in the same block, fills
	 * it exactly, or spills into a new one. Expected digests computed with viem's keccak256.
	 *
	 * @return iterable<string, array{0: int, 1: string}>
	 */
	public static function rate_edges(): iterable {
		yield '135 bytes' => array( 135, '34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446' );
		yield '136 bytes' => array( 136, 'a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e' );
		yield '137 bytes' => array( 137, 'd869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39' );
	}

	/**
	 * @dataProvider rate_edges
	 */
	public function test_inputs_at_the_rate_boundary( int $length, string $digest ): void {
		$this->assertSame( $digest, Keccak256::hex( str_repeat( 'a', $length ) ) );
	}

	public function test_ethereum_keccak_is_not_sha3(): void {
		$this->assertSame( 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470', Keccak256::hex( '' ) );
		$this->assertNotSame( hash( 'sha3-256', '' ), Keccak256::hex( '' ) );
	}
}
