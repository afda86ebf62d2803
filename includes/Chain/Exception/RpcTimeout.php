<?php
/**
 * The node did not answer within the time budget.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.1.0
 */
final class RpcTimeout extends RpcException {

	public function __construct( public readonly float $seconds ) {
		parent::__construct( sprintf( 'The JSON-RPC node did not answer within %.1f s.', $seconds ) );
	}

	public function error_code(): string {
		return 'rpc_timeout';
	}
}
