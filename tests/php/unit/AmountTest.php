<?php
/**
 * Token amounts in base units, on the GMP path and on the bcmath path.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Gating\Amount;

final class AmountTest extends TestCase {

	protected function tearDown(): void {
		Amount::use_gmp( null );
	}

	/**
	 * @return array<string, array{0: bool}>
	 */
	public static function paths(): array {
		return array(
			'gmp'    => array( true ),
			'bcmath' => array( false ),
		);
	}

	/**
	 * @dataProvider paths
	 */
	public function test_words_sums_and_comparisons_beyond_64_bits( bool $gmp ): void {
		if ( $gmp && ! extension_loaded( 'gmp' ) ) {
			$this->markTestSkipped( 'GMP is not loaded.' );
		}
		Amount::use_gmp( $gmp );
		$max = str_repeat( "\xff", 32 );
		$this->assertSame( '115792089237316195423570985008687907853269984665640564039457584007913129639935', Amount::from_word( $max ) );
		$this->assertSame( '0', Amount::from_word( str_repeat( "\0", 32 ) ) );
		$this->assertSame( '100000000000000000000', Amount::from_word( str_repeat( "\0", 23 ) . "\x05\x6b\xc7\x5e\x2d\x63\x10\x00\x00" ) );

		$this->assertSame( '18446744073709551616', Amount::add( '18446744073709551615', '1' ) );
		$this->assertTrue( Amount::at_least( '100000000000000000000', '100000000000000000000' ) );
		$this->assertFalse( Amount::at_least( '99999999999999999999', '100000000000000000000' ) );
	}

	public function test_whole_tokens_scale_to_base_units_exactly(): void {
		$this->assertSame( '1500000000000000000', Amount::scale( '1.5', 18 ) );
		$this->assertSame( '100000000000000000001', Amount::scale( '100.000000000000000001', 18 ) );
		$this->assertSame( '7', Amount::scale( '7', 0 ) );
		$this->assertSame( '0', Amount::scale( '0.000', 6 ) );
		$this->assertSame( '10', Amount::scale( '0.00010', 5 ) );
	}

	/**
	 * @return array<string, array{0: string, 1: int}>
	 */
	public static function bad_amounts(): array {
		return array(
			'more decimals than the token' => array( '0.0000001', 6 ),
			'a fraction of an indivisible' => array( '1.5', 0 ),
			'negative'                     => array( '-1', 18 ),
			'exponent'                     => array( '1e18', 0 ),
			'empty'                        => array( '', 18 ),
		);
	}

	/**
	 * @dataProvider bad_amounts
	 */
	public function test_amounts_that_are_not_plain_decimals_are_refused( string $amount, int $decimals ): void {
		$this->expectException( \InvalidArgumentException::class );
		Amount::scale( $amount, $decimals );
	}
}
