<?php
/**
 * What a DAO Proposals block lists: the latest proposals of a Snapshot space or of a Governor.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * @since 0.2.0
 */
final class Listing {

	/** State filters every source understands; `closed` is any ended proposal. */
	public const STATES = array( 'all', 'pending', 'active', 'closed' );

	public const MAX_COUNT = 20;

	/**
	 * @param ProposalRef $where A reference whose space (Snapshot) or chain and Governor (Governor)
	 *                           name the list; its id is ''.
	 * @param int         $count How many, 1 to MAX_COUNT.
	 * @param string      $state One of STATES.
	 */
	public function __construct(
		public readonly ProposalRef $where,
		public readonly int $count,
		public readonly string $state
	) {}

	public function key(): string {
		return 'list:' . $this->where->key() . ':' . $this->count . ':' . $this->state;
	}
}
