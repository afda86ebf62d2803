<?php
/**
 * Memory stays flat as history grows: the indexer holds one slice's logs at a time, whatever the
 * number of events and holders behind it.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Indexer;
use SovereignPress\Census\Store;
use SovereignPress\Census\TransferLogs;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Transport;
use SovereignPress\Gating\Amount;

require_once __DIR__ . '/CensusTestCase.php';

final class CensusMemoryTest extends CensusTestCase {

	private const PER_BLOCK = 25;

	/**
	 * A node of a busy ERC-20: PER_BLOCK transfers in every block, each to a new holder, made up
	 * when asked (the node itself holds nothing), and no limit on a range's results.
	 */
	private static function busy_node( int $head ): Transport {
		return new class( $head, self::PER_BLOCK ) implements Transport {

			public function __construct( private int $head, private int $per_block ) {}

			public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
				return $this->batch( array( array( $method, $params ) ), $timeout )[0];
			}

			public function batch( array $calls, ?float $timeout = null ): array {
				$out = array();
				foreach ( $calls as [ $method, $params ] ) {
					$out[] = match ( $method ) {
						'eth_blockNumber' => Hex::int_to_quantity( $this->head ),
						'eth_call' => '0x' . str_repeat( '0', 62 ) . '12',
						'eth_getBlockByNumber' => array(
							'hash'      => '0x' . str_pad( dechex( Hex::quantity_to_int( $params[0] ) ), 64, 'b', STR_PAD_LEFT ),
							'timestamp' => Hex::int_to_quantity( 1700000000 + 12 * Hex::quantity_to_int( $params[0] ) ),
						),
						'eth_getLogs' => $this->logs( Hex::quantity_to_int( $params[0]['fromBlock'] ), min( $this->head, Hex::quantity_to_int( $params[0]['toBlock'] ) ) ),
					};
				}
				return $out;
			}

			/** @return list<array<string, mixed>> */
			private function logs( int $from, int $to ): array {
				$logs = array();
				for ( $block = $from; $block <= $to; $block++ ) {
					for ( $i = 0; $i < $this->per_block; $i++ ) {
						$n      = $block * $this->per_block + $i;
						$logs[] = array(
							'address'     => '0x' . str_repeat( 'e', 40 ),
							'topics'      => array( TransferLogs::TRANSFER, '0x' . str_repeat( '0', 64 ), '0x' . str_repeat( '0', 24 ) . str_pad( dechex( $n + 1 ), 40, '0', STR_PAD_LEFT ) ),
							'data'        => '0x' . bin2hex( Amount::to_word( '1000000000000000000' ) ),
							'blockNumber' => Hex::int_to_quantity( $block ),
							'blockHash'   => '0x' . str_pad( dechex( $block ), 64, 'b', STR_PAD_LEFT ),
						);
					}
				}
				return $logs;
			}
		};
	}

	/** Peak memory above the start of a scan of $events events from scratch. */
	private function scan_peak( int $events ): int {
		$this->tearDown();
		$this->setUp();
		$head  = intdiv( $events, self::PER_BLOCK ) - 1;
		$token = array(
			'id'         => 'busy',
			'chainId'    => 1,
			'standard'   => 'erc20',
			'address'    => '0x' . str_repeat( 'e', 40 ),
			'tokenId'    => '',
			'minBalance' => '1',
			'startBlock' => 0,
			'membership' => true,
		);
		gc_collect_cycles();
		memory_reset_peak_usage();
		$base = memory_get_usage();
		$scan = ( new Indexer( new Store(), 'busy' ) )->scan( $token, self::busy_node( $head ), microtime( true ) + 300, $head );
		$peak = memory_get_peak_usage() - $base;
		$this->assertTrue( $scan['done'] );
		$this->assertSame( $events, $scan['logs'] );
		$this->assertSame( $events, ( new Store() )->counts( 'busy' )['members'] );
		return $peak;
	}

	public function test_peak_memory_does_not_grow_with_the_history(): void {
		if ( ! function_exists( 'memory_reset_peak_usage' ) ) {
			$this->markTestSkipped( 'memory_reset_peak_usage() needs PHP 8.2.' );
		}
		$small = $this->scan_peak( 10000 );
		$large = $this->scan_peak( 40000 );
		$this->assertLessThan( 16 * 1024 * 1024, $large, 'One slice at a time: ' . round( $large / 1048576, 1 ) . ' MB.' );
		$this->assertLessThan( $small + 2 * 1024 * 1024, $large, sprintf( 'Flat: %.1f MB for 10,000 events, %.1f MB for 40,000.', $small / 1048576, $large / 1048576 ) );
	}
}
