/**
 * Voting: what the page's vote control says about the proposal, and what GET /ballots answers.
 */

/** A proposal reference, as ProposalRef::to_array() prints it. */
export interface ProposalRefData {
	source: 'snapshot' | 'governor';
	space: string;
	testnet: boolean;
	chainId: number;
	governor: string;
	/** Snapshot id, or a Governor proposal id in decimal (uint256: never a number). */
	id: string;
}

/** The vote control's data-proposal attribute (includes/Governance/VoteControl.php). */
export interface VoteProposal {
	ref: ProposalRefData;
	/** Snapshot voting type (single-choice, basic, approval…) or `governor`. */
	type: string;
	/** Choice labels in the source's order (Governor: For, Against, Abstain). */
	choices: string[];
	symbol: string;
	/** Governor family: `oz` or `bravo`; '' for Snapshot. */
	flavor: string;
	/** Name of the Governor's network; '' for Snapshot. */
	network: string;
	/** The network's block explorer, without a trailing slash; '' for none. */
	explorerUrl: string;
}

export type BallotReason =
	'' | 'not_active' | 'no_power' | 'already_voted' | 'private';

/** One linked wallet's standing (includes/Governance/Ballots.php). */
export interface BallotRow {
	address: string;
	/** Whole tokens, a decimal string. */
	power: string;
	voted: boolean;
	choice: string;
	canVote: boolean;
	reason: BallotReason;
	message: string;
}

export interface BallotsResponse {
	ref: ProposalRefData;
	state: string;
	/** The proposal's title, as the site read it from the source. */
	title: string;
	/** The proposal's voting type and choice labels, as the site read them from the source. */
	type: string;
	choices: string[];
	ballots: BallotRow[];
}

/** An EIP-1193 transaction receipt, as far as voting reads it. */
export interface TransactionReceipt {
	status: string;
	blockNumber: string;
}
