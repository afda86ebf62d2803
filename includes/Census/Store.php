<?php
/**
 * The indexer's tables: where each token's scan stands, balances per holder, the reorg journal,
 * and the economy token's days.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Gating\Amount;
use SovereignPress\Storage\Installer;

/**
 * Every write of a slice happens in one database transaction that begins by moving the token's
 * checkpoint with a compare-and-swap (UPDATE … WHERE next_block = the slice's first block): a
 * second runner holding the same slice finds it moved and applies nothing, and a failure leaves
 * the checkpoint where it was. Rows are written in batched INSERT … ON DUPLICATE KEY UPDATE
 * statements of BATCH rows. Amounts are decimal strings left-padded to 78 digits, so SQL compares
 * them.
 *
 * @since 0.3.0
 */
final class Store {

	/** Rows per statement. */
	public const BATCH = 500;

	/**
	 * Days of active addresses kept behind the newest day scanned: the economy's 30 days and one of
	 * margin. Older rows count toward no figure, so they go as the scan moves on.
	 */
	public const ACTIVITY_DAYS = 31;

	/** Blocks of a new token's first eth_getLogs range (it grows from there). */
	public const START_RANGE = 100;

	private const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

	/**
	 * A token's identity for indexing: when it changes, the token is scanned again from its start.
	 *
	 * @param array<string, mixed> $token A token of the census settings.
	 */
	public static function fingerprint( array $token ): string {
		return hash(
			'sha256',
			implode( '|', array( (int) $token['chainId'], (string) $token['standard'], strtolower( (string) $token['address'] ), (string) ( $token['tokenId'] ?? '' ), (int) ( $token['startBlock'] ?? 0 ) ) )
		);
	}

	/** A decimal amount as stored: 78 digits. */
	public static function pad( string $decimal ): string {
		return str_pad( ltrim( $decimal, '0' ), 78, '0', STR_PAD_LEFT );
	}

	/** A stored amount as a plain decimal. */
	public static function unpad( string $stored ): string {
		$digits = ltrim( $stored, '0' );
		return '' === $digits ? '0' : $digits;
	}

