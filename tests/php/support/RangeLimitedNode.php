<?php
/**
 * A JSON-RPC node that refuses eth_getLogs ranges above a limit, the way a hosted provider does.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use PHPUnit\Framework\Assert;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\JsonRpc;
use SovereignPress\Chain\Transport;

/**
 * Answers eth_getLogs with the given logs that fall in each call's range, and every other method
 * from $answers (method => result, or a closure of the params). A request holding an eth_getLogs
 * call wider than $limit blocks gets $refusal instead: a JSON-RPC error object (sent on the wire
 * and decoded by the plugin's own JsonRpc, so it becomes the exception the plugin would see), or
 * an HTTP status (thrown as WpHttpTransport throws it). Records every request's calls.
 */
final class RangeLimitedNode implements Transport {

	/** @var list<list<array{0:string, 1:list<mixed>}>> The calls of each request, in order. */
	public array $requests = array();

	/**
	 * @param int                                $limit   Widest range (blocks, inclusive) answered.
	 * @param array{code:int, message:string}|int $refusal Error object, or an HTTP status.
	 * @param list<array<string, mixed>>         $logs    Logs the node holds (blockNumber set).
	 * @param array<string, mixed>               $answers Results of other methods.
	 */
	public function __construct( private int $limit, private array|int $refusal, private array $logs = array(), private array $answers = array() ) {}

	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		return $this->batch( array( array( $method, $params ) ), $timeout )[0];
	}

	public function batch( array $calls, ?float $timeout = null ): array {
		$this->requests[] = $calls;
		$responses        = array();
		foreach ( array_values( $calls ) as $index => [ $method, $params ] ) {
			if ( 'eth_getLogs' === $method ) {
				$from = Hex::quantity_to_int( $params[0]['fromBlock'] );
				$to   = Hex::quantity_to_int( $params[0]['toBlock'] );
				if ( $to - $from + 1 > $this->limit ) {
					if ( is_int( $this->refusal ) ) {
						throw new RpcHttpError( $this->refusal );
					}
					$responses[] = array( 'jsonrpc' => '2.0', 'id' => $index + 1, 'error' => $this->refusal );
					continue;
				}
				$found = array_values(
					array_filter(
						$this->logs,
						static fn ( array $log ): bool => Hex::quantity_to_int( $log['blockNumber'] ) >= $from && Hex::quantity_to_int( $log['blockNumber'] ) <= $to
					)
				);
				$responses[] = array( 'jsonrpc' => '2.0', 'id' => $index + 1, 'result' => $found );
				continue;
			}
			if ( ! array_key_exists( $method, $this->answers ) ) {
				Assert::fail( "RangeLimitedNode: no answer for {$method}." );
			}
			$answer      = $this->answers[ $method ];
			$responses[] = array( 'jsonrpc' => '2.0', 'id' => $index + 1, 'result' => $answer instanceof \Closure ? $answer( $params ) : $answer );
		}
		$body = (string) json_encode( 1 === count( $responses ) ? $responses[0] : $responses, JSON_UNESCAPED_SLASHES );
		return JsonRpc::decode( $body, $calls );
	}

	/**
	 * The block ranges of every eth_getLogs call, per request.
	 *
	 * @return list<list<array{0:int, 1:int}>>
	 */
	public function log_ranges(): array {
		return array_map(
			static fn ( array $calls ): array => array_values(
				array_map(
					static fn ( array $call ): array => array( Hex::quantity_to_int( $call[1][0]['fromBlock'] ), Hex::quantity_to_int( $call[1][0]['toBlock'] ) ),
					array_filter( $calls, static fn ( array $call ): bool => 'eth_getLogs' === $call[0] )
				)
			),
			$this->requests
		);
	}
}
