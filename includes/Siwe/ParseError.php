<?php
/**
 * An EIP-4361 message that does not follow the spec, naming the field and the reason.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Siwe;

/**
 * `error_code()` is stable: "{field}_{reason}", e.g. address_checksum, nonce_invalid,
 * expiration_time_invalid, structure_invalid.
 *
 * @since 0.1.0
 */
final class ParseError extends \InvalidArgumentException {

	/**
	 * @param string $field  Field in snake case (domain, address, statement, uri, version, chain_id,
	 *                       nonce, issued_at, expiration_time, not_before, request_id, resources),
	 *                       or "structure" for the lines themselves.
	 * @param string $reason missing, invalid, checksum or out_of_range.
	 * @param string $detail Human-readable explanation (English, for logs).
	 */
	public function __construct( public readonly string $field, public readonly string $reason, string $detail ) {
		parent::__construct( $detail );
	}

	public function error_code(): string {
		return $this->field . '_' . $this->reason;
	}
}
