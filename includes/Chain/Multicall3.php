<?php
/**
 * Multicall3's aggregate3: many contract reads in one eth_call.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcInvalidResponse;

/**
 * Multicall3 lives at the same address on every chain that has it (and on the local chain, put
 * there by scripts/lib/chain.mjs). Each call may fail on its own (allowFailure), so one bad
 * contract never hides the other answers.
 *
 * @phpstan-type Call array{target:string, data:string}
 * @phpstan-type Answer array{success:bool, data:string}
 *
 * @since 0.1.0
 */
final class Multicall3 {

	public const ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';

	public function __construct( private Transport $transport ) {}

	/**
	 * Runs the calls in one eth_call and returns each one's success flag and return data.
	 *
	 * @param list<Call> $calls   Target address (0x hex) and raw call data.
	 * @param float|null $timeout Seconds the call may take (the transport's default if null).
	 * @param int|null   $block   Block to read at (since 0.3.0; the latest if null).
	 * @return list<Answer>
	 *
	 * @throws RpcException When the node cannot answer (callers fail closed).
	 */
	public function aggregate3( array $calls, ?float $timeout = null, ?int $block = null ): array {
		if ( array() === $calls ) {
			return array();
		}
		$result = $this->transport->call(
			'eth_call',
			array(
				array(
					'to'   => self::ADDRESS,
					'data' => '0x' . bin2hex( self::encode( $calls ) ),
				),
				null === $block ? 'latest' : Hex::int_to_quantity( $block ),
			),
			$timeout
		);
		try {
			$answers = self::decode( Abi::hex_to_bytes( is_string( $result ) ? $result : '' ) );
		} catch ( \InvalidArgumentException $error ) {
			throw new RpcInvalidResponse( 'aggregate3 returned data that does not decode: ' . $error->getMessage() );
		}
		if ( count( $answers ) !== count( $calls ) ) {
			throw new RpcInvalidResponse( 'aggregate3 returned a different number of results than calls.' );
		}
		return $answers;
	}

	/**
	 * Call data of aggregate3((address target, bool allowFailure, bytes callData)[]), every call
	 * allowed to fail.
	 *
	 * @param list<Call> $calls
	 */
	public static function encode( array $calls ): string {
		$tuples = array();
		foreach ( $calls as $call ) {
			$target   = Abi::hex_to_bytes( $call['target'] );
			$tuples[] = Abi::encode(
				array(
					array( 'address', $target ),
					array( 'bytes32', str_repeat( "\0", 31 ) . "\1" ), // allowFailure = true, a static word.
					array( 'bytes', $call['data'] ),
				)
			);
		}
		return Abi::selector( 'aggregate3((address,bool,bytes)[])' ) . Abi::uint( 32 ) . self::array_of_dynamic( $tuples );
	}

	/**
	 * Decodes the (bool success, bytes returnData)[] that aggregate3 returns.
	 *
	 * @return list<Answer>
	 *
	 * @throws \InvalidArgumentException On malformed data.
	 */
	public static function decode( string $bytes ): array {
		$array   = Abi::small_uint( $bytes, 0 );
		$count   = Abi::small_uint( $bytes, $array );
		$base    = $array + 32;
		$answers = array();
		if ( $count > 10000 ) {
			throw new \InvalidArgumentException( 'Too many results.' );
		}
		for ( $i = 0; $i < $count; $i++ ) {
			$tuple   = $base + Abi::small_uint( $bytes, $base + 32 * $i );
			$success = Abi::small_uint( $bytes, $tuple );
			$offset  = $tuple + Abi::small_uint( $bytes, $tuple + 32 );
			$length  = Abi::small_uint( $bytes, $offset );
			if ( $success > 1 || $offset + 32 + $length > strlen( $bytes ) ) {
				throw new \InvalidArgumentException( 'Malformed result tuple.' );
			}
			$answers[] = array(
				'success' => 1 === $success,
				'data'    => substr( $bytes, $offset + 32, $length ),
			);
		}
		return $answers;
	}

	/**
	 * abi.encode of T[] for dynamic T: the length, the offsets (from the first offset), the items.
	 *
	 * @param list<string> $items Each item's own encoding.
	 */
	private static function array_of_dynamic( array $items ): string {
		$heads = '';
		$tails = '';
		$next  = 32 * count( $items );
		foreach ( $items as $item ) {
			$heads .= Abi::uint( $next + strlen( $tails ) );
			$tails .= $item;
		}
		return Abi::uint( count( $items ) ) . $heads . $tails;
	}
}
