<?php
/**
 * A string that is not an Ethereum address, or whose EIP-55 checksum is wrong.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Crypto;

/**
 * @since 0.1.0
 */
final class InvalidAddress extends \InvalidArgumentException {

	/**
	 * @param string $reason 'format' or 'checksum'.
	 */
	public function __construct( public readonly string $reason ) {
		parent::__construct( 'checksum' === $reason ? 'The address does not match its EIP-55 checksum.' : 'Not an Ethereum address (0x and 40 hex digits).' );
	}
}
