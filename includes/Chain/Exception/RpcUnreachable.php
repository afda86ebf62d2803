<?php
/**
 * No HTTP exchange took place: DNS failure, refused connection, TLS failure.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.1.0
 */
final class RpcUnreachable extends RpcException {

	public function error_code(): string {
		return 'rpc_unreachable';
	}
}
