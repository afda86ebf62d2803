<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\Eip191;
use SovereignPress\Crypto\InvalidAddress;

final class AddressAndEip191Test extends TestCase {

	/** The examples of EIP-55 itself. */
	private const EIP55 = array(
		'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
		'0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
		'0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
		'0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
		'0x52908400098527886E0F7030069857D2E4169EE7',
		'0x8617E340B3D01FA5F11F306F4090FD50E238070D',
		'0xde709f2102306220921060314715629080e2fb77',
		'0x27b1fdb04752bbc536007a920d24acb045561c26',
	);

	public function test_checksums_match_the_eip55_examples(): void {
		foreach ( self::EIP55 as $address ) {
			$this->assertSame( $address, Address::checksum( strtolower( $address ) ) );
			$this->assertSame( $address, Address::parse( $address ) );
		}
	}

	public function test_the_short_form_keeps_four_hex_digits_at_each_end_as_given(): void {
		$this->assertSame( '0x3C44…93BC', Address::short( '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' ) );
		$this->assertSame( '0x5fbd…0aa3', Address::short( '0x5fbdb2315678afecb367f032d93f642f64180aa3' ) );
	}

	public function test_all_lower_and_all_upper_are_accepted_and_checksummed(): void {
		$this->assertSame( self::EIP55[0], Address::parse( strtolower( self::EIP55[0] ) ) );
		$this->assertSame( self::EIP55[0], Address::parse( '0x' . strtoupper( substr( self::EIP55[0], 2 ) ) ) );
	}

	public function test_a_wrong_mixed_case_is_a_checksum_error(): void {
		try {
			Address::parse( '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' );
			$this->fail( 'Expected InvalidAddress.' );
		} catch ( InvalidAddress $error ) {
			$this->assertSame( 'checksum', $error->reason );
		}
	}

	/**
	 * @return iterable<string, array{0: string}>
	 */
	public static function not_addresses(): iterable {
		yield 'no prefix' => array( '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' );
		yield 'short' => array( '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe' );
		yield 'long' => array( '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed0' );
		yield 'not hex' => array( '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg' );
		yield 'uppercase prefix' => array( '0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' );
		yield 'trailing newline' => array( "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\n" );
	}

	/**
	 * @dataProvider not_addresses
	 */
	public function test_anything_else_is_a_format_error( string $value ): void {
		try {
			Address::parse( $value );
			$this->fail( 'Expected InvalidAddress.' );
		} catch ( InvalidAddress $error ) {
			$this->assertSame( 'format', $error->reason );
		}
	}

	public function test_personal_sign_hashes_match_the_published_vectors(): void {
		$vectors = PublicVectors::json( 'eip191/personal_sign_hash_vectors.json' )['hash_vectors'];
		$this->assertNotEmpty( $vectors );
		foreach ( $vectors as $vector ) {
			$this->assertSame( $vector['hash'], '0x' . bin2hex( Eip191::hash( (string) hex2bin( $vector['message_hex'] ) ) ), $vector['label'] );
		}
	}
}
