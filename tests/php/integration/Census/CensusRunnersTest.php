<?php
/**
 * Census runners started at once in separate PHP processes (as WP-Cron, WP-CLI and the Sync
 * button can be): one runs, the others return busy, and nothing is counted twice.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Lease;
use SovereignPress\Census\Snapshots;
use SovereignPress\Census\Store;
use SovereignPress\Settings\Settings;

require_once __DIR__ . '/CensusTestCase.php';

final class CensusRunnersTest extends CensusTestCase {

	private mixed $saved_option;

	/** @var array{token:string, nft:string, badge:string, block:int} */
	private array $tokens;

	/** @var list<string> */
	private array $actors;

	protected function setUp(): void {
		parent::setUp();
		$this->saved_option = get_option( Settings::OPTION );
		$this->tokens       = self::deploy_tokens();
		$this->actors       = array_map( array( self::class, 'actor' ), range( 0, 3 ) );
		foreach ( $this->actors as $i => $actor ) {
			self::send( $this->actors[0], $this->tokens['nft'], 'mint(address,uint256)', array( array( 'address', $actor ), array( 'uint', (string) ( $i + 1 ) ) ) );
			self::send( $this->actors[0], $this->tokens['token'], 'mint(address,uint256)', array( array( 'address', $actor ), array( 'uint', (string) ( 70 * ( $i + 1 ) ) . '000000000000000000' ) ) );
			self::send( $actor, $this->tokens['token'], 'transfer(address,uint256)', array( array( 'address', $this->actors[ ( $i + 1 ) % 4 ] ), array( 'uint', '30000000000000000000' ) ) );
		}
		// The site's settings, read by the runners: the chain through a proxy that answers slowly,
		// so that a run lasts long enough for the others to meet it.
		$this->census = self::census_over( $this->tokens, $this->tokens['block'] );
		$slow         = getenv( 'SP_FAKE_RPC_URL' ) . '/slow?ms=150&to=' . rawurlencode( (string) getenv( 'SP_RPC_URL' ) );
		update_option(
			Settings::OPTION,
			array(
				'networks' => array( array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => $slow, 'explorerUrl' => '' ) ),
				'census'   => $this->census,
			)
		);
		$this->assertCount( 3, \SovereignPress\Plugin::instance()->settings()->census()['tokens'] );
	}

	protected function tearDown(): void {
		update_option( Settings::OPTION, $this->saved_option );
		parent::tearDown();
	}

	/**
	 * Starts the runners at the same moment and returns what each printed.
	 *
	 * @param list<list<string>> $runs Arguments after the mode's start time.
	 * @return list<mixed>
	 */
	private static function run_at_once( string $mode, array $runs ): array {
		$start = microtime( true ) + 1.5;
		$procs = array();
		foreach ( $runs as $args ) {
			$command = array_merge( array( PHP_BINARY, dirname( __DIR__, 2 ) . '/support/census-runner.php', $mode, sprintf( '%.6F', $start ) ), $args );
			$pipes   = array();
			$procs[] = array( proc_open( $command, array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes ), $pipes );
		}
		$out = array();
		foreach ( $procs as [ $proc, $pipes ] ) {
			$stdout = stream_get_contents( $pipes[1] );
			$stderr = stream_get_contents( $pipes[2] );
			self::assertSame( 0, proc_close( $proc ), $stdout . $stderr );
			$out[] = json_decode( (string) $stdout, true, 512, JSON_THROW_ON_ERROR );
		}
		return $out;
	}

	public function test_two_jobs_started_at_once_one_runs_the_other_returns_busy(): void {
		$results = self::run_at_once( 'job', array( array(), array() ) );
		$busy    = array_values( array_filter( $results, static fn ( array $p ): bool => $p['busy'] ) );
		$this->assertCount( 1, $busy, 'Exactly one found the lease taken: ' . wp_json_encode( $results ) );
		$ran = array_values( array_filter( $results, static fn ( array $p ): bool => ! $p['busy'] ) )[0];
		$this->assertSame( 'idle', $ran['phase'], 'The other ran the whole sync.' );
		$this->assertNull( $ran['error'] );
		$this->assertSame( '', ( new Lease() )->owner(), 'The lease was given back.' );
		$this->assert_recount( $this->tokens, $this->actors );
	}

	public function test_scans_racing_without_the_lease_apply_each_slice_once(): void {
		global $wpdb;
		$store = new Store();
		foreach ( $this->census['tokens'] as $token ) {
			$store->prepare( $token, 'erc20' === $token['standard'] ? 18 : 0 );
		}
		// One block per slice to begin with: the runners meet on many slices.
		$wpdb->query( $wpdb->prepare( 'UPDATE %i SET range_size = 1', \SovereignPress\Storage\Installer::tables()['census_sources'] ) );
		$target  = self::head();
		$results = self::run_at_once( 'scan', array( array( (string) $target ), array( (string) $target ), array( (string) $target ) ) );
		foreach ( $results as $scans ) {
			foreach ( $scans as $scan ) {
				$this->assertTrue( $scan['done'] );
			}
		}
		// The NFT's 4 mints and the ERC-20's 4 mints and 4 transfers, each applied by one runner.
		foreach ( array( 0 => 4, 2 => 8 ) as $token => $logs ) {
			$applied = array_sum( array_map( static fn ( array $scans ): int => $scans[ $token ]['logs'], $results ) );
			$this->assertSame( $logs, $applied, 'Each log was applied by exactly one runner: ' . wp_json_encode( $results ) );
		}
		$this->census_snapshot_at( $target );
		$this->assert_recount( $this->tokens, $this->actors );
	}

	/** A snapshot at the block the scans went to, for the recount. */
	private function census_snapshot_at( int $block ): void {
		$population = ( new Store() )->count( ( new Store() )->member_set( false ) );
		( new Snapshots() )->save(
			array(
				'chain_id'     => 31337,
				'block_number' => $block,
				'block_hash'   => strtolower( self::node()->call( 'eth_getBlockByNumber', array( '0x' . dechex( $block ), false ) )['hash'] ),
				'block_time'   => gmdate( 'Y-m-d H:i:s' ),
				'population'   => $population,
				'root'         => '',
				'tree'         => 0,
				'blocks'       => array(),
				'sources'      => array(),
				'treasury'     => array(),
				'economy'      => array(),
			)
		);
	}
}
