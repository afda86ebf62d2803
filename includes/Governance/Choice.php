<?php
/**
 * One choice of a proposal with its tally.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * @since 0.2.0
 */
final class Choice {

	/**
	 * @param string $label  The choice as the source names it (Snapshot: the proposal's text;
	 *                       Governor: For, Against, Abstain, translated by the view).
	 * @param string $amount Votes for it in whole tokens, a non-negative decimal string that may
	 *                       carry a fraction ("1234.5"): never a float, so uint256 tallies survive.
	 * @param float  $share  Its share of all votes cast, 0 to 1.
	 */
	public function __construct(
		public readonly string $label,
		public readonly string $amount,
		public readonly float $share
	) {}
}
