<?php
/**
 * Token amounts in base units, on the GMP path and on the bcmath path.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Gating\Amount;

final class AmountTest extends TestCase {

	private const MAX_UINT256 = '115792089237316195423570985008687907853269984665640564039457584007913129639935';

	private const TWO_TO_THE_256 = '115792089237316195423570985008687907853269984665640564039457584007913129639936';

	/** 77 digits: the ENS token id of society.eth (labelhash of "society"). */
	private const ENS_ID = '94250731554210039489822180635366392796594294608213416222659041377230662411270';

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
	public function test_words_sums_products_and_comparisons_beyond_64_bits( bool $gmp ): void {
		if ( $gmp && ! extension_loaded( 'gmp' ) ) {
			$this->markTestSkipped( 'GMP is not loaded.' );
		}
		Amount::use_gmp( $gmp );
		$max = str_repeat( "\xff", 32 );
		$this->assertSame( '115792089237316195423570985008687907853269984665640564039457584007913129639935', Amount::from_word( $max ) );
		$this->assertSame( '0', Amount::from_word( str_repeat( "\0", 32 ) ) );
		$this->assertSame( '100000000000000000000', Amount::from_word( str_repeat( "\0", 23 ) . "\x05\x6b\xc7\x5e\x2d\x63\x10\x00\x00" ) );

		$this->assertSame( '18446744073709551616', Amount::add( '18446744073709551615', '1' ) );
		$this->assertSame( '340282366920938463463374607431768211456', Amount::mul( '18446744073709551616', '18446744073709551616' ) );
		$this->assertSame( '0', Amount::mul( '0', '7' ) );
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

	/**
	 * @return array<string, array{0: string, 1: bool}>
	 */
	public static function token_ids(): array {
		return array(
			'zero'                           => array( '0', true ),
			'a 77-digit ENS id'              => array( self::ENS_ID, true ),
			'2^256 - 1'                      => array( self::MAX_UINT256, true ),
			'2^256'                          => array( self::TWO_TO_THE_256, false ),
			'78 nines'                       => array( str_repeat( '9', 78 ), false ),
			'79 digits'                      => array( '1' . str_repeat( '0', 78 ), false ),
			'leading zeros within 78 digits' => array( '000' . substr( self::ENS_ID, 2 ), true ),
			'2^256 - 1 with a leading zero'  => array( '0' . self::MAX_UINT256, false ),
			'empty'                          => array( '', false ),
			'negative'                       => array( '-1', false ),
			'hex'                            => array( '0x1f', false ),
			'exponent'                       => array( '1e18', false ),
			'fraction'                       => array( '1.0', false ),
			'a trailing newline'             => array( "1\n", false ),
			'non-ASCII digits'               => array( '١٢', false ),
		);
	}

	/**
	 * Token ids are decimal strings of at most 78 digits (what the rule schema allows) whose value
	 * fits in a uint256.
	 *
	 * @dataProvider token_ids
	 */
	public function test_token_ids_are_uint256_decimal_strings( string $id, bool $valid ): void {
		$this->assertSame( $valid, Amount::is_uint256( $id ) );
	}

	/**
	 * @dataProvider paths
	 */
	public function test_token_ids_encode_as_one_abi_word_without_losing_digits( bool $gmp ): void {
		if ( $gmp && ! extension_loaded( 'gmp' ) ) {
			$this->markTestSkipped( 'GMP is not loaded.' );
		}
		Amount::use_gmp( $gmp );
		$this->assertSame( str_repeat( 'ff', 32 ), bin2hex( Amount::to_word( self::MAX_UINT256 ) ) );
		$this->assertSame( str_repeat( '00', 32 ), bin2hex( Amount::to_word( '0' ) ) );
		$this->assertSame( 'd060060be06c128738cf6c06e7bfd6d186b5fda40623044ef1ca3a34dc982406', bin2hex( Amount::to_word( self::ENS_ID ) ) );
		$this->assertSame( str_repeat( '00', 31 ) . '07', bin2hex( Amount::to_word( '007' ) ) );
		$this->assertSame( self::ENS_ID, Amount::from_word( Amount::to_word( self::ENS_ID ) ) );
	}

	/**
	 * @dataProvider paths
	 */
	public function test_a_token_id_above_2_to_the_256_minus_1_is_refused( bool $gmp ): void {
		if ( $gmp && ! extension_loaded( 'gmp' ) ) {
			$this->markTestSkipped( 'GMP is not loaded.' );
		}
		Amount::use_gmp( $gmp );
		$this->expectException( \InvalidArgumentException::class );
		Amount::to_word( self::TWO_TO_THE_256 );
	}
}
