<?php
/**
 * The slice of the Solidity ABI the plugin needs: encoding static words and dynamic bytes.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Crypto\Keccak256;

/**
 * Pure; no WordPress. Values are raw bytes (address: 20, bytes32: 32, bytes: any length).
 *
 * @since 0.1.0
 */
final class Abi {

	/** The 4-byte selector of a canonical signature such as "isValidSignature(bytes32,bytes)". */
	public static function selector( string $signature ): string {
		return substr( Keccak256::hash( $signature ), 0, 4 );
	}

	/**
	 * abi.encode of a tuple.
	 *
	 * @param list<array{0:string, 1:string}> $values [type, raw bytes] with type address, bytes32 or bytes.
	 */
	public static function encode( array $values ): string {
		$head_size = 32 * count( $values );
		$head      = '';
		$tail      = '';
		foreach ( $values as [ $type, $value ] ) {
			switch ( $type ) {
				case 'address':
				case 'bytes32':
					$expected = 'address' === $type ? 20 : 32;
					if ( strlen( $value ) !== $expected ) {
						throw new \InvalidArgumentException( sprintf( 'An %s is %d bytes.', $type, $expected ) );
					}
					$head .= 'address' === $type ? str_pad( $value, 32, "\0", STR_PAD_LEFT ) : $value;
					break;
				case 'bytes':
					$head .= self::uint( $head_size + strlen( $tail ) );
					$tail .= self::uint( strlen( $value ) ) . $value . str_repeat( "\0", ( 32 - strlen( $value ) % 32 ) % 32 );
					break;
				default:
					throw new \InvalidArgumentException( "Unsupported ABI type {$type}." );
			}
		}
		return $head . $tail;
	}

	/**
	 * The 32-byte ABI word of a 0x address (any letter case): a call's address argument.
	 *
	 * @since 0.3.0
	 * @throws \InvalidArgumentException When it is not 0x and 40 hex digits.
	 */
	public static function address_word( string $address ): string {
		return self::encode( array( array( 'address', self::hex_to_bytes( strtolower( $address ) ) ) ) );
	}

	/**
	 * The address in a 32-byte return word (0x-prefixed hex of a call result).
	 *
	 * @throws \InvalidArgumentException When the data is not one word.
	 */
	public static function decode_address( string $hex ): string {
		$bytes = self::hex_to_bytes( $hex );
		if ( 32 !== strlen( $bytes ) ) {
			throw new \InvalidArgumentException( 'An address return value is one 32-byte word.' );
		}
		return '0x' . bin2hex( substr( $bytes, 12 ) );
	}

	/**
	 * A single dynamic `string` (or `bytes`) return value.
	 *
	 * @throws \InvalidArgumentException When the encoding is not one.
	 */
	public static function decode_string( string $hex ): string {
		$bytes = self::hex_to_bytes( $hex );
		if ( strlen( $bytes ) < 64 ) {
			throw new \InvalidArgumentException( 'A string return value has an offset and a length.' );
		}
		$offset = self::small_uint( $bytes, 0 );
		$length = self::small_uint( $bytes, $offset );
		if ( $offset + 32 + $length > strlen( $bytes ) ) {
			throw new \InvalidArgumentException( 'The string runs past the end of the data.' );
		}
		return substr( $bytes, $offset + 32, $length );
	}

	/**
	 * The uint256 word at a byte offset, as an offset, length or count: at most 2^24, which is
	 * far beyond any answer this plugin reads.
	 *
	 * @throws \InvalidArgumentException When the word is missing or larger.
	 */
	public static function small_uint( string $bytes, int $at ): int {
		$word = (string) substr( $bytes, $at, 32 );
		if ( 32 !== strlen( $word ) || str_repeat( "\0", 24 ) !== substr( $word, 0, 24 ) ) {
			throw new \InvalidArgumentException( 'Offset or length out of range.' );
		}
		$value = unpack( 'J', substr( $word, 24 ) )[1];
		if ( $value < 0 || $value > 1 << 24 ) {
			throw new \InvalidArgumentException( 'Offset or length out of range.' );
		}
		return $value;
	}

	/** A uint256 word from a non-negative int. */
	public static function uint( int $value ): string {
		return str_repeat( "\0", 24 ) . pack( 'J', $value );
	}

	/** Raw bytes of 0x-prefixed hex. */
	public static function hex_to_bytes( string $hex ): string {
		if ( 1 !== preg_match( '/^0x((?:[0-9a-fA-F]{2})*)$/D', $hex, $m ) ) {
			throw new \InvalidArgumentException( 'Expected 0x-prefixed hex with an even number of digits.' );
		}
		return (string) hex2bin( $m[1] );
	}
}
