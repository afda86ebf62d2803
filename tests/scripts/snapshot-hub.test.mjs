/**
 * The local Snapshot stand-in (scripts/lib/snapshot-hub.mjs): votes signed by snapshot.js's own
 * client are accepted and then visible through the hub; envelopes the real sequencer refuses are
 * refused with its error strings; the queries the plugin sends get the real shapes; fault modes.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, beforeEach, describe, test } from 'node:test';

import { demoAccount } from '../../scripts/lib/chain.mjs';
import { serveSnapshotHub, startSnapshotHub } from '../../scripts/lib/snapshot-hub.mjs';
import { testPorts } from '../../scripts/lib/stack.mjs';
import { FIXTURES, WALLETS } from '../snapshot/fixtures.mjs';

const require = createRequire( import.meta.url );
const snapshot = require( '@snapshot-labs/snapshot.js' );
const { Wallet } = createRequire( require.resolve( '@snapshot-labs/snapshot.js' ) )( '@ethersproject/wallet' );

const wallet = ( index ) => new Wallet( demoAccount( index ).privateKey );
const DOMAIN = { name: 'snapshot', version: '0.1.4' };
/** snapshot.js src/sign/types.ts voteTypes, byte for byte. */
const VOTE_TYPES = {
	Vote: [
		{ name: 'from', type: 'string' },
		{ name: 'space', type: 'string' },
		{ name: 'timestamp', type: 'uint64' },
		{ name: 'proposal', type: 'string' },
		{ name: 'choice', type: 'uint32' },
		{ name: 'reason', type: 'string' },
		{ name: 'app', type: 'string' },
		{ name: 'metadata', type: 'string' },
	],
};
const nowSeconds = () => Math.floor( Date.now() / 1000 );

let hub;
before( async () => {
	hub = await serveSnapshotHub();
} );
after( () => hub.close() );
beforeEach( () => hub.control( { reset: true } ) );

async function gql( query, variables = {}, { url = hub.hubUrl, headers = {} } = {} ) {
	const response = await fetch( url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify( { query, variables } ),
	} );
	return { status: response.status, headers: response.headers, body: await response.json() };
}

async function myVote( proposal, voter, url = hub.hubUrl ) {
	const { body } = await gql(
		'query MyVote($p: String!, $v: String!) { votes(first: 1, where: { proposal: $p, voter: $v }) { id choice vp created reason } }',
		{ p: proposal, v: voter },
		{ url }
	);
	return body.data.votes[ 0 ] ?? null;
}

/** Votes through snapshot.js's Client712; resolves to the sequencer's answer, rejects with its error body. */
function clientVote( index, fixture, choice, extra = {}, sequencerUrl = hub.sequencerUrl ) {
	const client = new snapshot.Client712( sequencerUrl );
	const signer = wallet( index );
	return client.vote( signer, signer.address, {
		space: fixture.space,
		proposal: fixture.id,
		type: fixture.type,
		privacy: fixture.privacy,
		choice,
		reason: '',
		app: 'sovereign-press',
		...extra,
	} );
}

/** Signs and posts an envelope built by hand (for what Client712 would never send). */
async function post( { signer = wallet( 1 ), address, domain = DOMAIN, types = VOTE_TYPES, message = {}, raw } = {} ) {
	const full = {
		from: signer.address,
		space: 'society.eth',
		timestamp: nowSeconds(),
		proposal: FIXTURES.activeSingle.id,
		choice: 1,
		reason: '',
		app: '',
		metadata: '{}',
		...message,
	};
	const sig = await signer._signTypedData( domain, types, full );
	const envelope = { address: address ?? signer.address, sig, data: { domain, types, message: full } };
	const response = await fetch( hub.sequencerUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: raw ? raw( envelope ) : JSON.stringify( envelope ),
	} );
	return { status: response.status, body: await response.json() };
}

