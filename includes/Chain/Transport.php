<?php
/**
 * The JSON-RPC seam between the code that reads the chain and the way requests travel.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\RpcException;

/**
 * JSON-RPC calls and batches to one node: decoded results in, typed RpcExceptions out, nothing
 * else. The verifier, Multicall3, ENS and the gate evaluator are given a Transport, never the
 * class that sends it, so they are unit-tested from recorded answers. WpHttpTransport sends
 * through the WordPress HTTP API.
 *
 * @phpstan-import-type Call from JsonRpc
 *
 * @since 0.1.0
 */
interface Transport {

	/**
	 * One call.
	 *
	 * @since 0.1.0
	 *
	 * @param string      $method  JSON-RPC method.
	 * @param list<mixed> $params  Params.
	 * @param float|null  $timeout Seconds for this call, or the transport's default.
	 * @return mixed The call's result.
	 *
	 * @throws RpcException On any failure; a JSON-RPC error answer is an RpcErrorResponse.
	 */
	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed;

	/**
	 * Several calls in one request; results come back in the order of the calls.
	 *
	 * @since 0.1.0
	 *
	 * @param list<Call> $calls   Method and params of each call.
	 * @param float|null $timeout Seconds for the whole batch, or the transport's default.
	 * @return list<mixed>
	 *
	 * @throws RpcException On any failure, including an error answer to any one call.
	 */
	public function batch( array $calls, ?float $timeout = null ): array;
}
