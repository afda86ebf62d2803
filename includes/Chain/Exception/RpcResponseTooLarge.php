<?php
/**
 * The endpoint's answer was larger than the transport reads.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * A hostile or broken node can answer with an endless body; the transport stops keeping it at a
 * cap (Chain\WpHttpTransport) so that memory stays bounded. A census log range that is legitimately
 * this large is asked again in halves (Chain\LogRange).
 *
 * @since 0.4.0
 */
final class RpcResponseTooLarge extends RpcException {

	public function __construct( public readonly int $limit ) {
		parent::__construct( sprintf( 'The JSON-RPC endpoint answered with more than %d bytes.', $limit ) );
	}

	public function error_code(): string {
		return 'rpc_response_too_large';
	}
}
