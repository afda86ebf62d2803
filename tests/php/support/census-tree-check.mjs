#!/usr/bin/env node
/**
 * Checks a census tree built by the plugin against @openzeppelin/merkle-tree, the reference.
 * Reads JSON from a file: { root, members (the plugin's leaf order), proofs: [{address, leaf, index,
 * proof}] } and prints { root, order, proofs: [bool] }: the reference root of the same set, whether
 * the members are in the reference's leaf order (leaf i at tree[2n - 2 - i]), and for each proof
 * whether StandardMerkleTree.verify accepts it with the plugin's root, and its leaf and index agree.
 *
 *   node tests/php/support/census-tree-check.mjs input.json
 */
import { readFileSync } from 'node:fs';

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

const input = JSON.parse( readFileSync( process.argv[ 2 ], 'utf8' ) );
const tree = StandardMerkleTree.of( input.members.map( ( a ) => [ a ] ), [ 'address' ] );
const n = input.members.length;
const { values } = tree.dump();
const order = values.every( ( v, i ) => v.treeIndex === 2 * n - 2 - i );
const proofs = input.proofs.map(
	( p ) => StandardMerkleTree.verify( input.root, [ 'address' ], [ p.address ], p.proof ) &&
		tree.leafHash( [ p.address ] ) === p.leaf &&
		p.proof.join() === tree.getProof( p.index ).join()
);
console.log( JSON.stringify( { root: tree.root, order, proofs } ) );
