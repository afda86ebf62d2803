<?php
/**
 * Stand-ins for census classes another part of the census builds (Census\Snapshots,
 * Census\TreeBuilder, Census\MemberSet), defined only while their files are missing from
 * includes/Census/: the smallest code with their documented signatures, so the public routes and
 * the block can be tested before those land. Loaded by the integration bootstrap before WordPress.
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Crypto\Keccak256;
use SovereignPress\Storage\Installer;

$sp_census_dir = dirname( __DIR__, 3 ) . '/includes/Census/';

if ( ! is_file( $sp_census_dir . 'MemberSet.php' ) ) {
	/** Stand-in: a prepared SELECT of one column, address. */
	interface MemberSet {
		public function sql(): string;
	}
}

if ( ! is_file( $sp_census_dir . 'Snapshots.php' ) ) {
	/** Stand-in: census_snapshots rows, JSON columns decoded. */
	final class Snapshots {
		private const JSON = array( 'blocks', 'sources', 'treasury', 'economy' );

		/** @param array<string, mixed> $row Row. */
		public function save( array $row ): int {
			global $wpdb;
			$table = Installer::tables()['census_snapshots'];
			foreach ( self::JSON as $column ) {
				$row[ $column ] = (string) wp_json_encode( $row[ $column ] ?? array() );
			}
			$existing = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$table} WHERE day = %s", $row['day'] ) );
			if ( null !== $existing ) {
				$wpdb->update( $table, $row, array( 'id' => (int) $existing ) );
				return (int) $existing;
			}
			$wpdb->insert( $table, $row );
			return (int) $wpdb->insert_id;
		}

		/** @return array<string, mixed>|null */
		public function latest(): ?array {
			global $wpdb;
			$table = Installer::tables()['census_snapshots'];
			return self::decode( $wpdb->get_row( "SELECT * FROM {$table} ORDER BY day DESC LIMIT 1", ARRAY_A ) );
		}

		/** @return list<array<string, mixed>> */
		public function history( int $days ): array {
			global $wpdb;
			$table = Installer::tables()['census_snapshots'];
			$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE day > %s ORDER BY day ASC", gmdate( 'Y-m-d', time() - $days * DAY_IN_SECONDS ) ), ARRAY_A );
			return array_map( array( self::class, 'decode' ), $rows );
		}

		/** @return array<string, mixed>|null */
		public function find( int $id ): ?array {
			global $wpdb;
			$table = Installer::tables()['census_snapshots'];
			return self::decode( $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", $id ), ARRAY_A ) );
		}

		/**
		 * @param array<string, mixed>|null $row Row.
		 * @return array<string, mixed>|null
		 */
		private static function decode( ?array $row ): ?array {
			if ( null === $row ) {
				return null;
			}
			foreach ( self::JSON as $column ) {
				$row[ $column ] = json_decode( (string) $row[ $column ], true );
			}
			foreach ( array( 'id', 'chain_id', 'block_number', 'population', 'tree' ) as $column ) {
				$row[ $column ] = (int) $row[ $column ];
			}
			return $row;
		}
	}
}

if ( ! is_file( $sp_census_dir . 'TreeBuilder.php' ) ) {
	/** Stand-in: the whole tree in one step, kept as its member set in census_tree_members. */
	final class TreeBuilder {
		/** @return array<string, mixed> */
		public function step( ?array $state, float $deadline, MemberSet $members ): array {
			global $wpdb;
			$table = Installer::tables()['census_tree_members'];
			$tree  = 1 + (int) $wpdb->get_var( "SELECT MAX(tree) FROM {$table}" );
			$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} (tree, address) SELECT %d, m.address FROM (", $tree ) . $members->sql() . ') m' );
			$levels = $this->layout( $tree );
			return array(
				'done'  => true,
				'tree'  => $tree,
				'root'  => array() === $levels[0] ? '' : '0x' . bin2hex( $levels[0][0] ),
				'count' => count( $levels[1] ),
			);
		}

		/** @return array{address:string, leaf:string, index:int, proof:list<string>}|null */
		public function proof( int $tree, string $address ): ?array {
			[ $nodes, $leaves ] = $this->layout( $tree );
			$index              = array_search( strtolower( $address ), array_column( $leaves, 'address' ), true );
			if ( false === $index ) {
				return null;
			}
			$proof = array();
			for ( $i = count( $nodes ) - 1 - $index; $i > 0; $i = intdiv( $i - 1, 2 ) ) {
				$proof[] = '0x' . bin2hex( $nodes[ 1 === $i % 2 ? $i + 1 : $i - 1 ] );
			}
			return array(
				'address' => $leaves[ $index ]['address'],
				'leaf'    => '0x' . bin2hex( $leaves[ $index ]['leaf'] ),
				'index'   => $index,
				'proof'   => $proof,
			);
		}

		/** @return list<string> */
		public function members( int $tree, int $offset, int $limit ): array {
			return array_slice( array_column( $this->layout( $tree )[1], 'address' ), $offset, $limit );
		}

		public function each_member( int $tree, callable $fn ): void {
			foreach ( $this->layout( $tree )[1] as $leaf ) {
				$fn( $leaf['address'] );
			}
		}

		public function count( int $tree ): int {
			return count( $this->layout( $tree )[1] );
		}

		public function drop( int $tree ): void {
			global $wpdb;
			$wpdb->delete( Installer::tables()['census_tree_members'], array( 'tree' => $tree ) );
		}

		/**
		 * OpenZeppelin's StandardMerkleTree layout: leaves sorted by hash, tree[n-1-i] = leaf i.
		 *
		 * @return array{0:list<string>, 1:list<array{address:string, leaf:string}>}
		 */
		private function layout( int $tree ): array {
			global $wpdb;
			$table  = Installer::tables()['census_tree_members'];
			$leaves = array();
			foreach ( $wpdb->get_col( $wpdb->prepare( "SELECT address FROM {$table} WHERE tree = %d", $tree ) ) as $address ) {
				$leaves[] = array(
					'address' => $address,
					'leaf'    => Keccak256::hash( Keccak256::hash( str_repeat( "\0", 12 ) . hex2bin( substr( $address, 2 ) ) ) ),
				);
			}
			usort( $leaves, static fn( array $a, array $b ): int => strcmp( $a['leaf'], $b['leaf'] ) );
			if ( array() === $leaves ) {
				return array( array(), array() );
			}
			$n     = count( $leaves );
			$nodes = array_fill( 0, 2 * $n - 1, '' );
			foreach ( $leaves as $i => $leaf ) {
				$nodes[ 2 * $n - 2 - $i ] = $leaf['leaf'];
			}
			for ( $i = $n - 2; $i >= 0; $i-- ) {
				$pair        = array( $nodes[ 2 * $i + 1 ], $nodes[ 2 * $i + 2 ] );
				sort( $pair, SORT_STRING );
				$nodes[ $i ] = Keccak256::hash( $pair[0] . $pair[1] );
			}
			return array( $nodes, $leaves );
		}
	}
}
