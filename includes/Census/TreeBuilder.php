<?php
/**
 * Builds the census Merkle tree in the database, in resumable slices, and answers proofs from it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use RuntimeException;
use SovereignPress\Crypto\Keccak256;
use SovereignPress\Storage\Installer;

/**
 * A tree of a million members is some 3.6 million keccak-256 hashes in PHP (two per new leaf, one
 * per inner node), so everything else is kept small beside them: the member set is copied in one
 * INSERT … SELECT, leaves are computed once per address ever (census_leaves), and no statement
 * handles one member: leaves travel in binary batches. The tree (the array of MerkleTree's format)
 * is stored in chunks of CHUNK nodes, one blob row each (census_nodes kind 1), beside its leaf
 * addresses in the same chunking (kind 2) and a small description (kind 0: count, root, chunk size
 * and the smallest leaf of each chunk, which is how a proof finds its leaf). Memory stays at a few
 * chunks.
 *
 * A build is a state machine (step()): fix the member set; read it in address order, computing
 * missing leaves and filing each (leaf, address) under the leaf's first byte (kind 3 rows, one per
 * bucket and batch); lay the leaves out in hash order a chunk at a time, sorting the few buckets
 * a chunk needs; hash the inner nodes from the bottom up; clear the fixed set and the buckets.
 * Every batch writes whole rows that a repeated batch writes again identically, so a run killed
 * between batches resumes from the last state it returned.
 *
 * @since 0.3.0
 */
final class TreeBuilder {

	/** Kinds of census_nodes rows. */
	private const META      = 0;
	private const NODES     = 1;
	private const ADDRESSES = 2;
	private const BUCKET    = 3;

	/** Fixed-set rows deleted per statement: one big DELETE costs far less per row than many small ones. */
	private const CLEAR_ROWS = 262144;

	/** census_state row holding the last tree id handed out. */
	private const SEQUENCE = 'census_tree_sequence';

	private int $chunk;

	private int $batch;

	/**
	 * The last bucket sorted: its key ("tree:bucket") and records.
	 *
	 * @var array{0:string, 1:list<string>}
	 */
	private array $sorted = array( '', array() );

	/**
	 * Descriptions of finished trees read in this request.
	 *
	 * @var array<int, array{count:int, root:string, chunk:int, directory:list<string>}>
	 */
	private array $meta = array();

	/**
	 * No I/O.
	 *
	 * @since 0.3.0
	 * @param int $chunk Nodes per stored chunk (8192: 256 KiB rows, whose hex SQL stays far below
	 *                   max_allowed_packet). Smaller in tests, to exercise many chunks.
	 * @param int $batch Addresses per leaf batch.
	 */
	public function __construct( int $chunk = 8192, int $batch = 16384 ) {
		$this->chunk = max( 2, $chunk );
		$this->batch = max( 1, $batch );
	}

	/**
	 * Advances a build until it is done or the deadline passes (checked between batches, each
	 * bounded; at least one batch runs per call, so any deadline makes progress).
	 *
	 * @since 0.3.0
	 * @param array<string, mixed>|null $state    What the previous call returned, or null to begin
	 *                                            a new tree of the set as it is now. A state that
	 *                                            cannot resume (its tree dropped, or written by
	 *                                            another version) is dropped and a new tree begun.
	 * @param float                     $deadline microtime(true) to stop at.
	 * @param MemberSet                 $members  The member set (read only when beginning).
	 * @return array{tree:int, phase:string, count:int, cursor:string, chunk:int, directory:list<string>, buckets:list<int>, batches:int, done:bool, root:string, progress:array{done:int, total:int}}
	 * @throws RuntimeException When the database refuses a statement, or a tree's rows disagree
	 *                          with its state.
	 */
	public function step( ?array $state, float $deadline, MemberSet $members ): array {
		$resumed = null === $state ? null : $this->resumable( $state );
		if ( null === $resumed && isset( $state['tree'] ) && is_int( $state['tree'] ) ) {
			$this->drop( $state['tree'] );
		}
		$state = $resumed ?? $this->begin( $members );
		do {
			switch ( $state['phase'] ) {
				case 'leaves':
					$state = $this->leaves( $state );
					break;
				case 'sort':
					$state = $this->sort( $state );
					break;
				case 'nodes':
					$state = $this->nodes( $state );
					break;
				case 'clear':
					$state = $this->clear( $state );
					break;
			}
		} while ( ! $state['done'] && microtime( true ) < $deadline );
		return $state;
	}

