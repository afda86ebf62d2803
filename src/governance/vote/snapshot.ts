/**
 * Snapshot votes as EIP-712 typed data, byte for byte as @snapshot-labs/snapshot.js signs them
 * (src/sign/index.ts, Client.vote; src/sign/types.ts): the sequencer hashes JSON.stringify(types)
 * and accepts only the known hashes, so field order and key order matter.
 */

/** One EIP-712 field; `name` before `type`, as snapshot.js writes them. */
interface TypedField {
	name: string;
	type: string;
}

/**
 * The `Vote` fields, with `choice` of the given type.
 * @param choice
 */
function voteFields( choice: string ): TypedField[] {
	return [
		{ name: 'from', type: 'string' },
		{ name: 'space', type: 'string' },
		{ name: 'timestamp', type: 'uint64' },
		{ name: 'proposal', type: 'string' },
		{ name: 'choice', type: choice },
		{ name: 'reason', type: 'string' },
		{ name: 'app', type: 'string' },
		{ name: 'metadata', type: 'string' },
	];
}

/** What snapshot.js and sx.js sign, and our sequencer relay accepts, as the app name (≤ 24 chars). */
export const SNAPSHOT_APP = 'sovereign-press';

export const SNAPSHOT_DOMAIN = { name: 'snapshot', version: '0.1.4' } as const;

/**
 * A vote's choice, by proposal type: a 1-based index (single-choice, basic), 1-based indices
 * (approval: those picked; ranked-choice: all, best first), or index → weight (weighted,
 * quadratic), whose keys are 1-based indices as strings.
 */
export type SnapshotChoice = number | number[] | Record< string, number >;

/**
 * Which `choice` type a proposal type signs with (snapshot.js; copeland as sx.js does).
 * @param type
 */
export function choiceType( type: string ): 'uint32' | 'uint32[]' | 'string' {
	if ( [ 'approval', 'ranked-choice', 'copeland' ].includes( type ) ) {
		return 'uint32[]';
	}
	if ( [ 'weighted', 'quadratic' ].includes( type ) ) {
		return 'string';
	}
	return 'uint32';
}

export interface SnapshotVoteInput {
	/** Checksummed address of the voter. */
	from: string;
	space: string;
	proposal: string;
	type: string;
	choice: SnapshotChoice;
	reason?: string;
	/** Unix seconds; now when omitted. */
	timestamp?: number;
}

export interface SnapshotMessage {
	from: string;
	space: string;
	timestamp: number;
	proposal: string;
	choice: number | number[] | string;
	reason: string;
	app: string;
	metadata: string;
}

/** The `data` of the sequencer's envelope. */
export interface SnapshotVoteData {
	domain: typeof SNAPSHOT_DOMAIN;
	types: { Vote: TypedField[] };
	message: SnapshotMessage;
}

/**
 * The typed data of a vote, as the envelope carries it. Message keys in snapshot.js's order
 * (the order of the signed fields does not change the signature, but it keeps the JSON equal).
 * @param input
 */
export function snapshotVoteData( input: SnapshotVoteInput ): SnapshotVoteData {
	const type = choiceType( input.type );
	return {
		domain: SNAPSHOT_DOMAIN,
		types: { Vote: voteFields( type ) },
		message: {
			from: input.from,
			space: input.space,
			timestamp: input.timestamp ?? Math.floor( Date.now() / 1000 ),
			proposal: input.proposal,
			choice:
				type === 'string'
					? JSON.stringify( input.choice )
					: ( input.choice as number | number[] ),
			reason: input.reason ?? '',
			app: SNAPSHOT_APP,
			metadata: '{}',
		},
	};
}

/**
 * What eth_signTypedData_v4 takes: the envelope's data with EIP712Domain and the primary type.
 * @param data
 */
export function typedDataForWallet( data: SnapshotVoteData ): string {
	return JSON.stringify( {
		types: {
			EIP712Domain: [
				{ name: 'name', type: 'string' },
				{ name: 'version', type: 'string' },
			],
			...data.types,
		},
		primaryType: 'Vote',
		domain: data.domain,
		message: data.message,
	} );
}
