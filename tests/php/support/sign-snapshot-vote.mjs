#!/usr/bin/env node
/**
 * Signs a Snapshot vote the way Snapshot's own client does, for PHP integration tests: runs
 * @snapshot-labs/snapshot.js Client712.vote with a demo wallet (scripts/lib/chain.mjs, hardhat's
 * public development keys) as the signer, and prints the envelope it would post to the sequencer.
 *
 *   node tests/php/support/sign-snapshot-vote.mjs '{"wallet":1,"space":"society.eth","proposal":"0x…","type":"single-choice","choice":2}'
 *
 * Optional: "privacy" (shutter), "timestamp", "reason", "app".
 */
import snapshot from '@snapshot-labs/snapshot.js';

import { demoAccount } from '../../../scripts/lib/chain.mjs';

const input = JSON.parse( process.argv[ 2 ] ?? '{}' );
const { account } = demoAccount( input.wallet ?? 0 );
const client = new snapshot.Client712( 'http://127.0.0.1:1/' );
let envelope = null;
client.send = async ( sent ) => {
	envelope = sent;
	return {};
};
const signer = {
	_signTypedData: ( domain, types, message ) => account.signTypedData( { domain, types, primaryType: 'Vote', message } ),
};
const message = { space: input.space, proposal: input.proposal, type: input.type, choice: input.choice, reason: input.reason ?? '', app: input.app ?? 'sovereign-press' };
for ( const field of [ 'privacy', 'timestamp' ] ) {
	if ( undefined !== input[ field ] ) {
		message[ field ] = input[ field ];
	}
}
await client.vote( signer, account.address, message );
process.stdout.write( JSON.stringify( envelope ) );
