<?php
/**
 * The network's node failed moments ago; the circuit breaker answers for it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * Thrown at once, without asking the node, while a network's circuit breaker is open
 * (Chain\CircuitBreaker).
 *
 * @since 0.4.0
 */
final class RpcUnavailable extends RpcException {

	/**
	 * @param float $seconds About how long until the node is asked again.
	 */
	public function __construct( public readonly float $seconds ) {
		parent::__construct( sprintf( 'The node failed moments ago; it is asked again in about %.0f s.', ceil( $seconds ) ) );
	}

	public function error_code(): string {
		return 'rpc_unavailable';
	}
}
