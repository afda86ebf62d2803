<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use InvalidArgumentException;
use PHPUnit\Framework\TestCase;
use SovereignPress\Census\MerkleTree;

/**
 * Census\MerkleTree against vectors from @openzeppelin/merkle-tree (tests/vectors/census-merkle.mjs).
 */
final class CensusMerkleTreeTest extends TestCase {

	/**
	 * @return iterable<string, array{0: array<string, mixed>}>
	 */
	public static function cases(): iterable {
		$file = dirname( __DIR__, 2 ) . '/vectors/census-merkle.json';
		foreach ( json_decode( (string) file_get_contents( $file ), true, 512, JSON_THROW_ON_ERROR )['cases'] as $case ) {
			yield count( $case['members'] ) . ' members' => array( $case );
		}
	}

	/**
	 * @dataProvider cases
	 * @param array<string, mixed> $case A vector.
	 */
	public function test_leaves_tree_and_root_match_openzeppelin( array $case ): void {
		$leaves = array();
		foreach ( $case['entries'] as $entry ) {
			$leaf = MerkleTree::leaf( $entry['address'] );
			$this->assertSame( $entry['leaf'], self::hex( $leaf ), $entry['address'] );
			$leaves[] = $leaf;
		}
		$this->assertSame( $case['tree'], array_map( array( self::class, 'hex' ), MerkleTree::tree( $leaves ) ) );
		$this->assertSame( $case['root'], self::hex( MerkleTree::root( array_reverse( $leaves ) ) ), 'The input order does not matter.' );
	}

	/**
	 * @dataProvider cases
	 * @param array<string, mixed> $case A vector.
	 */
	public function test_every_proof_matches_openzeppelin_and_verifies( array $case ): void {
		$leaves = array_map( array( MerkleTree::class, 'leaf' ), $case['members'] );
		$tree   = MerkleTree::tree( $leaves );
		$count  = count( $leaves );
		$root   = self::raw( $case['root'] );
		foreach ( $case['entries'] as $entry ) {
			$index = 2 * $count - 2 - $entry['treeIndex'];
			$proof = MerkleTree::proof( $tree, $index );
			$this->assertSame( $entry['proof'], array_map( array( self::class, 'hex' ), $proof ), $entry['address'] );
			$this->assertTrue( MerkleTree::verify( $root, self::raw( $entry['leaf'] ), array_map( array( self::class, 'raw' ), $entry['proof'] ) ) );
		}
	}

	/**
	 * @dataProvider cases
	 * @param array<string, mixed> $case A vector.
	 */
	public function test_a_changed_leaf_proof_or_root_does_not_verify( array $case ): void {
		$entry = $case['entries'][ intdiv( count( $case['entries'] ), 2 ) ];
		$root  = self::raw( $case['root'] );
		$leaf  = self::raw( $entry['leaf'] );
		$proof = array_map( array( self::class, 'raw' ), $entry['proof'] );

		$this->assertFalse( MerkleTree::verify( $root, MerkleTree::leaf( '0x' . str_repeat( '00', 20 ) ), $proof ), 'Another address.' );
		$this->assertFalse( MerkleTree::verify( $root ^ str_repeat( "\0", 31 ) . "\x01", $leaf, $proof ), 'Another root.' );
		$this->assertFalse( MerkleTree::verify( $root, $leaf, array_merge( $proof, array( $leaf ) ) ), 'A longer proof.' );
		$this->assertFalse( MerkleTree::verify( $root, $leaf, array( substr( $leaf, 1 ) ) ), 'A short node.' );
		if ( array() !== $proof ) {
			$proof[0] = $proof[0] ^ "\x01" . str_repeat( "\0", 31 );
			$this->assertFalse( MerkleTree::verify( $root, $leaf, $proof ), 'A changed sibling.' );
		}
	}

	public function test_an_empty_set_has_no_root(): void {
		$this->assertSame( '', MerkleTree::root( array() ) );
		$this->assertSame( array(), MerkleTree::tree( array() ) );
		$this->assertFalse( MerkleTree::verify( '', MerkleTree::leaf( '0x' . str_repeat( 'ab', 20 ) ), array() ) );
	}

	public function test_the_path_of_each_leaf_of_a_large_tree_ends_below_the_root(): void {
		$count = 1200000;
		foreach ( array( 0, 1, 524287, 1199999 ) as $index ) {
			$path = MerkleTree::path( $count, $index );
			$this->assertGreaterThanOrEqual( 20, count( $path ) );
			$this->assertLessThanOrEqual( 21, count( $path ) );
			$this->assertContains( end( $path ), array( 1, 2 ) );
		}
	}

	public function test_an_address_that_is_not_20_bytes_of_hex_is_refused(): void {
		$this->expectException( InvalidArgumentException::class );
		MerkleTree::leaf( '0x' . str_repeat( 'g', 40 ) );
	}

	private static function hex( string $raw ): string {
		return '0x' . bin2hex( $raw );
	}

	private static function raw( string $hex ): string {
		return (string) hex2bin( substr( $hex, 2 ) );
	}
}
