<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Multicall3;

final class Multicall3Test extends TestCase {

	/**
	 * @return iterable<string, array{0: string}>
	 */
	public static function malformed(): iterable {
		$word = static fn( int $n ): string => Abi::uint( $n );
		yield 'empty' => array( '' );
		yield 'offset past the end' => array( $word( 4096 ) );
		yield 'count without items' => array( $word( 32 ) . $word( 2 ) );
		yield 'absurd count' => array( $word( 32 ) . $word( 1 << 20 ) );
		yield 'success flag not a bool' => array( $word( 32 ) . $word( 1 ) . $word( 32 ) . $word( 2 ) . $word( 64 ) . $word( 0 ) );
		yield 'data longer than the answer' => array( $word( 32 ) . $word( 1 ) . $word( 32 ) . $word( 1 ) . $word( 64 ) . $word( 99 ) );
		yield 'high bits in a word' => array( str_repeat( "\xff", 32 ) );
	}

	/**
	 * @dataProvider malformed
	 */
	public function test_malformed_answers_are_refused( string $bytes ): void {
		$this->expectException( \InvalidArgumentException::class );
		Multicall3::decode( $bytes );
	}

	public function test_an_empty_answer_list_decodes(): void {
		$this->assertSame( array(), Multicall3::decode( Abi::uint( 32 ) . Abi::uint( 0 ) ) );
	}
}