describe( 'the sequencer accepts votes signed by snapshot.js Client712', () => {
	const cases = [
		[ 'single-choice', FIXTURES.activeSingle, 3, 3 ],
		[ 'basic', FIXTURES.activeBasic, 3, 3 ],
		[ 'approval', FIXTURES.activeApproval, [ 1, 3 ], [ 1, 3 ] ],
		[ 'ranked-choice', FIXTURES.activeRanked, [ 3, 1, 2 ], [ 3, 1, 2 ] ],
		[ 'weighted', FIXTURES.activeWeighted, { 1: 2, 3: 1 }, { 1: 2, 3: 1 } ],
		[ 'quadratic', FIXTURES.activeQuadratic, { 2: 1 }, { 2: 1 } ],
		[ 'shutter (encrypted choice string)', FIXTURES.activeShutter, `0x${ 'cd'.repeat( 40 ) }`, `0x${ 'cd'.repeat( 40 ) }` ],
	];
	for ( const [ label, fixture, choice, stored ] of cases ) {
		test( `${ label }: accepted, then visible through votes(where: {proposal, voter})`, async () => {
			assert.equal( await myVote( fixture.id, WALLETS[ 1 ] ), null, 'wallet #1 has not voted yet' );
			const receipt = await clientVote( 1, fixture, choice );
			assert.match( receipt.id, /^0x[0-9a-f]{64}$/ );
			assert.match( receipt.ipfs, /^bafkrei[a-z2-7]{52}$/ );
			assert.match( receipt.relayer.address, /^0x[0-9a-fA-F]{40}$/ );
			assert.match( receipt.relayer.receipt, /^0x[0-9a-f]{130}$/ );
			const vote = await myVote( fixture.id, WALLETS[ 1 ].toLowerCase() );
			assert.equal( vote.id, receipt.id );
			assert.deepEqual( vote.choice, stored );
			assert.equal( vote.vp, 100 );
			assert.equal( vote.reason, '' );
		} );
	}

	test( 'a vote moves the tally, and a later re-vote replaces the first', async () => {
		const tally = async () =>
			( await gql( 'query($id: String!) { proposal(id: $id) { scores scores_total votes } }', { id: FIXTURES.activeSingle.id } ) ).body.data.proposal;
		assert.deepEqual( await tally(), { scores: [ 1000, 10, 0 ], scores_total: 1010, votes: 2 } );
		const timestamp = nowSeconds() - 10;
		await clientVote( 1, FIXTURES.activeSingle, 3, { timestamp } );
		assert.deepEqual( await tally(), { scores: [ 1000, 10, 100 ], scores_total: 1110, votes: 3 } );
		await clientVote( 1, FIXTURES.activeSingle, 1, { timestamp: timestamp + 1 } );
		assert.deepEqual( await tally(), { scores: [ 1100, 10, 0 ], scores_total: 1110, votes: 3 } );
		assert.equal( ( await myVote( FIXTURES.activeSingle.id, WALLETS[ 1 ] ) ).choice, 1 );
		await assert.rejects( clientVote( 1, FIXTURES.activeSingle, 2, { timestamp } ), {
			error: 'client_error',
			error_description: 'already voted at later time',
		} );
	} );

	test( 'the testnet sequencer takes votes on the testnet space only', async () => {
		await clientVote( 1, FIXTURES.testnetActive, 2, {}, hub.testnetSequencerUrl );
		assert.equal( ( await myVote( FIXTURES.testnetActive.id, WALLETS[ 1 ], hub.testnetHubUrl ) ).choice, 2 );
		await assert.rejects( clientVote( 1, FIXTURES.testnetActive, 1 ), { error_description: 'unknown space' } );
	} );
} );

