<?php
/**
 * The census as the site publishes it: the REST routes and the Census block read it here.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Chain\Networks;
use SovereignPress\Gating\Amount;
use SovereignPress\Settings\Settings;
use SovereignPress\Storage\Cache;
use SovereignPress\Storage\Installer;

/**
 * Turns the latest snapshot (Snapshots) and its Merkle tree (TreeBuilder) into the public figures:
 * what a skeptic needs to recount them (each membership token's chain, address, standard, id,
 * threshold in base units and start block; the snapshot's block per chain and its hash; the root),
 * the treasury and economy as the indexer read them, and the declared figures, labelled apart.
 *
 * The figures and the history are cached under the snapshot's key (its id, time and root), so
 * a new snapshot, or a later sync the same day, is never answered from an older one; saving the
 * settings starts a new cache generation (Storage\Cache), which covers the tokens, declared figures
 * and explorers published beside the snapshot. Member pages and proofs are read from the tree
 * each time (a few indexed reads): a visitor chooses the address or the page, and a cache entry
 * per choice would let anyone fill the options table (or the object cache) at will.
 *
 * @phpstan-type Point array{day:string, block:int, population:int, root:string}
 *
 * @since 0.3.0
 */
final class Report {

	/** Seconds a derived answer is kept; a new snapshot changes the key long before. */
	public const TTL = DAY_IN_SECONDS;

	/** The longest history published (GET /census/history?days). */
	public const HISTORY_DAYS = 3660;

	/** Days of economy figures, as the indexer counts them. */
	public const ECONOMY_DAYS = 30;

	public function __construct(
		private Snapshots $snapshots,
		private TreeBuilder $trees,
		private Settings $settings,
		private Networks $networks,
		private Cache $cache
	) {}

	/**
	 * The latest snapshot's row, or null before the first sync.
	 *
	 * @since 0.3.0
	 *
	 * @return array<string, mixed>|null
	 */
	public function latest(): ?array {
		return $this->snapshots->latest();
	}

	/**
	 * Whether the member list and proofs are public (the census settings' publicMembers).
	 *
	 * @since 0.3.0
	 */
	public function public_members(): bool {
		return (bool) ( $this->census_settings()['publicMembers'] ?? true );
	}

	/**
	 * A short, stable name of a snapshot, for cache keys and HTTP validators.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed> $snapshot A snapshot row.
	 */
	public static function key( array $snapshot ): string {
		return substr( md5( $snapshot['id'] . '|' . $snapshot['taken_at'] . '|' . $snapshot['block_hash'] . '|' . $snapshot['root'] ), 0, 16 );
	}

	/**
	 * The figures of the latest snapshot (GET /census), or null before the first sync.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed>|null $snapshot The latest snapshot, when the caller has it.
	 * @return array<string, mixed>|null
	 */
	public function current( ?array $snapshot = null ): ?array {
		$snapshot ??= $this->latest();
		if ( null === $snapshot ) {
			return null;
		}
		$key    = 'current_' . self::key( $snapshot );
		$cached = $this->cache->get( $key );
		if ( null !== $cached ) {
			return $cached;
		}
		$census  = $this->census_settings();
		$blocks  = $this->blocks( $snapshot );
		$figures = array(
			'snapshot'      => array(
				'id'      => (int) $snapshot['id'],
				'day'     => (string) $snapshot['day'],
				'takenAt' => self::iso( (string) $snapshot['taken_at'] ),
			) + $this->main_block( $snapshot ),
			'blocks'        => $blocks,
			'population'    => (int) $snapshot['population'],
			'root'          => (string) $snapshot['root'],
			'tree'          => array(
				'format'       => 'openzeppelin-standard-merkle-tree',
				'leafEncoding' => array( 'address' ),
				'count'        => (int) $snapshot['population'],
			),
			'tokens'        => $this->tokens( $snapshot, $blocks ),
			'excluded'      => array_values( array_map( 'strval', (array) ( $snapshot['treasury']['excluded'] ?? array() ) ) ),
			'linkedOnly'    => (bool) ( $census['linkedOnly'] ?? false ),
			'publicMembers' => (bool) ( $census['publicMembers'] ?? true ),
			'treasury'      => $this->treasury( $snapshot, $census ),
			'economy'       => $this->economy( $snapshot, $census ),
			'declared'      => array_values(
				array_map(
					static fn( array $figure ): array => array(
						'label' => (string) ( $figure['label'] ?? '' ),
						'value' => (string) ( $figure['value'] ?? '' ),
						'note'  => (string) ( $figure['note'] ?? '' ),
					),
					(array) ( $census['declared'] ?? array() )
				)
			),
		);
		$this->cache->set( $key, $figures );
		return $figures;
	}

