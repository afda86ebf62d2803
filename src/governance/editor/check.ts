/**
 * Whether a DAO Proposal block's attributes name something well enough to ask the server for its
 * preview, and if not, the precise sentence to show instead (nothing is requested then).
 */
import { governorIdProblem, governorProblem } from './input';
import {
	parseSnapshotParts,
	parseSnapshotUrl,
	snapshotMessage,
	snapshotSpaceProblem,
} from './snapshotUrl';

export type SourceAttributes = {
	source: 'snapshot' | 'governor';
	space: string;
	testnet: boolean;
	chainId: number;
	governor: string;
};

export type ProposalAttributes = SourceAttributes & {
	url: string;
	proposalId: string;
};

export type ProposalsAttributes = SourceAttributes & {
	count: number;
	state: 'all' | 'pending' | 'active' | 'closed';
};

export type Query = Record< string, string | number >;

/** Either the preview's query, or what to say instead ('' while the input is incomplete). */
export type Check = { query: Query } | { message: string };

/**
 * The Governor's chain and address, checked; or what is missing or wrong.
 *
 * @param attributes Block attributes.
 */
function checkGovernor( attributes: SourceAttributes ): Check {
	if ( attributes.chainId <= 0 || attributes.governor === '' ) {
		return { message: '' };
	}
	const problem = governorProblem( attributes.governor );
	return problem
		? { message: problem }
		: {
				query: {
					source: 'governor',
					chainId: attributes.chainId,
					governor: attributes.governor,
				},
			};
}

/**
 * @param attributes A DAO Proposal block's attributes.
 */
export function checkProposal( attributes: ProposalAttributes ): Check {
	if ( attributes.source === 'governor' ) {
		const governor = checkGovernor( attributes );
		if ( ! ( 'query' in governor ) || attributes.proposalId === '' ) {
			return 'query' in governor ? { message: '' } : governor;
		}
		const problem = governorIdProblem( attributes.proposalId );
		return problem
			? { message: problem }
			: {
					query: {
						...governor.query,
						proposalId: attributes.proposalId,
					},
				};
	}
	if ( attributes.url !== '' ) {
		const ref = parseSnapshotUrl( attributes.url );
		return typeof ref === 'string'
			? { message: snapshotMessage( ref ) }
			: { query: { source: 'snapshot', url: attributes.url } };
	}
	if ( attributes.space === '' || attributes.proposalId === '' ) {
		return { message: '' };
	}
	const ref = parseSnapshotParts(
		attributes.space,
		attributes.proposalId,
		attributes.testnet
	);
	return typeof ref === 'string'
		? { message: snapshotMessage( ref ) }
		: {
				query: {
					source: 'snapshot',
					space: ref.space,
					proposalId: ref.id,
					testnet: ref.testnet ? '1' : '0',
				},
			};
}

/**
 * @param attributes A DAO Proposals block's attributes.
 */
export function checkProposals( attributes: ProposalsAttributes ): Check {
	const list = { count: attributes.count, state: attributes.state };
	if ( attributes.source === 'governor' ) {
		const governor = checkGovernor( attributes );
		return 'query' in governor
			? { query: { ...governor.query, ...list } }
			: governor;
	}
	if ( attributes.space === '' ) {
		return { message: '' };
	}
	const problem = snapshotSpaceProblem( attributes.space );
	return problem
		? { message: snapshotMessage( problem ) }
		: {
				query: {
					source: 'snapshot',
					space: attributes.space,
					testnet: attributes.testnet ? '1' : '0',
					...list,
				},
			};
}
