<?php
/**
 * A node that fails mid-scan or refuses wide log ranges (with and without naming a range it
 * takes): the sync resumes from its checkpoint and counts every transfer exactly once.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Store;
use SovereignPress\Storage\Installer;
use SovereignPress\Tests\Support\RecordingNode;

require_once __DIR__ . '/CensusTestCase.php';
require_once dirname( __DIR__, 2 ) . '/support/RecordingNode.php';

final class CensusRpcFailureTest extends CensusTestCase {

	/** @var array{token:string, nft:string, badge:string, block:int} */
	private array $tokens;

	/** @var list<string> */
	private array $actors;

	protected function setUp(): void {
		parent::setUp();
		$this->tokens = self::deploy_tokens();
		// Scanned from the deployment, in slices of 8 blocks at first.
		$this->census = self::census_over( $this->tokens, $this->tokens['block'] );
		$this->actors = array_map( array( self::class, 'actor' ), range( 0, 5 ) );
		foreach ( $this->actors as $i => $actor ) {
			self::send( $this->actors[0], $this->tokens['nft'], 'mint(address,uint256)', array( array( 'address', $actor ), array( 'uint', (string) ( $i + 1 ) ) ) );
			self::send( $this->actors[0], $this->tokens['token'], 'mint(address,uint256)', array( array( 'address', $actor ), array( 'uint', (string) ( ( $i + 1 ) * 40 ) . '000000000000000000' ) ) );
			self::mine( 3 );
		}
		self::send( $this->actors[5], $this->tokens['token'], 'transfer(address,uint256)', array( array( 'address', $this->actors[1] ), array( 'uint', '100000000000000000000' ) ) );
		self::send( $this->actors[1], $this->tokens['nft'], 'transferFrom(address,address,uint256)', array( array( 'address', $this->actors[1] ), array( 'address', $this->actors[2] ), array( 'uint', '2' ) ) );
	}

	/** Every token's scan starts at this range size. */
	private function start_ranges_at( int $size ): void {
		global $wpdb;
		$store = new Store();
		foreach ( $this->census['tokens'] as $token ) {
			$store->prepare( $token, 'erc20' === $token['standard'] ? 18 : 0 );
		}
		$wpdb->query( $wpdb->prepare( 'UPDATE %i SET range_size = %d', Installer::tables()['census_sources'], $size ) );
	}

	private function stored_range( string $id ): int {
		return (int) ( new Store() )->source( $id )['range_size'];
	}

	public function test_a_connection_lost_mid_scan_keeps_the_checkpoint_and_the_next_run_resumes(): void {
		$this->start_ranges_at( 8 );
		$node     = new RecordingNode( self::node(), PHP_INT_MAX, null, 3 );
		$progress = $this->job( $node )->run( 30 );
		$this->assertSame( 'scan', $progress['phase'] );
		$this->assertStringContainsString( 'Connection reset by peer.', (string) $progress['error'] );
		$this->assertGreaterThan( 0, $progress['scanned'], 'The slices before the failure stay applied.' );
		$this->assertLessThan( $progress['total'], $progress['scanned'] );
		$checkpoint = ( new Store() )->source( 'nft' )['next_block'];
		[ $from ]   = $node->ranges[2];
		$this->assertSame( $from, $checkpoint, 'The failed slice left the checkpoint where it was.' );

		$this->sync( $node );
		$this->assertSame( $checkpoint, $node->ranges[3][0], 'The next run asked the failed slice again.' );
		$this->assert_recount( $this->tokens, $this->actors );
	}

	/**
	 * @return iterable<string, array{0:array{code:int, message:string}|int, 1:int, 2:int}>
	 */
	public static function refusals(): iterable {
		// The refusal, the widest range the node answers, the range the first shrink leads to.
		yield 'Alchemy, a range named' => array( array( 'code' => -32600, 'message' => 'You can make eth_getLogs requests with up to a 5 block range. Based on your parameters, this block range should work: [0x10, 0x14]' ), 5, 5 );
		yield 'QuickNode, a size named' => array( array( 'code' => -32614, 'message' => 'eth_getLogs is limited to a 6 range' ), 6, 6 );
		yield 'Infura, too many results' => array( array( 'code' => -32005, 'message' => 'query returned more than 10000 results. Try with this block range [0x10, 0x12].' ), 3, 3 );
		yield 'Base, no range named' => array( array( 'code' => -32000, 'message' => 'block range too large' ), 5, 16 );
		yield 'HTTP 413, no range named' => array( 413, 5, 16 );
	}

	/**
	 * @dataProvider refusals
	 * @param array{code:int, message:string}|int $refusal
	 */
	public function test_a_refused_range_is_asked_again_smaller_and_remembered( array|int $refusal, int $limit, int $first ): void {
		$this->start_ranges_at( 32 );
		$node = new RecordingNode( self::node(), $limit, $refusal );
		$this->sync( $node );
		$this->assert_recount( $this->tokens, $this->actors );
		$this->assertSame( 32, $node->ranges[0][1] - $node->ranges[0][0] + 1 );
		$this->assertSame( $first, $node->ranges[1][1] - $node->ranges[1][0] + 1, 'The size the provider named, or half.' );
		foreach ( array( 'nft', 'badge', 'token' ) as $id ) {
			$this->assertLessThanOrEqual( $limit * 2, $this->stored_range( $id ), "{$id}: the size that works is remembered (it may have grown once since)." );
		}

		// The next sync starts at the remembered size: at most one refusal before it fits again.
		$node = new RecordingNode( self::node(), $limit, $refusal );
		self::send( $this->actors[2], $this->tokens['token'], 'transfer(address,uint256)', array( array( 'address', $this->actors[3] ), array( 'uint', '1' ) ) );
		self::mine( 40 );
		$this->sync( $node );
		$this->assertLessThanOrEqual( $limit * 2, $node->ranges[0][1] - $node->ranges[0][0] + 1 );
		$this->assert_recount( $this->tokens, $this->actors );
	}

	public function test_a_database_failure_mid_slice_rolls_the_slice_back_and_the_next_run_resumes(): void {
		global $wpdb;
		$this->start_ranges_at( 8 );
		$holders = Installer::tables()['census_holders'];
		$wpdb->query( $wpdb->prepare( 'RENAME TABLE %i TO %i', $holders, $holders . '_away' ) );
		try {
			$progress = $this->job()->run( 10 );
		} finally {
			$wpdb->query( $wpdb->prepare( 'RENAME TABLE %i TO %i', $holders . '_away', $holders ) );
		}
		$this->assertStringContainsString( 'database error', (string) $progress['error'] );
		$this->assertSame( $this->tokens['block'], ( new Store() )->source( 'nft' )['next_block'], 'The checkpoint moved back with the rest of the slice.' );
		$this->sync();
		$this->assert_recount( $this->tokens, $this->actors );
	}

	public function test_a_refusal_below_one_block_fails_the_slice_without_moving_the_checkpoint(): void {
		$this->start_ranges_at( 4 );
		$node     = new RecordingNode( self::node(), 0, array( 'code' => -32005, 'message' => 'query returned more than 10000 results' ) );
		$progress = $this->job( $node )->run( 10 );
		$this->assertNotNull( $progress['error'] );
		$this->assertSame( 0, $progress['scanned'] );
		$this->assertSame( $this->tokens['block'], ( new Store() )->source( 'nft' )['next_block'] );
	}
}