	/**
	 * Daily points of the last $days days, oldest first (GET /census/history, the growth chart).
	 * One cache entry per snapshot holds the longest history asked for; shorter ones are cut from
	 * it, so the number of days a visitor asks for never makes an entry of its own.
	 *
	 * @since 0.3.0
	 *
	 * @param int                       $days   How many days back, today included (at most HISTORY_DAYS).
	 * @param array<string, mixed>|null $latest The latest snapshot, when the caller has it.
	 * @return list<Point>
	 */
	public function history( int $days, ?array $latest = null ): array {
		$snapshot = $latest ?? $this->latest();
		// The snapshots' version too: a sync capped at a past block adds a point but not a latest.
		$key      = 'history_' . ( null === $snapshot ? 'none' : self::key( $snapshot ) . '_' . $this->snapshots->version() );
		$points   = $this->cache->get( $key );
		if ( null === $points ) {
			$points = array();
			foreach ( $this->snapshots->history( self::HISTORY_DAYS ) as $row ) {
				$points[] = array(
					'day'        => (string) $row['day'],
					'block'      => (int) $row['block_number'],
					'population' => (int) $row['population'],
					'root'       => (string) $row['root'],
				);
			}
			$this->cache->set( $key, $points );
		}
		$since = gmdate( 'Y-m-d', time() - ( max( 1, min( self::HISTORY_DAYS, $days ) ) - 1 ) * DAY_IN_SECONDS );
		return array_values( array_filter( $points, static fn( array $point ): bool => $point['day'] >= $since ) );
	}

	/**
	 * Addresses of the snapshot's tree in its leaf order, from $offset.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed> $snapshot A snapshot row.
	 * @return list<string>
	 */
	public function members( array $snapshot, int $offset, int $limit ): array {
		if ( (int) $snapshot['tree'] <= 0 || (int) $snapshot['population'] <= 0 ) {
			return array();
		}
		return array_values( $this->trees->members( (int) $snapshot['tree'], $offset, $limit ) );
	}

	/**
	 * Streams every member of the snapshot's tree, in leaf order, to $fn (the CSV export).
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed>    $snapshot A snapshot row.
	 * @param callable(string): void $fn       Called with each address.
	 */
	public function each_member( array $snapshot, callable $fn ): void {
		if ( (int) $snapshot['tree'] > 0 && (int) $snapshot['population'] > 0 ) {
			$this->trees->each_member( (int) $snapshot['tree'], $fn );
		}
	}

	/**
	 * A member's Merkle proof in the snapshot's tree, or null for an address that is not a member.
	 * Not cached: see the class.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed> $snapshot A snapshot row.
	 * @param string               $address  Lowercase 0x address.
	 * @return array{address:string, leaf:string, index:int, proof:list<string>}|null
	 */
	public function proof( array $snapshot, string $address ): ?array {
		if ( (int) $snapshot['tree'] <= 0 || (int) $snapshot['population'] <= 0 ) {
			return null;
		}
		return $this->trees->proof( (int) $snapshot['tree'], $address );
	}

	/**
	 * The census section of the settings.
	 *
	 * @return array<string, mixed>
	 */
	private function census_settings(): array {
		return $this->settings->census();
	}

	/**
	 * The snapshot's block on its main chain.
	 *
	 * @param array<string, mixed> $snapshot Snapshots row.
	 * @return array{chainId:int, network:string, block:int, hash:string, time:string, explorer:string}
	 */
	private function main_block( array $snapshot ): array {
		return $this->block( (int) $snapshot['chain_id'], (int) $snapshot['block_number'], (string) $snapshot['block_hash'], self::iso( (string) $snapshot['block_time'] ) );
	}

	/**
	 * One counted block as published: its chain, number, hash, time and explorer link.
	 *
	 * @return array{chainId:int, network:string, block:int, hash:string, time:string, explorer:string}
	 */
	private function block( int $chain_id, int $number, string $hash, string $time ): array {
		return array(
			'chainId'  => $chain_id,
			'network'  => $this->network_name( $chain_id ),
			'block'    => $number,
			'hash'     => $hash,
			'time'     => $time,
			'explorer' => $this->explorer_link( $chain_id, $hash ),
		);
	}

