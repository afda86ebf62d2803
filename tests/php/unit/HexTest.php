<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Hex;

final class HexTest extends TestCase {

	public function test_quantities_decode_to_integers(): void {
		$this->assertSame( 0, Hex::quantity_to_int( '0x0' ) );
		$this->assertSame( 31337, Hex::quantity_to_int( '0x7a69' ) );
		$this->assertSame( 31337, Hex::quantity_to_int( '0x7A69' ) );
		$this->assertSame( 255, Hex::quantity_to_int( '0x00ff' ) );
		$this->assertSame( PHP_INT_MAX, Hex::quantity_to_int( '0x7fffffffffffffff' ) );
	}

	/**
	 * @return iterable<string, array{0: mixed}>
	 */
	public static function not_quantities(): iterable {
		yield 'no prefix' => array( '7a69' );
		yield 'empty digits' => array( '0x' );
		yield 'not hex' => array( '0xzz' );
		yield 'integer' => array( 31337 );
		yield 'null' => array( null );
		yield 'overflow' => array( '0x8000000000000000' );
		yield 'too long' => array( '0x1' . str_repeat( '0', 16 ) );
		yield 'trailing newline' => array( "0x1\n" );
	}

	/**
	 * @dataProvider not_quantities
	 */
	public function test_anything_else_is_refused( mixed $value ): void {
		$this->expectException( \InvalidArgumentException::class );
		Hex::quantity_to_int( $value );
	}

	public function test_integers_encode_without_leading_zeros(): void {
		$this->assertSame( '0x0', Hex::int_to_quantity( 0 ) );
		$this->assertSame( '0x7a69', Hex::int_to_quantity( 31337 ) );
	}
}
