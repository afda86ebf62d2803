<?php
/**
 * The census indexer on the local chain: mints, transfers, burns, ERC-1155 batches and an ERC-20
 * threshold crossed both ways give the balances and the population a recount from the chain gives.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\MerkleTree;
use SovereignPress\Census\Snapshots;
use SovereignPress\Census\Store;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Storage\Installer;
use SovereignPress\Tests\Support\RecordingNode;

require_once __DIR__ . '/CensusTestCase.php';
require_once dirname( __DIR__, 2 ) . '/support/RecordingNode.php';

final class CensusIndexerTest extends CensusTestCase {

	private const E18 = '000000000000000000';

	public function test_population_and_balances_equal_a_recount_from_the_chain_across_syncs(): void {
		$t = self::deploy_tokens();
		$this->census = self::census_over( $t );
		[ $a, $b, $c, $d, $e ] = array_map( array( self::class, 'actor' ), range( 0, 4 ) );

		// NFTs: three mints, a transfer, a burn.
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $c ), array( 'uint', '3' ) ) );
		self::send( $a, $t['nft'], 'transferFrom(address,address,uint256)', array( array( 'address', $a ), array( 'address', $d ), array( 'uint', '1' ) ) );
		self::send( $c, $t['nft'], 'burn(uint256)', array( array( 'uint', '3' ) ) );
		// Badges: a batch mint of ids 1 and 2, a batch transfer, a burn of id 1.
		self::send( $a, $t['badge'], 'mintBatch(address,uint256[],uint256[])', array( array( 'address', $b ), array( 'uint[]', array( '1', '2' ) ), array( 'uint[]', array( '5', '7' ) ) ) );
		self::send( $b, $t['badge'], 'safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)', array( array( 'address', $b ), array( 'address', $e ), array( 'uint[]', array( '2', '1' ) ), array( 'uint[]', array( '7', '2' ) ), array( 'bytes', '' ) ) );
		self::send( $b, $t['badge'], 'burn(address,uint256,uint256)', array( array( 'address', $b ), array( 'uint', '1' ), array( 'uint', '3' ) ) );
		// The ERC-20: A above 100, then below after a transfer to C.
		self::send( $a, $t['token'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '150' . self::E18 ) ) );
		self::send( $a, $t['token'], 'transfer(address,uint256)', array( array( 'address', $c ), array( 'uint', '60' . self::E18 ) ) );

		$first = $this->sync();
		$this->assertSame( 'idle', $first['phase'] );
		$this->assertSame( $first['total'], $first['scanned'] );
		$this->assert_recount( $t, array( $a, $b, $c, $d, $e ) );
		$store = new Store();
		$this->assertSame( '0', $store->balance( 'badge', $b ), 'Minted 5, sent 2, burnt 3.' );
		$this->assertSame( '2', $store->balance( 'badge', $e ) );
		$this->assertSame( '90' . self::E18, $store->balance( 'token', $a ) );
		$sources = array_column( ( new Snapshots() )->latest()['sources'], null, 'id' );
		$this->assertSame( '100' . self::E18, $sources['token']['threshold'], 'The minimum in base units, for a recount.' );
		$this->assertSame( 18, $sources['token']['decimals'] );
		$this->assertSame( array( 2, 2 ), array( $sources['nft']['holders'], $sources['nft']['members'] ), 'B and D hold an NFT; C burnt theirs.' );
		$population = ( new Snapshots() )->latest()['population'];
		$this->assertSame( 3, $population, 'B (NFT 2), D (NFT 1), E (badge 1); A fell below 100 tokens and gave NFT 1 away, C holds 60.' );

		// Across the threshold both ways: C climbs above 100, A falls to 0 by a burn.
		self::send( $a, $t['token'], 'mint(address,uint256)', array( array( 'address', $c ), array( 'uint', '40' . self::E18 ) ) );
		self::send( $a, $t['token'], 'burn(uint256)', array( array( 'uint', '90' . self::E18 ) ) );
		self::send( $d, $t['nft'], 'transferFrom(address,address,uint256)', array( array( 'address', $d ), array( 'address', $a ), array( 'uint', '1' ) ) );
		$this->sync();
		$this->assert_recount( $t, array( $a, $b, $c, $d, $e ) );
		$this->assertSame( '100' . self::E18, $store->balance( 'token', $c ) );
		$this->assertSame( '0', $store->balance( 'token', $a ) );
		$this->assertSame( 4, ( new Snapshots() )->latest()['population'], 'A (NFT 1 back), B, C (100 tokens), E; D left.' );

		// The economy: every Transfer of the ERC-20 (mints and burns too) on today's chain day.
		$economy = ( new Snapshots() )->latest()['economy'];
		$this->assertSame( 4, $economy['transfers'], 'Two mints, a transfer, a burn.' );
		$this->assertSame( '340' . self::E18, $economy['volume'], '150 + 60 + 40 + 90.' );
		$this->assertSame( 2, $economy['activeAddresses'], 'A and C; the zero address is not an address that is active.' );
		$this->assertSame( 'CTEST', $economy['symbol'], 'The token\'s own symbol(), read at the snapshot\'s block.' );
		$this->assert_stored_holders_are( array( $a, $b, $c, $d, $e ) );
	}

	public function test_a_reorg_is_detected_and_repaired(): void {
		$t = self::deploy_tokens();
		$this->census = self::census_over( $t );
		[ $a, $b, $c ] = array_map( array( self::class, 'actor' ), range( 0, 2 ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		self::send( $a, $t['token'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '500' . self::E18 ) ) );
		$this->sync();
		$fork       = self::node()->call( 'evm_snapshot' );
		$fork_block = self::head();

		// The branch that will be dropped: B gets an NFT and tokens.
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );
		self::send( $a, $t['token'], 'transfer(address,uint256)', array( array( 'address', $b ), array( 'uint', '200' . self::E18 ) ) );
		$this->sync();
		$store = new Store();
		$this->assertSame( '1', $store->balance( 'nft', $b ) );
		$dropped = ( new Snapshots() )->latest()['block_number'];

		// The chain forgets them; other blocks take their heights (C instead of B), and more.
		$this->assertTrue( self::node()->call( 'evm_revert', array( $fork ) ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $c ), array( 'uint', '3' ) ) );
		self::send( $a, $t['token'], 'transfer(address,uint256)', array( array( 'address', $c ), array( 'uint', '300' . self::E18 ) ) );
		self::mine( 3 );
		$this->assertGreaterThan( $dropped, self::head() );

		$rpc = new RecordingNode( self::node() );
		$this->sync( $rpc );
		$this->assertGreaterThan( $fork_block, min( $rpc->log_starts() ), 'Back to the last checkpoint the chain still has, not to the start block.' );
		$this->assertSame( '0', $store->balance( 'nft', $b ), 'The dropped mint is undone.' );
		$this->assertSame( '0', $store->balance( 'token', $b ) );
		$this->assertSame( '1', $store->balance( 'nft', $c ) );
		$this->assert_recount( $t, array( $a, $b, $c ) );
		$economy = ( new Snapshots() )->latest()['economy'];
		$this->assertSame( 2, $economy['transfers'], 'The mint and the transfer to C; the dropped transfer to B is not counted.' );
		$this->assertSame( 2, $economy['activeAddresses'], 'A and C, not B.' );
		$this->assert_stored_holders_are( array( $a, $c ) );
	}

	public function test_a_reorg_deeper_than_the_journal_starts_the_token_again(): void {
		$t = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		[ $a, $b ] = array_map( array( self::class, 'actor' ), range( 0, 1 ) );
		$fork = self::node()->call( 'evm_snapshot' );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $b ), array( 'uint', '2' ) ) );
		$this->sync();
		$this->assertSame( '1', ( new Store() )->balance( 'nft', $b ) );
		global $wpdb;
		// As if the slices were older than the journal's reach: no checkpoint left to go back to.
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i', Installer::tables()['census_blocks'] ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i', Installer::tables()['census_journal'] ) );

		self::node()->call( 'evm_revert', array( $fork ) );
		self::send( $a, $t['nft'], 'mint(address,uint256)', array( array( 'address', $a ), array( 'uint', '1' ) ) );
		self::mine( 2 );
		$this->sync();
		$this->assertSame( '0', ( new Store() )->balance( 'nft', $b ) );
		$this->assert_recount( $t, array( $a, $b ) );
	}

	public function test_the_treasury_is_not_a_member_whatever_it_holds(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t );
		$actors       = array_map( array( self::class, 'actor' ), range( 0, 2 ) );
		foreach ( $actors as $i => $actor ) {
			self::send( $actors[0], $t['nft'], 'mint(address,uint256)', array( array( 'address', $actor ), array( 'uint', (string) ( $i + 1 ) ) ) );
		}
		$this->sync( null, 30.0, true );
		$this->assertSame( 3, ( new Snapshots() )->latest()['population'] );

		// The society names actor 2 as its treasury (in checksummed case): a new tree leaves it out.
		$this->census['treasury'] = array( array( 'chainId' => 31337, 'address' => \SovereignPress\Crypto\Address::checksum( $actors[2] ), 'label' => 'Safe' ) );
		$this->sync( null, 30.0, true );
		$snapshot = ( new Snapshots() )->latest();
		$this->assertSame( 2, $snapshot['population'] );
		$this->assertSame( '0x' . bin2hex( MerkleTree::root( array_map( array( MerkleTree::class, 'leaf' ), array_slice( $actors, 0, 2 ) ) ) ), $snapshot['root'] );
		$this->assertSame( array( strtolower( $actors[2] ) ), $snapshot['treasury']['excluded'] );
		$this->assertNull( ( new TreeBuilder() )->proof( $snapshot['tree'], $actors[2] ) );
		$this->assertSame( '1', ( new \SovereignPress\Census\Store() )->balance( 'nft', $actors[2] ), 'Its holdings are still indexed.' );
	}

	public function test_the_snapshot_commits_to_the_members_with_a_merkle_root_built_in_slices(): void {
		$t = self::deploy_tokens();
		$this->census = self::census_over( $t );
		$actors       = array_map( array( self::class, 'actor' ), range( 0, 5 ) );
		foreach ( $actors as $i => $actor ) {
			self::send( $actors[0], $t['nft'], 'mint(address,uint256)', array( array( 'address', $actor ), array( 'uint', (string) ( $i + 1 ) ) ) );
		}
		self::send( $actors[5], $t['nft'], 'burn(uint256)', array( array( 'uint', '6' ) ) );

		// No budget: each run does one step (a slice, a batch of the tree), the next resumes.
		$job  = $this->job( null, true );
		$runs = 0;
		$seen = array();
		do {
			$progress = $job->run( 0.0 );
			$this->assertNull( $progress['error'] );
			$seen[] = $progress['phase'];
		} while ( 'idle' !== $progress['phase'] && ++$runs < 200 );
		$this->assertContains( 'tree', $seen );
		$snapshot = ( new Snapshots() )->latest();
		$members  = array_slice( $actors, 0, 5 );
		$this->assertSame( 5, $snapshot['population'] );
		$this->assertSame( '0x' . bin2hex( MerkleTree::root( array_map( array( MerkleTree::class, 'leaf' ), $members ) ) ), $snapshot['root'] );
		$builder = new TreeBuilder();
		$this->assertSame( 5, $builder->count( $snapshot['tree'] ) );
		$this->assert_recount( $t, $actors );

		// Nothing moved on the chain: the next sync keeps the tree it has.
		$this->sync( null, 30.0, true );
		$this->assertSame( $snapshot['tree'], ( new Snapshots() )->latest()['tree'] );
		$this->assertSame( 5, ( new TreeBuilder() )->count( $snapshot['tree'] ) );

		// A later sync the same day replaces the snapshot and drops the tree it superseded.
		self::send( $actors[0], $t['nft'], 'mint(address,uint256)', array( array( 'address', $actors[5] ), array( 'uint', '7' ) ) );
		$this->sync( null, 30.0, true );
		$latest = ( new Snapshots() )->latest();
		$this->assertSame( $snapshot['day'], $latest['day'] );
		$this->assertCount( 1, ( new Snapshots() )->history( 30 ) );
		$this->assertSame( 6, $latest['population'] );
		$this->assertNotSame( $snapshot['tree'], $latest['tree'] );
		$this->assertSame( 0, ( new TreeBuilder() )->count( $snapshot['tree'] ), 'The superseded tree is gone.' );
		$this->assertSame( 6, $builder->count( $latest['tree'] ) );
	}

	/**
	 * @param list<string> $actors
	 */
	private function assert_stored_holders_are( array $actors ): void {
		global $wpdb;
		$held = $wpdb->get_col( $wpdb->prepare( 'SELECT DISTINCT address FROM %i WHERE balance > %s', Installer::tables()['census_holders'], Store::pad( '0' ) ) );
		$this->assertSame( array(), array_values( array_diff( $held, $actors ) ), 'Nobody else holds anything.' );
	}
}
