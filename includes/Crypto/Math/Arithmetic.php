<?php
/**
 * Modular big-integer arithmetic behind the secp256k1 code, so the same curve code runs on GMP
 * or on bcmath.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto\Math;

/**
 * Numbers are opaque to callers (GMP objects or decimal strings); every result is reduced into
 * [0, m) unless the method says otherwise.
 *
 * @since 0.1.0
 */
interface Arithmetic {

	/** A number from big-endian hex (no 0x). */
	public function from_hex( string $hex ): mixed;

	/** Big-endian bytes, left-padded to $bytes. */
	public function to_bytes( mixed $a, int $bytes ): string;

	/** Lowercase hex, no 0x, no padding. */
	public function to_hex( mixed $a ): string;

	public function cmp( mixed $a, mixed $b ): int;

	public function is_zero( mixed $a ): bool;

	public function is_odd( mixed $a ): bool;

	public function add( mixed $a, mixed $b, mixed $m ): mixed;

	public function sub( mixed $a, mixed $b, mixed $m ): mixed;

	public function mul( mixed $a, mixed $b, mixed $m ): mixed;

	public function pow( mixed $a, mixed $e, mixed $m ): mixed;

	/** Inverse modulo a prime m; $a must not be 0 mod m. */
	public function inv( mixed $a, mixed $m ): mixed;

	/** $a mod m for any non-negative $a. */
	public function mod( mixed $a, mixed $m ): mixed;
}