	/**
	 * The snapshot's block on each chain it counted: number, hash, time and explorer link.
	 *
	 * @param array<string, mixed> $snapshot A snapshot row.
	 * @return list<array{chainId:int, network:string, block:int, hash:string, time:string, explorer:string}>
	 */
	private function blocks( array $snapshot ): array {
		$blocks = array();
		foreach ( (array) ( $snapshot['blocks'] ?? array() ) as $block ) {
			if ( is_array( $block ) ) {
				$blocks[] = $this->block( (int) ( $block['chainId'] ?? 0 ), (int) ( $block['block'] ?? 0 ), (string) ( $block['hash'] ?? '' ), gmdate( 'Y-m-d\\TH:i:s\\Z', (int) ( $block['time'] ?? 0 ) ) );
			}
		}
		if ( array() === $blocks ) {
			$blocks[] = $this->main_block( $snapshot );
		}
		return $blocks;
	}

	/**
	 * The configured tokens, with what a recount needs: the threshold in base units (the one the
	 * indexer applied) and the block the snapshot counted to on the token's chain.
	 *
	 * @param array<string, mixed>                        $snapshot A snapshot row.
	 * @param list<array{chainId:int, block:int}>         $blocks   The snapshot's blocks.
	 * @return list<array<string, mixed>>
	 */
	private function tokens( array $snapshot, array $blocks ): array {
		$indexed = $this->indexed_sources();
		$counted = array();
		foreach ( (array) ( $snapshot['sources'] ?? array() ) as $key => $source ) {
			if ( is_array( $source ) ) {
				$counted[ (string) ( $source['id'] ?? $source['source'] ?? $key ) ] = $source;
			}
		}
		$at = array_column( $blocks, 'block', 'chainId' );

		$tokens = array();
		foreach ( (array) ( $this->census_settings()['tokens'] ?? array() ) as $token ) {
			$id        = (string) $token['id'];
			$decimals  = $counted[ $id ]['decimals'] ?? $indexed[ $id ]['decimals'] ?? null;
			$threshold = (string) ( $counted[ $id ]['threshold'] ?? $indexed[ $id ]['threshold'] ?? '' );
			$threshold = '' === $threshold ? self::threshold( $token, null === $decimals ? null : (int) $decimals ) : Store::unpad( $threshold );
			$tokens[]  = array(
				'id'         => $id,
				'name'       => (string) ( $token['name'] ?? '' ),
				'chainId'    => (int) $token['chainId'],
				'standard'   => (string) $token['standard'],
				'address'    => (string) $token['address'],
				'tokenId'    => (string) ( $token['tokenId'] ?? '' ),
				'minBalance' => (string) ( $token['minBalance'] ?? '1' ),
				'decimals'   => null === $decimals ? null : (int) $decimals,
				'threshold'  => $threshold,
				'startBlock' => (int) ( $token['startBlock'] ?? 0 ),
				'toBlock'    => (int) ( $at[ (int) $token['chainId'] ] ?? 0 ),
				'membership' => (bool) ( $token['membership'] ?? false ),
				'members'    => isset( $counted[ $id ]['members'] ) ? (int) $counted[ $id ]['members'] : null,
			);
		}
		return $tokens;
	}

