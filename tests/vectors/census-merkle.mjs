#!/usr/bin/env node
/**
 * Vectors of the census Merkle tree, taken from @openzeppelin/merkle-tree itself
 * (StandardMerkleTree.of(members, ['address'])): for sets of 1 to 100 addresses, every leaf hash,
 * the whole tree, the root and every member's proof. PHP (Census\MerkleTree) tests against the output.
 *
 *   node tests/vectors/census-merkle.mjs [--out tests/vectors/census-merkle.json]
 *
 * Addresses come from a fixed seed (sha256 of a counter), in mixed case, so the file is stable.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

const { values: args } = parseArgs( {
	options: { out: { type: 'string', default: fileURLToPath( new URL( './census-merkle.json', import.meta.url ) ) } },
} );

let counter = 0;
/** A pseudo-random address; every third one in upper case, to show the case does not matter. */
function address() {
	const hex = createHash( 'sha256' ).update( `census-merkle-${ counter++ }` ).digest( 'hex' ).slice( 0, 40 );
	return counter % 3 === 0 ? `0x${ hex.toUpperCase() }` : `0x${ hex }`;
}

const cases = [ 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 31, 33, 100 ].map( ( size ) => {
	const members = Array.from( { length: size }, address );
	const tree = StandardMerkleTree.of( members.map( ( a ) => [ a ] ), [ 'address' ] );
	const dump = tree.dump();
	return {
		members,
		root: tree.root,
		tree: dump.tree,
		// Per member, in the input order: its leaf, its place in the array and its proof.
		entries: members.map( ( member, i ) => ( {
			address: member,
			leaf: tree.leafHash( [ member ] ),
			treeIndex: dump.values[ i ].treeIndex,
			proof: tree.getProof( i ),
		} ) ),
	};
} );

writeFileSync( args.out, JSON.stringify( { generator: '@openzeppelin/merkle-tree StandardMerkleTree, leafEncoding ["address"]', cases }, null, '\t' ) + '\n' );
console.log( `Wrote ${ cases.length } cases to ${ args.out }.` );
