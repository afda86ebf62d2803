<?php
/**
 * The census Merkle tree in OpenZeppelin's StandardMerkleTree format, for one `address` column.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use InvalidArgumentException;
use SovereignPress\Crypto\Keccak256;

/**
 * Pure core (no WordPress): the hashes and the index arithmetic of the format, so that
 * `@openzeppelin/merkle-tree` (StandardMerkleTree.of(members, ['address'])) or any compatible tool
 * computes the same root and accepts the same proofs:
 * - leaf = keccak256(keccak256(abi.encode(address))), abi.encode of an address being 12 zero bytes
 *   and its 20 bytes;
 * - the leaves sorted by hash, ascending; leaf i at tree[2n - 2 - i] of an array of 2n - 1 nodes;
 * - node j's children at 2j + 1 and 2j + 2 (so its parent at (j - 1) / 2, its sibling j ± 1), each
 *   node the keccak256 of its two children sorted as bytes.
 * Hashes are raw 32-byte strings here; callers add the 0x and the hex at the edges.
 *
 * @since 0.3.0
 */
final class MerkleTree {

	/**
	 * The leaf of an address ('0x' and 40 hex digits, any case).
	 *
	 * @since 0.3.0
	 * @throws InvalidArgumentException When the address is not 20 bytes of hex.
	 */
	public static function leaf( string $address ): string {
		if ( 1 !== preg_match( '/^0x[0-9a-fA-F]{40}$/D', $address ) ) {
			throw new InvalidArgumentException( 'A census member must be an address: 0x and 40 hex digits.' );
		}
		return Keccak256::hash( Keccak256::hash( str_repeat( "\0", 12 ) . hex2bin( substr( $address, 2 ) ) ) );
	}

	/**
	 * A parent node: the hash of its two children, the smaller first.
	 *
	 * @since 0.3.0
	 */
	public static function pair( string $a, string $b ): string {
		return Keccak256::hash( strcmp( $a, $b ) <= 0 ? $a . $b : $b . $a );
	}

	/**
	 * The whole tree of a small in-memory set, as the format's array (root first).
	 *
	 * @since 0.3.0
	 * @param list<string> $leaves Raw leaves, in any order.
	 * @return list<string> 2n - 1 raw nodes; an empty list for no leaves.
	 */
	public static function tree( array $leaves ): array {
		sort( $leaves, SORT_STRING );
		$n    = count( $leaves );
		$tree = array();
		for ( $i = 0; $i < $n; $i++ ) {
			$tree[ 2 * $n - 2 - $i ] = $leaves[ $i ];
		}
		for ( $j = $n - 2; $j >= 0; $j-- ) {
			$tree[ $j ] = self::pair( $tree[ 2 * $j + 1 ], $tree[ 2 * $j + 2 ] );
		}
		ksort( $tree );
		return $tree;
	}

	/**
	 * The root of a small in-memory set: '' for an empty set, which the format has no root for.
	 *
	 * @since 0.3.0
	 * @param list<string> $leaves Raw leaves, in any order.
	 */
	public static function root( array $leaves ): string {
		return array() === $leaves ? '' : self::tree( $leaves )[0];
	}

	/**
	 * Tree indices of a leaf's proof, from the leaf's sibling up to the child of the root.
	 *
	 * @since 0.3.0
	 * @param int $count Number of leaves (n).
	 * @param int $index The leaf's position in hash order (0 … n - 1).
	 * @return list<int>
	 */
	public static function path( int $count, int $index ): array {
		$path = array();
		for ( $j = 2 * $count - 2 - $index; $j > 0; $j = intdiv( $j - 1, 2 ) ) {
			$path[] = 1 === $j % 2 ? $j + 1 : $j - 1;
		}
		return $path;
	}

	/**
	 * The proof of leaf `$index` from a whole tree (see tree()).
	 *
	 * @since 0.3.0
	 * @param list<string> $tree Raw nodes.
	 * @return list<string> Raw sibling hashes.
	 */
	public static function proof( array $tree, int $index ): array {
		$count = intdiv( count( $tree ) + 1, 2 );
		return array_map( static fn( int $j ): string => $tree[ $j ], self::path( $count, $index ) );
	}

	/**
	 * Whether a proof leads from a leaf to the root (OpenZeppelin's processProof).
	 *
	 * @since 0.3.0
	 * @param string       $root  Raw root.
	 * @param string       $leaf  Raw leaf.
	 * @param list<string> $proof Raw sibling hashes.
	 */
	public static function verify( string $root, string $leaf, array $proof ): bool {
		if ( 32 !== strlen( $root ) || 32 !== strlen( $leaf ) ) {
			return false;
		}
		$node = $leaf;
		foreach ( $proof as $sibling ) {
			if ( ! is_string( $sibling ) || 32 !== strlen( $sibling ) ) {
				return false;
			}
			$node = self::pair( $node, $sibling );
		}
		return hash_equals( $root, $node );
	}
}
