<?php
/**
 * Turns RPC failures into REST errors with stable codes and translated messages.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Chain\Exception\ChainIdMismatch;
use SovereignPress\Chain\Exception\RpcDropped;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\Exception\RpcUnavailable;
use SovereignPress\Chain\Exception\RpcUnreachable;

/**
 * Upstream failures answer 502 (504 for a timeout, 503 while the network's circuit breaker is
 * open); a node on the wrong chain answers 409.
 *
 * @since 0.1.0
 */
final class RpcErrors {

	public static function to_wp_error( RpcException $exception ): \WP_Error {
		$status = 502;
		$data   = array();
		switch ( true ) {
			case $exception instanceof RpcTimeout:
				$status  = 504;
				$message = sprintf(
					/* translators: %s: number of seconds. */
					__( 'The node did not answer within %s seconds. Check that it is running and reachable from this server.', 'sovereign-press' ),
					number_format_i18n( $exception->seconds, 1 )
				);
				break;
			case $exception instanceof RpcUnavailable:
				$status  = 503;
				$message = sprintf(
					/* translators: %s: number of seconds. */
					__( 'The node failed moments ago, so it was not asked this time. It is asked again in about %s seconds.', 'sovereign-press' ),
					number_format_i18n( ceil( $exception->seconds ) )
				);
				break;
			case $exception instanceof RpcHttpError:
				$data['httpStatus'] = $exception->status;
				$message            = sprintf(
					/* translators: %d: HTTP status code, such as 404. */
					__( 'The endpoint answered with HTTP status %d instead of a JSON-RPC response. Check the URL (and any API key in it).', 'sovereign-press' ),
					$exception->status
				);
				break;
			case $exception instanceof RpcDropped:
				$message = __( 'The node dropped the connection before it finished answering. Check that it is running and not overloaded.', 'sovereign-press' );
				break;
			case $exception instanceof RpcInvalidResponse:
				$message = __( 'The endpoint answered, but not in JSON-RPC. Is this the URL of an Ethereum JSON-RPC node?', 'sovereign-press' );
				break;
			case $exception instanceof RpcResponseTooLarge:
				$message = sprintf(
					/* translators: %s: a size, such as "4 MB". */
					__( 'The node answered with more than %s, more than any answer it should give. Check that the URL is an Ethereum JSON-RPC node.', 'sovereign-press' ),
					size_format( $exception->limit )
				);
				break;
			case $exception instanceof RpcErrorResponse:
				$data['rpcCode'] = $exception->rpc_code;
				$message         = sprintf(
					/* translators: 1: JSON-RPC method, 2: the node's error message. */
					__( 'The node refused %1$s: %2$s', 'sovereign-press' ),
					$exception->method,
					$exception->rpc_message
				);
				break;
			case $exception instanceof ChainIdMismatch:
				$status             = 409;
				$data['expected']   = $exception->expected;
				$data['actual']     = $exception->actual;
				$message            = sprintf(
					/* translators: 1: chain id the node reports, 2: chain id configured. */
					__( 'This node serves chain %1$d, but the network is configured as chain %2$d.', 'sovereign-press' ),
					$exception->actual,
					$exception->expected
				);
				break;
			case $exception instanceof RpcUnreachable:
			default:
				$message = __( 'The node could not be reached: the connection was refused or the host name did not resolve.', 'sovereign-press' );
				break;
		}
		$data['status'] = $status;
		return new \WP_Error( 'sovereign_press_' . $exception->error_code(), $message, $data );
	}
}