	/**
	 * Decimals and thresholds the indexer stored per source.
	 *
	 * @return array<string, array{decimals:int, threshold:string}>
	 */
	private function indexed_sources(): array {
		global $wpdb;
		$table = Installer::tables()['census_sources'];
		$rows  = $wpdb->get_results( "SELECT source, decimals, threshold FROM {$table}", ARRAY_A ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- our table name.
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (string) $row['source'] ] = array(
				'decimals'  => (int) $row['decimals'],
				'threshold' => (string) $row['threshold'],
			);
		}
		return $found;
	}

	/**
	 * A token's threshold in base units from its settings: whole tokens times 10^decimals for
	 * an ERC-20 (null while its decimals are unknown), units for ERC-721 and ERC-1155.
	 *
	 * @param array<string, mixed> $token A configured token.
	 */
	private static function threshold( array $token, ?int $decimals ): ?string {
		$min = (string) ( $token['minBalance'] ?? '1' );
		if ( 'erc20' !== $token['standard'] ) {
			return $min;
		}
		if ( null === $decimals ) {
			return null;
		}
		try {
			return Amount::scale( $min, $decimals );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
	}

	/**
	 * The treasury as read at the snapshot's blocks, with the addresses it sums.
	 *
	 * @param array<string, mixed> $snapshot A snapshot row.
	 * @param array<string, mixed> $census   The census settings.
	 * @return array<string, mixed>|null
	 */
	private function treasury( array $snapshot, array $census ): ?array {
		$read = (array) ( $snapshot['treasury'] ?? array() );
		if ( array() === (array) ( $read['assets'] ?? array() ) && array() === (array) ( $census['treasury'] ?? array() ) ) {
			return null;
		}
		$assets = array();
		foreach ( (array) ( $read['assets'] ?? array() ) as $asset ) {
			$price    = is_array( $asset['price'] ?? null ) ? $asset['price'] : null;
			$assets[] = array(
				'chainId'  => (int) ( $asset['chainId'] ?? 0 ),
				'token'    => (string) ( $asset['token'] ?? '' ),
				'symbol'   => (string) ( $asset['symbol'] ?? '' ),
				'decimals' => (int) ( $asset['decimals'] ?? 0 ),
				'balance'  => (string) ( $asset['balance'] ?? '0' ),
				'amount'   => (string) ( $asset['amount'] ?? '0' ),
				'usd'      => isset( $asset['usd'] ) ? (string) $asset['usd'] : null,
				'price'    => null === $price ? null : array(
					'value'     => (string) ( $price['value'] ?? '' ),
					'updatedAt' => (int) ( $price['updatedAt'] ?? 0 ),
					'stale'     => (bool) ( $price['stale'] ?? false ),
				),
			);
		}
		return array(
			'addresses'  => array_values(
				array_map(
					fn( array $holder ): array => array(
						'chainId'  => (int) $holder['chainId'],
						'address'  => (string) $holder['address'],
						'label'    => (string) ( $holder['label'] ?? '' ),
						'explorer' => $this->explorer_link( (int) $holder['chainId'], (string) $holder['address'], 'address' ),
					),
					(array) ( $census['treasury'] ?? array() )
				)
			),
			'assets'     => $assets,
			'usdTotal'   => isset( $read['usdTotal'] ) ? (string) $read['usdTotal'] : null,
			'incomplete' => (bool) ( $read['incomplete'] ?? array() === $assets ),
		);
	}

	/**
	 * The economy token's last 30 days, as counted at the snapshot, or null without one.
	 *
	 * @param array<string, mixed> $snapshot A snapshot row.
	 * @param array<string, mixed> $census   The census settings.
	 * @return array<string, mixed>|null
	 */
	private function economy( array $snapshot, array $census ): ?array {
		$read = (array) ( $snapshot['economy'] ?? array() );
		$id   = (string) ( $read['token'] ?? $read['source'] ?? $census['economyToken'] ?? '' );
		if ( '' === $id || array() === $read ) {
			return null;
		}
		$token    = null;
		$symbol   = (string) ( $read['symbol'] ?? '' );
		$decimals = isset( $read['decimals'] ) ? (int) $read['decimals'] : null;
		foreach ( (array) ( $census['tokens'] ?? array() ) as $candidate ) {
			if ( $candidate['id'] === $id ) {
				$token = $candidate;
			}
		}
		if ( null === $decimals ) {
			$decimals = $this->indexed_sources()[ $id ]['decimals'] ?? null;
		}
		$volume = Store::unpad( (string) ( $read['volume'] ?? '0' ) );
		return array(
			'token'           => $id,
			'name'            => (string) ( $token['name'] ?? $id ),
			'symbol'          => $symbol,
			'days'            => (int) ( $read['days'] ?? self::ECONOMY_DAYS ),
			'transfers'       => (int) ( $read['transfers'] ?? 0 ),
			'volume'          => $volume,
			'amount'          => null === $decimals ? null : Amount::whole( $volume, $decimals ),
			'activeAddresses' => (int) ( $read['activeAddresses'] ?? 0 ),
		);
	}

	/**
	 * The block (by hash), or with $kind 'address' the address, on the chain's explorer, or ''
	 * when the chain has no http(s) explorer.
	 */
	public function explorer_link( int $chain_id, string $hash, string $kind = 'block' ): string {
		$explorer = (string) ( $this->networks->find( $chain_id )['explorerUrl'] ?? '' );
		if ( '' === $hash || 1 !== preg_match( '#^https?://[^\s/?\#]+(/[^\s?\#]*)?$#iD', $explorer ) ) {
			return '';
		}
		return rtrim( $explorer, '/' ) . '/' . $kind . '/' . $hash;
	}

	private function network_name( int $chain_id ): string {
		return (string) ( $this->networks->find( $chain_id )['name'] ?? '' );
	}

	/**
	 * "2026-11-28 20:31:05" (UTC, as stored) as "2026-11-28T20:31:05Z"; '' stays ''.
	 */
	private static function iso( string $utc ): string {
		$time = '' === $utc ? false : strtotime( $utc . ' UTC' );
		return false === $time ? '' : gmdate( 'Y-m-d\TH:i:s\Z', $time );
	}
}
