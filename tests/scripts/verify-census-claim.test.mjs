/**
 * scripts/verify-census.mjs against a site that lies: the demo society on a real local chain, and
 * a stand-in site publishing a census whose tokens were counted at another block than the one it
 * names (or naming none). The tool must not say "the census matches the chain" for a population
 * counted before the block whose hash it checked.
 *
 * Ports follow SP_PORT_OFFSET like every test port.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';

import { deploySociety, startNode } from '../../scripts/lib/chain.mjs';
import { stopAllAndWait } from '../../scripts/lib/processes.mjs';
import { testPorts } from '../../scripts/lib/stack.mjs';
import { verifyCensus } from '../../scripts/verify-census.mjs';

const PORTS = testPorts( { chain: 18765, site: 18766 } );
const SITE = `http://127.0.0.1:${ PORTS.site }`;

let rpcUrl;
let membership;
let head;
let published;
const site = createServer( ( request, response ) => {
	const ok = request.url.startsWith( '/wp-json/sovereign-press/v1/census' ) && ! request.url.includes( '/census/' );
	response.writeHead( ok ? 200 : 404, { 'content-type': 'application/json' } );
	response.end( JSON.stringify( ok ? published : { code: 'rest_no_route', message: 'No route.' } ) );
} );

/** A census of the Citizen NFT as the stand-in site publishes it. */
function claim( { blocks, toBlock, population, root } ) {
	return {
		blocks,
		population,
		root,
		linkedOnly: false,
		tokens: [ { id: 'citizens', chainId: 31337, standard: 'erc721', address: membership, tokenId: '', threshold: '1', startBlock: 0, toBlock, membership: true } ],
	};
}

async function rpc( method, params ) {
	const answer = await fetch( rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify( { jsonrpc: '2.0', id: 1, method, params } ) } );
	return ( await answer.json() ).result;
}

describe( 'verify-census.mjs and a census counted at another block', () => {
	before( async () => {
		( { rpcUrl } = await startNode( { port: PORTS.chain } ) );
		membership = ( await deploySociety( rpcUrl ) ).contracts.membership;
		const block = await rpc( 'eth_getBlockByNumber', [ 'latest', false ] );
		head = { chainId: 31337, block: Number( block.number ), hash: block.hash };
		await new Promise( ( done ) => site.listen( PORTS.site, '127.0.0.1', done ) );
	} );
	after( async () => {
		site.close();
		await stopAllAndWait();
	} );

	test( 'an honest census at the head matches', async () => {
		// The tool's own recount at the head gives the figures an honest site publishes.
		published = claim( { blocks: [ head ], toBlock: head.block, population: 0, root: '' } );
		const recount = await verifyCensus( { site: SITE, rpc: [ rpcUrl ] } );
		const population = Number( recount.checks.find( ( check ) => check.name === 'population' ).detail.match( /recounted (\d+)/ )[ 1 ] );
		assert.ok( population > 0, 'the demo society has citizens at the head' );

		published = claim( { blocks: [ head ], toBlock: head.block, population, root: recount.root } );
		const result = await verifyCensus( { site: SITE, rpc: [ rpcUrl ] } );
		assert.equal( result.ok, true, JSON.stringify( result.checks, null, 2 ) );
	} );

	test( 'tokens counted before the block whose hash is published do not match', async () => {
		// Block 0: no citizen yet, so an empty census, passed off as the head's.
		published = claim( { blocks: [ head ], toBlock: 0, population: 0, root: '' } );
		const result = await verifyCensus( { site: SITE, rpc: [ rpcUrl ] } );
		assert.equal( result.ok, false, JSON.stringify( result.checks, null, 2 ) );
		assert.ok( result.checks.some( ( check ) => ! check.ok && check.name.includes( 'citizens' ) ) );
	} );

	test( 'a census that names no block on its tokens’ chain does not match', async () => {
		published = claim( { blocks: [], toBlock: 0, population: 0, root: '' } );
		const result = await verifyCensus( { site: SITE, rpc: [ rpcUrl ] } );
		assert.equal( result.ok, false, JSON.stringify( result.checks, null, 2 ) );
	} );
} );
