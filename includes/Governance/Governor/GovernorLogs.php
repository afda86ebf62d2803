<?php
/**
 * Governor events: ProposalCreated and VoteCast, found with eth_getLogs and decoded.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Governor;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Transport;
use SovereignPress\Crypto\Keccak256;
use SovereignPress\Gating\Amount;

/**
 * OpenZeppelin and GovernorBravo emit these events with the same canonical signatures, so one
 * topic0 finds both. Ranges are split into chunks the common providers accept (10,000 blocks).
 * A provider that refuses a range (Infura -32005, Alchemy -32602 / -32600, QuickNode -32614 or
 * HTTP 413, and the range texts others send) gets chunks of the size it suggests, or half-size
 * chunks, down to MIN_CHUNK; any other error is thrown at once.
 *
 * @since 0.2.0
 */
final class GovernorLogs {

	public const PROPOSAL_CREATED = 'ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)';

	public const VOTE_CAST = 'VoteCast(address,uint256,uint8,uint256,string)';

	/** Smallest chunk tried before giving up (some free tiers allow only a few blocks). */
	private const MIN_CHUNK = 100;

	/**
	 * @param int $chunk Blocks per eth_getLogs call.
	 */
	public function __construct( private int $chunk = 10000 ) {}

	/** The 0x topic of an event signature. */
	public static function topic( string $signature ): string {
		return '0x' . Keccak256::hex( $signature );
	}

	/** Blocks per eth_getLogs call now (smaller after a provider refused a range). */
	public function chunk(): int {
		return $this->chunk;
	}

	/**
	 * After an error from a request of eth_getLogs calls spanning up to $span blocks each: when it
	 * is a provider refusing the range, shrinks the chunk (to the size the provider names, or to
	 * half) and returns true. False when it is another error or the chunk cannot shrink further.
	 */
	public function shrink( RpcException $error, int $span ): bool {
		$limit = self::refusal( $error );
		$base  = min( $this->chunk, max( 1, $span ) );
		$next  = null !== $limit && $limit > 0 && $limit < $base ? $limit : intdiv( $base, 2 );
		if ( null === $limit || $next < self::MIN_CHUNK ) {
			return false;
		}
		$this->chunk = $next;
		return true;
	}

	/**
	 * Whether an error refuses a log range: null when it does not, else the blocks per call the
	 * provider suggests (0 when it names none).
	 */
	private static function refusal( RpcException $error ): ?int {
		if ( $error instanceof RpcHttpError ) {
			return 413 === $error->status ? 0 : null;
		}
		if ( ! $error instanceof RpcErrorResponse || 'eth_getLogs' !== $error->method ) {
			return null;
		}
		$text = $error->rpc_message;
		if ( -32614 !== $error->rpc_code && 1 !== preg_match( '/range|results|response size|too large/i', $text ) ) {
			return null;
		}
		if ( 1 === preg_match( '/\[\s*(0x[0-9a-f]{1,15})\s*,\s*(0x[0-9a-f]{1,15})\s*\]/i', $text, $m ) ) {
			return max( 0, Hex::quantity_to_int( strtolower( $m[2] ) ) - Hex::quantity_to_int( strtolower( $m[1] ) ) + 1 );
		}
		if ( 1 === preg_match( '/range\s+(\d{1,15})\s*-\s*(\d{1,15})/i', $text, $m ) ) {
			return max( 0, (int) $m[2] - (int) $m[1] + 1 );
		}
		if ( 1 === preg_match( '/(?:limited to an?|limit of|maximum block range:?|max is)\s*([\d,]{1,15})(k?)/i', $text, $m ) ) {
			return (int) str_replace( ',', '', $m[1] ) * ( '' === $m[2] ? 1 : 1000 );
		}
		return 0;
	}

	/**
	 * The eth_getLogs calls that cover a block range, newest chunk first.
	 *
	 * @param array<string, mixed> $filter address and topics.
	 * @return list<array{0:string, 1:list<mixed>}>
	 */
	public function calls( array $filter, int $from, int $to, ?int $chunk = null ): array {
		$chunk = max( 1, $chunk ?? $this->chunk );
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
