<?php
/**
 * The census's history from syncs capped at past blocks (CensusJob::run's $until, as the demo
 * replays its days): each snapshot is the census as of its block, filed under that block's UTC
 * day, and a cap below what is already counted counts back (from the journal, or from the start).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Snapshots;
use SovereignPress\Census\Store;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Chain\Hex;

require_once __DIR__ . '/CensusTestCase.php';

final class CensusHistoryTest extends CensusTestCase {

	/** The chain before the test: its clock is moved ahead here, and put back after. */
	private string $fork = '';

	protected function setUp(): void {
		parent::setUp();
		$this->fork = (string) self::node()->call( 'evm_snapshot' );
	}

	protected function tearDown(): void {
		self::node()->call( 'evm_revert', array( $this->fork ) );
		parent::tearDown();
	}

	public function test_a_sync_capped_at_an_earlier_block_then_a_full_one_gives_a_snapshot_of_each_blocks_day(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		[ $a, $b, $c ] = array_map( array( self::class, 'actor' ), range( 0, 2 ) );
		$first         = self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		// Two days later on the chain's clock, two more citizens.
		self::node()->call( 'evm_increaseTime', array( Hex::int_to_quantity( 2 * DAY_IN_SECONDS ) ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );
		$last = self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $c ), array( 'uint', '3' ) ) );

		$this->sync_until( $first );
		$then = ( new Snapshots() )->latest();
		$this->sync_until( null );
		$now = ( new Snapshots() )->latest();

		$this->assertSame( array( $first, 1, self::day_of( $first ) ), array( $then['block_number'], $then['population'], $then['day'] ), 'The capped sync: the census as of its block, on that block’s day.' );
		$this->assertSame( array( $last, 3, self::day_of( $last ) ), array( $now['block_number'], $now['population'], $now['day'] ) );
		$this->assertSame( gmdate( 'Y-m-d', strtotime( $then['day'] . ' UTC' ) + 2 * DAY_IN_SECONDS ), $now['day'], 'Two days apart, as the blocks are.' );
		$this->assertNotSame( gmdate( 'Y-m-d', strtotime( $now['taken_at'] . ' UTC' ) ), $now['day'], 'The day is the block’s, not the day the sync ran.' );
		$this->assertSame(
			array( array( $then['day'], $first, 1 ), array( $now['day'], $last, 3 ) ),
			array_map( static fn( array $row ): array => array( $row['day'], $row['block_number'], $row['population'] ), ( new Snapshots() )->history( 30 ) ),
			'Two points, oldest first.'
		);
		$this->assertNotNull( ( new TreeBuilder( 64, 16 ) )->proof( $now['tree'], $c ), 'The latest tree serves proofs.' );
		$this->assert_recount( $t, array( $a, $b, $c ) );
	}

	public function test_a_cap_below_the_blocks_counted_counts_back_from_the_journal_or_the_start(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		[ $a, $b, $c ] = array_map( array( self::class, 'actor' ), range( 0, 2 ) );
		$early  = self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		$funded = self::send( $a, $t['token'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '150000000000000000000' ) ) );
		self::mine( 300 );
		$recent = self::send( $b, $t['token'], 'transfer(address,uint256)', array( array( 'address', $c ), array( 'uint', '120000000000000000000' ) ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );

		$this->sync_until( null );
		$this->assertSame( 3, ( new Snapshots() )->latest()['population'], 'A (NFT), B (NFT), C (120 tokens).' );
		$kept = array_keys( ( new Store() )->checkpoints( 'token' ) );
		$this->assertNotEmpty( array_filter( $kept, static fn( int $block ): bool => $block > $funded && $block <= $recent ), 'A recent checkpoint at or before the next cap.' );
		$this->assertEmpty( array_filter( $kept, static fn( int $block ): bool => $block <= $funded ), 'None at or before the cap after it.' );

		// Within the journal's reach: the slices after the cap are undone.
		$this->sync_until( $recent );
		$latest = ( new Snapshots() )->latest();
		$this->assertSame( array( $recent, 2 ), array( $latest['block_number'], $latest['population'] ), 'A (NFT) and C (120 tokens); B keeps 30.' );
		$this->assert_recount( $t, array( $a, $b, $c ) );

		// Beyond it: the tokens are counted again from their start.
		$this->sync_until( $funded );
		$latest = ( new Snapshots() )->latest();
		$this->assertSame( array( $funded, 2 ), array( $latest['block_number'], $latest['population'] ), 'A (NFT) and B (150 tokens).' );
		$this->assert_recount( $t, array( $a, $b, $c ) );

		// A sync under way to the head is begun again to the block asked for.
		$this->assertSame( 'scan', $this->job( null, true )->run( 0.0 )['phase'] );
		$this->sync_until( $early );
		$latest = ( new Snapshots() )->latest();
		$this->assertSame( array( $early, 1 ), array( $latest['block_number'], $latest['population'] ) );
		$this->assert_recount( $t, array( $a, $b, $c ) );
	}

	public function test_a_snapshot_of_an_earlier_day_adds_its_point_and_leaves_the_latest_as_it_was(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		[ $a, $b ]    = array_map( array( self::class, 'actor' ), range( 0, 1 ) );
		$first        = self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		self::node()->call( 'evm_increaseTime', array( Hex::int_to_quantity( 2 * DAY_IN_SECONDS ) ) );
		$last = self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );
		$get  = array( self::class, 'get' );

		$this->sync_until( null );
		$this->assertSame( array( $last ), array_column( $get( '/history' )->get_data()['points'], 'block' ) );

		$this->sync_until( $first );
		$this->assertSame( array( array( $first, 1 ), array( $last, 2 ) ), array_map( static fn( array $point ): array => array( $point['block'], $point['population'] ), $get( '/history' )->get_data()['points'] ), 'The earlier day’s point, at once.' );
		$census = $get( '' )->get_data();
		$this->assertSame( array( $last, 2 ), array( $census['snapshot']['block'], $census['population'] ), 'The latest is still the later day’s.' );
		$this->assertSame( 200, $get( '/proof', array( 'address' => $b ) )->get_status(), 'Its tree still serves proofs.' );
	}

	/** Runs the job, with the tree, until it is idle, capped at $until. */
	private function sync_until( ?int $until ): void {
		$job = $this->job( null, true );
		for ( $i = 0; $i < 50; $i++ ) {
			$progress = $job->run( 30.0, $until );
			$this->assertNull( $progress['error'], (string) $progress['error'] );
			if ( 'idle' === $progress['phase'] ) {
				return;
			}
		}
		$this->fail( 'The sync did not finish.' );
	}

	/**
	 * A public census route, as a visitor asks it.
	 *
	 * @param array<string, string> $query Query parameters.
	 */
	private static function get( string $route, array $query = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/census' . $route );
		$request->set_query_params( $query );
		return rest_do_request( $request );
	}

	/** The UTC day of a block's timestamp. */
	private static function day_of( int $block ): string {
		return gmdate( 'Y-m-d', Hex::quantity_to_int( self::node()->call( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $block ), false ) )['timestamp'] ) );
	}
}
