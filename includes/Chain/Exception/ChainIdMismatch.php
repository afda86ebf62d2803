<?php
/**
 * The node serves another chain than the one configured.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.1.0
 */
final class ChainIdMismatch extends RpcException {

	public function __construct( public readonly int $expected, public readonly int $actual ) {
		parent::__construct( sprintf( 'The node serves chain %d, not chain %d.', $actual, $expected ) );
	}

	public function error_code(): string {
		return 'chain_id_mismatch';
	}
}