	/**
	 * A member's proof, or null when the address is not in the tree (or the tree is unknown).
	 *
	 * @since 0.3.0
	 * @return array{address:string, leaf:string, index:int, proof:list<string>}|null 0x hex; index is
	 *         the leaf's position in hash order (members() order).
	 * @throws RuntimeException When the stored tree is damaged (the proof would not verify).
	 */
	public function proof( int $tree, string $address ): ?array {
		$meta = $this->meta( $tree );
		if ( null === $meta || 0 === $meta['count'] || 1 !== preg_match( '/^0x[0-9a-fA-F]{40}$/D', $address ) ) {
			return null;
		}
		$address = strtolower( $address );
		$leaf    = MerkleTree::leaf( $address );
		$n       = $meta['count'];
		$size    = $meta['chunk'];

		// The chunk: the last one (in hash order) whose smallest leaf is not above this leaf.
		$low  = 0;
		$high = count( $meta['directory'] ) - 1;
		$at   = -1;
		while ( $low <= $high ) {
			$mid = ( $low + $high ) >> 1;
			if ( strcmp( (string) hex2bin( $meta['directory'][ $mid ] ), $leaf ) <= 0 ) {
				$at  = $mid;
				$low = $mid + 1;
			} else {
				$high = $mid - 1;
			}
		}
		if ( $at < 0 ) {
			return null;
		}
		$chunk       = intdiv( 2 * $n - 2, $size ) - $at;
		[ $lo, $hi ] = $this->leaf_span( $n, $size, $chunk );
		$data        = $this->read( $tree, self::NODES, $chunk, ( $lo - $chunk * $size ) * 32, ( $hi - $lo + 1 ) * 32 );

		// Leaves in a chunk run down in hash order as the array index runs up.
		$low  = 0;
		$high = $hi - $lo;
		$t    = -1;
		while ( $low <= $high ) {
			$mid = ( $low + $high ) >> 1;
			$cmp = strcmp( substr( $data, $mid * 32, 32 ), $leaf );
			if ( 0 === $cmp ) {
				$t = $lo + $mid;
				break;
			}
			if ( $cmp > 0 ) {
				$low = $mid + 1;
			} else {
				$high = $mid - 1;
			}
		}
		if ( $t < 0 ) {
			return null;
		}
		$index = 2 * $n - 2 - $t;
		$proof = $this->nodes_at( $tree, $size, MerkleTree::path( $n, $index ) );
		if ( ! MerkleTree::verify( (string) hex2bin( substr( $meta['root'], 2 ) ), $leaf, $proof ) ) {
			throw new RuntimeException( sprintf( 'Census tree %d is damaged: a stored proof does not lead to its root.', $tree ) );
		}
		return array(
			'address' => $address,
			'leaf'    => '0x' . bin2hex( $leaf ),
			'index'   => $index,
			'proof'   => array_map( static fn( string $node ): string => '0x' . bin2hex( $node ), $proof ),
		);
	}

	/**
	 * Addresses in the tree's leaf order (hash order, as StandardMerkleTree lays them out).
	 *
	 * @since 0.3.0
	 * @return list<string>
	 */
	public function members( int $tree, int $offset, int $limit ): array {
		$meta = $this->meta( $tree );
		if ( null === $meta ) {
			return array();
		}
		$offset = max( 0, $offset );
		$end    = min( $meta['count'], $offset + max( 0, $limit ) );
		$out    = array();
		$size   = $meta['chunk'];
		$n      = $meta['count'];
		for ( $i = $offset; $i < $end; ) {
			// Leaf i sits at array index 2n - 2 - i; take the rest of its chunk, down to index lo.
			$t           = 2 * $n - 2 - $i;
			$chunk       = intdiv( $t, $size );
			[ $lo ]      = $this->leaf_span( $n, $size, $chunk );
			$first       = max( $lo, 2 * $n - 2 - ( $end - 1 ) );
			$data        = $this->read( $tree, self::ADDRESSES, $chunk, ( $first - $lo ) * 20, ( $t - $first + 1 ) * 20 );
			foreach ( array_reverse( str_split( $data, 20 ) ) as $raw ) {
				$out[] = '0x' . bin2hex( $raw );
			}
			$i += $t - $first + 1;
		}
		return $out;
	}

