<?php
/**
 * Token transfers read from eth_getLogs answers: ERC-20 and ERC-721 Transfer, ERC-1155
 * TransferSingle and TransferBatch.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Hex;
use SovereignPress\Gating\Amount;

/**
 * Pure. ERC-20 and ERC-721 share the Transfer topic and differ by their topic count (3 with the
 * value in data; 4 with the token id indexed and empty data). A log whose shape is not the one its
 * configured standard emits, or whose data is malformed, is skipped: a hostile or pre-standard
 * contract can make the census miss its own transfers, never stop it.
 *
 * @since 0.3.0
 */
final class TransferLogs {

	public const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

	public const TRANSFER_SINGLE = '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62';

	public const TRANSFER_BATCH = '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb';

	/** Ids per TransferBatch read at most (a batch longer than this is skipped). */
	private const MAX_BATCH = 10000;

	/**
	 * The topic0 filter of a standard's transfer events.
	 *
	 * @return list<string>
	 */
	public static function topics( string $standard ): array {
		return 'erc1155' === $standard ? array( self::TRANSFER_SINGLE, self::TRANSFER_BATCH ) : array( self::TRANSFER );
	}

	/**
	 * The transfers of one log for a token of the given standard, in log order. For ERC-721 the
	 * value is 1 (one token moves); for ERC-1155 only the entries of $token_id count.
	 *
	 * @param array<string, mixed> $log      As eth_getLogs returns it.
	 * @param string               $standard erc20, erc721 or erc1155.
	 * @param string               $token_id Decimal id of an ERC-1155 token.
	 * @return list<array{from:string, to:string, tokenId:string, value:string}>
	 */
	public static function decode( array $log, string $standard, string $token_id = '' ): array {
		$topics = $log['topics'] ?? null;
		if ( ! is_array( $topics ) || ! array_is_list( $topics ) || ! isset( $topics[0] ) || ! is_string( $topics[0] ) || true === ( $log['removed'] ?? false ) ) {
			return array();
		}
		try {
			$data = Abi::hex_to_bytes( is_string( $log['data'] ?? null ) ? $log['data'] : '' );
			$sig  = strtolower( $topics[0] );
			if ( 'erc20' === $standard && self::TRANSFER === $sig && 3 === count( $topics ) && 32 === strlen( $data ) ) {
				return array( self::transfer( $topics[1], $topics[2], '', Amount::from_word( $data ) ) );
			}
			if ( 'erc721' === $standard && self::TRANSFER === $sig && 4 === count( $topics ) && '' === $data ) {
				return array( self::transfer( $topics[1], $topics[2], Amount::from_word( self::word( $topics[3] ) ), '1' ) );
			}
			if ( 'erc1155' !== $standard || 4 !== count( $topics ) ) {
				return array();
			}
			if ( self::TRANSFER_SINGLE === $sig && 64 === strlen( $data ) ) {
				$id = Amount::from_word( substr( $data, 0, 32 ) );
				return $id === $token_id ? array( self::transfer( $topics[2], $topics[3], $id, Amount::from_word( substr( $data, 32, 32 ) ) ) ) : array();
			}
			if ( self::TRANSFER_BATCH === $sig ) {
				return self::batch( $topics[2], $topics[3], $data, $token_id );
			}
		} catch ( \InvalidArgumentException | \TypeError | \ValueError ) {
			return array();
		}
		return array();
	}

	/**
	 * The block number of a log, or null when it has none (a pending log).
	 *
	 * @param array<string, mixed> $log As eth_getLogs returns it.
	 */
	public static function block( array $log ): ?int {
		try {
			return Hex::quantity_to_int( $log['blockNumber'] ?? null );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
	}

	/**
	 * The entries of $token_id in a TransferBatch's (uint256[] ids, uint256[] values).
	 *
	 * @return list<array{from:string, to:string, tokenId:string, value:string}>
	 */
	private static function batch( mixed $from, mixed $to, string $data, string $token_id ): array {
		if ( strlen( $data ) < 128 ) {
			return array();
		}
		$ids_at    = Abi::small_uint( $data, 0 );
		$values_at = Abi::small_uint( $data, 32 );
		$count     = Abi::small_uint( $data, $ids_at );
		if ( $count > self::MAX_BATCH || Abi::small_uint( $data, $values_at ) !== $count
			|| $ids_at + 32 + 32 * $count > strlen( $data ) || $values_at + 32 + 32 * $count > strlen( $data ) ) {
			return array();
		}
		$transfers = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$id = Amount::from_word( substr( $data, $ids_at + 32 + 32 * $i, 32 ) );
			if ( $id === $token_id ) {
				$transfers[] = self::transfer( $from, $to, $id, Amount::from_word( substr( $data, $values_at + 32 + 32 * $i, 32 ) ) );
			}
		}
		return $transfers;
	}

	/**
	 * @return array{from:string, to:string, tokenId:string, value:string}
	 */
	private static function transfer( mixed $from, mixed $to, string $token_id, string $value ): array {
		return array(
			'from'    => self::address( $from ),
			'to'      => self::address( $to ),
			'tokenId' => $token_id,
			'value'   => $value,
		);
	}

	/** The address in an indexed topic: its 12 high bytes must be zero. */
	private static function address( mixed $topic ): string {
		$word = self::word( $topic );
		if ( str_repeat( "\0", 12 ) !== substr( $word, 0, 12 ) ) {
			throw new \InvalidArgumentException( 'Not an address topic.' );
		}
		return '0x' . bin2hex( substr( $word, 12 ) );
	}

	/** The 32 bytes of a topic. */
	private static function word( mixed $topic ): string {
		if ( ! is_string( $topic ) || 1 !== preg_match( '/^0x[0-9a-fA-F]{64}$/D', $topic ) ) {
			throw new \InvalidArgumentException( 'Not a topic.' );
		}
		return (string) hex2bin( substr( $topic, 2 ) );
	}
}
