/**
 * Voting: the Snapshot typed data equals what @snapshot-labs/snapshot.js signs for every proposal
 * type (so the sequencer's hash of the types and the signature both hold), the Governor calldata
 * equals viem's, and the choice controls read what the member picked.
 */
import { createHash } from 'node:crypto';

// snapshot.js signs with ethers v5 (its own dependency): the reference for the digest and recovery.
// eslint-disable-next-line import/no-extraneous-dependencies
import { _TypedDataEncoder } from '@ethersproject/hash';
import { verifyTypedData } from '@ethersproject/wallet';
import snapshot from '@snapshot-labs/snapshot.js';
import hashedTypes from '@snapshot-labs/snapshot.js/src/sign/hashedTypes.json';
import {
	encodeFunctionData,
	hashTypedData,
	parseAbi,
	type TypedDataDefinition,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

import {
	describeChoice,
	readChoice,
	renderChoices,
} from '@/governance/vote/choices';
import { castVoteCalldata } from '@/governance/vote/governor';
import {
	snapshotVoteData,
	typedDataForWallet,
	type SnapshotChoice,
	type SnapshotVoteData,
} from '@/governance/vote/snapshot';
import type { VoteProposal } from '@/governance/vote/types';

import { KEYS } from './fixtures/testWallet';
import voteVectors from '../vectors/snapshot-vote-types.json';

const account = privateKeyToAccount( KEYS.citizen );
const PROPOSAL =
	'0x6a53b1e4e6c7a2a1b9c3f5f3d0b2e8c1a4d7e9f0b1c2d3e4f5a6b7c8d9e0f1a2';
const TIMESTAMP = 1763900000;

/**
 * What snapshot.js's Client.vote hands to the sequencer, captured instead of sent.
 * @param type   Proposal type.
 * @param choice The vote.
 * @param reason The reason.
 */
async function snapshotJsEnvelope(
	type: string,
	choice: SnapshotChoice,
	reason: string
): Promise< { address: string; sig: string; data: SnapshotVoteData } > {
	const client = new snapshot.Client712( 'http://127.0.0.1:1' );
	( client as unknown as { send: ( e: unknown ) => unknown } ).send = (
		envelope: unknown
	) => envelope;
	const signer = {
		_signTypedData: async () => '0x',
	};
	return ( await client.vote( signer as never, account.address, {
		from: account.address,
		space: 'society.eth',
		proposal: PROPOSAL,
		type,
		choice,
		reason,
		app: 'sovereign-press',
		timestamp: TIMESTAMP,
	} as never ) ) as never;
}

const CASES: Array< [ string, SnapshotChoice, string ] > = [
	[
		'single-choice',
		2,
		'fb8fa9816cd42974e7f1af671aa548c8c458553364ed809e45042f141de8c0d5',
	],
	[
		'basic',
		1,
		'fb8fa9816cd42974e7f1af671aa548c8c458553364ed809e45042f141de8c0d5',
	],
	[
		'approval',
		[ 1, 3 ],
		'5f95ed849bafb034c37e340dc06ad6fa6985d674714cb602a6bf11119ffba2a1',
	],
	[
		'ranked-choice',
		[ 3, 1, 2 ],
		'5f95ed849bafb034c37e340dc06ad6fa6985d674714cb602a6bf11119ffba2a1',
	],
	[
		'weighted',
		{ 1: 2, 3: 1 },
		'afc5911fd9722b3dc5e8b16a552997510644a52d2b229c3868fb1910b112416e',
	],
	[
		'quadratic',
		{ 2: 5 },
		'afc5911fd9722b3dc5e8b16a552997510644a52d2b229c3868fb1910b112416e',
	],
];

describe( 'Snapshot vote typed data', () => {
	it.each( CASES )(
		'builds a %s vote exactly as snapshot.js signs it',
		async ( type, choice, typesHash ) => {
			const reference = await snapshotJsEnvelope(
				type,
				choice,
				'Because.'
			);
			const ours = snapshotVoteData( {
				from: account.address,
				space: 'society.eth',
				proposal: PROPOSAL,
				type,
				choice,
				reason: 'Because.',
				timestamp: TIMESTAMP,
			} );
			// The sequencer hashes the types' JSON: the bytes must be the same.
			expect( JSON.stringify( ours.types ) ).toBe(
				JSON.stringify( reference.data.types )
			);
			const hash = createHash( 'sha256' )
				.update( JSON.stringify( ours.types ) )
				.digest( 'hex' );
			expect( hash ).toBe( typesHash );
			expect( Object.keys( hashedTypes ) ).toContain( hash );
			expect( ours.domain ).toEqual( reference.data.domain );
			expect( ours.message ).toEqual( reference.data.message );
			expect( typeof ours.message.choice ).toBe(
				typeof reference.data.message.choice
			);

			// What the wallet signs has the digest ethers (snapshot.js's signer) computes.
			const forWallet = JSON.parse(
				typedDataForWallet( ours )
			) as TypedDataDefinition;
			const digest = _TypedDataEncoder.hash(
				reference.data.domain,
				reference.data.types,
				reference.data.message
			);
			expect( hashTypedData( forWallet ) ).toBe( digest );

			// A signature of it verifies as snapshot.js's verifier recovers it.
			const signature = await account.signTypedData( forWallet );
			expect(
				verifyTypedData(
					reference.data.domain,
					reference.data.types,
					reference.data.message,
					signature
				)
			).toBe( account.address );
		}
	);

	// The vectors the PHP relay checks against (Governance\Snapshot\VoteTypes) agree with us.
	it.each( [
		'single-choice',
		'basic',
		'approval',
		'ranked-choice',
		'weighted',
		'quadratic',
		'copeland',
	] )( 'signs a %s vote with the types the shared vectors name', ( type ) => {
		const kind = (
			voteVectors.proposalTypes as Record< string, { kind: string } >
		 )[ type ]!.kind as keyof typeof voteVectors.kinds;
		const data = snapshotVoteData( {
			from: account.address,
			space: 'society.eth',
			proposal: PROPOSAL,
			type,
			choice: 1,
		} );
		expect( JSON.stringify( data.types ) ).toBe(
			voteVectors.kinds[ kind ].json
		);
		expect( data.domain ).toEqual( voteVectors.domain );
	} );

	it( 'fills reason, app and metadata as snapshot.js does, and uses the current time', () => {
		const before = Math.floor( Date.now() / 1000 );
		const data = snapshotVoteData( {
			from: account.address,
			space: 'society.eth',
			proposal: 'QmWbpCtwdLzxuLKnMW4Vv4MPFd2pdPX71YBKPasfZxqLUS',
			type: 'single-choice',
			choice: 1,
		} );
		expect( data.message ).toMatchObject( {
			reason: '',
			app: 'sovereign-press',
			metadata: '{}',
			proposal: 'QmWbpCtwdLzxuLKnMW4Vv4MPFd2pdPX71YBKPasfZxqLUS',
		} );
		expect( data.message.app.length ).toBeLessThanOrEqual( 24 );
		expect( data.message.timestamp ).toBeGreaterThanOrEqual( before );
		expect( data.domain ).toEqual( { name: 'snapshot', version: '0.1.4' } );
	} );
} );

describe( 'Governor vote calldata', () => {
	const abi = parseAbi( [
		'function castVote(uint256 proposalId, uint8 support)',
		'function castVoteWithReason(uint256 proposalId, uint8 support, string reason)',
	] );
	const ids = [
		'0',
		'1',
		// A hashed OZ id, beyond Number's exact range.
		'70761723290315339464434236612398574437512745930342094089924069547484577929181',
		( 2n ** 256n - 1n ).toString(),
	];
	const reasons = [
		'',
		'short',
		'Ja, natürlich ✓ — 👍',
		'x'.repeat( 32 ),
		'A reason longer than one ABI word, so that the padding spans two words.',
	];

	it.each( ids )( 'encodes castVote for proposal %s as viem does', ( id ) => {
		for ( const support of [ 0, 1, 2 ] ) {
			expect( castVoteCalldata( id, support ) ).toBe(
				encodeFunctionData( {
					abi,
					functionName: 'castVote',
					args: [ BigInt( id ), support ],
				} )
			);
			for ( const reason of reasons.slice( 1 ) ) {
				expect( castVoteCalldata( id, support, reason ) ).toBe(
					encodeFunctionData( {
						abi,
						functionName: 'castVoteWithReason',
						args: [ BigInt( id ), support, reason ],
					} )
				);
			}
		}
	} );

	it( 'refuses ids that are not uint256 decimal strings and unknown support values', () => {
		expect( () => castVoteCalldata( '1e3', 1 ) ).toThrow( RangeError );
		expect( () => castVoteCalldata( '-1', 1 ) ).toThrow( RangeError );
		expect( () =>
			castVoteCalldata( ( 2n ** 256n ).toString(), 1 )
		).toThrow( RangeError );
		expect( () => castVoteCalldata( '1', 3 ) ).toThrow( RangeError );
	} );
} );

describe( 'Choice controls', () => {
	const proposal = ( type: string ): VoteProposal => ( {
		ref: {
			source: 'snapshot',
			space: 'society.eth',
			testnet: false,
			chainId: 0,
			governor: '',
			id: PROPOSAL,
		},
		type,
		choices: [ 'Alpha', 'Beta', 'Gamma' ],
		symbol: 'SVOTE',
		flavor: '',
		network: '',
		explorerUrl: '',
	} );

	it( 'reads one radio choice, and asks for one when none is picked', () => {
		const p = proposal( 'single-choice' );
		const fieldset = renderChoices( p );
		expect( fieldset.querySelectorAll( 'input[type=radio]' ) ).toHaveLength(
			3
		);
		expect( readChoice( p, fieldset ) ).toBe( 'Pick a choice.' );
		fieldset.querySelectorAll( 'input' )[ 1 ]!.checked = true;
		expect( readChoice( p, fieldset ) ).toBe( 2 );
		expect( describeChoice( p, 2 ) ).toBe( 'Beta' );
	} );

	it( 'reads approval checkboxes as 1-based indices', () => {
		const p = proposal( 'approval' );
		const fieldset = renderChoices( p );
		const inputs = fieldset.querySelectorAll( 'input[type=checkbox]' );
		( inputs[ 0 ] as HTMLInputElement ).checked = true;
		( inputs[ 2 ] as HTMLInputElement ).checked = true;
		expect( readChoice( p, fieldset ) ).toEqual( [ 1, 3 ] );
		expect( describeChoice( p, [ 1, 3 ] ) ).toBe( 'Alpha, Gamma' );
	} );

	it( 'orders ranked choices with labelled up and down buttons', () => {
		const p = proposal( 'ranked-choice' );
		const fieldset = renderChoices( p );
		document.body.append( fieldset );
		expect( readChoice( p, fieldset ) ).toEqual( [ 1, 2, 3 ] );
		const up = fieldset.querySelector< HTMLButtonElement >(
			'button[aria-label="Move Gamma up"]'
		)!;
		up.click();
		up.click();
		expect( readChoice( p, fieldset ) ).toEqual( [ 3, 1, 2 ] );
		expect( up.ownerDocument.activeElement ).toBe( up );
		expect( fieldset.querySelector( '[aria-live]' )?.textContent ).toBe(
			'Gamma is now number 1.'
		);
		expect( describeChoice( p, [ 3, 1, 2 ] ) ).toBe(
			'1. Gamma, 2. Alpha, 3. Beta'
		);
		fieldset.remove();
	} );

	it( 'reads weights by choice and refuses all zeros or negatives', () => {
		const p = proposal( 'weighted' );
		const fieldset = renderChoices( p );
		const inputs = fieldset.querySelectorAll( 'input[type=number]' );
		expect( readChoice( p, fieldset ) ).toBe(
			'Give at least one choice a weight above 0.'
		);
		( inputs[ 0 ] as HTMLInputElement ).value = '2';
		( inputs[ 2 ] as HTMLInputElement ).value = '1.5';
		expect( readChoice( p, fieldset ) ).toEqual( { 1: 2, 3: 1.5 } );
		( inputs[ 1 ] as HTMLInputElement ).value = '-1';
		expect( readChoice( p, fieldset ) ).toBe(
			'Weights must be numbers of 0 or more.'
		);
	} );
} );
