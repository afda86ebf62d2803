<?php
/**
 * Scans one token's transfers forward from its checkpoint, in slices, and repairs reorgs.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\LogRange;
use SovereignPress\Chain\Transport;

/**
 * A slice is one request: eth_getLogs of the next range and the headers of its last block (its
 * hash becomes the checkpoint), of its first block (for the economy's timestamps) and of the
 * current checkpoint (to see whether the chain still has it). When the checkpoint's hash changed,
 * a reorg replaced blocks already counted: the indexer walks back through the recent checkpoints
 * to the newest one the chain still has, undoes the slices after it from the journal, and scans
 * again; when none is left, it starts the token again from its start block. A token counted past
 * the target (a sync capped at an earlier block) is counted back the same way.
 *
 * The range adapts (Chain\LogRange): it starts at Store::START_RANGE blocks, shrinks when the
 * provider refuses it or when an answer holds more than TARGET_LOGS logs, and grows after clean
 * slices of less than half that; it is remembered per token. Memory per slice stays bounded by the
 * logs of one range, whatever the length of the history.
 *
 * @since 0.3.0
 */
final class Indexer {

	/** Blocks behind the target whose slices stay undoable (the journal's reach). */
	public const WINDOW = 128;

	/** Logs per slice aimed at, so that memory stays bounded however busy the token. */
	public const TARGET_LOGS = 2000;

	/** Widest range ever asked. */
	public const MAX_RANGE = 10000;

	/**
	 * @param Store  $store   The indexer's tables.
	 * @param string $economy Id of the economy token ('' for none): its days are counted.
	 */
	public function __construct( private Store $store, private string $economy = '' ) {}