	/**
	 * The stored state of a token, or null before its first scan.
	 *
	 * @return array{source:string, fingerprint:string, chain_id:int, next_block:int, checkpoint_hash:string, range_size:int, clean_slices:int, decimals:int, threshold:string, head:int}|null
	 */
	public function source( string $id ): ?array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT * FROM %i WHERE source = %s', self::table( 'census_sources' ), $id ), ARRAY_A );
		if ( ! is_array( $row ) ) {
			return null;
		}
		foreach ( array( 'chain_id', 'next_block', 'range_size', 'clean_slices', 'decimals', 'head' ) as $int ) {
			$row[ $int ] = (int) $row[ $int ];
		}
		unset( $row['updated_at'] );
		return $row;
	}

	/**
	 * Makes the stored state match a token's settings: a new or changed token starts again from
	 * its start block (its rows go); a changed minimum balance or membership flag re-decides every
	 * holder's membership in SQL.
	 *
	 * @param array<string, mixed> $token    A token of the census settings.
	 * @param int                  $decimals The token's decimals (ERC-20), else 0.
	 * @return array<string, mixed> The source row.
	 */
	public function prepare( array $token, int $decimals ): array {
		global $wpdb;
		$id          = (string) $token['id'];
		$fingerprint = self::fingerprint( $token );
		$threshold   = self::threshold( $token, $decimals );
		$row         = $this->source( $id );
		if ( null === $row || $row['fingerprint'] !== $fingerprint ) {
			$this->transaction(
				function () use ( $id, $token, $fingerprint, $threshold, $decimals ): bool {
					global $wpdb;
					$this->delete_rows( $id );
					self::query(
						$wpdb->prepare(
							'REPLACE INTO %i (source, fingerprint, chain_id, next_block, checkpoint_hash, range_size, clean_slices, decimals, threshold, head, updated_at) VALUES (%s, %s, %d, %d, %s, %d, 0, %d, %s, 0, %s)',
							self::table( 'census_sources' ),
							$id,
							$fingerprint,
							(int) $token['chainId'],
							max( 0, (int) ( $token['startBlock'] ?? 0 ) ),
							'',
							self::START_RANGE,
							$decimals,
							$threshold,
							gmdate( 'Y-m-d H:i:s' )
						)
					);
					return true;
				}
			);
		} elseif ( $row['threshold'] !== $threshold || $row['decimals'] !== $decimals ) {
			$this->transaction(
				static function () use ( $id, $threshold, $decimals ): bool {
					global $wpdb;
					self::query( $wpdb->prepare( 'UPDATE %i SET threshold = %s, decimals = %d WHERE source = %s', self::table( 'census_sources' ), $threshold, $decimals, $id ) );
					self::query( $wpdb->prepare( "UPDATE %i SET member = IF(%s <> '' AND balance >= %s, 1, 0) WHERE source = %s", self::table( 'census_holders' ), $threshold, $threshold, $id ) );
					return true;
				}
			);
		}
		return (array) $this->source( $id );
	}

	/**
	 * Removes the tokens no longer configured, with their rows.
	 *
	 * @param list<string> $keep Ids of the configured tokens.
	 */
	public function forget_others( array $keep ): void {
		global $wpdb;
		$known = $wpdb->get_col( $wpdb->prepare( 'SELECT source FROM %i', self::table( 'census_sources' ) ) );
		foreach ( array_diff( $known, $keep ) as $gone ) {
			$this->transaction(
				function () use ( $gone ): bool {
					global $wpdb;
					$this->delete_rows( (string) $gone );
					$wpdb->delete( self::table( 'census_sources' ), array( 'source' => $gone ) );
					return true;
				}
			);
		}
	}

	/**
	 * Applies one scanned slice [from, to] of a token, in one transaction: the checkpoint moves
	 * from $from to $to + 1 (or nothing happens when another runner moved it first), balances
	 * change by the slice's transfers, and, for the economy token, its days gain the transfers.
	 * With $journal the values before the slice are kept so that a reorg can undo it, and the
	 * block hash joins the recent checkpoints; without, the journal is emptied (a slice too old to
	 * be reorganised cannot be undone, so nothing before it can be either).
	 *
	 * @param string                                       $id       Token id.
	 * @param int                                          $from     First block of the slice (the checkpoint it expects).
	 * @param int                                          $to       Last block of the slice.
	 * @param string                                       $hash     Hash of block $to.
	 * @param array<string, \GMP|string>                   $deltas   Signed balance changes by address.
	 * @param array<string, array{transfers:int, volume:string, addresses:array<string, true>}> $days Economy by UTC day (Y-m-d).
	 * @param bool                                         $journal  Whether a reorg could still undo the slice.
	 * @param int                                          $keep     Oldest block whose journal is still kept.
	 * @return bool False when the checkpoint was not at $from (nothing applied).
	 */
	public function apply( string $id, int $from, int $to, string $hash, array $deltas, array $days, bool $journal, int $keep ): bool {
		return $this->transaction(
			function () use ( $id, $from, $to, $hash, $deltas, $days, $journal, $keep ): bool {
				global $wpdb;
				$moved = self::query(
					$wpdb->prepare(
						'UPDATE %i SET next_block = %d, checkpoint_hash = %s, updated_at = %s WHERE source = %s AND next_block = %d',
						self::table( 'census_sources' ),
						$to + 1,
						$hash,
						gmdate( 'Y-m-d H:i:s' ),
						$id,
						$from
					)
				);
				if ( 1 !== $moved ) {
					return false;
				}
				$threshold = (string) $wpdb->get_var( $wpdb->prepare( 'SELECT threshold FROM %i WHERE source = %s', self::table( 'census_sources' ), $id ) );
				foreach ( array_chunk( $deltas, self::BATCH, true ) as $batch ) {
					$this->apply_balances( $id, $to, $batch, $threshold, $journal );
				}
				$this->apply_days( $id, $to, $days, $journal );
				if ( $journal ) {
					self::query( $wpdb->prepare( 'INSERT INTO %i (source, block, hash) VALUES (%s, %d, %s) ON DUPLICATE KEY UPDATE hash = VALUES(hash)', self::table( 'census_blocks' ), $id, $to, $hash ) );
					$this->prune( $id, $keep );
				} else {
					$this->prune( $id, PHP_INT_MAX );
				}
				return true;
			}
		);
	}

	/**
	 * Undoes every slice after block $block (a recent checkpoint whose hash the chain still has)
	 * from the journal, and moves the checkpoint back to it.
	 */
	public function rollback( string $id, int $block, string $hash ): void {
		$this->transaction(
			static function () use ( $id, $block, $hash ): bool {
				global $wpdb;
				$holders = self::table( 'census_holders' );
				$journal = self::table( 'census_journal' );
				// The oldest entry after the block holds the value as it was at the block.
				self::query(
					$wpdb->prepare(
						"UPDATE %i h JOIN %i j ON j.source = h.source AND j.address = h.address
						JOIN (SELECT MIN(id) AS id FROM %i WHERE source = %s AND block > %d AND kind = 0 GROUP BY address) f ON f.id = j.id
						JOIN %i s ON s.source = h.source
						SET h.balance = j.balance, h.member = IF(s.threshold <> '' AND j.balance >= s.threshold, 1, 0)
						WHERE h.source = %s",
						$holders,
						$journal,
						$journal,
						$id,
						$block,
						self::table( 'census_sources' ),
						$id
					)
				);
				self::query(
					$wpdb->prepare(
						'UPDATE %i d JOIN %i j ON j.source = d.source AND j.day = d.day
						JOIN (SELECT MIN(id) AS id FROM %i WHERE source = %s AND block > %d AND kind = 1 GROUP BY day) f ON f.id = j.id
						SET d.transfers = j.transfers, d.volume = j.balance
						WHERE d.source = %s',
						self::table( 'census_daily' ),
						$journal,
						$journal,
						$id,
						$block,
						$id
					)
				);
				self::query( $wpdb->prepare( 'DELETE FROM %i WHERE source = %s AND block > %d', self::table( 'census_activity' ), $id, $block ) );
				self::query( $wpdb->prepare( 'DELETE FROM %i WHERE source = %s AND block > %d', $journal, $id, $block ) );
				self::query( $wpdb->prepare( 'DELETE FROM %i WHERE source = %s AND block > %d', self::table( 'census_blocks' ), $id, $block ) );
				self::query( $wpdb->prepare( 'UPDATE %i SET next_block = %d, checkpoint_hash = %s WHERE source = %s', self::table( 'census_sources' ), $block + 1, $hash, $id ) );
				return true;
			}
		);
	}

	/**
	 * Starts a token again from its start block (a reorg deeper than the journal).
	 */
	public function reset( string $id, int $start ): void {
		$this->transaction(
			function () use ( $id, $start ): bool {
				global $wpdb;
				$this->delete_rows( $id );
				self::query( $wpdb->prepare( "UPDATE %i SET next_block = %d, checkpoint_hash = '' WHERE source = %s", self::table( 'census_sources' ), $start, $id ) );
				return true;
			}
		);
	}

	/** Remembers a token's eth_getLogs range (Chain\LogRange) and the head last seen. */
	public function save_range( string $id, int $size, int $clean, int $head ): void {
		global $wpdb;
		self::query( $wpdb->prepare( 'UPDATE %i SET range_size = %d, clean_slices = %d, head = %d WHERE source = %s', self::table( 'census_sources' ), $size, $clean, $head, $id ) );
	}

	/**
	 * Recent checkpoints of a token, newest first.
	 *
	 * @return array<int, string> Hash by block.
	 */
	public function checkpoints( string $id ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT block, hash FROM %i WHERE source = %s ORDER BY block DESC', self::table( 'census_blocks' ), $id ), ARRAY_A );
		$out  = array();
		foreach ( $rows as $row ) {
			$out[ (int) $row['block'] ] = (string) $row['hash'];
		}
		return $out;
	}

	/**
	 * A token's balance of an address, as a decimal string ('0' when it never held it).
	 */
	public function balance( string $id, string $address ): string {
		global $wpdb;
		$stored = $wpdb->get_var( $wpdb->prepare( 'SELECT balance FROM %i WHERE source = %s AND address = %s', self::table( 'census_holders' ), $id, strtolower( $address ) ) );
		return null === $stored ? '0' : self::unpad( (string) $stored );
	}

	/**
	 * Holders (non-zero balance) and members of a token.
	 *
	 * @return array{holders:int, members:int}
	 */
	public function counts( string $id ): array {
		global $wpdb;
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT SUM(balance > %s) AS holders, SUM(member) AS members FROM %i WHERE source = %s', self::pad( '0' ), self::table( 'census_holders' ), $id ), ARRAY_A );
		return array(
			'holders' => (int) ( $row['holders'] ?? 0 ),
			'members' => (int) ( $row['members'] ?? 0 ),
		);
	}

	/**
	 * The member set: distinct addresses that are members through any membership token; with
	 * $linked_only, only those linked to a site account (wallets.address is EIP-55, compared
	 * lowercased). $excluded addresses (the treasury's) never count, whatever they hold.
	 *
	 * @param list<string> $excluded Addresses left out, any letter case.
	 */
	public function member_set( bool $linked_only, array $excluded = array() ): MemberSet {
		global $wpdb;
		$sql = $linked_only
			? $wpdb->prepare(
				'SELECT DISTINCT h.address AS address FROM %i h JOIN %i w ON LOWER(w.address) = h.address WHERE h.member = 1',
				self::table( 'census_holders' ),
				self::table( 'wallets' )
			)
			: $wpdb->prepare( 'SELECT DISTINCT address FROM %i h WHERE member = 1', self::table( 'census_holders' ) );
		$excluded = array_values( array_unique( array_filter( array_map( 'strtolower', $excluded ), static fn( string $address ): bool => 1 === preg_match( '/^0x[0-9a-f]{40}$/', $address ) ) ) );
		if ( array() !== $excluded ) {
			$sql .= $wpdb->prepare( ' AND h.address NOT IN (' . implode( ',', array_fill( 0, count( $excluded ), '%s' ) ) . ')', ...$excluded );
		}
		return new class( $sql ) implements MemberSet {

			public function __construct( private string $sql ) {}

			public function sql(): string {
				return $this->sql;
			}
		};
	}

	/** How many addresses a member set holds. */
	public function count( MemberSet $members ): int {
		global $wpdb;
		return (int) $wpdb->get_var( 'SELECT COUNT(*) FROM (' . $members->sql() . ') m' );
	}

	/**
	 * The economy token's transfers, volume (base units) and distinct active addresses over the
	 * last $days UTC days up to $now.
	 *
	 * @return array{transfers:int, volume:string, activeAddresses:int}
	 */
	public function economy( string $source, int $days, int $now ): array {
		global $wpdb;
		$since  = gmdate( 'Y-m-d', $now - ( max( 1, $days ) - 1 ) * DAY_IN_SECONDS );
		$until  = gmdate( 'Y-m-d', $now );
		$rows   = $wpdb->get_results( $wpdb->prepare( 'SELECT transfers, volume FROM %i WHERE source = %s AND day BETWEEN %s AND %s', self::table( 'census_daily' ), $source, $since, $until ), ARRAY_A );
		$count  = 0;
		$volume = '0';
		foreach ( $rows as $row ) {
			$count += (int) $row['transfers'];
			$volume = Amount::add( $volume, self::unpad( (string) $row['volume'] ) );
		}
		$active = (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(DISTINCT address) FROM %i WHERE source = %s AND day BETWEEN %s AND %s', self::table( 'census_activity' ), $source, $since, $until ) );
		return array(
			'transfers'       => $count,
			'volume'          => $volume,
			'activeAddresses' => $active,
		);
	}

	/**
	 * Balance changes of one batch of addresses, with their values before when journalled.
	 *
	 * @param array<string, \GMP|string> $deltas By address.
	 */
	private function apply_balances( string $id, int $block, array $deltas, string $threshold, bool $journal ): void {
		global $wpdb;
		$holders   = self::table( 'census_holders' );
		// Addresses are checked, so that the IN list needs no prepare() of its hundreds of values.
		$addresses = array_values( array_filter( array_map( 'strval', array_keys( $deltas ) ), static fn ( string $a ): bool => 1 === preg_match( '/^0x[0-9a-f]{40}$/D', $a ) ) );
		$current   = array();
		$rows      = $wpdb->get_results(
			$wpdb->prepare( 'SELECT address, balance FROM %i WHERE source = %s AND address IN ', $holders, $id ) . "('" . implode( "','", $addresses ) . "')",
			ARRAY_A
		);
		foreach ( $rows as $row ) {
			$current[ $row['address'] ] = (string) $row['balance'];
		}
		$values  = array();
		$history = array();
		// Rows are formatted directly (prepare() per row costs more than the statement): the id is
		// escaped once, addresses are checked, and amounts are digits by construction.
		$source = "'" . esc_sql( $id ) . "'";
		foreach ( $deltas as $address => $delta ) {
			$address = (string) $address;
			if ( 1 !== preg_match( '/^0x[0-9a-f]{40}$/D', $address ) ) {
				continue;
			}
			$before   = $current[ $address ] ?? self::pad( '0' );
			$after    = self::pad( self::sum( self::unpad( $before ), $delta ) );
			$member   = '' !== $threshold && strcmp( $after, $threshold ) >= 0 ? 1 : 0;
			$values[] = "({$source},'{$address}','{$after}',{$member})";
			if ( $journal ) {
				$history[] = "({$source}," . (int) $block . ",0,'{$address}','{$before}')";
			}
		}
		if ( array() !== $values ) {
			self::query( $wpdb->prepare( 'INSERT INTO %i (source, address, balance, member) VALUES ', $holders ) . implode( ',', $values ) . ' ON DUPLICATE KEY UPDATE balance = VALUES(balance), member = VALUES(member)' );
		}
		if ( array() !== $history ) {
			self::query( $wpdb->prepare( 'INSERT INTO %i (source, block, kind, address, balance) VALUES ', self::table( 'census_journal' ) ) . implode( ',', $history ) );
		}
	}

	/**
	 * The economy token's days: transfers and volume added, active addresses recorded, and those
	 * more than ACTIVITY_DAYS before the newest day dropped (the table stays the size of a month,
	 * however long the token's history or however many addresses it sprays).
	 *
	 * @param array<string, array{transfers:int, volume:string, addresses:array<string, true>}> $days By UTC day.
	 */
	private function apply_days( string $id, int $block, array $days, bool $journal ): void {
		global $wpdb;
		if ( array() === $days ) {
			return;
		}
		$daily  = self::table( 'census_daily' );
		$stored = array();
		$rows   = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT day, transfers, volume FROM %i WHERE source = %s AND day IN (' . implode( ',', array_fill( 0, count( $days ), '%s' ) ) . ')',
				array_merge( array( $daily, $id ), array_map( 'strval', array_keys( $days ) ) )
			),
			ARRAY_A
		);
		foreach ( $rows as $row ) {
			$stored[ $row['day'] ] = $row;
		}
		foreach ( $days as $day => $figures ) {
			$day       = (string) $day;
			$transfers = (int) ( $stored[ $day ]['transfers'] ?? 0 );
			$volume    = (string) ( $stored[ $day ]['volume'] ?? self::pad( '0' ) );
			if ( $journal ) {
				self::query( $wpdb->prepare( "INSERT INTO %i (source, block, kind, address, day, balance, transfers) VALUES (%s, %d, 1, '', %s, %s, %d)", self::table( 'census_journal' ), $id, $block, $day, $volume, $transfers ) );
			}
			self::query(
				$wpdb->prepare(
					'INSERT INTO %i (source, day, transfers, volume) VALUES (%s, %s, %d, %s) ON DUPLICATE KEY UPDATE transfers = VALUES(transfers), volume = VALUES(volume)',
					$daily,
					$id,
					$day,
					$transfers + $figures['transfers'],
					self::pad( Amount::add( self::unpad( $volume ), $figures['volume'] ) )
				)
			);
			foreach ( array_chunk( array_keys( $figures['addresses'] ), self::BATCH ) as $batch ) {
				$values = array();
				$prefix = $wpdb->prepare( '(%s, %s, ', $id, $day );
				foreach ( $batch as $address ) {
					if ( self::ZERO_ADDRESS !== $address && 1 === preg_match( '/^0x[0-9a-f]{40}$/D', (string) $address ) ) {
						$values[] = $prefix . "'{$address}'," . (int) $block . ')';
					}
				}
				if ( array() !== $values ) {
					self::query( $wpdb->prepare( 'INSERT IGNORE INTO %i (source, day, address, block) VALUES ', self::table( 'census_activity' ) ) . implode( ',', $values ) );
				}
			}
		}
		$newest = max( array_map( 'strval', array_keys( $days ) ) );
		$cutoff = gmdate( 'Y-m-d', (int) strtotime( $newest . ' UTC' ) - self::ACTIVITY_DAYS * DAY_IN_SECONDS );
		self::query( $wpdb->prepare( 'DELETE FROM %i WHERE source = %s AND day < %s', self::table( 'census_activity' ), $id, $cutoff ) );
	}

	/** Drops journal entries and checkpoints older than $keep (all of them for PHP_INT_MAX). */
	private function prune( string $id, int $keep ): void {
		global $wpdb;
		foreach ( array( 'census_journal', 'census_blocks' ) as $table ) {
			self::query( $wpdb->prepare( 'DELETE FROM %i WHERE source = %s AND block < %d', self::table( $table ), $id, $keep ) );
		}
	}

	/** Deletes every row a token has, but its source row. */
	private function delete_rows( string $id ): void {
		global $wpdb;
		foreach ( array( 'census_holders', 'census_journal', 'census_blocks', 'census_daily', 'census_activity' ) as $table ) {
			self::query( $wpdb->prepare( 'DELETE FROM %i WHERE source = %s', self::table( $table ), $id ) );
		}
	}

	/**
	 * The stored minimum balance of a membership token ('' when the token does not count toward
	 * the population): whole tokens scaled by the decimals for ERC-20, units otherwise.
	 *
	 * @param array<string, mixed> $token A token of the census settings.
	 */
	private static function threshold( array $token, int $decimals ): string {
		if ( true !== ( $token['membership'] ?? false ) ) {
			return '';
		}
		$minimum = (string) ( $token['minBalance'] ?? '1' );
		try {
			$units = 'erc20' === $token['standard'] ? Amount::scale( $minimum, $decimals ) : Amount::scale( $minimum, 0 );
		} catch ( \InvalidArgumentException ) {
			$units = '1';
		}
		// A holder of nothing is never a member, whatever the minimum says.
		return self::pad( Amount::at_least( $units, '1' ) ? $units : '1' );
	}

	/** $balance + $delta, never below zero (a token scanned from after its first mint). */
	private static function sum( string $balance, \GMP|string $delta ): string {
		if ( extension_loaded( 'gmp' ) ) {
			$sum = gmp_add( gmp_init( $balance, 10 ), $delta instanceof \GMP ? $delta : gmp_init( $delta, 10 ) );
			return gmp_sign( $sum ) < 0 ? '0' : gmp_strval( $sum );
		}
		$sum = bcadd( $balance, (string) $delta, 0 );
		return str_starts_with( $sum, '-' ) ? '0' : $sum;
	}

	/**
	 * Runs $work in one transaction (a savepoint when one is already open, as in tests): committed
	 * when it returns true, rolled back when it returns false or throws.
	 *
	 * @param callable(): bool $work
	 */
	private function transaction( callable $work ): bool {
		global $wpdb;
		$nested = '1' === (string) $wpdb->get_var( 'SELECT @@in_transaction' );
		self::query( $nested ? 'SAVEPOINT sovereign_press_census' : 'START TRANSACTION' );
		try {
			$done = $work();
		} catch ( \Throwable $error ) {
			self::query( $nested ? 'ROLLBACK TO SAVEPOINT sovereign_press_census' : 'ROLLBACK' );
			throw $error;
		}
		if ( $done ) {
			self::query( $nested ? 'RELEASE SAVEPOINT sovereign_press_census' : 'COMMIT' );
			return true;
		}
		self::query( $nested ? 'ROLLBACK TO SAVEPOINT sovereign_press_census' : 'ROLLBACK' );
		return false;
	}

	/**
	 * Runs a statement; a database error throws, so that the slice's transaction rolls back.
	 *
	 * @throws \RuntimeException When the database refuses the statement.
	 */
	private static function query( string $sql ): int {
		global $wpdb;
		$result = $wpdb->query( $sql );
		if ( false === $result ) {
			throw new \RuntimeException( 'Census store: ' . $wpdb->last_error );
		}
		return (int) $result;
	}

	private static function table( string $key ): string {
		return Installer::tables()[ $key ];
	}
}
