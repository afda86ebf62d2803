<?php
/**
 * The adaptive block range of eth_getLogs calls: shrinks when a provider refuses a range, grows
 * back after clean calls.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;

/**
 * Pure; no WordPress. Providers word a refused range differently (GOVERNANCE-NOTES Part 3):
 * Infura -32005 "Try with this block range [0x…, 0x…]", Alchemy -32602 / -32600 "this block range
 * should work: [0x…, 0x…]", QuickNode -32614 "limited to a 10,000 range" or HTTP 413, llamarpc
 * "retry with the range A-B", PublicNode "maximum block range: N", merkle "max is 1k blocks". An
 * answer larger than the transport reads (RpcResponseTooLarge) counts as a refusal too.
 * When the text names a range narrower than the one asked, that size is used; otherwise the range
 * is halved. After GROW_AFTER clean calls in a row the size doubles again, up to the cap.
 *
 * @since 0.3.0
 */
final class LogRange {

	/** Clean calls in a row before the range doubles. */
	public const GROW_AFTER = 3;

	/**
	 * @param int  $size       Blocks per call now.
	 * @param int  $clean      Clean calls in a row so far.
	 * @param int  $max        Widest range ever asked.
	 * @param int  $min        Narrowest range: a refusal below it is an error.
	 * @param bool $rate_limit Whether HTTP 429 also shrinks the range (a busy provider answers a
	 *                         smaller question sooner); otherwise it is an error.
	 */
	public function __construct( private int $size, private int $clean = 0, private int $max = 10000, private int $min = 1, private bool $rate_limit = false ) {
		$this->size  = max( $this->min, min( $this->max, $this->size ) );
		$this->clean = max( 0, $this->clean );
	}

	/** Blocks per eth_getLogs call now. */
	public function size(): int {
		return $this->size;
	}

	/** Clean calls in a row since the last change of size. */
	public function clean(): int {
		return $this->clean;
	}

	/**
	 * A call of the current size was answered: after GROW_AFTER of them in a row the size doubles
	 * (up to the cap).
	 */
	public function succeeded(): void {
		if ( ++$this->clean < self::GROW_AFTER ) {
			return;
		}
		$this->clean = 0;
		$this->size  = min( $this->max, $this->size * 2 );
	}

	/**
	 * A call answered $results logs where about $target were wanted (memory per slice stays
	 * bounded on a node that sets no limit): the size shrinks in proportion.
	 */
	public function fit( int $results, int $target ): void {
		if ( $results <= $target || $target < 1 ) {
			return;
		}
		$this->size  = max( $this->min, intdiv( $this->size * $target, $results ) );
		$this->clean = 0;
	}

	/**
	 * After an error from eth_getLogs calls spanning up to $span blocks each: when it refuses the
	 * range, shrinks the size (to the size the provider names, or to half) and returns true.
	 * False when it is another error or the size cannot shrink further.
	 */
	public function shrink( RpcException $error, int $span ): bool {
		$limit = $this->rate_limit && $error instanceof RpcHttpError && 429 === $error->status ? 0 : self::refusal( $error );
		$base  = min( $this->size, max( 1, $span ) );
		$next  = null !== $limit && $limit > 0 && $limit < $base ? $limit : intdiv( $base, 2 );
		if ( null === $limit || $next < $this->min ) {
			return false;
		}
		$this->size  = $next;
		$this->clean = 0;
		return true;
	}

	/**
	 * Whether an error refuses a log range: null when it does not, else the blocks per call the
	 * provider suggests (0 when it names none).
	 *
	 * @since 0.3.0
	 */
	public static function refusal( RpcException $error ): ?int {
		if ( $error instanceof RpcHttpError ) {
			return 413 === $error->status ? 0 : null;
		}
		if ( $error instanceof RpcResponseTooLarge ) {
			// An answer larger than the transport reads: the same question in halves.
			return 0;
		}
		if ( ! $error instanceof RpcErrorResponse || 'eth_getLogs' !== $error->method ) {
			return null;
		}
		$text = $error->rpc_message;
		if ( -32614 !== $error->rpc_code && 1 !== preg_match( '/range|results|response size|too large|exceeds limit/i', $text ) ) {
			return null;
		}
		if ( 1 === preg_match( '/\[\s*(0x[0-9a-f]{1,15})\s*,\s*(0x[0-9a-f]{1,15})\s*\]/i', $text, $m ) ) {
			return max( 0, Hex::quantity_to_int( strtolower( $m[2] ) ) - Hex::quantity_to_int( strtolower( $m[1] ) ) + 1 );
		}
		if ( 1 === preg_match( '/range\s+(\d{1,15})\s*-\s*(\d{1,15})/i', $text, $m ) ) {
			return max( 0, (int) $m[2] - (int) $m[1] + 1 );
		}
		if ( 1 === preg_match( '/(?:limited to an?|limit of|maximum block range:?|max is|up to an?)\s*([\d,]{1,15})(k?)/i', $text, $m ) ) {
			return (int) str_replace( ',', '', $m[1] ) * ( '' === $m[2] ? 1 : 1000 );
		}
		return 0;
	}
}
