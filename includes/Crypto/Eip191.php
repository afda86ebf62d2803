<?php
/**
 * EIP-191 version 0x45 ("personal_sign") message hashing.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

/**
 * @since 0.1.0
 */
final class Eip191 {

	/**
	 * keccak256("\x19Ethereum Signed Message:\n" . len(message) . message), len in bytes.
	 */
	public static function hash( string $message ): string {
		return Keccak256::hash( "\x19Ethereum Signed Message:\n" . strlen( $message ) . $message );
	}
}
