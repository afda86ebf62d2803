<?php
/**
 * A 65-byte r || s || v ECDSA signature as wallets return it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

/**
 * @since 0.1.0
 */
final class Signature {

	/**
	 * @param string $r      32 bytes.
	 * @param string $s      32 bytes.
	 * @param int    $parity 0 or 1.
	 */
	private function __construct( public readonly string $r, public readonly string $s, public readonly int $parity ) {}

	/**
	 * Parses 65 bytes; v may be 27/28 or 0/1, as viem's recoverPublicKey accepts. Returns null for
	 * any other length or v.
	 */
	public static function from_bytes( string $bytes ): ?self {
		if ( 65 !== strlen( $bytes ) ) {
			return null;
		}
		$v = ord( $bytes[64] );
		$parity = match ( $v ) {
			0, 27 => 0,
			1, 28 => 1,
			default => null,
		};
		return null === $parity ? null : new self( substr( $bytes, 0, 32 ), substr( $bytes, 32, 32 ), $parity );
	}

	/**
	 * The signer's checksummed address, or null when the signature recovers no key.
	 */
	public function recover( string $hash, Secp256k1 $curve ): ?string {
		$public_key = $curve->recover( $hash, $this->r, $this->s, $this->parity );
		return null === $public_key ? null : Address::from_public_key( $public_key );
	}
}
