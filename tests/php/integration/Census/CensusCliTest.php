<?php
/**
 * `wp sovereign-press census sync`: WP-CLI is not packaged for Debian, so the command runs here
 * against a stand-in of the WP-CLI API it calls (tests/php/support/wp-cli-standin.php), over the
 * real job, database and chain.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Cli;
use SovereignPress\Census\Lease;
use SovereignPress\Census\Snapshots;
use SovereignPress\Census\Store;

require_once __DIR__ . '/CensusTestCase.php';
require_once dirname( __DIR__, 2 ) . '/support/wp-cli-standin.php';

final class CensusCliTest extends CensusTestCase {

	protected function setUp(): void {
		parent::setUp();
		\WP_CLI::$lines = array();
	}

	public function test_sync_scans_with_a_progress_bar_to_the_snapshot(): void {
		$t = self::deploy_tokens();
		self::send( self::actor( 0 ), $t['nft'], 'mint(address,uint256)', array( array( 'address', self::actor( 1 ) ), array( 'uint', '1' ) ) );
		self::send( self::actor( 0 ), $t['nft'], 'mint(address,uint256)', array( array( 'address', self::actor( 2 ) ), array( 'uint', '2' ) ) );
		$this->census = self::census_over( $t, $t['block'] );

		( new Cli( $this->job( null, true ) ) )->sync( array(), array() );

		$kinds = array_column( \WP_CLI::$lines, 0 );
		$this->assertSame( 'bar', $kinds[0], 'The bar comes first.' );
		$this->assertContains( 'finish', $kinds );
		$finish = \WP_CLI::$lines[ array_search( 'finish', $kinds, true ) ][1];
		$this->assertGreaterThan( 0, (int) $finish, 'The bar moved by the blocks scanned.' );
		$this->assertSame( array( 'success' ), array_values( array_slice( $kinds, -1 ) ) );
		$snapshot = ( new Snapshots() )->latest();
		$this->assertNotNull( $snapshot );
		$this->assertSame( 2, $snapshot['population'] );
		$this->assertStringContainsString( 'latest snapshot #' . $snapshot['id'], end( \WP_CLI::$lines )[1] );
	}

	public function test_once_runs_one_bounded_run_and_says_where_it_stands(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		( new Cli( $this->job( null, true ) ) )->sync( array(), array( 'once' => true ) );
		$this->assertCount( 1, \WP_CLI::$lines );
		$this->assertSame( 'success', \WP_CLI::$lines[0][0] );
		$this->assertMatchesRegularExpression( '/^Census: (idle|scan|tree|snapshot), \d+ of \d+ blocks scanned/', \WP_CLI::$lines[0][1] );
		$this->assertNotNull( ( new Store() )->source( 'nft' ), 'The run scanned.' );
	}

	public function test_once_warns_when_another_sync_holds_the_lease(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		$this->assertTrue( ( new Lease() )->acquire( 'someone-else', 60 ) );
		( new Cli( $this->job() ) )->sync( array(), array( 'once' => true ) );
		$this->assertSame( array( 'warning', 'success' ), array_column( \WP_CLI::$lines, 0 ) );
		$this->assertNull( ( new Store() )->source( 'nft' ), 'Nothing scanned while another runner holds the lease.' );
	}

	public function test_a_node_that_fails_ends_the_command_with_its_error(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		$down         = self::unreachable();
		try {
			( new Cli( $this->job( $down ) ) )->sync( array(), array() );
			$this->fail( 'The command should have stopped with an error.' );
		} catch ( \RuntimeException $error ) {
			$this->assertStringStartsWith( 'WP_CLI::error: ', $error->getMessage() );
		}
		$this->assertSame( 'error', end( \WP_CLI::$lines )[0] );
	}

	public function test_until_syncs_to_that_block_and_refuses_what_is_not_a_block_number(): void {
		$t            = self::deploy_tokens();
		$first        = self::send( self::actor( 0 ), $t['nft'], 'mint(address,uint256)', array( array( 'address', self::actor( 1 ) ), array( 'uint', '1' ) ) );
		self::send( self::actor( 0 ), $t['nft'], 'mint(address,uint256)', array( array( 'address', self::actor( 2 ) ), array( 'uint', '2' ) ) );
		$this->census = self::census_over( $t, $t['block'] );

		foreach ( array( '-1', 'latest', '0x10', '' ) as $wrong ) {
			try {
				( new Cli( $this->job( null, true ) ) )->sync( array(), array( 'until' => $wrong ) );
				$this->fail( "--until={$wrong} should be refused." );
			} catch ( \RuntimeException $error ) {
				$this->assertStringContainsString( '--until takes a block number', $error->getMessage() );
			}
		}
		$this->assertNull( ( new Store() )->source( 'nft' ), 'Nothing scanned.' );

		( new Cli( $this->job( null, true ) ) )->sync( array(), array( 'until' => (string) $first ) );
		$snapshot = ( new Snapshots() )->latest();
		$this->assertSame( array( $first, 1 ), array( $snapshot['block_number'], $snapshot['population'] ) );
		$this->assertSame( 'success', end( \WP_CLI::$lines )[0] );
	}

	/** A transport to a closed port on this machine. */
	private static function unreachable(): \SovereignPress\Chain\Transport {
		return new \SovereignPress\Chain\WpHttpTransport( 'http://127.0.0.1:9/', 'sovereign-press-tests', 2.0 );
	}
}
