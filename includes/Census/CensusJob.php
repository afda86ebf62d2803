<?php
/**
 * The census sync as a resumable state machine: scan, tree, snapshot.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Transport;
use SovereignPress\Storage\Installer;

/**
 * Every runner (WP-Cron, WP-CLI, the admin's Sync button) calls run() with a time budget; it does
 * what fits and stores where it stands, so the next run, by any runner, goes on from there.
 *
 * A sync fixes a target block on each chain when it begins (head − confirmations) and scans every
 * token on that chain to exactly that block; the member set, the tree and the treasury are all
 * taken at those blocks, and the snapshot names them. One runner at a time holds the Lease; the
 * others get the progress with busy = true. A failed slice keeps its checkpoint: the error is
 * shown in the progress and the next run tries again.
 *
 * @phpstan-type Progress array{phase:string, busy:bool, scanned:int, total:int, tree:array{done:int, total:int}|null, error:string|null, snapshot:int|null, latest:array{block:int, population:int, day:string}|null, updatedAt:string}
 *
 * @since 0.3.0
 */
final class CensusJob {

	/** The census_state row of the job. */
	private const STATE = 'job';

	/** Seconds a WP-Cron run may work. */
	public const CRON_SECONDS = 20.0;

	/** Seconds an RPC call of the sync may take. */
	public const RPC_TIMEOUT = 15.0;

	/** Days of the economy figures. */
	public const ECONOMY_DAYS = 30;

	/**
	 * @param \Closure(): array<string, mixed>                   $census    The census settings.
	 * @param \Closure(int): ?Transport                          $transport The node of a chain (null when none is configured).
	 * @param Store                                              $store     The indexer's tables.
	 * @param Lease                                              $lease     One runner at a time.
	 * @param Snapshots                                          $snapshots The daily snapshots.
	 * @param TreeBuilder|null                                   $tree      The Merkle tree builder (null: no root is computed).
	 * @param (\Closure(array<string, mixed>, array<int, int>): array<string, mixed>)|null $treasury Treasury figures at the blocks.
	 * @param (\Closure(RpcException): string)|null                $explain  A node failure as a sentence for the admin (its message when null).
	 */
	public function __construct(
		private \Closure $census,
		private \Closure $transport,
		private Store $store,
		private Lease $lease,
		private Snapshots $snapshots,
		private ?TreeBuilder $tree = null,
		private ?\Closure $treasury = null,
		private ?\Closure $explain = null
	) {}

	/**
	 * Works for up to $seconds, then returns where the sync stands.
	 *
	 * $until caps the target block on every chain of a sync that begins: its snapshot is the
	 * census as of that block (or of head − confirmations, when that is earlier). A sync under way
	 * to later blocks is begun again to it; tokens already counted past it are counted back.
	 *
	 * @since 0.3.0
	 *
	 * @param float    $seconds Time budget.
	 * @param int|null $until   Last block to count on each chain (null: the confirmed head).
	 * @return Progress
	 */
	public function run( float $seconds, ?int $until = null ): array {
		$deadline = microtime( true ) + $seconds;
		$owner    = bin2hex( random_bytes( 8 ) );
		if ( ! $this->lease->acquire( $owner, (int) ceil( $seconds ) + 60 ) ) {
			return array( 'busy' => true ) + $this->progress();
		}
		$state = $this->state();
		try {
			$state['error'] = null;
			$this->work( $state, $deadline, null === $until ? null : max( 0, $until ) );
		} catch ( RpcException $error ) {
			$state['error'] = sprintf(
				/* translators: %s: what the node answered, such as "The node did not answer in time." */
				__( 'The census sync stopped at a network error and will go on from the same block: %s', 'sovereign-press' ),
				null === $this->explain ? $error->getMessage() : ( $this->explain )( $error )
			);
		} catch ( \RuntimeException $error ) {
			// A database refusal: the slice's transaction was rolled back, its checkpoint kept.
			$state['error'] = sprintf(
				/* translators: %s: the database's message. */
				__( 'The census sync stopped at a database error and will go on from the same block: %s', 'sovereign-press' ),
				$error->getMessage()
			);
		} finally {
			$state['updatedAt'] = gmdate( 'c' );
			$this->save( $state );
			$this->lease->release( $owner );
		}
		return $this->progress();
	}

