<?php
/**
 * The node answered with a JSON-RPC error object.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.1.0
 */
final class RpcErrorResponse extends RpcException {

	/**
	 * @param int    $rpc_code    JSON-RPC error code.
	 * @param string $rpc_message Node's message.
	 * @param mixed  $data        Node's error data (revert data for eth_call).
	 * @param string $method      Method that failed.
	 */
	public function __construct(
		public readonly int $rpc_code,
		public readonly string $rpc_message,
		public readonly mixed $data,
		public readonly string $method
	) {
		parent::__construct( sprintf( '%s failed: %s (code %d).', $method, $rpc_message, $rpc_code ) );
	}

	public function error_code(): string {
		return 'rpc_error';
	}
}
