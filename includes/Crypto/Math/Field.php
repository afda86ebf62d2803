<?php
/**
 * Arithmetic in secp256k1's base field, p = 2^256 - 2^32 - 977.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto\Math;

/**
 * Elements are opaque to callers and always fully reduced, so equal values compare equal.
 *
 * @since 0.1.0
 */
interface Field {

	/** An element from 32 big-endian bytes (reduced mod p). */
	public function from_bytes( string $bytes ): mixed;

	/** 32 big-endian bytes. */
	public function to_bytes( mixed $a ): string;

	public function one(): mixed;

	public function is_zero( mixed $a ): bool;

	public function is_odd( mixed $a ): bool;

	public function equals( mixed $a, mixed $b ): bool;

	public function add( mixed $a, mixed $b ): mixed;

	public function sub( mixed $a, mixed $b ): mixed;

	public function mul( mixed $a, mixed $b ): mixed;

	public function sqr( mixed $a ): mixed;

	/** a^(p-2), the inverse of a non-zero element. */
	public function inv( mixed $a ): mixed;

	/** a^((p+1)/4): a square root of a when a is a square (the caller checks). */
	public function sqrt( mixed $a ): mixed;
}
