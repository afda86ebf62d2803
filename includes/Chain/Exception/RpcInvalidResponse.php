<?php
/**
 * The endpoint answered, but not in JSON-RPC 2.0.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.1.0
 */
final class RpcInvalidResponse extends RpcException {

	public function error_code(): string {
		return 'rpc_not_json_rpc';
	}
}
