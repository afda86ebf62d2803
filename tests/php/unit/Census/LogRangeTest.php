<?php
/**
 * The adaptive eth_getLogs range: the refusals providers really send, shrinking, growing back.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Census;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\LogRange;

final class LogRangeTest extends TestCase {

	private static function refused( int $code, string $message, string $method = 'eth_getLogs' ): RpcErrorResponse {
		return new RpcErrorResponse( $code, $message, null, $method );
	}

	/**
	 * @return iterable<string, array{0:RpcException, 1:int|null}>
	 */
	public static function errors(): iterable {
		// Texts from GOVERNANCE-NOTES Part 3; the blocks per call each suggests (0: none named).
		yield 'Infura -32005 with a range' => array( self::refused( -32005, 'query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].' ), 0x102DBCC - 0xBDE5F8 + 1 );
		yield 'Infura -32602 range limit' => array( self::refused( -32602, 'range 1000000 exceeds limit of 10000' ), 10000 );
		yield 'Alchemy -32602 response size' => array( self::refused( -32602, 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters and the response size limit, this block range should work: [0x0, 0xd043b8]' ), 0xd043b8 + 1 );
		yield 'Alchemy free -32600' => array( self::refused( -32600, 'You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x1be4213, 0x1be4406]' ), 500 );
		yield 'QuickNode -32614' => array( self::refused( -32614, 'eth_getLogs is limited to a 10,000 range' ), 10000 );
		yield 'QuickNode HTTP 413' => array( new RpcHttpError( 413 ), 0 );
		yield 'an answer above the transport\'s cap' => array( new RpcResponseTooLarge( 1 << 25 ), 0 );
		yield 'PublicNode' => array( self::refused( -32000, 'maximum block range: 5000' ), 5000 );
		yield 'llamarpc' => array( self::refused( -32000, 'query exceeds max results 20000, retry with the range 23879634-23879696' ), 63 );
		yield 'merkle 1k' => array( self::refused( -32000, 'eth_getLogs range is too large, max is 1k blocks' ), 1000 );
		yield 'Base, no number' => array( self::refused( -32000, 'block range too large' ), 0 );
		yield 'a node error' => array( self::refused( -32000, 'header not found' ), null );
		yield 'rate limited text' => array( self::refused( -32005, 'daily request count exceeded, request rate limited' ), null );
		yield 'range text of another method' => array( self::refused( -32602, 'block range too large', 'eth_call' ), null );
		yield 'HTTP 429' => array( new RpcHttpError( 429 ), null );
		yield 'timeout' => array( new RpcTimeout( 5.0 ), null );
	}

	/**
	 * @dataProvider errors
	 */
	public function test_reads_the_range_each_provider_suggests( RpcException $error, ?int $suggested ): void {
		$this->assertSame( $suggested, LogRange::refusal( $error ) );
	}

	public function test_shrinks_to_a_narrower_suggestion_or_to_half(): void {
		$range = new LogRange( 2000 );
		$this->assertTrue( $range->shrink( self::refused( -32600, 'You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x1be4213, 0x1be4406]' ), 2000 ) );
		$this->assertSame( 500, $range->size() );
		// A suggestion wider than what was asked cannot be right for this call: half.
		$this->assertTrue( $range->shrink( self::refused( -32005, 'query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].' ), 500 ) );
		$this->assertSame( 250, $range->size() );
		$this->assertTrue( $range->shrink( new RpcHttpError( 413 ), 250 ) );
		$this->assertSame( 125, $range->size() );
		$this->assertFalse( $range->shrink( self::refused( -32000, 'header not found' ), 125 ), 'Another error is not a refusal.' );
		$this->assertSame( 125, $range->size() );
	}

	public function test_a_rate_limit_shrinks_only_when_asked_and_never_below_the_floor(): void {
		$this->assertFalse( ( new LogRange( 100 ) )->shrink( new RpcHttpError( 429 ), 100 ) );
		$busy = new LogRange( 100, 0, 10000, 40, true );
		$this->assertTrue( $busy->shrink( new RpcHttpError( 429 ), 100 ) );
		$this->assertSame( 50, $busy->size() );
		$this->assertFalse( $busy->shrink( new RpcHttpError( 429 ), 50 ), '25 is below the floor of 40.' );
		$this->assertSame( 50, $busy->size() );
	}

	public function test_grows_back_after_three_clean_calls_up_to_the_cap(): void {
		$range = new LogRange( 3000, 0, 10000 );
		$range->succeeded();
		$range->succeeded();
		$this->assertSame( 3000, $range->size() );
		$this->assertSame( 2, $range->clean() );
		$range->succeeded();
		$this->assertSame( 6000, $range->size() );
		$this->assertSame( 0, $range->clean() );
		for ( $i = 0; $i < 3; $i++ ) {
			$range->succeeded();
		}
		$this->assertSame( 10000, $range->size(), 'Never above the cap.' );
		$range->succeeded();
		$range->succeeded();
		$range->shrink( new RpcHttpError( 413 ), 10000 );
		$this->assertSame( 0, $range->clean(), 'A refusal starts the count again.' );
	}

	public function test_resumes_from_a_stored_state_and_fits_busy_answers(): void {
		$range = new LogRange( 800, 2 );
		$range->succeeded();
		$this->assertSame( 1600, $range->size(), 'The third clean call, counting the two stored.' );
		$range->fit( 16000, 2000 );
		$this->assertSame( 200, $range->size(), 'Eight times the logs wanted: an eighth of the range.' );
		$range->fit( 100, 2000 );
		$this->assertSame( 200, $range->size() );
		$this->assertSame( 1, ( new LogRange( 0 ) )->size(), 'A stored size of 0 is read as the floor.' );
	}
}
