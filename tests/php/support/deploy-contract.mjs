#!/usr/bin/env node
/**
 * Deploys one contract of tests/chain/contracts on the local chain from the founder (wallet 0),
 * for PHP integration tests that need a contract of their own, and prints its address.
 *
 *   node tests/php/support/deploy-contract.mjs RPC_URL NAME '[ARGS…]'
 *
 * Integer arguments may be given as decimal strings (they are turned into what the ABI wants).
 */
import { createPublicClient, createWalletClient, getAddress, http } from 'viem';

import { compileContracts, demoAccount, localChain } from '../../../scripts/lib/chain.mjs';

const [ rpcUrl, name, argsJson ] = process.argv.slice( 2 );
const { abi, bytecode } = compileContracts()[ name ];
const inputs = abi.find( ( item ) => item.type === 'constructor' )?.inputs ?? [];
const args = JSON.parse( argsJson ?? '[]' ).map( ( value, i ) => {
	const type = inputs[ i ]?.type ?? '';
	const bits = Number( type.replace( /^u?int/, '' ) || 256 );
	if ( /^u?int\d*$/.test( type ) ) {
		return bits > 48 ? BigInt( value ) : Number( value );
	}
	return value;
} );
const chain = localChain( rpcUrl );
const transport = http( rpcUrl );
const client = createWalletClient( { chain, transport, account: demoAccount( 0 ).account } );
const hash = await client.deployContract( { abi, bytecode, args } );
const receipt = await createPublicClient( { chain, transport } ).waitForTransactionReceipt( { hash } );
process.stdout.write( getAddress( receipt.contractAddress ) );
