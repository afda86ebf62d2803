<?php
/**
 * Governor events: ProposalCreated and VoteCast, found with eth_getLogs and decoded.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Governor;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\LogRange;
use SovereignPress\Chain\Transport;
use SovereignPress\Crypto\Keccak256;
use SovereignPress\Gating\Amount;

/**
 * OpenZeppelin and GovernorBravo emit these events with the same canonical signatures, so one
 * topic0 finds both. Ranges are split into chunks the common providers accept (10,000 blocks).
 * A provider that refuses a range (Infura -32005, Alchemy -32602 / -32600, QuickNode -32614 or
 * HTTP 413, and the range texts others send) gets chunks of the size it suggests, or half-size
 * chunks, down to MIN_CHUNK (Chain\LogRange reads the refusals); any other error is thrown at once.
 *
 * @since 0.2.0
 */
final class GovernorLogs {

	public const PROPOSAL_CREATED = 'ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)';

	public const VOTE_CAST = 'VoteCast(address,uint256,uint8,uint256,string)';

	/** Smallest chunk tried before giving up (some free tiers allow only a few blocks). */
	private const MIN_CHUNK = 100;

	private LogRange $range;

	/**
	 * @param int $chunk Blocks per eth_getLogs call.
	 */
	public function __construct( int $chunk = 10000 ) {
		$this->range = new LogRange( $chunk, 0, max( $chunk, self::MIN_CHUNK ), min( $chunk, self::MIN_CHUNK ) );
	}

	/** The 0x topic of an event signature. */
	public static function topic( string $signature ): string {
		return '0x' . Keccak256::hex( $signature );
	}

	/** Blocks per eth_getLogs call now (smaller after a provider refused a range). */
	public function chunk(): int {
		return $this->range->size();
	}

	/**
	 * After an error from a request of eth_getLogs calls spanning up to $span blocks each: when it
	 * is a provider refusing the range, shrinks the chunk (to the size the provider names, or to
	 * half) and returns true. False when it is another error or the chunk cannot shrink further.
	 */
	public function shrink( RpcException $error, int $span ): bool {
		return $this->range->shrink( $error, $span );
	}

	/**
	 * The eth_getLogs calls that cover a block range, newest chunk first.
	 *
	 * @param array<string, mixed> $filter address and topics.
	 * @return list<array{0:string, 1:list<mixed>}>
	 */
	public function calls( array $filter, int $from, int $to, ?int $chunk = null ): array {
		$chunk = max( 1, $chunk ?? $this->range->size() );
		$calls = array();
		for ( $end = $to; $end >= $from; $end -= $chunk ) {
			$start   = max( $from, $end - $chunk + 1 );
			$calls[] = array(
				'eth_getLogs',
				array(
					$filter + array(
						'fromBlock' => Hex::int_to_quantity( $start ),
						'toBlock'   => Hex::int_to_quantity( $end ),
					),
				),
			);
		}
		return $calls;
	}

	/**
	 * Every log matching the filter in a range, in chain order, in one batch (again in smaller
	 * chunks when the provider refuses the range; see shrink()).
	 *
	 * @param array<string, mixed> $filter address and topics.
	 * @return list<array<string, mixed>>
	 * @throws RpcException When the node cannot answer.
	 */
	public function fetch( Transport $transport, array $filter, int $from, int $to, ?float $timeout = null ): array {
		if ( $to < $from ) {
			return array();
		}
		while ( true ) {
			try {
				return self::flatten( $transport->batch( $this->calls( $filter, $from, $to ), $timeout ) );
			} catch ( RpcException $error ) {
				if ( ! $this->shrink( $error, $to - $from + 1 ) ) {
					throw $error;
				}
			}
		}
	}

	/**
	 * The logs of a batch of eth_getLogs answers, oldest first.
	 *
	 * @param list<mixed> $answers Results of calls(), newest chunk first.
	 * @return list<array<string, mixed>>
	 */
	public static function flatten( array $answers ): array {
		$logs = array();
		foreach ( array_reverse( $answers ) as $answer ) {
			foreach ( is_array( $answer ) ? $answer : array() as $log ) {
				if ( is_array( $log ) ) {
					$logs[] = $log;
				}
			}
		}
		return $logs;
	}

	/**
	 * Proposal id, proposer, start and end timepoints, and description of a ProposalCreated log.
	 *
	 * @param array<string, mixed> $log As eth_getLogs returns it.
	 * @return array{id:string, proposer:string, start:string, end:string, description:string, block:int}|null
	 */
	public static function proposal_created( array $log ): ?array {
		try {
			$data = Abi::hex_to_bytes( (string) ( $log['data'] ?? '' ) );
			if ( strlen( $data ) < 9 * 32 ) {
				return null;
			}
			$offset = Abi::small_uint( $data, 8 * 32 );
			$length = Abi::small_uint( $data, $offset );
			if ( $offset + 32 + $length > strlen( $data ) ) {
				return null;
			}
			return array(
				'id'          => Amount::from_word( substr( $data, 0, 32 ) ),
				'proposer'    => '0x' . bin2hex( substr( $data, 44, 20 ) ),
				'start'       => Amount::from_word( substr( $data, 6 * 32, 32 ) ),
				'end'         => Amount::from_word( substr( $data, 7 * 32, 32 ) ),
				'description' => substr( $data, $offset + 32, $length ),
				'block'       => Hex::quantity_to_int( $log['blockNumber'] ?? '' ),
			);
		} catch ( \InvalidArgumentException ) {
			return null;
		}
	}

	/**
	 * Proposal id and support (0 against, 1 for, 2 abstain) of a VoteCast log.
	 *
	 * @param array<string, mixed> $log As eth_getLogs returns it.
	 * @return array{id:string, support:int}|null
	 */
	public static function vote_cast( array $log ): ?array {
		try {
			$data = Abi::hex_to_bytes( (string) ( $log['data'] ?? '' ) );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
		if ( strlen( $data ) < 4 * 32 ) {
			return null;
		}
		return array(
			'id'      => Amount::from_word( substr( $data, 0, 32 ) ),
			'support' => ord( $data[63] ),
		);
	}
}
