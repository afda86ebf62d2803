<?php
/**
 * Where proposals come from: Snapshot's hub or a Governor contract.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * A source reads; caching and rendering are the caller's (Governance\Proposals).
 *
 * @since 0.2.0
 */
interface Source {

	/**
	 * Reads several proposals at once: Snapshot in one GraphQL request per hub, Governors in one
	 * Multicall3 aggregate3 per chain.
	 *
	 * @param list<ProposalRef> $refs Proposals of this source.
	 * @return array<string, Proposal|SourceError> By ProposalRef::key(), one entry per ref.
	 */
	public function fetch( array $refs ): array;

	/**
	 * The latest proposals of a space or Governor, newest first.
	 *
	 * @return list<Proposal>
	 * @throws SourceError When the list cannot be read.
	 */
	public function latest( Listing $listing ): array;

	/**
	 * A voter's power and vote on a proposal.
	 *
	 * @param Proposal $proposal As fetched.
	 * @param string   $address  Checksummed address of the voter.
	 * @throws SourceError When the source cannot answer.
	 */
	public function ballot( Proposal $proposal, string $address ): Ballot;
}
