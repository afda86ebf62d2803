/**
 * Bulk Transfer events for the census benchmark: a BulkToken (tests/chain/contracts/BulkToken.sol)
 * on the local chain mints to `holders` addresses, then moves tokens between them until the chain
 * holds `events` Transfer events, `perBlock` events in each transaction (one transaction a block),
 * with `gap` empty blocks mined after each so the history spans many blocks as a real one does.
 */
import { createPublicClient, createWalletClient, getAddress, http } from 'viem';

import { compileContracts, demoAccount, localChain } from '../scripts/lib/chain.mjs';

/**
 * @param {string} rpcUrl
 * @param {object} options
 * @param {number} options.holders  Distinct holders (the first `holders` events mint to each).
 * @param {number} options.events   Transfer events in all (>= holders).
 * @param {number} options.perBlock Events per transaction.
 * @param {number} options.gap      Empty blocks after each transaction.
 * @param {number[]} [options.marks] Event counts whose block to report.
 * @return {Promise<{address: string, startBlock: number, endBlock: number, seconds: number,
 *                   marks: Record<number, number>, gasUsed: bigint}>} marks: event count → the block
 *                   holding that many events (the last of them).
 */
export async function bulkEvents( rpcUrl, { holders, events, perBlock, gap, marks = [] } ) {
	const chain = localChain( rpcUrl );
	const transport = http( rpcUrl, { timeout: 600_000 } );
	const publicClient = createPublicClient( { chain, transport } );
	const { account } = demoAccount( 0 );
	const wallet = createWalletClient( { chain, transport, account } );
	const { abi, bytecode } = compileContracts().BulkToken;
	const started = performance.now();

	const deployed = await publicClient.waitForTransactionReceipt( { hash: await wallet.deployContract( { abi, bytecode } ) } );
	const address = getAddress( deployed.contractAddress );
	const startBlock = Number( deployed.blockNumber );
	const reached = {};
	let gasUsed = 0n;
	let done = 0;
	let block = startBlock;
	const unit = 10n ** 18n;
	while ( done < events ) {
		const count = Math.min( perBlock, events - done, done < holders ? holders - done : Infinity );
		const call = done < holders
			? { functionName: 'mintRange', args: [ BigInt( done ), BigInt( count ), 100n * unit ] }
			// Holder i gives one token to holder i + 7919 (a prime: every pair differs).
			: { functionName: 'shiftRange', args: [ BigInt( done - holders ), BigInt( count ), 7919n, BigInt( holders ), unit ] };
		const hash = await wallet.writeContract( { abi, address, ...call, gas: 28_000n * BigInt( count ) + 100_000n } );
		const receipt = await publicClient.waitForTransactionReceipt( { hash } );
		if ( receipt.status !== 'success' ) {
			throw new Error( `BulkToken.${ call.functionName } reverted at event ${ done }.` );
		}
		gasUsed += receipt.gasUsed;
		block = Number( receipt.blockNumber );
		for ( const mark of marks ) {
			if ( done < mark && done + count >= mark ) {
				reached[ mark ] = block;
			}
		}
		done += count;
		if ( gap > 0 ) {
			await publicClient.request( { method: 'hardhat_mine', params: [ `0x${ gap.toString( 16 ) }` ] } );
			block += gap;
		}
	}
	return { address, startBlock, endBlock: block, seconds: ( performance.now() - started ) / 1000, marks: reached, gasUsed };
}