describe( 'the sequencer refuses what the real one refuses, with its error strings', () => {
	const refused = ( description ) => ( { status: 400, body: { error: 'client_error', error_description: description } } );

	test( 'a well-signed hand-built envelope is accepted (the baseline for the cases below)', async () => {
		const { status, body } = await post();
		assert.equal( status, 200, JSON.stringify( body ) );
	} );

	test( 'types whose keys are in another order: wrong types', async () => {
		const types = { Vote: VOTE_TYPES.Vote.map( ( { name, type } ) => ( { type, name } ) ) };
		assert.deepEqual( await post( { types } ), refused( 'wrong types' ) );
	} );

	test( 'types that are not a known set (proposal as bytes32 is known; an extra field is not)', async () => {
		const extra = { Vote: [ ...VOTE_TYPES.Vote, { name: 'extra', type: 'string' } ] };
		assert.deepEqual( await post( { types: extra, message: { extra: 'x' } } ), refused( 'wrong types' ) );
		const bytes32 = { Vote: VOTE_TYPES.Vote.map( ( f ) => ( f.name === 'proposal' ? { name: 'proposal', type: 'bytes32' } : f ) ) };
		assert.equal( ( await post( { types: bytes32 } ) ).status, 200 );
	} );

	test( 'an EIP712Domain entry in types is ignored, as upstream', async () => {
		const types = { EIP712Domain: [ { name: 'name', type: 'string' }, { name: 'version', type: 'string' } ], ...VOTE_TYPES };
		const signer = wallet( 1 );
		const message = { from: signer.address, space: 'society.eth', timestamp: nowSeconds(), proposal: FIXTURES.activeBasic.id, choice: 2, reason: '', app: '', metadata: '{}' };
		const sig = await signer._signTypedData( DOMAIN, VOTE_TYPES, message );
		const response = await fetch( hub.sequencerUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify( { address: signer.address, sig, data: { domain: DOMAIN, types, primaryType: 'Vote', message } } ),
		} );
		assert.equal( response.status, 200, await response.text() );
	} );

	test( 'another domain name or version: wrong domain', async () => {
		assert.deepEqual( await post( { domain: { name: 'snapshot', version: '0.1.3' } } ), refused( 'wrong domain' ) );
		assert.deepEqual( await post( { domain: { name: 'Snapshot', version: '0.1.4' } } ), refused( 'wrong domain' ) );
	} );

	test( 'a stale or future timestamp: wrong timestamp', async () => {
		assert.deepEqual( await post( { message: { timestamp: nowSeconds() - 7 * 86400 } } ), refused( 'wrong timestamp' ) );
		assert.deepEqual( await post( { message: { timestamp: nowSeconds() + 600 } } ), refused( 'wrong timestamp' ) );
	} );

	test( 'a signature by another key: signature validation failed', async () => {
		const other = wallet( 2 );
		assert.deepEqual(
			await post( { signer: other, message: { from: WALLETS[ 1 ] }, address: WALLETS[ 1 ] } ),
			refused( 'signature validation failed' )
		);
		assert.deepEqual(
			await post( { raw: ( e ) => JSON.stringify( { ...e, sig: `0x${ '11'.repeat( 65 ) }` } ) } ),
			refused( 'signature validation failed' )
		);
	} );

	test( 'a malformed envelope: wrong envelope format', async () => {
		assert.deepEqual( await post( { raw: ( e ) => JSON.stringify( { ...e, extra: 1 } ) } ), refused( 'wrong envelope format' ) );
		assert.deepEqual( await post( { raw: ( e ) => JSON.stringify( { ...e, address: 'not an address' } ) } ), refused( 'wrong envelope format' ) );
		assert.deepEqual( await post( { raw: () => '{"address":' } ), refused( 'wrong envelope format' ) );
	} );

	test( 'an oversized body: too large message', async () => {
		assert.deepEqual( await post( { message: { metadata: JSON.stringify( { pad: 'x'.repeat( 100_000 ) } ) } } ), refused( 'too large message' ) );
	} );

	test( 'a closed or pending proposal: not in voting window', async () => {
		await assert.rejects( clientVote( 1, FIXTURES.closedSingle, 1 ), { error: 'client_error', error_description: 'not in voting window' } );
		await assert.rejects( clientVote( 1, FIXTURES.pending, 1 ), { error_description: 'not in voting window' } );
	} );

	test( 'a choice the proposal type does not allow: invalid choice', async () => {
		await assert.rejects( clientVote( 1, FIXTURES.activeSingle, 4 ), { error_description: 'invalid choice' } );
		await assert.rejects( clientVote( 1, FIXTURES.activeApproval, [ 1, 1 ] ), { error_description: 'invalid choice' } );
		await assert.rejects( clientVote( 1, FIXTURES.activeRanked, [ 1, 2 ] ), { error_description: 'invalid choice' } );
		await assert.rejects( clientVote( 1, FIXTURES.activeWeighted, { 1: 0 } ), { error_description: 'invalid choice' } );
		await assert.rejects( clientVote( 1, FIXTURES.activeQuadratic, { 9: 1 } ), { error_description: 'invalid choice' } );
		await assert.rejects( clientVote( 1, FIXTURES.activeShutter, 'plain' ), { error_description: 'invalid choice' } );
	} );

	test( 'a wallet without voting power: no voting power', async () => {
		await assert.rejects( clientVote( 3, FIXTURES.activeSingle, 1 ), { error: 'client_error', error_description: 'no voting power' } );
	} );

	test( 'an unknown proposal or space', async () => {
		assert.deepEqual( await post( { message: { proposal: `0x${ '00'.repeat( 32 ) }` } } ), refused( 'unknown proposal' ) );
		assert.deepEqual( await post( { message: { space: 'nobody.eth' } } ), refused( 'unknown space' ) );
	} );

	test( 'the same signed message twice: duplicate message', async () => {
		const signer = wallet( 1 );
		const message = { from: signer.address, space: 'society.eth', timestamp: nowSeconds(), proposal: FIXTURES.activeSingle.id, choice: 2, reason: '', app: '', metadata: '{}' };
		const body = JSON.stringify( { address: signer.address, sig: await signer._signTypedData( DOMAIN, VOTE_TYPES, message ), data: { domain: DOMAIN, types: VOTE_TYPES, message } } );
		const send = () => fetch( hub.sequencerUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body } );
		assert.equal( ( await send() ).status, 200 );
		assert.deepEqual( await ( await send() ).json(), { error: 'client_error', error_description: 'duplicate message' } );
	} );
} );

