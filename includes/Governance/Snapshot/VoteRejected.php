<?php
/**
 * A vote the sequencer did not take.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

/**
 * Why, as a stable word (see Sequencer::REASONS) and a translated sentence for the member.
 *
 * @since 0.2.0
 */
final class VoteRejected extends \RuntimeException {

	/**
	 * @param string $reason  One of Sequencer::REASONS' values, or `unreachable`, `other`.
	 * @param string $message Translated.
	 * @param int    $status  HTTP status our REST answer carries.
	 */
	public function __construct( public readonly string $reason, string $message, public readonly int $status = 400 ) {
		parent::__construct( $message );
	}
}
