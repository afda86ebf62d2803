<?php
/**
 * A member's ballots on one proposal: each linked wallet's power and vote, and whether it can vote.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

use SovereignPress\Auth\WalletAccounts;

/**
 * The page decides nothing about voting rights: the vote control asks this (through
 * GET /ballots) which of the member's wallets can vote, and the source still has the last word
 * (the sequencer or the Governor contract).
 *
 * @phpstan-type BallotRow array{address:string, power:string, voted:bool, choice:string, canVote:bool, reason:string, message:string}
 *
 * @since 0.2.0
 */
final class Ballots {

	/** Why a wallet cannot vote; '' when it can. */
	public const NOT_ACTIVE    = 'not_active';
	public const NO_POWER      = 'no_power';
	public const ALREADY_VOTED = 'already_voted';
	public const PRIVATE       = 'private';

	/**
	 * @param WalletAccounts                                $accounts The member's linked wallets.
	 * @param \Closure(ProposalRef): (Proposal|SourceError) $proposal The proposal, as the page shows it.
	 * @param \Closure(ProposalRef): Source                 $source   The source that reads it.
	 */
	public function __construct(
		private WalletAccounts $accounts,
		private \Closure $proposal,
		private \Closure $source
	) {}

	/**
	 * @return array{proposal:Proposal, ballots:list<BallotRow>}
	 * @throws SourceError When the proposal or a ballot cannot be read.
	 */
	public function for_user( int $user_id, ProposalRef $ref ): array {
		$proposal = ( $this->proposal )( $ref );
		if ( $proposal instanceof SourceError ) {
			throw $proposal;
		}
		$source  = ( $this->source )( $ref );
		$ballots = array();
		foreach ( $this->accounts->wallets( $user_id ) as $wallet ) {
			$ballots[] = self::row( $proposal, $source->ballot( $proposal, $wallet['address'] ) );
		}
		return array(
			'proposal' => $proposal,
			'ballots'  => $ballots,
		);
	}

	/**
	 * One wallet's standing, with the reason it cannot vote. Snapshot lets a voter change their
	 * vote until the end (the new one replaces the old); a Governor counts the first vote only.
	 *
	 * @return BallotRow
	 */
	public static function row( Proposal $proposal, Ballot $ballot ): array {
		$reason = '';
		if ( $proposal->private ) {
			$reason = self::PRIVATE;
		} elseif ( 'active' !== $proposal->state ) {
			$reason = self::NOT_ACTIVE;
		} elseif ( ProposalRef::GOVERNOR === $proposal->ref->source && $ballot->voted ) {
			$reason = self::ALREADY_VOTED;
		} elseif ( 1 !== preg_match( '/[1-9]/', $ballot->power ) ) {
			$reason = self::NO_POWER;
		}
		return array(
			'address' => $ballot->address,
			'power'   => $ballot->power,
			'voted'   => $ballot->voted,
			'choice'  => $ballot->choice,
			'canVote' => '' === $reason,
			'reason'  => $reason,
			'message' => self::message( $reason, $proposal, $ballot ),
		);
	}

	/**
	 * The sentence for a reason, for the member.
	 */
	private static function message( string $reason, Proposal $proposal, Ballot $ballot ): string {
		switch ( $reason ) {
			case self::PRIVATE:
				return __( 'Votes on this proposal are encrypted until voting ends; vote on Snapshot itself.', 'sovereign-press' );
			case self::NOT_ACTIVE:
				return 'pending' === $proposal->state
					? __( 'Voting has not opened yet.', 'sovereign-press' )
					: __( 'Voting has ended.', 'sovereign-press' );
			case self::ALREADY_VOTED:
				return '' !== $ballot->choice
					/* translators: %s: the choice voted for, such as "For". */
					? sprintf( __( 'This wallet has already voted (%s). A Governor counts the first vote only.', 'sovereign-press' ), $ballot->choice )
					: __( 'This wallet has already voted. A Governor counts the first vote only.', 'sovereign-press' );
			case self::NO_POWER:
				return __( 'This wallet had no voting power at the proposal\'s snapshot, when voting power was counted.', 'sovereign-press' );
		}
		if ( $ballot->voted && '' !== $ballot->choice ) {
			/* translators: %s: the choice voted for. */
			return sprintf( __( 'You voted %s. Voting again replaces that vote.', 'sovereign-press' ), $ballot->choice );
		}
		return '';
	}
}