	/**
	 * Where the sync stands: the phase, blocks scanned of the total of this sync, the tree's
	 * progress, the last error and the latest snapshot.
	 *
	 * @since 0.3.0
	 *
	 * @return Progress
	 */
	public function progress(): array {
		$state = $this->state();
		[ $scanned, $total ] = 'scan' === $state['phase'] ? $this->blocks( $state ) : array( $state['scanned'], $state['total'] );
		$tree                = is_array( $state['tree'] ) && isset( $state['tree']['progress'] ) ? $state['tree']['progress'] : null;
		return array(
			'phase'     => $state['phase'],
			'busy'      => '' !== $this->lease->owner(),
			'scanned'   => $scanned,
			'total'     => $total,
			'tree'      => 'tree' === $state['phase'] && is_array( $tree ) ? array(
				'done'  => (int) ( $tree['done'] ?? 0 ),
				'total' => (int) ( $tree['total'] ?? 0 ),
			) : null,
			'error'     => $state['error'],
			'snapshot'  => $state['snapshot'],
			'latest'    => self::latest( $this->snapshots->latest() ),
			'updatedAt' => $state['updatedAt'],
		);
	}

	/**
	 * What the latest snapshot says, for a person: its day, block and population.
	 *
	 * @param array<string, mixed>|null $snapshot Snapshots row.
	 * @return array{block:int, population:int, day:string}|null
	 */
	private static function latest( ?array $snapshot ): ?array {
		return null === $snapshot ? null : array(
			'block'      => (int) $snapshot['block_number'],
			'population' => (int) $snapshot['population'],
			'day'        => (string) $snapshot['day'],
		);
	}

	/**
	 * The phases, in order, until the deadline or the snapshot.
	 *
	 * @param array<string, mixed> $state Job state, updated as the phases go (kept when a node fails).
	 * @param int|null             $until Cap of the target blocks of a sync that begins.
	 * @throws RpcException When a node fails.
	 */
	private function work( array &$state, float $deadline, ?int $until ): void {
		$census = $this->census();
		if ( null !== $until && 'idle' !== $state['phase'] && max( array_merge( array( 0 ), array_column( $state['targets'], 'block' ) ) ) > $until ) {
			// A sync under way to later blocks: its half-built tree goes, and it begins again.
			$this->discard( $state['tree'], $state['built'] );
			$state['phase'] = 'idle';
		}
		if ( 'idle' === $state['phase'] ) {
			$state = $this->begin( $state, $census, $until );
			if ( 'idle' === $state['phase'] ) {
				return;
			}
		}
		if ( 'scan' === $state['phase'] ) {
			foreach ( self::tokens( $census ) as $token ) {
				$target = $state['targets'][ (string) $token['chainId'] ]['block'] ?? null;
				$rpc    = ( $this->transport )( (int) $token['chainId'] );
				if ( null === $target || null === $rpc ) {
					continue;
				}
				$scan             = ( new Indexer( $this->store, (string) $census['economyToken'] ) )->scan( $token, $rpc, $deadline, (int) $target );
				$state['changed'] = $state['changed'] || $scan['logs'] > 0 || $scan['reorgs'] > 0;
				if ( ! $scan['done'] ) {
					return;
				}
			}
			[ $state['scanned'], $state['total'] ] = $this->blocks( $state );
			$state['phase']                        = 'tree';
			$state['tree']                         = null;
		}
		if ( 'tree' === $state['phase'] ) {
			if ( null !== $this->tree ) {
				$state['tree'] = null === $state['tree'] && $this->unchanged( $state, $census )
					? $state['built'] + array( 'done' => true )
					: $this->tree->step( $state['tree'], $deadline, $this->store->member_set( true === $census['linkedOnly'], self::excluded( $census ) ) );
				if ( true !== $state['tree']['done'] ) {
					return;
				}
			}
			$state['phase'] = 'snapshot';
		}
		if ( 'snapshot' === $state['phase'] ) {
			$state['snapshot'] = $this->snapshot( $state, $census );
			$state['built']    = is_array( $state['tree'] ) ? array(
				'tree'   => (int) $state['tree']['tree'],
				'root'   => (string) $state['tree']['root'],
				'count'  => (int) $state['tree']['count'],
				'config' => $state['config'],
			) : null;
			$state['phase']    = 'idle';
			$state['tree']     = null;
		}
	}

