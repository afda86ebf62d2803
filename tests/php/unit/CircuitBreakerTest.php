<?php
/**
 * What opens a network's circuit breaker: a node failing, not a node answering with an error.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\CircuitBreaker;
use SovereignPress\Chain\Exception\ChainIdMismatch;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\Exception\RpcUnavailable;
use SovereignPress\Chain\Exception\RpcUnreachable;

final class CircuitBreakerTest extends TestCase {

	private const READ = array( array( 'eth_call', array() ) );

	private const LOGS = array( array( 'eth_getLogs', array() ), array( 'eth_getBlockByNumber', array() ) );

	/**
	 * @return iterable<string, array{0:RpcException, 1:list<array{0:string, 1:list<mixed>}>, 2:bool}>
	 */
	public static function errors(): iterable {
		yield 'timeout' => array( new RpcTimeout( 1.5 ), self::READ, true );
		yield 'unreachable' => array( new RpcUnreachable( 'refused' ), self::READ, true );
		yield 'HTTP 429' => array( new RpcHttpError( 429 ), self::READ, true );
		yield 'HTTP 500' => array( new RpcHttpError( 500 ), self::READ, true );
		yield 'HTTP 503' => array( new RpcHttpError( 503 ), self::LOGS, true );
		yield 'not JSON, or cut short' => array( new RpcInvalidResponse( 'The endpoint did not answer with JSON.' ), self::READ, true );
		yield 'another chain' => array( new ChainIdMismatch( 31337, 1 ), self::READ, true );
		yield 'an endless answer to a read' => array( new RpcResponseTooLarge( 1 << 20 ), self::READ, true );
		yield 'a revert' => array( new RpcErrorResponse( 3, 'execution reverted', '0x', 'eth_call' ), self::READ, false );
		yield 'a refused log range' => array( new RpcErrorResponse( -32005, 'query returned more than 10000 results', null, 'eth_getLogs' ), self::LOGS, false );
		yield 'a page of logs too large for one answer' => array( new RpcResponseTooLarge( 1 << 24 ), self::LOGS, false );
		yield 'HTTP 401 (a wrong key answers at once)' => array( new RpcHttpError( 401 ), self::READ, false );
		yield 'HTTP 413' => array( new RpcHttpError( 413 ), self::LOGS, false );
		yield 'the breaker itself' => array( new RpcUnavailable( 10.0 ), self::READ, false );
	}

	/**
	 * @dataProvider errors
	 *
	 * @param list<array{0:string, 1:list<mixed>}> $calls
	 */
	public function test_counts_failures_of_the_node_not_its_answers( RpcException $error, array $calls, bool $failed ): void {
		$this->assertSame( $failed, CircuitBreaker::failed( $error, $calls ) );
	}
}
