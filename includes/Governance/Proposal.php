<?php
/**
 * A proposal as every view shows it, whichever source it came from.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * What a source read, normalised. Text fields are raw (the view escapes and sanitises them);
 * amounts are decimal strings in whole tokens.
 *
 * @since 0.2.0
 */
final class Proposal {

	/** Snapshot states; passed and rejected only for closed `basic` proposals. */
	public const SNAPSHOT_STATES = array( 'pending', 'active', 'closed', 'passed', 'rejected' );

	/** Governor states, in the order of the contract's ProposalState enum. */
	public const GOVERNOR_STATES = array( 'pending', 'active', 'canceled', 'defeated', 'succeeded', 'queued', 'expired', 'executed' );

	/** States after which nothing changes any more (long cache). */
	public const FINAL_STATES = array( 'closed', 'passed', 'rejected', 'canceled', 'defeated', 'expired', 'executed' );

	/**
	 * @param ProposalRef  $ref          Where it lives.
	 * @param string       $title        Title (Governor: the description's first line, without a leading "# ").
	 * @param string       $body         Markdown.
	 * @param string       $author       Proposer, a checksummed address.
	 * @param string       $state        One of SNAPSHOT_STATES or GOVERNOR_STATES.
	 * @param string       $type         Snapshot voting type (single-choice, approval, quadratic,
	 *                                   ranked-choice, weighted, basic, copeland…) or `governor`.
	 * @param list<Choice> $choices      In the source's order (Governor: For, Against, Abstain).
	 * @param string       $symbol       Unit of the amounts ("SVOTE", a space's symbol).
	 * @param string       $quorum       Votes needed, whole tokens; '0' when there is none.
	 * @param string       $quorum_votes Votes that count toward the quorum, whole tokens.
	 * @param int|null     $start        Voting opens, unix seconds (null: unknown).
	 * @param int|null     $end          Voting closes, unix seconds (null: unknown).
	 * @param bool         $estimated    Whether the end was estimated from block times (a block not
	 *                                   mined yet when read); the start never is when the end is not.
	 * @param string       $snapshot     Block number (or timestamp in timestamp clock mode) at which
	 *                                   voting power counts, a decimal string; '' when unknown.
	 * @param int          $votes        Number of votes cast; -1 when the source does not say.
	 * @param string       $link         The proposal at its source (Snapshot UI, explorer); '' for none.
	 * @param string       $space_name   Space or Governor name.
	 * @param bool         $private      Shutter-encrypted Snapshot proposal (votes hidden until the end).
	 * @param string       $flavor       Governor contract family: `oz` or `bravo`; '' for Snapshot.
	 * @param int          $fetched      When the source was read, unix seconds.
	 * @param bool         $start_estimated Whether the start was estimated too (a pending proposal's
	 *                                   snapshot block).
	 * @param string       $end_block    The block voting ends at, a decimal string, for a block-number
	 *                                   clock Governor; '' otherwise.
	 */
	public function __construct(
		public readonly ProposalRef $ref,
		public readonly string $title,
		public readonly string $body,
		public readonly string $author,
		public readonly string $state,
		public readonly string $type,
		public readonly array $choices,
		public readonly string $symbol,
		public readonly string $quorum,
		public readonly string $quorum_votes,
		public readonly ?int $start,
		public readonly ?int $end,
		public readonly bool $estimated,
		public readonly string $snapshot,
		public readonly int $votes,
		public readonly string $link,
		public readonly string $space_name,
		public readonly bool $private,
		public readonly string $flavor,
		public readonly int $fetched,
		public readonly bool $start_estimated = false,
		public readonly string $end_block = ''
	) {}

	/**
	 * Whether the outcome can no longer change.
	 */
	public function is_final(): bool {
		return in_array( $this->state, self::FINAL_STATES, true );
	}

	/**
	 * Plain data for a cache entry.
	 *
	 * @return array<string, mixed>
	 */
	public function to_array(): array {
		$data            = get_object_vars( $this );
		$data['ref']     = $this->ref->to_array();
		$data['choices'] = array_map(
			static fn ( Choice $choice ): array => array( $choice->label, $choice->amount, $choice->share ),
			$this->choices
		);
		return $data;
	}

	/**
	 * @param array<string, mixed> $data From to_array().
	 */
	public static function from_array( array $data ): self {
		$data['ref']     = ProposalRef::from_array( (array) $data['ref'] );
		$data['choices'] = array_map(
			static fn ( array $choice ): Choice => new Choice( (string) $choice[0], (string) $choice[1], (float) $choice[2] ),
			(array) $data['choices']
		);
		return new self( ...$data );
	}
}
