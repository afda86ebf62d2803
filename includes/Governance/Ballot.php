<?php
/**
 * A member's standing on one proposal: voting power and the vote already cast.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * @since 0.2.0
 */
final class Ballot {

	/**
	 * @param string $address Voter, checksummed.
	 * @param string $power   Voting power at the proposal's snapshot, whole tokens (decimal string).
	 * @param bool   $voted   Whether this address has voted.
	 * @param string $choice  The vote cast, as the view says it ("For"; "Option A, Option B";
	 *                        "1. A 2. B"; '' when not voted or when the source hides it).
	 */
	public function __construct(
		public readonly string $address,
		public readonly string $power,
		public readonly bool $voted,
		public readonly string $choice
	) {}
}
