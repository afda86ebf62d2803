<?php
/**
 * Big-integer arithmetic for the few scalar operations of secp256k1 recovery (modulo n), so the
 * same code runs on GMP or on bcmath.
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

	/** Lowercase hex, no 0x, no padding. */
	public function to_hex( mixed $a ): string;

	public function cmp( mixed $a, mixed $b ): int;

	public function is_zero( mixed $a ): bool;

	public function sub( mixed $a, mixed $b, mixed $m ): mixed;

	public function mul( mixed $a, mixed $b, mixed $m ): mixed;

	/** Inverse modulo a prime m; $a must not be 0 mod m. */
	public function inv( mixed $a, mixed $m ): mixed;

	/** $a mod m for any non-negative $a. */
	public function mod( mixed $a, mixed $m ): mixed;
}
