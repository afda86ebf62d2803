/**
 * The demo society's recent life, for the census (`npm start`): over the last few days, new
 * citizens join (membership NFT, SVOTE, some an early-supporter badge) and trade SVOTE, so the
 * Census page has a population that grew and an economy to show. Runs after deploySociety and
 * before seedGovernance, on a chain whose clock starts CENSUS_CLOCK_LEAD seconds further back:
 * each day's transactions are mined a day apart, and the clock ends where seedGovernance expects.
 *
 * Only `npm start` runs it: the wallets it uses (#4 to #9) are not the tests' demo wallets, but it
 * mints SVOTE, and tests read the supply as deploySociety leaves it.
 */
import { createPublicClient, createTestClient, createWalletClient, http, parseUnits } from 'viem';

import { compileContracts, demoAccount, localChain } from './chain.mjs';

export const CENSUS_DAYS = 6;
/** How far seedCensus moves the chain's clock ahead: CENSUS_DAYS days. */
export const CENSUS_CLOCK_LEAD = CENSUS_DAYS * 86400;

/**
 * @param {string} rpcUrl
 * @param {object} deployment From deploySociety().
 * @return {Promise<object>} The deployment, with `census.citizens` (the new members' addresses)
 *                           and `census.days` (the last block of each day played, oldest first:
 *                           the demo site syncs the census to each, so the growth chart has a
 *                           point per day).
 */
export async function seedCensus( rpcUrl, deployment ) {
	const chain = localChain( rpcUrl );
	const transport = http( rpcUrl );
	const publicClient = createPublicClient( { chain, transport } );
	const testClient = createTestClient( { chain, transport, mode: 'hardhat' } );
	const artifacts = compileContracts();
	const { membership, token, badge } = deployment.contracts;
	const send = async ( index, name, address, functionName, args ) => {
		const client = createWalletClient( { chain, transport, account: demoAccount( index ).account } );
		const hash = await client.writeContract( { abi: artifacts[ name ].abi, address, functionName, args } );
		const receipt = await publicClient.waitForTransactionReceipt( { hash } );
		if ( receipt.status !== 'success' ) {
			throw new Error( `${ name }.${ functionName } reverted.` );
		}
	};
	const svote = ( amount ) => parseUnits( amount, 18 );

	const citizens = [];
	const days = [];
	for ( let day = 0; day < CENSUS_DAYS; day++ ) {
		const index = 4 + day;
		const address = demoAccount( index ).address;
		citizens.push( address );
		await send( 0, 'SocietyMembership', membership, 'mint', [ address ] );
		await send( 0, 'SocietyToken', token, 'mint', [ address, svote( String( 120 + 20 * day ) ) ] );
		if ( day % 2 === 0 ) {
			await send( 0, 'SocietyBadge', badge, 'mint', [ address, 1n, 1n ] );
		}
		// The economy: the newcomer pays the previous one, who pays part of it back.
		if ( day > 0 ) {
			await send( index, 'SocietyToken', token, 'transfer', [ citizens[ day - 1 ], svote( String( 15 + 5 * day ) ) ] );
			await send( index - 1, 'SocietyToken', token, 'transfer', [ address, svote( '5' ) ] );
		}
		days.push( Number( await publicClient.getBlockNumber( { cacheTime: 0 } ) ) );
		await testClient.increaseTime( { seconds: 86400 } );
	}
	// The price feeds answer afresh, as Chainlink's do at least daily (deployed days ago by now).
	for ( const feed of [ deployment.contracts.ethUsdFeed, deployment.contracts.tokenUsdFeed ] ) {
		const answer = ( await publicClient.readContract( { abi: artifacts.PriceFeed.abi, address: feed, functionName: 'latestRoundData' } ) )[ 1 ];
		await send( 0, 'PriceFeed', feed, 'setAnswer', [ answer, 0n ] );
	}
	return { ...deployment, census: { citizens, days } };
}
