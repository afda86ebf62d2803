<?php
/**
 * The endpoint answered with an HTTP status other than 200.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * @since 0.1.0
 */
final class RpcHttpError extends RpcException {

	public function __construct( public readonly int $status ) {
		parent::__construct( sprintf( 'The JSON-RPC endpoint answered with HTTP status %d.', $status ) );
	}

	public function error_code(): string {
		return 'rpc_http_error';
	}
}
