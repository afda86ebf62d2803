<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\MemberSet;
use SovereignPress\Census\MerkleTree;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Storage\Installer;
use SovereignPress\Tests\Integration\TestCase;

/**
 * Census trees built in the database, a batch per step, checked against @openzeppelin/merkle-tree
 * (tests/php/support/census-tree-check.mjs). Small chunks (4 nodes) and batches (5 addresses) make
 * even small sets span many chunks, including the one shared by inner nodes and leaves.
 */
final class TreeBuilderTest extends TestCase {

	private const MEMBERS = 'sp_test_census_members';

	protected function setUp(): void {
		parent::setUp();
		global $wpdb;
		// A temporary table: no implicit commit, so the test's transaction still rolls back the rest.
		$wpdb->query( 'CREATE TEMPORARY TABLE IF NOT EXISTS ' . self::MEMBERS . ' (address char(42) NOT NULL, PRIMARY KEY (address))' );
		$wpdb->query( 'DELETE FROM ' . self::MEMBERS );
	}

	/**
	 * @return iterable<string, array{0: int}>
	 */
	public static function sizes(): iterable {
		foreach ( array( 1, 2, 3, 7, 8, 9, 37 ) as $size ) {
			yield "{$size} members" => array( $size );
		}
	}

	/**
	 * @dataProvider sizes
	 */
	public function test_a_tree_built_in_slices_has_the_reference_root_and_every_proof_verifies( int $size ): void {
		$members = $this->add_members( $size );
		[ $state, $steps ] = $this->build( 5 );

		$this->assertTrue( $state['done'] );
		$this->assertSame( $size, $state['count'] );
		$this->assertGreaterThan( 3, $steps, 'The tiny deadline makes one batch per step.' );
		$builder = new TreeBuilder( 4, 5 );
		$tree    = $state['tree'];
		$this->assertSame( $size, $builder->count( $tree ) );

		$order = $builder->members( $tree, 0, 1000 );
		$this->assertEqualsCanonicalizing( $members, $order );
		$pages = array();
		for ( $offset = 0; $offset < $size; $offset += 3 ) {
			$pages = array_merge( $pages, $builder->members( $tree, $offset, 3 ) );
		}
		$this->assertSame( $order, $pages, 'Pages of three make the same list.' );
		$streamed = array();
		$builder->each_member(
			$tree,
			static function ( string $address, int $index ) use ( &$streamed ): void {
				$streamed[ $index ] = $address;
			}
		);
		$this->assertSame( $order, $streamed );

		$proofs = array_map( static fn( string $address ): ?array => $builder->proof( $tree, $address ), $order );
		foreach ( $proofs as $i => $proof ) {
			$this->assertNotNull( $proof );
			$this->assertSame( $i, $proof['index'] );
		}
		$check = $this->reference( $state['root'], $order, $proofs );
		$this->assertSame( $check['root'], $state['root'] );
		$this->assertTrue( $check['order'], 'members() lists the leaves in the reference tree\'s order.' );
		$this->assertSame( array_fill( 0, $size, true ), $check['proofs'] );
		$this->assertSame( '0x' . bin2hex( MerkleTree::root( array_map( array( MerkleTree::class, 'leaf' ), $members ) ) ), $state['root'] );
	}

	public function test_a_build_resumes_from_an_older_state_after_a_crash(): void {
		$this->add_members( 29 );
		$builder = new TreeBuilder( 4, 5 );
		$states  = array();
		$state   = null;
		do {
			$state    = json_decode( (string) wp_json_encode( ( new TreeBuilder( 4, 5 ) )->step( $state, 0.0, $this->member_set() ) ), true );
			$states[] = $state;
		} while ( ! $state['done'] );
		$reference = $state['root'];
		$builder->drop( $state['tree'] );

		// Each run dies after its writes and before its state is saved: the next run starts from the
		// state before. Writes are whole rows, so doing one again changes nothing.
		foreach ( array( 2, 9, count( $states ) - 4 ) as $crash ) {
			$state = null;
			for ( $i = 0; $i < $crash; $i++ ) {
				$state = ( new TreeBuilder( 4, 5 ) )->step( $state, 0.0, $this->member_set() );
			}
			$older = $state;
			( new TreeBuilder( 4, 5 ) )->step( $state, 0.0, $this->member_set() );
			$state = $older;
			while ( ! $state['done'] ) {
				$state = ( new TreeBuilder( 4, 5 ) )->step( json_decode( (string) wp_json_encode( $state ), true ), 0.0, $this->member_set() );
			}
			$this->assertSame( $reference, $state['root'], "Crash after step {$crash}." );
			$this->assertSame( 29, $builder->count( $state['tree'] ) );
			$builder->drop( $state['tree'] );
		}
	}

