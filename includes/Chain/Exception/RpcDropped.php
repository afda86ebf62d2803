<?php
/**
 * The node closed the connection before it finished answering: an empty reply, or a body cut
 * short of the length it promised.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.4.0
 */
final class RpcDropped extends RpcException {

	public function error_code(): string {
		return 'rpc_dropped';
	}
}
