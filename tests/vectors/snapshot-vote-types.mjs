#!/usr/bin/env node
/**
 * Vectors of Snapshot's EIP-712 Vote types, taken from @snapshot-labs/snapshot.js itself: its
 * Client712.vote() is run for every proposal type with a signer that only records what it is
 * asked to sign, so the types, the domain and the message defaults are exactly the client's. The
 * sha256 of each types JSON is looked up in the sequencer's known set (hashedTypes.json).
 * PHP (Governance\Snapshot\VoteTypes) and TypeScript both test against the output.
 *
 *   node tests/vectors/snapshot-vote-types.mjs [--out tests/vectors/snapshot-vote-types.json]
 *
 * `copeland` is signed as an array vote, as sx.js (snapshot.box) does; snapshot.js has no case for
 * it (it would sign uint32), so its entry is written by hand from the array vote below.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import snapshot from '@snapshot-labs/snapshot.js';

const { values: args } = parseArgs( {
	options: { out: { type: 'string', default: fileURLToPath( new URL( './snapshot-vote-types.json', import.meta.url ) ) } },
} );

const require = createRequire( import.meta.url );
const hashedTypes = JSON.parse( readFileSync( require.resolve( '@snapshot-labs/snapshot.js/src/sign/hashedTypes.json' ), 'utf8' ) );
const sha256 = ( text ) => createHash( 'sha256' ).update( text ).digest( 'hex' );

const FROM = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const PROPOSAL = '0x' + 'ab'.repeat( 32 );
const CHOICES = {
	'single-choice': 1,
	basic: 2,
	approval: [ 1, 3 ],
	'ranked-choice': [ 2, 1, 3 ],
	weighted: { 1: 2, 3: 1 },
	quadratic: { 2: 1 },
};

// What Client712.vote hands to the signer and to send(), for one proposal type.
async function signed( type, privacy ) {
	const client = new snapshot.Client712( 'http://127.0.0.1:1/' );
	let envelope = null;
	client.send = async ( sent ) => {
		envelope = sent;
		return {};
	};
	const signer = { _signTypedData: async () => '0x' + '11'.repeat( 65 ) };
	const message = { space: 'society.eth', proposal: PROPOSAL, type, choice: CHOICES[ type ], timestamp: 1763900000 };
	if ( privacy ) {
		message.privacy = privacy;
		message.choice = '0x' + 'cd'.repeat( 20 );
	}
	await client.vote( signer, FROM, message );
	return envelope.data;
}

const kinds = {};
const byProposalType = {};
for ( const [ type, privacy ] of [ ...Object.keys( CHOICES ).map( ( t ) => [ t, '' ] ), [ 'single-choice', 'shutter' ], [ 'ranked-choice', 'shutter' ] ] ) {
	const data = await signed( type, privacy );
	const json = JSON.stringify( data.types );
	const kind = hashedTypes[ sha256( json ) ];
	if ( ! kind?.startsWith( 'vote' ) ) {
		throw new Error( `snapshot.js signed ${ type } with types the sequencer does not know` );
	}
	kinds[ kind ] = { json, sha256: sha256( json ), types: data.types };
	byProposalType[ type + ( privacy ? ':' + privacy : '' ) ] = { kind, domain: data.domain, message: data.message };
}
byProposalType.copeland = { kind: 'vote-array', note: 'sx.js maps copeland to the array vote; snapshot.js has no case for it' };

const out = {
	source: '@snapshot-labs/snapshot.js ' + require( '@snapshot-labs/snapshot.js/package.json' ).version + ' Client712.vote, src/sign/hashedTypes.json',
	domain: { name: 'snapshot', version: '0.1.4' },
	kinds,
	proposalTypes: byProposalType,
	known: Object.keys( hashedTypes ).filter( ( hash ) => hashedTypes[ hash ].startsWith( 'vote' ) ).sort(),
};
writeFileSync( args.out, JSON.stringify( out, null, '\t' ) + '\n' );
console.log( `wrote ${ args.out }` );
