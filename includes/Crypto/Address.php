<?php
/**
 * Ethereum addresses and their EIP-55 mixed-case checksum.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

/**
 * @since 0.1.0
 */
final class Address {

	/**
	 * The EIP-55 form of any 0x-prefixed 40-hex-digit address, whatever its case.
	 *
	 * @throws InvalidAddress When the shape is wrong.
	 */
	public static function checksum( string $address ): string {
		if ( 1 !== preg_match( '/^0x[0-9a-fA-F]{40}$/D', $address ) ) {
			throw new InvalidAddress( 'format' );
		}
		$lower = strtolower( substr( $address, 2 ) );
		$hash  = Keccak256::hex( $lower );
		$out   = '0x';
		for ( $i = 0; $i < 40; $i++ ) {
			$out .= hexdec( $hash[ $i ] ) >= 8 ? strtoupper( $lower[ $i ] ) : $lower[ $i ];
		}
		return $out;
	}

	/**
	 * Strict parse: all-lowercase and all-uppercase are accepted; mixed case must be the EIP-55
	 * checksum. Returns the checksummed form.
	 *
	 * @throws InvalidAddress With reason 'format' or 'checksum'.
	 */
	public static function parse( string $address ): string {
		$checksummed = self::checksum( $address );
		$digits      = substr( $address, 2 );
		if ( $digits !== strtolower( $digits ) && $digits !== strtoupper( $digits ) && $address !== $checksummed ) {
			throw new InvalidAddress( 'checksum' );
		}
		return $checksummed;
	}

	/**
	 * The address of an uncompressed public key (64 bytes, X || Y).
	 */
	public static function from_public_key( string $public_key ): string {
		if ( 64 !== strlen( $public_key ) ) {
			throw new \InvalidArgumentException( 'A public key is 64 bytes (X || Y).' );
		}
		return self::checksum( '0x' . substr( Keccak256::hex( $public_key ), 24 ) );
	}

	public static function equals( string $a, string $b ): bool {
		return 0 === strcasecmp( $a, $b );
	}

	/**
	 * How the site shows an address in a sentence or a name: "0x3C44…93BC", the first four and
	 * last four hex digits of the form it is given (checksum it first for the EIP-55 case).
	 *
	 * @since 0.1.0
	 */
	public static function short( string $address ): string {
		return substr( $address, 0, 6 ) . '…' . substr( $address, -4 );
	}
}
