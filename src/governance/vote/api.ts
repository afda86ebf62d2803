/**
 * The voting routes, over the front-end REST client.
 */
import { restFetch, type RestConfig } from '@/api/restFetch';

import type { SnapshotVoteData } from './snapshot';
import type { BallotsResponse, ProposalRefData } from './types';

/**
 * The member's wallets' standing on the proposal (includes/Rest/BallotsController.php).
 * @param config
 * @param ref
 * @param refresh After a mined vote: the site reads the proposal again.
 */
export function fetchBallots(
	config: RestConfig,
	ref: ProposalRefData,
	refresh = false
): Promise< BallotsResponse > {
	const query = new URLSearchParams(
		ref.source === 'snapshot'
			? {
					source: ref.source,
					space: ref.space,
					id: ref.id,
					testnet: ref.testnet ? '1' : '0',
				}
			: {
					source: ref.source,
					chainId: String( ref.chainId ),
					governor: ref.governor,
					id: ref.id,
				}
	);
	if ( refresh ) {
		query.set( 'refresh', '1' );
	}
	return restFetch< BallotsResponse >(
		config,
		`/sovereign-press/v1/ballots?${ query.toString() }`
	);
}

/** The signed envelope, as Snapshot's sequencer takes it. */
export interface SnapshotEnvelope {
	address: string;
	sig: string;
	data: SnapshotVoteData;
}

/**
 * Hands a signed vote to the site, which relays it to the configured sequencer. The body is the
 * envelope exactly as the sequencer takes it; a testnet proposal says so in the query.
 * @param config
 * @param envelope
 * @param testnet  Whether the proposal is on Snapshot's testnet.
 */
export function sendSnapshotVote(
	config: RestConfig,
	envelope: SnapshotEnvelope,
	testnet: boolean
): Promise< { id: string } > {
	return restFetch< { id: string } >(
		config,
		'/sovereign-press/v1/snapshot-votes' + ( testnet ? '?testnet=1' : '' ),
		{ method: 'POST', body: envelope }
	);
}