	public function test_the_member_set_is_fixed_when_the_build_begins(): void {
		$members = $this->add_members( 12 );
		$state   = ( new TreeBuilder( 4, 5 ) )->step( null, 0.0, $this->member_set() );
		$this->add_members( 5 );
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . self::MEMBERS . ' WHERE address = %s', $members[0] ) );
		while ( ! $state['done'] ) {
			$state = ( new TreeBuilder( 4, 5 ) )->step( $state, 0.0, $this->member_set() );
		}
		$this->assertSame( 12, $state['count'] );
		$this->assertEqualsCanonicalizing( $members, ( new TreeBuilder() )->members( $state['tree'], 0, 100 ) );
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM %i WHERE tree = %d', Installer::tables()['census_tree_members'], $state['tree'] ) ), 'The fixed set is cleared once the tree holds it.' );
	}

	public function test_leaves_are_computed_once_and_reused_by_the_next_tree(): void {
		global $wpdb;
		$members = $this->add_members( 10 );
		$leaves  = Installer::tables()['census_leaves'];
		[ $first ] = $this->build( 5 );
		foreach ( $members as $address ) {
			$stored = $wpdb->get_var( $wpdb->prepare( 'SELECT HEX(leaf) FROM %i WHERE address = %s', $leaves, $address ) );
			$this->assertSame( bin2hex( MerkleTree::leaf( $address ) ), strtolower( (string) $stored ) );
		}
		// A leaf the cache holds is trusted: the second tree takes it from there, not from keccak.
		$wpdb->query( $wpdb->prepare( 'UPDATE %i SET leaf = UNHEX(%s) WHERE address = %s', $leaves, str_repeat( '00', 32 ), $members[0] ) );
		[ $second ] = $this->build( 5 );
		$this->assertNotSame( $first['root'], $second['root'] );
		$leaves_used    = array_map( array( MerkleTree::class, 'leaf' ), $members );
		$leaves_used[0] = str_repeat( "\0", 32 );
		$this->assertSame( '0x' . bin2hex( MerkleTree::root( $leaves_used ) ), $second['root'] );
	}

	public function test_a_big_deadline_builds_in_one_step_with_the_default_chunks(): void {
		$members = $this->add_members( 300 );
		$state   = ( new TreeBuilder() )->step( null, microtime( true ) + 60, $this->member_set() );
		$this->assertTrue( $state['done'] );
		$this->assertSame( '0x' . bin2hex( MerkleTree::root( array_map( array( MerkleTree::class, 'leaf' ), $members ) ) ), $state['root'] );
		$this->assertSame( array( 'done' => 900, 'total' => 900 ), $state['progress'] );
	}

	public function test_only_lowercase_hex_addresses_become_leaves(): void {
		global $wpdb;
		$members = $this->add_members( 4 );
		$wpdb->query( 'INSERT INTO ' . self::MEMBERS . " (address) VALUES ('0x" . str_repeat( 'AB', 20 ) . "'), ('0x" . str_repeat( 'zz', 20 ) . "'), ('0x12')" );
		[ $state ] = $this->build( 5 );
		$this->assertSame( 4, $state['count'] );
		$this->assertEqualsCanonicalizing( $members, ( new TreeBuilder() )->members( $state['tree'], 0, 10 ) );
	}

	public function test_an_empty_set_has_no_root_and_no_members(): void {
		$state   = ( new TreeBuilder() )->step( null, 0.0, $this->member_set() );
		$builder = new TreeBuilder();
		while ( ! $state['done'] ) {
			$state = $builder->step( $state, 0.0, $this->member_set() );
		}
		$this->assertSame( '', $state['root'] );
		$this->assertSame( 0, $state['count'] );
		$this->assertSame( 0, $builder->count( $state['tree'] ) );
		$this->assertSame( array(), $builder->members( $state['tree'], 0, 10 ) );
		$this->assertNull( $builder->proof( $state['tree'], '0x' . str_repeat( 'ab', 20 ) ) );
	}

	public function test_non_members_unknown_trees_and_bad_addresses_have_no_proof(): void {
		$members = $this->add_members( 9 );
		[ $state ] = $this->build( 5 );
		$builder   = new TreeBuilder();
		$this->assertNull( $builder->proof( $state['tree'], '0x' . str_repeat( '00', 20 ) ) );
		$this->assertNull( $builder->proof( $state['tree'], '0x' . str_repeat( 'ff', 20 ) ) );
		$this->assertNull( $builder->proof( $state['tree'], 'not an address' ) );
		$this->assertNull( $builder->proof( $state['tree'] + 1000, $members[0] ) );
		$this->assertSame( $members[3], $builder->proof( $state['tree'], '0x' . strtoupper( substr( $members[3], 2 ) ) )['address'] ?? null, 'Any case finds the member.' );

		$builder->drop( $state['tree'] );
		$this->assertNull( ( new TreeBuilder() )->proof( $state['tree'], $members[0] ) );
		$this->assertSame( 0, ( new TreeBuilder() )->count( $state['tree'] ) );
	}

	public function test_a_build_that_cannot_resume_begins_again(): void {
		$members   = $this->add_members( 9 );
		$reference = '0x' . bin2hex( MerkleTree::root( array_map( array( MerkleTree::class, 'leaf' ), $members ) ) );
		$builder   = new TreeBuilder( 4, 5 );

		// Its tree dropped mid-build.
		$state = $builder->step( null, 0.0, $this->member_set() );
		$state = $builder->step( $state, 0.0, $this->member_set() );
		$builder->drop( $state['tree'] );
		$again = $builder->step( $state, 0.0, $this->member_set() );
		$this->assertNotSame( $state['tree'], $again['tree'] );
		while ( ! $again['done'] ) {
			$again = $builder->step( $again, 0.0, $this->member_set() );
		}
		$this->assertSame( $reference, $again['root'] );

		// A state of another shape (an older version's): its rows go, a new tree begins.
		$state = $builder->step( null, 0.0, $this->member_set() );
		unset( $state['buckets'] );
		$again = $builder->step( $state, microtime( true ) + 30, $this->member_set() );
		$this->assertTrue( $again['done'] );
		$this->assertSame( $reference, $again['root'] );
		$this->assertSame( 0, $builder->count( $state['tree'] ) );
		global $wpdb;
		$this->assertSame( 0, (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM %i WHERE tree = %d', Installer::tables()['census_tree_members'], $state['tree'] ) ) );
	}

	/**
	 * Builds a tree of the test set with 4-node chunks, one batch per step (the deadline has passed).
	 *
	 * @return array{0: array<string, mixed>, 1: int} The final state and the number of steps.
	 */
	private function build( int $batch ): array {
		$state = null;
		$steps = 0;
		do {
			$state = ( new TreeBuilder( 4, $batch ) )->step( $state, microtime( true ) - 1, $this->member_set() );
			++$steps;
			$this->assertLessThan( 1000, $steps );
		} while ( ! $state['done'] );
		return array( $state, $steps );
	}

	/**
	 * Adds random members to the test set.
	 *
	 * @return list<string> Their addresses.
	 */
	private function add_members( int $count ): array {
		global $wpdb;
		$added = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$added[] = '0x' . bin2hex( random_bytes( 20 ) );
		}
		$wpdb->query( 'INSERT INTO ' . self::MEMBERS . " (address) VALUES ('" . implode( "'), ('", $added ) . "')" );
		return $added;
	}

	private function member_set(): MemberSet {
		return new class( self::MEMBERS ) implements MemberSet {
			private string $table;

			public function __construct( string $table ) {
				$this->table = $table;
			}

			public function sql(): string {
				return "SELECT address FROM {$this->table}";
			}
		};
	}

	/**
	 * @param list<string>                  $members In the plugin's leaf order.
	 * @param list<array<string,mixed>|null> $proofs  proof() of each.
	 * @return array{root: string, order: bool, proofs: list<bool>}
	 */
	private function reference( string $root, array $members, array $proofs ): array {
		$file = (string) tempnam( sys_get_temp_dir(), 'census-tree' );
		file_put_contents( $file, (string) wp_json_encode( compact( 'root', 'members', 'proofs' ) ) );
		$output = array();
		$status = 1;
		exec( 'node ' . escapeshellarg( dirname( __DIR__, 2 ) . '/support/census-tree-check.mjs' ) . ' ' . escapeshellarg( $file ) . ' 2>&1', $output, $status );
		unlink( $file );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
		return json_decode( implode( "\n", $output ), true, 64, JSON_THROW_ON_ERROR );
	}
}
