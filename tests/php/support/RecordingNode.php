<?php
/**
 * A real node behind a proxy that can refuse log ranges, fail, and records what it was asked.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Transport;

/**
 * Passes every request to the inner transport, unless: an eth_getLogs call spans more than $limit
 * blocks (then the request fails with $refusal, a provider's JSON-RPC error or an HTTP status), or
 * the request is the $fail_at-th one holding eth_getLogs (then the connection fails, once).
 */
final class RecordingNode implements Transport {

	/** @var list<array{0:int, 1:int}> Every eth_getLogs range asked, answered or not. */
	public array $ranges = array();

	private int $log_requests = 0;

	/**
	 * @param Transport                               $inner    The real node.
	 * @param int                                     $limit    Widest range answered.
	 * @param array{code:int, message:string}|int|null $refusal Error of a wider range.
	 * @param int                                     $fail_at  Request (1-based, counting those with eth_getLogs) whose connection fails; 0 for none.
	 */
	public function __construct( private Transport $inner, private int $limit = PHP_INT_MAX, private array|int|null $refusal = null, private int $fail_at = 0 ) {}

	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		return $this->batch( array( array( $method, $params ) ), $timeout )[0];
	}

	public function batch( array $calls, ?float $timeout = null ): array {
		$logs = false;
		foreach ( $calls as [ $method, $params ] ) {
			if ( 'eth_getLogs' !== $method ) {
				continue;
			}
			$logs           = true;
			$from           = Hex::quantity_to_int( $params[0]['fromBlock'] );
			$to             = Hex::quantity_to_int( $params[0]['toBlock'] );
			$this->ranges[] = array( $from, $to );
			if ( $to - $from + 1 > $this->limit && null !== $this->refusal ) {
				throw is_int( $this->refusal ) ? new RpcHttpError( $this->refusal ) : new RpcErrorResponse( $this->refusal['code'], $this->refusal['message'], null, 'eth_getLogs' );
			}
		}
		if ( $logs && ++$this->log_requests === $this->fail_at ) {
			throw new RpcUnreachable( 'Connection reset by peer.' );
		}
		return $this->inner->batch( $calls, $timeout );
	}

	/** @return list<int> First block of every eth_getLogs range asked. */
	public function log_starts(): array {
		return array_map( static fn ( array $range ): int => $range[0], $this->ranges );
	}
}
