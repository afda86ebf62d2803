#!/usr/bin/env node
/**
 * Deploys the census test tokens on the local chain (PHP integration tests call it):
 *
 *   node scripts/census-chain.mjs RPC_URL
 *
 * prints {"token":"0x…","nft":"0x…","badge":"0x…","block":N}: an ERC-20, an ERC-721 and an
 * ERC-1155 (tests/chain/contracts/CensusTestTokens.sol) that anyone may mint and holders may burn,
 * and the block of the last deployment.
 */
import { createPublicClient, createWalletClient, http } from 'viem';

import { compileContracts, demoAccount, localChain } from './lib/chain.mjs';

const [ rpcUrl ] = process.argv.slice( 2 );
const chain = localChain( rpcUrl );
const transport = http( rpcUrl );
const publicClient = createPublicClient( { chain, transport } );
const client = createWalletClient( { chain, transport, account: demoAccount( 0 ).account } );
const artifacts = compileContracts();
const deployed = {};
for ( const [ key, name ] of [ [ 'token', 'CensusTestToken' ], [ 'nft', 'CensusTestNft' ], [ 'badge', 'CensusTestBadge' ] ] ) {
	const hash = await client.deployContract( { abi: artifacts[ name ].abi, bytecode: artifacts[ name ].bytecode } );
	const receipt = await publicClient.waitForTransactionReceipt( { hash } );
	deployed[ key ] = receipt.contractAddress;
	deployed.block = Number( receipt.blockNumber );
}
process.stdout.write( JSON.stringify( deployed ) );