describe( 'the hub answers the plugin\'s queries with the real shapes', () => {
	const PROPOSAL = `query Proposal($id: String!) {
  proposal(id: $id) { id title body choices start end snapshot state author created type
    scores scores_total scores_updated scores_state quorum quorumType votes privacy link app network
    space { id name avatar } }
}`;
	const SPACE_PROPOSALS = `query SpaceProposals($spaces: [String]!, $state: String, $first: Int!, $skip: Int!) {
  proposals(first: $first, skip: $skip, where: { space_in: $spaces, state: $state },
            orderBy: "created", orderDirection: desc) { id title state start end scores_total votes type choices scores link }
}`;

	test( 'proposal(id): every field of the minimal query, state from start/end, link in the snapshot.box form', async () => {
		const { status, body } = await gql( PROPOSAL, { id: FIXTURES.activeBasic.id } );
		assert.equal( status, 200 );
		const p = body.data.proposal;
		assert.deepEqual( Object.keys( p ), [ 'id', 'title', 'body', 'choices', 'start', 'end', 'snapshot', 'state', 'author', 'created', 'type', 'scores', 'scores_total', 'scores_updated', 'scores_state', 'quorum', 'quorumType', 'votes', 'privacy', 'link', 'app', 'network', 'space' ] );
		assert.equal( p.state, 'active' );
		assert.ok( p.start < nowSeconds() && nowSeconds() < p.end );
		assert.equal( p.type, 'basic' );
		assert.deepEqual( p.choices, [ 'For', 'Against', 'Abstain' ] );
		assert.deepEqual( p.scores, [ 1000, 10, 0 ] );
		assert.equal( p.votes, 2 );
		assert.equal( p.quorum, 500 );
		assert.equal( p.quorumType, 'default' );
		assert.equal( p.scores_state, 'pending' );
		assert.equal( p.privacy, '' );
		assert.equal( p.author, WALLETS[ 0 ] );
		assert.equal( p.link, `https://snapshot.box/#/s:society.eth/proposal/${ FIXTURES.activeBasic.id }` );
		assert.deepEqual( p.space, { id: 'society.eth', name: 'Demo Society', avatar: '' } );

		const closed = ( await gql( PROPOSAL, { id: FIXTURES.closedPassed.id } ) ).body.data.proposal;
		assert.equal( closed.state, 'closed' );
		assert.equal( closed.scores_state, 'final' );
		assert.equal( ( await gql( PROPOSAL, { id: FIXTURES.pending.id } ) ).body.data.proposal.state, 'pending' );
		assert.equal( ( await gql( PROPOSAL, { id: FIXTURES.legacy.id } ) ).body.data.proposal.id, 'QmWbpCtwdLzxuLKnMW4Vv4MPFd2pdPX71YBKPasfZxqLUS' );
		assert.equal( ( await gql( PROPOSAL, { id: FIXTURES.activeShutter.id } ) ).body.data.proposal.privacy, 'shutter' );
	} );

	test( 'proposal(id) is null for an unknown id, and for a testnet proposal on the main hub', async () => {
		assert.deepEqual( ( await gql( PROPOSAL, { id: `0x${ 'ff'.repeat( 32 ) }` } ) ).body, { data: { proposal: null } } );
		assert.deepEqual( ( await gql( PROPOSAL, { id: FIXTURES.testnetActive.id } ) ).body, { data: { proposal: null } } );
		const testnet = ( await gql( PROPOSAL, { id: FIXTURES.testnetActive.id }, { url: hub.testnetHubUrl } ) ).body.data.proposal;
		assert.equal( testnet.link, `https://testnet.snapshot.box/#/s-tn:society-testnet.eth/proposal/${ FIXTURES.testnetActive.id }` );
	} );

	test( 'proposals: the state filter is one string; pending, active and closed select by time, anything else filters nothing', async () => {
		const ids = async ( state, first = 20 ) =>
			( await gql( SPACE_PROPOSALS, { spaces: [ 'society.eth' ], state, first, skip: 0 } ) ).body.data.proposals;
		const all = await ids( null );
		assert.equal( all.length, 12 );
		assert.deepEqual( await ids( 'all' ), all );
		const active = await ids( 'active' );
		assert.deepEqual( active.map( ( p ) => p.state ), Array( 7 ).fill( 'active' ) );
		assert.deepEqual( ( await ids( 'pending' ) ).map( ( p ) => p.id ), [ FIXTURES.pending.id ] );
		const closed = await ids( 'closed' );
		assert.deepEqual( new Set( closed.map( ( p ) => p.id ) ), new Set( [ FIXTURES.closedPassed.id, FIXTURES.closedRejected.id, FIXTURES.closedSingle.id, FIXTURES.legacy.id ] ) );
		const created = all.map( ( p ) => p.id );
		assert.equal( ( await ids( null, 3 ) ).length, 3 );
		assert.deepEqual( ( await ids( null, 3 ) ).map( ( p ) => p.id ), created.slice( 0, 3 ), 'newest first, paged' );
		const { body } = await gql( 'query($ids: [String]) { proposals(where: { id_in: $ids }) { id } }', { ids: [ FIXTURES.activeSingle.id, FIXTURES.xss.id, FIXTURES.legacy.id ] } );
		assert.equal( body.data.proposals.length, 3, 'one request fetches several proposals by id, across spaces' );
	} );

	test( 'votes(where: {proposal, voter}) and vp(voter, space, proposal)', async () => {
		const vote = await myVote( FIXTURES.activeWeighted.id, WALLETS[ 0 ] );
		assert.deepEqual( Object.keys( vote ), [ 'id', 'choice', 'vp', 'created', 'reason' ] );
		assert.deepEqual( vote.choice, { 1: 1, 2: 3 } );
		assert.equal( vote.vp, 1000 );
		assert.equal( await myVote( FIXTURES.activeWeighted.id, WALLETS[ 2 ] ), null );
		const VP = 'query Vp($v: String!, $s: String!, $p: String) { vp(voter: $v, space: $s, proposal: $p) { vp vp_by_strategy vp_state } }';
		assert.deepEqual( ( await gql( VP, { v: WALLETS[ 2 ], s: 'society.eth', p: FIXTURES.activeBasic.id } ) ).body, {
			data: { vp: { vp: 10, vp_by_strategy: [ 10 ], vp_state: 'final' } },
		} );
		assert.equal( ( await gql( VP, { v: WALLETS[ 3 ], s: 'society.eth' } ) ).body.data.vp.vp, 0 );
		const bad = ( await gql( VP, { v: 'nope', s: 'society.eth' } ) ).body;
		assert.equal( bad.errors[ 0 ].message, 'invalid address' );
		assert.equal( ( await gql( VP, { v: WALLETS[ 0 ], s: 'society.eth', p: 'Qmnope' } ) ).body.errors[ 0 ].message, 'proposal not found' );
	} );

	test( 'argument caps answer with the hub\'s messages', async () => {
		const message = async ( query, variables ) => ( await gql( query, variables ) ).body.errors?.[ 0 ]?.message;
		assert.equal( await message( '{ proposals(first: 1001) { id } }' ), 'The `first` argument must not be greater than 1000' );
		assert.equal( await message( '{ votes(skip: 5001) { id } }' ), 'The `skip` argument must not be greater than 5000' );
		assert.equal( await message( 'query($ids: [String]) { proposals(where: { id_in: $ids }) { id } }', { ids: Array( 101 ).fill( '0x' ) } ), 'The `id_in` argument must not be greater than 100' );
		assert.equal( await message( 'query($s: [String]) { proposals(where: { space_in: $s }) { id } }', { s: Array( 101 ).fill( 'a.eth' ) } ), undefined, 'space_in may hold more' );
		assert.equal( await message( '{ proposals(first: -1) { id } }' ), 'The `first` argument must be positive' );
		assert.equal( await message( '{ proposals(first: 1000) { id } }' ), undefined );
	} );

	test( 'request errors answer like express-graphql', async () => {
		const unknown = await gql( '{ proposal(id: "x") { nope } }' );
		assert.equal( unknown.status, 400 );
		assert.match( unknown.body.errors[ 0 ].message, /Cannot query field "nope" on type "Proposal"/ );
		const syntax = await gql( '{ proposal(' );
		assert.equal( syntax.status, 400 );
		assert.match( syntax.body.errors[ 0 ].message, /^Syntax Error/ );
		const response = await fetch( hub.hubUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' } );
		assert.deepEqual( [ response.status, await response.json() ], [ 400, { errors: [ { message: 'Must provide query string.' } ] } ] );
	} );

	test( 'an API key that is not the configured one gets 401 unauthorized; none is fine', async () => {
		const denied = await gql( PROPOSAL, { id: FIXTURES.activeBasic.id }, { headers: { 'x-api-key': 'wrong' } } );
		assert.deepEqual( [ denied.status, denied.body ], [ 401, { error: 'unauthorized', error_description: 'invalid api key' } ] );
		const keyed = await serveSnapshotHub( { apiKey: 'right-key' } );
		try {
			const ok = await gql( PROPOSAL, { id: FIXTURES.activeBasic.id }, { url: keyed.hubUrl, headers: { 'x-api-key': 'right-key' } } );
			assert.equal( ok.status, 200 );
			assert.ok( ok.headers.get( 'x-api-key-remaining' ) );
			assert.equal( ( await keyed.control( {} ) ).lastApiKey, 'right-key' );
			assert.equal( ( await gql( PROPOSAL, { id: FIXTURES.activeBasic.id }, { url: `${ keyed.hubUrl }?apiKey=other` } ) ).status, 401 );
			assert.equal( ( await gql( PROPOSAL, { id: FIXTURES.activeBasic.id }, { url: keyed.hubUrl } ) ).status, 200 );
		} finally {
			await keyed.close();
		}
	} );
} );

describe( 'fault modes and control', () => {
	const PING = '{ proposal(id: "x") { id } }';

	test( 'down: the connection closes without an answer, for the hub and the sequencer', async () => {
		await hub.control( { mode: 'down' } );
		await assert.rejects( gql( PING ) );
		await assert.rejects( fetch( hub.sequencerUrl, { method: 'POST', body: '{}' } ) );
		await hub.control( { mode: 'ok' } );
		assert.equal( ( await gql( PING ) ).status, 200 );
	} );

	test( 'slow: every answer waits delayMs', async () => {
		await hub.control( { mode: 'slow', delayMs: 600 } );
		const started = Date.now();
		assert.equal( ( await gql( PING ) ).status, 200 );
		assert.ok( Date.now() - started >= 600 );
		await assert.rejects( fetch( hub.hubUrl, { method: 'POST', body: '{}', signal: AbortSignal.timeout( 200 ) } ), { name: 'TimeoutError' } );
	} );

	test( 'malformed: 200 with a body that is not JSON', async () => {
		await hub.control( { mode: 'malformed' } );
		const response = await fetch( hub.hubUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify( { query: PING } ) } );
		assert.equal( response.status, 200 );
		await assert.rejects( response.json(), SyntaxError );
	} );

	test( 'reset restores the seeded votes and counts requests from zero', async () => {
		await clientVote( 1, FIXTURES.activeBasic, 1 );
		assert.ok( await myVote( FIXTURES.activeBasic.id, WALLETS[ 1 ] ) );
		const before = await hub.control( {} );
		assert.deepEqual( before.requests, { hub: 1, sequencer: 1 } );
		const after = await hub.control( { reset: true } );
		assert.deepEqual( after.requests, { hub: 0, sequencer: 0 } );
		assert.equal( await myVote( FIXTURES.activeBasic.id, WALLETS[ 1 ] ), null );
		assert.ok( await myVote( FIXTURES.activeBasic.id, WALLETS[ 0 ] ) );
	} );

	test( 'an unknown mode is refused', async () => {
		await assert.rejects( hub.control( { mode: 'sideways' } ), /400/ );
	} );
} );

describe( 'startSnapshotHub', () => {
	test( 'runs the stand-in as a child process on the given port and stops it', async () => {
		const { snapshotHub: port } = testPorts( { snapshotHub: 18601 } );
		const child = await startSnapshotHub( { port } );
		try {
			assert.equal( child.hubUrl, `http://127.0.0.1:${ port }/graphql` );
			assert.equal( child.sequencerUrl, `http://127.0.0.1:${ port }/` );
			const { body } = await gql( '{ space(id: "society.eth") { id name symbol network } }', {}, { url: child.hubUrl } );
			assert.deepEqual( body.data.space, { id: 'society.eth', name: 'Demo Society', symbol: 'SVOTE', network: '1' } );
		} finally {
			await child.close();
		}
		await assert.rejects( fetch( child.hubUrl ) );
	} );
} );
