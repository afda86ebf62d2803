<?php
/**
 * The outcome of a sign-in verification.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Siwe;

/**
 * A valid result carries the address and how it was proven (eoa, erc1271 or erc6492); a
 * rejection carries a stable code (see Verifier::REJECTIONS) and, for a malformed message,
 * the parser's field and reason.
 *
 * @since 0.1.0
 */
final class Result {

	private function __construct(
		public readonly bool $valid,
		public readonly string $code,
		public readonly ?string $address = null,
		public readonly ?string $method = null,
		public readonly ?Message $message = null,
		public readonly ?string $detail = null
	) {}

	public static function valid( Message $message, string $address, string $method ): self {
		return new self( true, 'valid', $address, $method, $message );
	}

	public static function rejected( string $code, ?Message $message = null, ?string $detail = null ): self {
		return new self( false, $code, $message?->address, null, $message, $detail );
	}
}
