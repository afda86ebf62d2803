/**
 * scripts/verify-census.mjs's recount rules on logs encoded with viem: balances per standard as
 * the site's indexer (Census\TransferLogs) reads them, hostile or pre-standard logs skipped, and
 * the log scan halving its window when a node refuses one without losing or repeating a log. The
 * tool against a real site and chain: tests/e2e/census-block.test.mjs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { encodeAbiParameters, numberToHex, pad } from 'viem';

import { balances, scanLogs } from '../../scripts/verify-census.mjs';

const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const SINGLE = '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62';
const BATCH = '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb';
const ZERO = '0x0000000000000000000000000000000000000000';
const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const C = '0x00000000000000000000000000000000000000cc';
const topic = ( address ) => pad( address, { size: 32 } );
const word = ( value ) => encodeAbiParameters( [ { type: 'uint256' } ], [ value ] );

describe( 'verify-census.mjs recount', () => {
	it( 'adds up ERC-20 mints, transfers and burns, and skips logs of another shape', () => {
		const held = balances( { standard: 'erc20', tokenId: '' }, [
			{ topics: [ TRANSFER, topic( ZERO ), topic( A ) ], data: word( 150n ) },
			{ topics: [ TRANSFER, topic( A ), topic( B ) ], data: word( 40n ) },
			{ topics: [ TRANSFER, topic( B ), topic( ZERO ) ], data: word( 15n ) },
			// An ERC-721-shaped Transfer, a value that is not one word, an address topic with high bytes set, a removed log.
			{ topics: [ TRANSFER, topic( ZERO ), topic( C ), word( 1n ) ], data: '0x' },
			{ topics: [ TRANSFER, topic( ZERO ), topic( C ) ], data: '0x01' },
			{ topics: [ TRANSFER, topic( ZERO ), `0x01${ topic( C ).slice( 4 ) }` ], data: word( 9n ) },
			{ topics: [ TRANSFER, topic( ZERO ), topic( C ) ], data: word( 9n ), removed: true },
		] );
		assert.deepEqual( Object.fromEntries( held ), { [ A ]: 110n, [ B ]: 25n } );
	} );

	it( 'counts ERC-721 tokens per holder and skips Transfers without an indexed token id', () => {
		const held = balances( { standard: 'erc721', tokenId: '' }, [
			{ topics: [ TRANSFER, topic( ZERO ), topic( A ), word( 1n ) ], data: '0x' },
			{ topics: [ TRANSFER, topic( ZERO ), topic( A ), word( 2n ) ], data: '0x' },
			{ topics: [ TRANSFER, topic( A ), topic( B ), word( 2n ) ], data: '0x' },
			{ topics: [ TRANSFER, topic( ZERO ), topic( C ) ], data: word( 3n ) },
		] );
		assert.deepEqual( Object.fromEntries( held ), { [ A ]: 1n, [ B ]: 1n } );
	} );

	it( 'counts only the configured ERC-1155 id, from single and batch transfers', () => {
		const operator = topic( C );
		const batch = ( ids, values ) => encodeAbiParameters( [ { type: 'uint256[]' }, { type: 'uint256[]' } ], [ ids, values ] );
		const held = balances( { standard: 'erc1155', tokenId: '1' }, [
			{ topics: [ SINGLE, operator, topic( ZERO ), topic( A ) ], data: encodeAbiParameters( [ { type: 'uint256' }, { type: 'uint256' } ], [ 1n, 5n ] ) },
			{ topics: [ SINGLE, operator, topic( ZERO ), topic( A ) ], data: encodeAbiParameters( [ { type: 'uint256' }, { type: 'uint256' } ], [ 2n, 7n ] ) },
			{ topics: [ BATCH, operator, topic( A ), topic( B ) ], data: batch( [ 2n, 1n, 1n ], [ 7n, 2n, 1n ] ) },
			// Lists of different lengths: not a TransferBatch the standard writes.
			{ topics: [ BATCH, operator, topic( ZERO ), topic( C ) ], data: batch( [ 1n, 1n ], [ 4n ] ) },
			{ topics: [ BATCH, operator, topic( ZERO ), topic( C ) ], data: '0x1234' },
		] );
		assert.deepEqual( Object.fromEntries( held ), { [ A ]: 2n, [ B ]: 3n } );
	} );

	it( 'reads every log once when the node refuses wide windows', async () => {
		const requests = [];
		const client = {
			async request( { params: [ filter ] } ) {
				const from = BigInt( filter.fromBlock );
				const to = BigInt( filter.toBlock );
				requests.push( [ from, to ] );
				if ( to - from + 1n > 3n ) {
					throw new Error( 'query returned more than 10000 results' );
				}
				const logs = [];
				for ( let block = from; block <= to; block++ ) {
					logs.push( { blockNumber: numberToHex( block ), topics: [ TRANSFER ], data: '0x' } );
				}
				return logs;
			},
		};
		const logs = await scanLogs( client, A, [ TRANSFER ], 5n, 40n, 16n );
		assert.deepEqual(
			logs.map( ( log ) => BigInt( log.blockNumber ) ),
			Array.from( { length: 36 }, ( _, i ) => 5n + BigInt( i ) )
		);
		assert.ok( requests.every( ( [ from, to ] ) => from >= 5n && to <= 40n ) );
	} );
} );
