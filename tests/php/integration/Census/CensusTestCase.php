<?php
/**
 * Base of the census indexer's tests. The indexer commits one transaction per slice and runs in
 * several processes at once, so these tests cannot run inside a rolled-back transaction: each
 * starts and ends with empty census tables instead.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\CensusJob;
use SovereignPress\Census\Lease;
use SovereignPress\Census\Snapshots;
use SovereignPress\Census\Store;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Chain\Transport;
use SovereignPress\Storage\Installer;
use SovereignPress\Tests\Support\CensusChain;

require_once dirname( __DIR__, 2 ) . '/support/CensusChain.php';

abstract class CensusTestCase extends \PHPUnit\Framework\TestCase {

	use CensusChain;

	/** @var array<string, mixed> The census settings of the test. */
	protected array $census = array();

	protected function setUp(): void {
		parent::setUp();
		self::empty_tables();
	}

	protected function tearDown(): void {
		self::empty_tables();
		parent::tearDown();
	}

	private static function empty_tables(): void {
		global $wpdb;
		$wpdb->query( 'ROLLBACK' );
		$wpdb->query( 'SET autocommit = 1' );
		foreach ( array( 'census_sources', 'census_holders', 'census_journal', 'census_blocks', 'census_daily', 'census_snapshots', 'census_state', 'census_tree_members', 'census_nodes' ) as $table ) {
			$wpdb->query( $wpdb->prepare( 'DELETE FROM %i', Installer::tables()[ $table ] ) );
		}
	}

	/**
	 * Census settings over the test tokens: the ERC-721, id 1 of the ERC-1155 and the ERC-20 at
	 * 100 whole tokens are membership tokens; the ERC-20 is the economy token.
	 *
	 * @param array{token:string, nft:string, badge:string, block:int} $tokens
	 * @return array<string, mixed>
	 */
	protected static function census_over( array $tokens, int $start = 0 ): array {
		$token = static fn ( string $id, string $standard, string $address, string $token_id, string $min ): array => array(
			'id'         => $id,
			'name'       => $id,
			'chainId'    => 31337,
			'standard'   => $standard,
			'address'    => $address,
			'tokenId'    => $token_id,
			'minBalance' => $min,
			'startBlock' => $start,
			'membership' => true,
		);
		return array(
			'tokens'        => array(
				$token( 'nft', 'erc721', $tokens['nft'], '', '1' ),
				$token( 'badge', 'erc1155', $tokens['badge'], '1', '1' ),
				$token( 'token', 'erc20', $tokens['token'], '', '100' ),
			),
			'economyToken'  => 'token',
			'linkedOnly'    => false,
			'publicMembers' => true,
			'confirmations' => array(),
			'treasury'      => array(),
			'assets'        => array(),
			'declared'      => array(),
		);
	}

	/**
	 * The job as the plugin builds it, over these settings and a transport of the test's choosing
	 * (the local chain by default); the tree builder and the treasury are left out unless asked.
	 */
	protected function job( ?Transport $rpc = null, bool $tree = false ): CensusJob {
		$rpc ??= self::node();
		return new CensusJob(
			fn (): array => $this->census,
			static fn ( int $chain_id ): ?Transport => 31337 === $chain_id ? $rpc : null,
			new Store(),
			new Lease(),
			new Snapshots(),
			$tree ? new TreeBuilder( 64, 16 ) : null
		);
	}

	/**
	 * Runs the job until it is idle again (a whole sync).
	 *
	 * @return array<string, mixed> The last progress.
	 */
	protected function sync( ?Transport $rpc = null, float $seconds = 30.0, bool $tree = false ): array {
		$job = $this->job( $rpc, $tree );
		for ( $i = 0; $i < 50; $i++ ) {
			$progress = $job->run( $seconds );
			$this->assertNull( $progress['error'], (string) $progress['error'] );
			if ( 'idle' === $progress['phase'] ) {
				return $progress;
			}
		}
		$this->fail( 'The sync did not finish.' );
	}

	/**
	 * Every stored balance equals balanceOf at the snapshot block, every address that holds a
	 * token at that block is stored, and the population is the distinct members.
	 *
	 * @param array{token:string, nft:string, badge:string, block:int} $tokens
	 * @param list<string>                                            $actors Every address the test used.
	 */
	protected function assert_recount( array $tokens, array $actors ): void {
		$snapshot = ( new Snapshots() )->latest();
		$this->assertNotNull( $snapshot );
		$block   = $snapshot['block_number'];
		$store   = new Store();
		$members = array();
		foreach ( array( array( 'nft', $tokens['nft'], '', '1' ), array( 'badge', $tokens['badge'], '1', '1' ), array( 'token', $tokens['token'], '', '100000000000000000000' ) ) as [ $id, $address, $token_id, $minimum ] ) {
			foreach ( $actors as $actor ) {
				$chain = self::balance_of( $address, $actor, $block, $token_id );
				$this->assertSame( $chain, $store->balance( $id, $actor ), "{$id} balance of {$actor} at block {$block}." );
				if ( \SovereignPress\Gating\Amount::at_least( $chain, $minimum ) ) {
					$members[ $actor ] = true;
				}
			}
		}
		$this->assertSame( count( $members ), $snapshot['population'] );
		$this->assertSame( self::block_hash( $block ), $snapshot['block_hash'] );
	}

	private static function block_hash( int $block ): string {
		return strtolower( self::node()->call( 'eth_getBlockByNumber', array( \SovereignPress\Chain\Hex::int_to_quantity( $block ), false ) )['hash'] );
	}
}
