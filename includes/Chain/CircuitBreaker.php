<?php
/**
 * A network's circuit breaker: a node that just failed is not waited for again.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\ChainIdMismatch;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;
use SovereignPress\Chain\Exception\RpcUnavailable;

/**
 * The Transport Networks::for_chain() hands out: it passes calls to the node's transport and
 * watches the outcome. After a failure (see failed()) the network is open for $open_seconds: every
 * call, on every web node, fails at once with RpcUnavailable instead of waiting for the node.
 * Then exactly one request asks the node again (the probe); when it is answered the network
 * closes, when it fails it opens again. A JSON-RPC error answer to one call (a revert, an unknown
 * method) is an answer: the node is up.
 *
 * It also makes sure the node serves the configured chain: eth_chainId travels in the same
 * request as the calls, at the first call and then every CHECK_TTL seconds; a node on another
 * chain is a failure (ChainIdMismatch), so its balances never reach a gate.
 *
 * Calls whose code a visitor chooses (a contract wallet's isValidSignature, an ENS resolver) go
 * through a breaker that does not open: their timeouts and endless answers may be the contract's
 * doing, so they would let one visitor close the network to everyone. Such a breaker still fails
 * at once while the network is open; after that it asks the node without claiming the probe, and
 * its outcome changes nothing but a passed chain id check.
 *
 * State is shared by all processes through BreakerState; nothing is read or written until a call
 * is made, and while the network is closed and its chain id checked, a call costs one read.
 *
 * @phpstan-import-type Call from JsonRpc
 *
 * @since 0.4.0
 */
final class CircuitBreaker implements Transport {

	/** Seconds a node's chain id is trusted before it travels with the calls again. */
	public const CHECK_TTL = 600;

	/**
	 * @param Transport    $node         Transport to the node.
	 * @param BreakerState $state        The network's shared record.
	 * @param int          $chain_id     The chain the network is configured as.
	 * @param int          $open_seconds Seconds calls fail at once after a failure (0: never).
	 * @param float        $timeout      The node transport's default seconds per call.
	 * @param bool         $opens        Whether a failure opens the network (false for calls whose
	 *                                   code a visitor chooses).
	 */
	public function __construct( private Transport $node, private BreakerState $state, private int $chain_id, private int $open_seconds, private float $timeout, private bool $opens = true ) {}

	/**
	 * @param string      $method  JSON-RPC method.
	 * @param list<mixed> $params  Params.
	 * @param float|null  $timeout Seconds for this call, or the default.
	 *
	 * @throws RpcException On any failure; RpcUnavailable at once while the network is open.
	 */
	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		return $this->batch( array( array( $method, $params ) ), $timeout )[0];
	}

	/**
	 * @param list<Call> $calls   Calls.
	 * @param float|null $timeout Seconds for the whole batch, or the default.
	 * @return list<mixed>
	 *
	 * @throws RpcException On any failure; RpcUnavailable at once while the network is open.
	 */
	public function batch( array $calls, ?float $timeout = null ): array {
		if ( array() === $calls ) {
			return array();
		}
		$record = $this->state->read();
		$probe  = $this->open_seconds > 0 && $record['open'] > 0;
		if ( $probe ) {
			$wait = $record['open'] - microtime( true );
			if ( $wait > 0 ) {
				throw new RpcUnavailable( $wait );
			}
			// The open period is over: one request, across all web nodes, asks the node again.
			$lease = (int) ceil( $timeout ?? $this->timeout ) + 1;
			if ( $this->opens && ! $this->state->claim( $record, $lease ) ) {
				throw new RpcUnavailable( $lease );
			}
			$probe = $this->opens;
		}
		$check = $record['checked'] < time();
		try {
			$results = $this->node->batch( $check ? array_merge( array( array( 'eth_chainId', array() ) ), $calls ) : $calls, $timeout );
			if ( $check ) {
				$this->verify_chain( array_shift( $results ) );
			}
		} catch ( RpcException $error ) {
			if ( $this->opens && $this->open_seconds > 0 && self::failed( $error, $calls ) ) {
				$this->state->write(
					array(
						'open'    => microtime( true ) + $this->open_seconds,
						'checked' => $record['checked'],
					)
				);
			} elseif ( $probe ) {
				$this->state->write( array( 'open' => 0.0 ) + $record );
			}
			throw $error;
		}
		if ( $probe || $check ) {
			$this->state->write(
				array(
					'open'    => 0.0,
					'checked' => $check ? time() + self::CHECK_TTL : $record['checked'],
				)
			);
		}
		return $results;
	}

	/**
	 * Whether an error means the node is failing (timeout, unreachable, HTTP 429 or 5xx, a body
	 * that is not JSON-RPC or is cut short, another chain, an endless body) rather than answering
	 * (a JSON-RPC error, another HTTP status, a page of logs too large for one answer).
	 *
	 * @since 0.4.0
	 *
	 * @param RpcException $error The error.
	 * @param list<Call>   $calls The calls that met it.
	 */
	public static function failed( RpcException $error, array $calls ): bool {
		if ( $error instanceof RpcErrorResponse || $error instanceof RpcUnavailable ) {
			return false;
		}
		if ( $error instanceof RpcHttpError ) {
			return 429 === $error->status || $error->status >= 500;
		}
		if ( $error instanceof RpcResponseTooLarge ) {
			return ! in_array( 'eth_getLogs', array_column( $calls, 0 ), true );
		}
		return true;
	}

	/**
	 * @param mixed $answer eth_chainId's result.
	 *
	 * @throws RpcException When it is not this network's chain id.
	 */
	private function verify_chain( mixed $answer ): void {
		try {
			$actual = Hex::quantity_to_int( $answer );
		} catch ( \InvalidArgumentException ) {
			throw new RpcInvalidResponse( 'eth_chainId did not return a quantity.' );
		}
		if ( $actual !== $this->chain_id ) {
			throw new ChainIdMismatch( $this->chain_id, $actual );
		}
	}
}