	/**
	 * Calls $fn( $address, $index ) for every member in leaf order, a chunk in memory at a time.
	 *
	 * @since 0.3.0
	 * @param callable(string, int): void $fn Receives 0x hex addresses.
	 */
	public function each_member( int $tree, callable $fn ): void {
		$meta = $this->meta( $tree );
		if ( null === $meta || 0 === $meta['count'] ) {
			return;
		}
		$n     = $meta['count'];
		$size  = $meta['chunk'];
		$index = 0;
		for ( $chunk = intdiv( 2 * $n - 2, $size ); $chunk >= intdiv( $n - 1, $size ); $chunk-- ) {
			$data = $this->read( $tree, self::ADDRESSES, $chunk, 0, 0 );
			for ( $at = strlen( $data ) - 20; $at >= 0; $at -= 20 ) {
				$fn( '0x' . bin2hex( substr( $data, $at, 20 ) ), $index++ );
			}
		}
	}

	/**
	 * Number of members of a finished tree (0 for an unknown one).
	 *
	 * @since 0.3.0
	 */
	public function count( int $tree ): int {
		return $this->meta( $tree )['count'] ?? 0;
	}

	/**
	 * Deletes a tree: a finished one that a newer tree superseded, or an abandoned build.
	 *
	 * @since 0.3.0
	 */
	public function drop( int $tree ): void {
		global $wpdb;
		$tables = Installer::tables();
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i WHERE tree = %d', $tables['census_nodes'], $tree ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i WHERE tree = %d', $tables['census_tree_members'], $tree ) );
		unset( $this->meta[ $tree ] );
	}

	/**
	 * A new tree: its id, and its member set fixed in one statement.
	 *
	 * @return array{tree:int, phase:string, count:int, cursor:string, chunk:int, directory:list<string>, buckets:list<int>, batches:int, done:bool, root:string, progress:array{done:int, total:int}}
	 */
	private function begin( MemberSet $members ): array {
		global $wpdb;
		$tables = Installer::tables();
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO %i (name, value) VALUES (%s, '0')", $tables['census_state'], self::SEQUENCE ) );
		if ( defined( 'DB_ENGINE' ) && 'sqlite' === DB_ENGINE ) {
			// SQLite (WordPress Playground, `npm start`) has no LAST_INSERT_ID( expr ): the sequence is
			// moved and read back in one transaction, which holds SQLite's single write lock.
			$wpdb->query( 'START TRANSACTION' );
			$wpdb->query( $wpdb->prepare( 'UPDATE %i SET value = value + 1 WHERE name = %s', $tables['census_state'], self::SEQUENCE ) );
			$tree = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT value FROM %i WHERE name = %s', $tables['census_state'], self::SEQUENCE ) );
			$wpdb->query( 'COMMIT' );
		} else {
			$wpdb->query( $wpdb->prepare( 'UPDATE %i SET value = LAST_INSERT_ID(value + 1) WHERE name = %s', $tables['census_state'], self::SEQUENCE ) );
			$tree = (int) $wpdb->get_var( 'SELECT LAST_INSERT_ID()' );
		}
		if ( $tree < 1 ) {
			throw new RuntimeException( 'No id for a new census tree: ' . $wpdb->last_error );
		}

		// The set is the one column of the member query; only well-formed addresses can be leaves.
		$copied = $wpdb->query(
			$wpdb->prepare( 'INSERT IGNORE INTO %i (tree, address) SELECT %d, m.address FROM (', $tables['census_tree_members'], $tree )
			. $members->sql()
			. ") AS m WHERE BINARY m.address REGEXP '^0x[0-9a-f]{40}$'"
		);
		if ( false === $copied ) {
			throw new RuntimeException( 'The census member set could not be read: ' . $wpdb->last_error );
		}
		$count = (int) $copied;
		$state = array(
			'tree'      => $tree,
			'phase'     => 'leaves',
			'count'     => $count,
			'cursor'    => '',
			'chunk'     => 0,
			'directory' => array(),
			'buckets'   => array_fill( 0, 256, 0 ),
			'batches'   => 0,
			'done'      => false,
			'root'      => '',
			'progress'  => array(
				'done'  => 0,
				'total' => 3 * $count,
			),
		);
		if ( 0 === $count ) {
			$this->save_meta( $state );
			$state['phase'] = 'clear';
		}
		return $state;
	}

	/**
	 * One batch of the set, in address order: computes and stores the leaves not yet known, and
	 * files every (leaf, address) of the batch under its leaf's first byte (kind BUCKET rows, one per
	 * bucket and batch), which sorts a million leaves in pieces small enough to sort in PHP.
	 *
	 * @param array<string, mixed> $state Build state.
	 * @return array<string, mixed>
	 */
	private function leaves( array $state ): array {
		global $wpdb;
		$tables = Installer::tables();
		// The address (42 characters) and, when known, its leaf (32 bytes) in one column.
		$rows = $wpdb->get_col(
			$wpdb->prepare(
				"SELECT CONCAT(m.address, IFNULL(l.leaf, '')) FROM %i m LEFT JOIN %i l ON l.address = m.address WHERE m.tree = %d AND m.address > %s ORDER BY m.address LIMIT %d",
				$tables['census_tree_members'],
				$tables['census_leaves'],
				$state['tree'],
				$state['cursor'],
				$this->batch
			)
		);
		if ( array() === $rows ) {
			if ( array_sum( $state['buckets'] ) !== $state['count'] ) {
				throw new RuntimeException( sprintf( 'Census tree %d: %d leaves filed where %d were expected.', $state['tree'], array_sum( $state['buckets'] ), $state['count'] ) );
			}
			$state['phase']  = 'sort';
			$state['cursor'] = '';
			$state['chunk']  = intdiv( 2 * $state['count'] - 2, $this->chunk );
			return $state;
		}
		$new     = array();
		$buckets = array();
		$word    = str_repeat( "\0", 12 );
		foreach ( $rows as $row ) {
			$address = substr( $row, 0, 42 );
			$raw     = (string) hex2bin( substr( $address, 2 ) );
			if ( 74 === strlen( $row ) ) {
				$leaf = substr( $row, 42 );
			} else {
				// MerkleTree::leaf() without its check: begin()'s REGEXP let only hex addresses in,
				// which also makes them safe to write into the statement.
				$leaf  = Keccak256::hash( Keccak256::hash( $word . $raw ) );
				$new[] = "('" . $address . "',X'" . bin2hex( $leaf ) . "')";
			}
			$buckets[ ord( $leaf[0] ) ][] = $leaf . $raw;
		}
		if ( array() !== $new ) {
			$this->write( $wpdb->prepare( 'INSERT IGNORE INTO %i (address, leaf) VALUES ', $tables['census_leaves'] ) . implode( ',', $new ) );
		}
		$values = array();
		foreach ( $buckets as $bucket => $records ) {
			$values[]                     = sprintf( "(%d, %d, %d, X'%s')", $state['tree'], self::BUCKET, $bucket << 22 | $state['batches'], bin2hex( implode( '', $records ) ) );
			$state['buckets'][ $bucket ] += count( $records );
		}
		$this->write( $wpdb->prepare( 'INSERT INTO %i (tree, kind, chunk, data) VALUES ', $tables['census_nodes'] ) . implode( ', ', $values ) . ' ON DUPLICATE KEY UPDATE data = VALUES(data)' );
		++$state['batches'];
		$state['cursor']            = substr( (string) end( $rows ), 0, 42 );
		$state['progress']['done'] += count( $rows );
		return $state;
	}

	/**
	 * One chunk of leaves in hash order (ranks from the bucket counts, the buckets it needs sorted
	 * in PHP): their nodes and their addresses. Chunks are filled from the last one down, as leaf i
	 * lives at array index 2n - 2 - i.
	 *
	 * @param array<string, mixed> $state Build state.
	 * @return array<string, mixed>
	 */
	private function sort( array $state ): array {
		$n           = $state['count'];
		$chunk       = $state['chunk'];
		[ $lo, $hi ] = $this->leaf_span( $n, $this->chunk, $chunk );
		$first       = 2 * $n - 2 - $hi;
		$last        = 2 * $n - 2 - $lo;

		$rows  = array();
		$start = 0;
		foreach ( $state['buckets'] as $bucket => $size ) {
			if ( $size > 0 && $start <= $last && $start + $size > $first ) {
				$sorted = $this->bucket( $state['tree'], $bucket, $size );
				$rows   = array_merge( $rows, array_slice( $sorted, max( 0, $first - $start ), min( $start + $size, $last + 1 ) - max( $start, $first ) ) );
			}
			$start += $size;
		}
		$want = $hi - $lo + 1;
		if ( count( $rows ) !== $want ) {
			throw new RuntimeException( sprintf( 'Census tree %d: %d leaves found where %d were expected.', $state['tree'], count( $rows ), $want ) );
		}
		$state['directory'][] = bin2hex( substr( $rows[0], 0, 32 ) );
		$nodes                = '';
		$addresses            = '';
		for ( $r = $want - 1; $r >= 0; $r-- ) {
			$nodes     .= substr( $rows[ $r ], 0, 32 );
			$addresses .= substr( $rows[ $r ], 32, 20 );
		}
		// Inner nodes share the first chunk of leaves; nodes() fills their place later.
		$nodes = str_repeat( "\0", ( $lo - $chunk * $this->chunk ) * 32 ) . $nodes;
		$this->put( $state['tree'], $chunk, array( self::NODES => $nodes, self::ADDRESSES => $addresses ) );
		$state['progress']['done'] += $want;
		if ( $chunk > intdiv( $n - 1, $this->chunk ) ) {
			$state['chunk'] = $chunk - 1;
		} else {
			$state['phase'] = 'nodes';
			$state['chunk'] = intdiv( $n - 2, $this->chunk );
		}
		return $state;
	}

	/**
	 * The records (leaf and address, 52 bytes) of one bucket, sorted; the last bucket read is kept,
	 * as neighbouring chunks share it.
	 *
	 * @return list<string>
	 */
	private function bucket( int $tree, int $bucket, int $size ): array {
		global $wpdb;
		if ( $this->sorted[0] !== "{$tree}:{$bucket}" ) {
			$pieces = $wpdb->get_col( $wpdb->prepare( 'SELECT data FROM %i WHERE tree = %d AND kind = %d AND chunk BETWEEN %d AND %d', Installer::tables()['census_nodes'], $tree, self::BUCKET, $bucket << 22, ( $bucket << 22 ) | 0x3fffff ) );
			$sorted = str_split( implode( '', $pieces ), 52 );
			sort( $sorted, SORT_STRING );
			$this->sorted = array( "{$tree}:{$bucket}", $sorted );
		}
		if ( count( $this->sorted[1] ) !== $size ) {
			throw new RuntimeException( sprintf( 'Census tree %d: bucket %d holds %d leaves where %d were filed.', $tree, $bucket, count( $this->sorted[1] ), $size ) );
		}
		return $this->sorted[1];
	}

	/**
	 * One chunk of inner nodes, hashed from the chunks of their children (2p, 2p + 1 and the first
	 * node of 2p + 2), last chunk first; then the root.
	 *
	 * @param array<string, mixed> $state Build state.
	 * @return array<string, mixed>
	 */
	private function nodes( array $state ): array {
		global $wpdb;
		$tables = Installer::tables();
		$n      = $state['count'];
		$chunk  = $state['chunk'];
		$size   = $this->chunk;
		if ( $n >= 2 && $chunk >= 0 ) {
			$loaded = array();
			foreach ( array( 2 * $chunk, 2 * $chunk + 1, 2 * $chunk + 2, $chunk ) as $c ) {
				if ( ! isset( $loaded[ $c ] ) && $c * $size <= 2 * $n - 2 ) {
					$loaded[ $c ] = $this->read( $state['tree'], self::NODES, $c, 0, 0 );
				}
			}
			$base  = $chunk * $size;
			$first = min( $base + $size, $n - 1 ) - 1;
			$own   = $loaded[ $chunk ] ?? '';
			$inner = array();
			for ( $j = $first; $j >= $base; $j-- ) {
				$nodes = array();
				foreach ( array( 2 * $j + 1, 2 * $j + 2 ) as $k ) {
					$c       = intdiv( $k, $size );
					$nodes[] = $c === $chunk && $k <= $first ? $inner[ $k - $base ] : substr( $loaded[ $c ], ( $k - $c * $size ) * 32, 32 );
				}
				$inner[ $j - $base ] = MerkleTree::pair( $nodes[0], $nodes[1] );
			}
			ksort( $inner );
			$data = implode( '', $inner ) . (string) substr( $own, ( $first + 1 - $base ) * 32 );
			$this->put( $state['tree'], $chunk, array( self::NODES => $data ) );
			$state['progress']['done'] += count( $inner );
			$state['chunk']             = $chunk - 1;
			if ( $chunk > 0 ) {
				return $state;
			}
		}
		$root = $this->read( $state['tree'], self::NODES, 0, 0, 32 );
		if ( 32 !== strlen( $root ) ) {
			throw new RuntimeException( sprintf( 'Census tree %d has no root row.', $state['tree'] ) );
		}
		$state['root']             = '0x' . bin2hex( $root );
		$state['progress']['done'] = $state['progress']['total'];
		$this->save_meta( $state );
		$state['phase'] = 'clear';
		return $state;
	}

	/**
	 * One batch of deleting the fixed member set (the leaf addresses now hold it) and the buckets.
	 *
	 * @param array<string, mixed> $state Build state.
	 * @return array<string, mixed>
	 */
	private function clear( array $state ): array {
		global $wpdb;
		$tables = Installer::tables();
		$wpdb->query( $wpdb->prepare( 'DELETE FROM %i WHERE tree = %d AND kind = %d', $tables['census_nodes'], $state['tree'], self::BUCKET ) );
		$deleted = $wpdb->query( $wpdb->prepare( 'DELETE FROM %i WHERE tree = %d LIMIT %d', $tables['census_tree_members'], $state['tree'], self::CLEAR_ROWS ) );
		if ( 0 === $deleted ) {
			$state['phase'] = 'done';
			$state['done']  = true;
		}
		return $state;
	}

	/**
	 * A state from the caller, if it can resume: of this version's shape, and with its rows still
	 * there (the fixed set stays until the last phase). Null when it cannot.
	 *
	 * @param array<string, mixed> $state Build state.
	 * @return array<string, mixed>|null
	 */
	private function resumable( array $state ): ?array {
		global $wpdb;
		foreach ( array( 'tree', 'phase', 'count', 'cursor', 'chunk', 'directory', 'buckets', 'batches', 'done', 'root', 'progress' ) as $key ) {
			if ( ! array_key_exists( $key, $state ) ) {
				return null;
			}
		}
		if ( true === $state['done'] || 'clear' === $state['phase'] ) {
			return $state;
		}
		if ( ! in_array( $state['phase'], array( 'leaves', 'sort', 'nodes' ), true ) || ! is_int( $state['tree'] ) || ! is_int( $state['count'] ) || $state['count'] < 1 ) {
			return null;
		}
		$fixed = $wpdb->get_var( $wpdb->prepare( 'SELECT 1 FROM %i WHERE tree = %d LIMIT 1', Installer::tables()['census_tree_members'], $state['tree'] ) );
		return null === $fixed ? null : $state;
	}

	/**
	 * Array indices [lo, hi] of the leaves stored in a chunk.
	 *
	 * @return array{0:int, 1:int}
	 */
	private function leaf_span( int $n, int $size, int $chunk ): array {
		return array( max( $chunk * $size, $n - 1 ), min( $chunk * $size + $size - 1, 2 * $n - 2 ) );
	}

	/**
	 * Nodes at array indices, in one query (one row per chunk they fall in).
	 *
	 * @param list<int> $indices Array indices.
	 * @return list<string> Raw nodes, in the order of $indices.
	 */
	private function nodes_at( int $tree, int $size, array $indices ): array {
		global $wpdb;
		if ( array() === $indices ) {
			return array();
		}
		$table  = Installer::tables()['census_nodes'];
		$chunks = array();
		foreach ( $indices as $j ) {
			$chunks[ intdiv( $j, $size ) ][] = $j;
		}
		$parts = array();
		foreach ( $chunks as $c => $members ) {
			$pieces  = implode( ', ', array_map( static fn( int $j ): string => sprintf( 'SUBSTRING(data, %d, 32)', ( $j - $c * $size ) * 32 + 1 ), $members ) );
			$parts[] = $wpdb->prepare( "SELECT %d AS chunk, CONCAT({$pieces}) AS nodes FROM %i WHERE tree = %d AND kind = %d AND chunk = %d", $c, $table, $tree, self::NODES, $c );
		}
		$found = array();
		foreach ( (array) $wpdb->get_results( implode( ' UNION ALL ', $parts ), ARRAY_N ) as [ $c, $data ] ) {
			foreach ( $chunks[ (int) $c ] as $k => $j ) {
				$found[ $j ] = substr( (string) $data, $k * 32, 32 );
			}
		}
		$out = array();
		foreach ( $indices as $j ) {
			if ( ! isset( $found[ $j ] ) || 32 !== strlen( $found[ $j ] ) ) {
				throw new RuntimeException( sprintf( 'Census tree %d is missing node %d.', $tree, $j ) );
			}
			$out[] = $found[ $j ];
		}
		return $out;
	}

	/**
	 * Bytes of a stored chunk ($length 0: to its end).
	 */
	private function read( int $tree, int $kind, int $chunk, int $offset, int $length ): string {
		global $wpdb;
		$table = Installer::tables()['census_nodes'];
		$data  = 0 === $offset && 0 === $length
			? $wpdb->get_var( $wpdb->prepare( 'SELECT data FROM %i WHERE tree = %d AND kind = %d AND chunk = %d', $table, $tree, $kind, $chunk ) )
			: $wpdb->get_var( $wpdb->prepare( 'SELECT SUBSTRING(data, %d, %d) FROM %i WHERE tree = %d AND kind = %d AND chunk = %d', $offset + 1, $length, $table, $tree, $kind, $chunk ) );
		return (string) $data;
	}

	/**
	 * Stores chunk rows of a tree (kind => bytes), as hex literals: the query itself is prepared
	 * without them, as a megabyte through prepare() would only cost time.
	 *
	 * @param array<int, string> $rows Kind => bytes.
	 */
	private function put( int $tree, int $chunk, array $rows ): void {
		global $wpdb;
		$values = array();
		foreach ( $rows as $kind => $bytes ) {
			$values[] = sprintf( "(%d, %d, %d, X'%s')", $tree, $kind, $chunk, bin2hex( $bytes ) );
		}
		$this->write( $wpdb->prepare( 'INSERT INTO %i (tree, kind, chunk, data) VALUES ', Installer::tables()['census_nodes'] ) . implode( ', ', $values ) . ' ON DUPLICATE KEY UPDATE data = VALUES(data)' );
	}

	/**
	 * Runs a write whose values were encoded above (hex literals, checked addresses).
	 */
	private function write( string $sql ): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Prepared by the caller; the rest is hex.
		if ( false === $wpdb->query( $sql ) ) {
			throw new RuntimeException( 'A census tree write failed: ' . $wpdb->last_error );
		}
	}

	/**
	 * Stores the description of a finished tree.
	 *
	 * @param array<string, mixed> $state Build state.
	 */
	private function save_meta( array $state ): void {
		global $wpdb;
		$meta = array(
			'count'     => $state['count'],
			'root'      => $state['root'],
			'chunk'     => $this->chunk,
			'directory' => $state['directory'],
		);
		$this->write(
			$wpdb->prepare(
				'INSERT INTO %i (tree, kind, chunk, data) VALUES (%d, %d, 0, %s) ON DUPLICATE KEY UPDATE data = VALUES(data)',
				Installer::tables()['census_nodes'],
				$state['tree'],
				self::META,
				(string) wp_json_encode( $meta )
			)
		);
		$this->meta[ (int) $state['tree'] ] = $meta;
	}

	/**
	 * The description of a finished tree, or null.
	 *
	 * @return array{count:int, root:string, chunk:int, directory:list<string>}|null
	 */
	private function meta( int $tree ): ?array {
		if ( ! isset( $this->meta[ $tree ] ) ) {
			$meta = json_decode( $this->read( $tree, self::META, 0, 0, 0 ), true );
			if ( ! is_array( $meta ) || ! isset( $meta['count'], $meta['root'], $meta['chunk'], $meta['directory'] ) ) {
				return null;
			}
			$this->meta[ $tree ] = $meta;
		}
		return $this->meta[ $tree ];
	}
}
