/**
 * The reference for the census tests: @openzeppelin/merkle-tree. Reads a JSON file
 * {members: [address…], proofs: [{root, address, proof}]} and prints {root, verified}: the root of
 * StandardMerkleTree.of(members, ['address']) ('' for no members, which the library refuses) and,
 * for each proof, StandardMerkleTree.verify(root, ['address'], [address], proof).
 */
import { readFileSync } from 'node:fs';

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

const { members, proofs = [] } = JSON.parse( readFileSync( process.argv[ 2 ], 'utf8' ) );
const root = members.length ? StandardMerkleTree.of( members.map( ( address ) => [ address ] ), [ 'address' ] ).root : '';
const verified = proofs.map( ( { root: claimed, address, proof } ) => {
	try {
		return StandardMerkleTree.verify( claimed, [ 'address' ], [ address ], proof );
	} catch {
		return false;
	}
} );
process.stdout.write( JSON.stringify( { root, verified } ) );