	/**
	 * Whether the last tree still holds: no transfer or reorg since, the same tokens and rules, and
	 * no dependence on the site's linked wallets (which change without the chain). Then the sync
	 * reuses it instead of building the same tree again.
	 *
	 * @param array<string, mixed> $state  Job state.
	 * @param array<string, mixed> $census Census settings.
	 */
	private function unchanged( array $state, array $census ): bool {
		$built = $state['built'];
		return null !== $this->tree && ! $state['changed'] && true !== $census['linkedOnly'] && is_array( $built )
			&& $built['config'] === $state['config'] && $this->tree->count( (int) $built['tree'] ) === (int) $built['count'];
	}

	/**
	 * A new sync: the configured tokens only, and a target block fixed on each of their chains
	 * and of the treasury's (head − confirmations, at most $until).
	 *
	 * @param array<string, mixed> $state  Job state.
	 * @param array<string, mixed> $census Census settings.
	 * @param int|null             $until  Cap of the target blocks.
	 * @return array<string, mixed>
	 * @throws RpcException When a node fails.
	 */
	private function begin( array $state, array $census, ?int $until ): array {
		$tokens = self::tokens( $census );
		$this->store->forget_others( array_values( array_map( static fn ( array $token ): string => (string) $token['id'], $tokens ) ) );
		$chains = array_unique( array_merge( array_column( $tokens, 'chainId' ), array_column( (array) ( $census['assets'] ?? array() ), 'chainId' ) ) );
		if ( array() === $tokens ) {
			return $state;
		}
		$targets = array();
		foreach ( $chains as $chain_id ) {
			$rpc = ( $this->transport )( (int) $chain_id );
			if ( null === $rpc ) {
				continue;
			}
			$head   = Hex::quantity_to_int( $rpc->call( 'eth_blockNumber' ) );
			$block  = min( max( 0, $head - Confirmations::for_chain( $census, (int) $chain_id ) ), $until ?? PHP_INT_MAX );
			$header = $rpc->call( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $block ), false ) );
			if ( ! is_array( $header ) || ! is_string( $header['hash'] ?? null ) ) {
				throw new \SovereignPress\Chain\Exception\RpcInvalidResponse( 'The node did not give the target block.' );
			}
			$targets[ (string) $chain_id ] = array(
				'chainId' => (int) $chain_id,
				'block'   => $block,
				'hash'    => strtolower( $header['hash'] ),
				'time'    => Hex::quantity_to_int( $header['timestamp'] ?? '0x0' ),
			);
		}
		$state['targets'] = $targets;
		$state['config']  = hash( 'sha256', (string) wp_json_encode( array( $tokens, $census['linkedOnly'], self::excluded( $census ) ) ) );
		$state['phase']   = 'scan';
		$state['changed'] = false;
		$state['tree']    = null;
		return $state;
	}

	/**
	 * Writes the snapshot of the main block's UTC day from the scanned store, the tree and the
	 * treasury, and drops the trees no longer served: the one of the snapshot it replaces, the
	 * previous latest's when it is the latest now, its own when a later day's snapshot is.
	 *
	 * @param array<string, mixed> $state  Job state.
	 * @param array<string, mixed> $census Census settings.
	 */
	private function snapshot( array $state, array $census ): int {
		$tokens  = self::tokens( $census );
		$targets = $state['targets'];
		$primary = $targets[ (string) ( $tokens[0]['chainId'] ?? '' ) ] ?? reset( $targets );
		$members = $this->store->member_set( true === $census['linkedOnly'], self::excluded( $census ) );
		$tree    = is_array( $state['tree'] ) ? $state['tree'] : array();
		$blocks  = array();
		foreach ( $targets as $target ) {
			$blocks[ (int) $target['chainId'] ] = (int) $target['block'];
		}
		$sources = array();
		foreach ( $tokens as $token ) {
			$row       = $this->store->source( (string) $token['id'] );
			$sources[] = array(
				'id'         => $token['id'],
				'name'       => $token['name'],
				'chainId'    => (int) $token['chainId'],
				'standard'   => $token['standard'],
				'address'    => $token['address'],
				'tokenId'    => $token['tokenId'],
				'membership' => true === $token['membership'],
				'block'      => $blocks[ (int) $token['chainId'] ] ?? 0,
				// What a recount needs: the minimum in base units the indexer applied ('' when
				// the token does not count toward the population) and the ERC-20's decimals.
				'threshold'  => '' === (string) ( $row['threshold'] ?? '' ) ? '' : Store::unpad( (string) $row['threshold'] ),
				'decimals'   => (int) ( $row['decimals'] ?? 0 ),
			) + $this->store->counts( (string) $token['id'] );
		}
		$economy = null;
		if ( '' !== $census['economyToken'] ) {
			$economy = array(
				'token'    => $census['economyToken'],
				'symbol'   => $this->economy_symbol( $census, $targets ),
				'days'     => self::ECONOMY_DAYS,
				'decimals' => (int) ( $this->store->source( (string) $census['economyToken'] )['decimals'] ?? 0 ),
			) + $this->store->economy( (string) $census['economyToken'], self::ECONOMY_DAYS, (int) ( $primary['time'] ?? time() ) );
		}
		$time     = (int) ( $primary['time'] ?? 0 );
		$previous = array( $this->snapshots->latest(), $this->snapshots->of_day( gmdate( 'Y-m-d', $time ) ) );
		$id       = $this->snapshots->save(
			array(
				'chain_id'     => (int) ( $primary['chainId'] ?? 0 ),
				'block_number' => (int) ( $primary['block'] ?? 0 ),
				'block_hash'   => (string) ( $primary['hash'] ?? '' ),
				'block_time'   => gmdate( 'Y-m-d H:i:s', $time ),
				'population'   => isset( $tree['count'] ) ? (int) $tree['count'] : $this->store->count( $members ),
				'root'         => (string) ( $tree['root'] ?? '' ),
				'tree'         => (int) ( $tree['tree'] ?? 0 ),
				'blocks'       => array_values( $targets ),
				'sources'      => $sources,
				'treasury'     => ( null === $this->treasury ? array() : ( $this->treasury )( $census, $blocks ) ) + array( 'excluded' => self::excluded( $census ) ),
				'economy'      => $economy,
			)
		);
		if ( null !== $this->tree ) {
			$served = (int) ( $this->snapshots->latest()['tree'] ?? 0 );
			$trees  = array_merge( array( (int) ( $tree['tree'] ?? 0 ) ), array_map( static fn( ?array $row ): int => (int) ( $row['tree'] ?? 0 ), $previous ) );
			foreach ( array_unique( $trees ) as $old ) {
				if ( $old > 0 && $old !== $served ) {
					$this->tree->drop( $old );
				}
			}
		}
		return $id;
	}

	/**
	 * Drops the tree of a sync that is given up, unless a snapshot may serve it (the built tree
	 * that a sync reuses is the latest snapshot's).
	 *
	 * @param array<string, mixed>|null $tree  TreeBuilder state of the sync.
	 * @param array<string, mixed>|null $built The last tree built.
	 */
	private function discard( ?array $tree, ?array $built ): void {
		$id = (int) ( $tree['tree'] ?? 0 );
		if ( null !== $this->tree && $id > 0 && $id !== (int) ( $built['tree'] ?? 0 ) && $id !== (int) ( $this->snapshots->latest()['tree'] ?? 0 ) ) {
			$this->tree->drop( $id );
		}
	}

	/**
	 * The treasury's addresses, lowercase: a society's own funds are not a member, even when they
	 * hold a membership token (a treasury usually holds the society's ERC-20).
	 *
	 * @param array<string, mixed> $census Census settings.
	 * @return list<string>
	 */
	private static function excluded( array $census ): array {
		$addresses = array();
		foreach ( (array) ( $census['treasury'] ?? array() ) as $holder ) {
			$addresses[] = strtolower( (string) ( $holder['address'] ?? '' ) );
		}
		sort( $addresses );
		return array_values( array_unique( $addresses ) );
	}

	/**
	 * The economy token's symbol() at the snapshot's block, so its figures read "1,200 SVOTE";
	 * '' when the contract has none or the node fails (the figures then use the token's name).
	 *
	 * @param array<string, mixed> $census  Census settings.
	 * @param array<string, mixed> $targets The sync's target block per chain.
	 */
	private function economy_symbol( array $census, array $targets ): string {
		foreach ( self::tokens( $census ) as $token ) {
			if ( $token['id'] !== $census['economyToken'] ) {
				continue;
			}
			$rpc   = ( $this->transport )( (int) $token['chainId'] );
			$block = $targets[ (string) $token['chainId'] ]['block'] ?? null;
			if ( null === $rpc || null === $block ) {
				return '';
			}
			try {
				$answer = $rpc->call( 'eth_call', array( array( 'to' => (string) $token['address'], 'data' => '0x' . bin2hex( Abi::selector( 'symbol()' ) ) ), Hex::int_to_quantity( (int) $block ) ) );
				return Treasury::symbol( array( 'success' => true, 'data' => Abi::hex_to_bytes( is_string( $answer ) ? $answer : '' ) ) );
			} catch ( RpcException | \InvalidArgumentException ) {
				return '';
			}
		}
		return '';
	}

	/**
	 * Blocks scanned of the total of the sync, over every token.
	 *
	 * @param array<string, mixed> $state Job state.
	 * @return array{0:int, 1:int}
	 */
	private function blocks( array $state ): array {
		$scanned = 0;
		$total   = 0;
		foreach ( self::tokens( $this->census() ) as $token ) {
			$target = $state['targets'][ (string) $token['chainId'] ]['block'] ?? null;
			if ( null === $target ) {
				continue;
			}
			$start    = (int) $token['startBlock'];
			$row      = $this->store->source( (string) $token['id'] );
			$next     = null !== $row && Store::fingerprint( $token ) === $row['fingerprint'] ? $row['next_block'] : $start;
			$total   += max( 0, $target - $start + 1 );
			$scanned += max( 0, min( $next, $target + 1 ) - $start );
		}
		return array( $scanned, $total );
	}

	/**
	 * The census settings, with every key.
	 *
	 * @return array<string, mixed>
	 */
	private function census(): array {
		return ( $this->census )() + array(
			'tokens'       => array(),
			'economyToken' => '',
			'linkedOnly'   => false,
			'assets'       => array(),
		);
	}

	/**
	 * The tokens of the census settings.
	 *
	 * @param array<string, mixed> $census Census settings.
	 * @return list<array<string, mixed>>
	 */
	private static function tokens( array $census ): array {
		return array_values( array_filter( (array) ( $census['tokens'] ?? array() ), 'is_array' ) );
	}

	/**
	 * The stored job state.
	 *
	 * @return array<string, mixed>
	 */
	private function state(): array {
		global $wpdb;
		$value = $wpdb->get_var( $wpdb->prepare( 'SELECT value FROM %i WHERE name = %s', Installer::tables()['census_state'], self::STATE ) );
		$state = is_string( $value ) ? json_decode( $value, true ) : null;
		return ( is_array( $state ) ? $state : array() ) + array(
			'phase'     => 'idle',
			'targets'   => array(),
			'config'    => '',
			'changed'   => false,
			'tree'      => null,
			'built'     => null,
			'scanned'   => 0,
			'total'     => 0,
			'error'     => null,
			'snapshot'  => null,
			'updatedAt' => '',
		);
	}

	/**
	 * @param array<string, mixed> $state Job state.
	 */
	private function save( array $state ): void {
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare(
				"INSERT INTO %i (name, owner, lease_until, value) VALUES (%s, '', NULL, %s) ON DUPLICATE KEY UPDATE value = VALUES(value)",
				Installer::tables()['census_state'],
				self::STATE,
				(string) wp_json_encode( $state )
			)
		);
	}
}
