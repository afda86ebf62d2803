<?php
/**
 * No HTTP answer at all.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

/**
 * The request got no answer: the connection failed, or the time ran out.
 *
 * @since 0.2.0
 */
final class HttpFailure extends \RuntimeException {

	/**
	 * @param bool $timed_out Whether the time ran out (rather than the connection failing).
	 */
	public function __construct( public readonly bool $timed_out, string $message = '' ) {
		parent::__construct( $message );
	}
}