	/**
	 * Scans a token forward in slices until its checkpoint passes $target or $deadline passes
	 * (after one slice at least).
	 *
	 * @param array<string, mixed> $token    A token of the census settings.
	 * @param Transport            $rpc      Its network.
	 * @param float                $deadline microtime(true) after which no slice starts.
	 * @param int|null             $target   Last block to scan (head − default confirmations when null).
	 * @return array{source:string, next:int, target:int, done:bool, logs:int, reorgs:int}
	 * @throws RpcException When the node fails (the checkpoint stays where it was).
	 */
	public function scan( array $token, Transport $rpc, float $deadline, ?int $target = null ): array {
		$id     = (string) $token['id'];
		$start  = max( 0, (int) ( $token['startBlock'] ?? 0 ) );
		$target = $target ?? max( 0, Hex::quantity_to_int( $rpc->call( 'eth_blockNumber' ) ) - Confirmations::default_for( (int) $token['chainId'] ) );
		$row    = $this->store->source( $id );
		// An ERC-20's decimals are read once, when the token is new or changed.
		$known  = null !== $row && Store::fingerprint( $token ) === $row['fingerprint'];
		$row    = $this->store->prepare( $token, 'erc20' !== $token['standard'] ? 0 : ( $known ? (int) $row['decimals'] : self::decimals( $rpc, (string) $token['address'] ) ) );
		$range  = new LogRange( (int) $row['range_size'], (int) $row['clean_slices'], self::MAX_RANGE, 1, true );
		$filter = array(
			'address' => strtolower( (string) $token['address'] ),
			'topics'  => array( TransferLogs::topics( (string) $token['standard'] ) ),
		);
		$logs   = 0;
		$reorgs = 0;
		$slices = 0;
		while ( true ) {
			$row   = (array) $this->store->source( $id );
			$from  = (int) $row['next_block'];
			$check = $from > $start && '' !== $row['checkpoint_hash'] ? $from - 1 : null;
			if ( $from > max( $start, $target + 1 ) ) {
				// Counted past the target (a sync capped at an earlier block): back to the newest
				// recent checkpoint at or before it, or to the start.
				$this->repair( $id, $start, $rpc, $target );
				++$reorgs;
				continue;
			}
			// At least one slice per call, so that any budget makes progress.
			if ( $from > $target || ( $slices > 0 && microtime( true ) >= $deadline ) ) {
				if ( null !== $check && $from > $target && 0 === $logs + $reorgs && ! $this->still_there( $rpc, $check, (string) $row['checkpoint_hash'] ) ) {
					$this->repair( $id, $start, $rpc );
					++$reorgs;
					continue;
				}
				return array(
					'source' => $id,
					'next'   => $from,
					'target' => $target,
					'done'   => $from > $target,
					'logs'   => $logs,
					'reorgs' => $reorgs,
				);
			}
			++$slices;
			$to    = min( $target, $from + $range->size() - 1 );
			// A slice ends where the journal's reach begins, so that no block before it is journalled.
			$to = $from <= $target - self::WINDOW && $to > $target - self::WINDOW ? $target - self::WINDOW : $to;
			$calls = array(
				array( 'eth_getLogs', array( $filter + array( 'fromBlock' => Hex::int_to_quantity( $from ), 'toBlock' => Hex::int_to_quantity( $to ) ) ) ),
				array( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $to ), false ) ),
				array( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $from ), false ) ),
			);
			if ( null !== $check ) {
				$calls[] = array( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $check ), false ) );
			}
			try {
				$answers = $rpc->batch( $calls );
			} catch ( RpcException $error ) {
				$shrunk = $range->shrink( $error, $to - $from + 1 );
				$this->store->save_range( $id, $range->size(), $range->clean(), (int) $row['head'] );
				if ( $shrunk ) {
					continue;
				}
				throw $error;
			}
			if ( null !== $check && self::hash_of( $answers[3] ?? null ) !== $row['checkpoint_hash'] ) {
				$this->repair( $id, $start, $rpc );
				++$reorgs;
				continue;
			}
			$last  = $answers[1] ?? null;
			$first = $answers[2] ?? null;
			$found = $answers[0] ?? null;
			if ( ! is_array( $last ) || ! is_array( $first ) || ! is_array( $found ) || ! array_is_list( $found ) ) {
				throw new RpcInvalidResponse( 'The node does not have the blocks to scan yet.' );
			}
			$hash = self::hash_of( $last );
			if ( ! self::consistent( $found, $to, $hash ) ) {
				// The chain moved between the calls of the request: ask again.
				continue;
			}
			[ $deltas, $days ] = $this->tally( $token, $found, $from, $to, self::time_of( $first ), self::time_of( $last ) );
			$applied           = $this->store->apply( $id, $from, $to, $hash, $deltas, $days, $to > $target - self::WINDOW, $target - self::WINDOW );
			if ( 2 * count( $found ) <= self::TARGET_LOGS ) {
				$range->succeeded();
			}
			$range->fit( count( $found ), self::TARGET_LOGS );
			$this->store->save_range( $id, $range->size(), $range->clean(), $target );
			if ( $applied ) {
				$logs += count( $found );
			}
		}
	}

	/**
	 * Balance changes by address and the economy's days of a slice's logs.
	 *
	 * @param array<string, mixed>      $token A token of the census settings.
	 * @param list<array<string, mixed>> $found Its logs in the slice.
	 * @return array{0:array<string, \GMP|string>, 1:array<string, array{transfers:int, volume:string, addresses:array<string, true>}>}
	 */
	private function tally( array $token, array $found, int $from, int $to, int $from_time, int $to_time ): array {
		$economy = '' !== $this->economy && $this->economy === $token['id'] && 'erc20' === $token['standard'];
		$gmp     = extension_loaded( 'gmp' );
		$deltas  = array();
		$days    = array();
		$address = strtolower( (string) $token['address'] );
		$dates   = array();
		foreach ( $found as $log ) {
			if ( ! is_array( $log ) || strtolower( (string) ( $log['address'] ?? $address ) ) !== $address ) {
				continue;
			}
			$block = TransferLogs::block( $log );
			if ( null === $block || $block < $from || $block > $to ) {
				continue;
			}
			foreach ( TransferLogs::decode( $log, (string) $token['standard'], (string) ( $token['tokenId'] ?? '' ) ) as $transfer ) {
				if ( $economy ) {
					self::count_day( $days, $dates, $log, $block, $from, $to, $from_time, $to_time, $transfer );
				}
				if ( $transfer['from'] === $transfer['to'] || '0' === $transfer['value'] ) {
					continue;
				}
				$value = $gmp ? gmp_init( $transfer['value'], 10 ) : $transfer['value'];
				foreach ( array( $transfer['from'] => '-', $transfer['to'] => '+' ) as $holder => $sign ) {
					if ( '0x0000000000000000000000000000000000000000' === $holder ) {
						continue;
					}
					$change            = '+' === $sign ? $value : ( $gmp ? gmp_neg( $value ) : '-' . $value );
					$deltas[ $holder ] = isset( $deltas[ $holder ] ) ? ( $gmp ? gmp_add( $deltas[ $holder ], $change ) : bcadd( (string) $deltas[ $holder ], (string) $change, 0 ) ) : $change;
				}
			}
		}
		foreach ( $days as $day => $figures ) {
			$days[ $day ]['volume'] = (string) $figures['volume'];
		}
		return array( $deltas, $days );
	}

	/**
	 * Adds a transfer of the economy token to its UTC day: the log's blockTimestamp when the node
	 * gives one, else a time interpolated between the slice's first and last blocks. A day's
	 * volume is summed as it comes (a GMP number with gmp; tally() makes it a string).
	 *
	 * @param array<string, array{transfers:int, volume:\GMP|string, addresses:array<string, true>}> $days
	 * @param array<int, string>                                                                  $dates The day of each block seen, by block.
	 * @param array<string, mixed>                                                                $log
	 * @param array{from:string, to:string, tokenId:string, value:string}                         $transfer
	 */
	private static function count_day( array &$days, array &$dates, array $log, int $block, int $from, int $to, int $from_time, int $to_time, array $transfer ): void {
		$stamp = $log['blockTimestamp'] ?? null;
		if ( null === $stamp && isset( $dates[ $block ] ) ) {
			$day = $dates[ $block ];
		} else {
			try {
				$time = Hex::quantity_to_int( $stamp );
			} catch ( \InvalidArgumentException ) {
				$time = $from_time + intdiv( ( $to_time - $from_time ) * ( $block - $from ), max( 1, $to - $from ) );
			}
			$day = gmdate( 'Y-m-d', $time );
			if ( null === $stamp ) {
				$dates[ $block ] = $day;
			}
		}
		$days[ $day ]     ??= array(
			'transfers' => 0,
			'volume'    => '0',
			'addresses' => array(),
		);
		++$days[ $day ]['transfers'];
		$days[ $day ]['volume']                          = extension_loaded( 'gmp' ) ? gmp_add( $days[ $day ]['volume'], $transfer['value'] ) : bcadd( $days[ $day ]['volume'], $transfer['value'], 0 );
		$days[ $day ]['addresses'][ $transfer['from'] ] = true;
		$days[ $day ]['addresses'][ $transfer['to'] ]   = true;
	}

	/**
	 * After the checkpoint's block changed, or to count back to an earlier target: back to the
	 * newest recent checkpoint (at most $at_most) the chain still has, undoing what came after,
	 * or to the start block when none is left.
	 *
	 * @throws RpcException When the node fails.
	 */
	private function repair( string $id, int $start, Transport $rpc, int $at_most = PHP_INT_MAX ): void {
		$checkpoints = array_filter( $this->store->checkpoints( $id ), static fn( int $block ): bool => $block <= $at_most, ARRAY_FILTER_USE_KEY );
		if ( array() !== $checkpoints ) {
			$calls = array();
			foreach ( array_keys( $checkpoints ) as $block ) {
				$calls[] = array( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $block ), false ) );
			}
			$answers = $rpc->batch( $calls );
			$index   = 0;
			foreach ( $checkpoints as $block => $hash ) {
				if ( self::hash_of( $answers[ $index++ ] ?? null ) === $hash ) {
					$this->store->rollback( $id, $block, $hash );
					return;
				}
			}
		}
		$this->store->reset( $id, $start );
	}

	/**
	 * Whether the chain still has a block with this hash at that height.
	 *
	 * @throws RpcException When the node fails.
	 */
	private function still_there( Transport $rpc, int $block, string $hash ): bool {
		return self::hash_of( $rpc->call( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $block ), false ) ) ) === $hash;
	}

	/**
	 * Whether every log of the slice's last block carries that block's hash (a reorg between the
	 * calls of one request would show here).
	 *
	 * @param list<mixed> $found Logs.
	 */
	private static function consistent( array $found, int $to, string $hash ): bool {
		foreach ( $found as $log ) {
			if ( is_array( $log ) && TransferLogs::block( $log ) === $to && isset( $log['blockHash'] ) && strtolower( (string) $log['blockHash'] ) !== $hash ) {
				return false;
			}
		}
		return true;
	}

	/** The lowercase hash of a block header, or '' when there is none. */
	private static function hash_of( mixed $header ): string {
		$hash = is_array( $header ) ? ( $header['hash'] ?? '' ) : '';
		return is_string( $hash ) && 1 === preg_match( '/^0x[0-9a-fA-F]{64}$/D', $hash ) ? strtolower( $hash ) : '';
	}

	/**
	 * The timestamp of a block header.
	 *
	 * @param array<string, mixed> $header Header.
	 * @throws RpcInvalidResponse When it has none.
	 */
	private static function time_of( array $header ): int {
		try {
			return Hex::quantity_to_int( $header['timestamp'] ?? null );
		} catch ( \InvalidArgumentException ) {
			throw new RpcInvalidResponse( 'A block header without a timestamp.' );
		}
	}

	/**
	 * An ERC-20's decimals (0 when the contract does not say).
	 *
	 * @throws RpcException When the node fails.
	 */
	private static function decimals( Transport $rpc, string $address ): int {
		$answer = $rpc->call( 'eth_call', array( array( 'to' => $address, 'data' => '0x' . bin2hex( Abi::selector( 'decimals()' ) ) ), 'latest' ) );
		try {
			$bytes = Abi::hex_to_bytes( is_string( $answer ) ? $answer : '' );
		} catch ( \InvalidArgumentException ) {
			return 0;
		}
		if ( 32 !== strlen( $bytes ) || str_repeat( "\0", 31 ) !== substr( $bytes, 0, 31 ) ) {
			return 0;
		}
		return min( 77, ord( $bytes[31] ) );
	}
}
