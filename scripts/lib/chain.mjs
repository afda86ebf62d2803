/**
 * The local chain: a hardhat v2 node with the demo society's contracts, compiled with solc-js
 * from @openzeppelin/contracts and deployed with viem. Deployment is deterministic (same deployer,
 * same nonces), so every start yields the same addresses.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	createPublicClient,
	createTestClient,
	createWalletClient,
	defineChain,
	getAddress,
	http,
	namehash,
	parseEther,
	parseUnits,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

import { startProcess } from './processes.mjs';

const require = createRequire( import.meta.url );
export const ROOT = resolve( dirname( fileURLToPath( import.meta.url ) ), '../..' );
const CONTRACTS_DIR = join( ROOT, 'tests/chain/contracts' );
const CACHE_DIR = join( ROOT, '.cache/chain' );

export const CHAIN_ID = 31337;
export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';
export const ENS_REGISTRY_ADDRESS = '0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e';
/** Hardhat's well-known development mnemonic: its keys are public, never use them elsewhere. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export const DEMO_WALLETS = [
	{ index: 0, role: 'Founder (deployer, admin of the demo contracts)' },
	{ index: 1, role: 'Citizen: membership NFT, 100 SVOTE, early-supporter badge, owns the contract wallet' },
	{ index: 2, role: 'Core contributor: membership NFT, 10 SVOTE, core-contributor badge' },
	{ index: 3, role: 'Visitor: holds nothing' },
];

export function demoAccount( index ) {
	const account = mnemonicToAccount( DEV_MNEMONIC, { addressIndex: index } );
	const key = account.getHdKey().privateKey;
	return {
		account,
		address: account.address,
		privateKey: `0x${ Buffer.from( key ).toString( 'hex' ) }`,
	};
}

export function localChain( rpcUrl ) {
	return defineChain( {
		id: CHAIN_ID,
		name: 'Local chain',
		nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
		rpcUrls: { default: { http: [ rpcUrl ] } },
	} );
}

async function rpcAnswers( rpcUrl ) {
	try {
		const response = await fetch( rpcUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify( { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] } ),
			signal: AbortSignal.timeout( 1000 ),
		} );
		const body = await response.json();
		return typeof body.result === 'string';
	} catch {
		return false;
	}
}

/**
 * Starts `hardhat node` on 127.0.0.1:port and resolves once it answers JSON-RPC. The node is
 * stopped with this process (scripts/lib/processes.mjs). With `behind` (seconds), the chain's clock
 * starts that far in the past: seeding that mines many blocks (scripts/lib/governance.mjs) then
 * ends near the real time, so proposal dates read right. With `blockGasLimit`, blocks (and each
 * transaction) may use that much gas: the benchmarks' bulk transactions.
 *
 * @return {Promise<{rpcUrl: string, process: import('node:child_process').ChildProcess}>}
 */
export async function startNode( { port = 8545, log = 'ignore', behind = 0, blockGasLimit = 0 } = {} ) {
	const rpcUrl = `http://127.0.0.1:${ port }`;
	if ( await rpcAnswers( rpcUrl ) ) {
		throw new Error( `Something already answers JSON-RPC on ${ rpcUrl }; stop it or pick another port.` );
	}
	const hardhat = join( dirname( require.resolve( 'hardhat/package.json' ) ), 'internal/cli/bootstrap.js' );
	const child = startProcess(
		process.execPath,
		[ hardhat, '--config', join( ROOT, 'tests/chain/hardhat.config.cjs' ), 'node', '--hostname', '127.0.0.1', '--port', String( port ) ],
		{
			cwd: join( ROOT, 'tests/chain' ),
			env: {
				...process.env,
				HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
				SP_CHAIN_START: behind > 0 ? new Date( Date.now() - behind * 1000 ).toISOString() : '',
				SP_CHAIN_GAS_LIMIT: blockGasLimit > 0 ? String( blockGasLimit ) : '',
			},
			stdio: [ 'ignore', log, log ],
		}
	);
	let exited = null;
	child.on( 'exit', ( code ) => ( exited = code ) );
	for ( let attempt = 0; attempt < 300; attempt++ ) {
		if ( exited !== null ) {
			throw new Error( `hardhat node exited with code ${ exited } before answering.` );
		}
		if ( await rpcAnswers( rpcUrl ) ) {
			return { rpcUrl, process: child };
		}
		await new Promise( ( done ) => setTimeout( done, 200 ) );
	}
	child.kill();
	throw new Error( 'hardhat node did not answer within 60 s.' );
}

function findImport( path ) {
	for ( const base of [ CONTRACTS_DIR, join( ROOT, 'node_modules' ) ] ) {
		const file = join( base, path );
		if ( existsSync( file ) ) {
			return { contents: readFileSync( file, 'utf8' ) };
		}
	}
	return { error: `File not found: ${ path }` };
}

/**
 * Compiles tests/chain/contracts with solc-js; the artifacts are cached by source hash.
 *
 * @return {Record<string, {abi: unknown[], bytecode: `0x${string}`}>}
 */
export function compileContracts() {
	const solc = require( 'solc' );
	const sources = {};
	for ( const file of readdirSync( CONTRACTS_DIR ).filter( ( f ) => f.endsWith( '.sol' ) ).sort() ) {
		sources[ file ] = { content: readFileSync( join( CONTRACTS_DIR, file ), 'utf8' ) };
	}
	const ozVersion = require( '@openzeppelin/contracts/package.json' ).version;
	const key = createHash( 'sha256' )
		.update( JSON.stringify( { sources, ozVersion, solc: solc.version() } ) )
		.digest( 'hex' )
		.slice( 0, 16 );
	const cacheFile = join( CACHE_DIR, `artifacts-${ key }.json` );
	if ( existsSync( cacheFile ) ) {
		return JSON.parse( readFileSync( cacheFile, 'utf8' ) );
	}
	const input = {
		language: 'Solidity',
		sources,
		settings: {
			optimizer: { enabled: true, runs: 200 },
			evmVersion: 'cancun',
			outputSelection: { '*': { '*': [ 'abi', 'evm.bytecode.object', 'evm.deployedBytecode.object' ] } },
		},
	};
	const output = JSON.parse( solc.compile( JSON.stringify( input ), { import: findImport } ) );
	const errors = ( output.errors ?? [] ).filter( ( e ) => e.severity === 'error' );
	if ( errors.length ) {
		throw new Error( errors.map( ( e ) => e.formattedMessage ).join( '\n' ) );
	}
	const artifacts = {};
	for ( const file of Object.keys( sources ) ) {
		for ( const [ name, contract ] of Object.entries( output.contracts[ file ] ) ) {
			artifacts[ name ] = {
				abi: contract.abi,
				bytecode: `0x${ contract.evm.bytecode.object }`,
				deployedBytecode: `0x${ contract.evm.deployedBytecode.object }`,
			};
		}
	}
	mkdirSync( CACHE_DIR, { recursive: true } );
	writeFileSync( cacheFile, JSON.stringify( artifacts ) );
	return artifacts;
}

function multicall3CreationCode() {
	const source = readFileSync( join( dirname( require.resolve( 'viem' ) ), '../_esm/constants/contracts.js' ), 'utf8' );
	const match = source.match( /multicall3Bytecode = '(0x[0-9a-f]+)'/ );
	if ( ! match ) {
		throw new Error( 'viem no longer ships Multicall3 bytecode where expected.' );
	}
	return match[ 1 ];
}

/**
 * Deploys the demo society and hands out its tokens.
 *
 * @return {Promise<object>} Addresses, demo wallets and block number, also written to .cache/chain/deployment.json.
 */
export async function deploySociety( rpcUrl ) {
	const chain = localChain( rpcUrl );
	const transport = http( rpcUrl );
	const publicClient = createPublicClient( { chain, transport } );
	const testClient = createTestClient( { chain, transport, mode: 'hardhat' } );
	const wallets = DEMO_WALLETS.map( ( w ) => ( { ...w, ...demoAccount( w.index ) } ) );
	const [ founder, citizen, contributor ] = wallets;
	const client = createWalletClient( { chain, transport, account: founder.account } );
	const artifacts = compileContracts();

	const deploy = async ( name, args = [], value = 0n ) => {
		const { abi, bytecode } = artifacts[ name ];
		const hash = await client.deployContract( { abi, bytecode, args, value } );
		const receipt = await publicClient.waitForTransactionReceipt( { hash } );
		return getAddress( receipt.contractAddress );
	};
	const write = async ( name, address, functionName, args ) => {
		const hash = await client.writeContract( { abi: artifacts[ name ].abi, address, functionName, args } );
		await publicClient.waitForTransactionReceipt( { hash } );
	};
	const writeAs = async ( wallet, name, address, functionName, args ) => {
		const hash = await createWalletClient( { chain, transport, account: wallet.account } ).writeContract( {
			abi: artifacts[ name ].abi,
			address,
			functionName,
			args,
		} );
		await publicClient.waitForTransactionReceipt( { hash } );
	};

	// Multicall3 at its canonical address, with the runtime code of the real contract.
	const scratch = await client.deployContract( { abi: [], bytecode: multicall3CreationCode() } );
	const scratchAddress = ( await publicClient.waitForTransactionReceipt( { hash: scratch } ) ).contractAddress;
	await testClient.setCode( {
		address: MULTICALL3_ADDRESS,
		bytecode: await publicClient.getCode( { address: scratchAddress } ),
	} );

	const membership = await deploy( 'SocietyMembership', [ founder.address ] );
	const token = await deploy( 'SocietyToken', [ founder.address ] );
	const badge = await deploy( 'SocietyBadge', [ founder.address ] );
	const treasury = await deploy( 'Treasury', [ 60n, [], [ '0x0000000000000000000000000000000000000000' ], founder.address ] );
	const governor = await deploy( 'SocietyGovernor', [ token, treasury ] );
	const contractWallet = await deploy( 'ContractWallet', [ citizen.address ] );
	const rejectingWallet = await deploy( 'RejectingWallet' );

	const treasuryAbi = artifacts.Treasury.abi;
	const role = ( name ) => publicClient.readContract( { abi: treasuryAbi, address: treasury, functionName: name } );
	await write( 'Treasury', treasury, 'grantRole', [ await role( 'PROPOSER_ROLE' ), governor ] );
	await write( 'Treasury', treasury, 'grantRole', [ await role( 'CANCELLER_ROLE' ), governor ] );

	for ( const [ wallet, tokens, badgeId ] of [
		[ founder, '1000', 1n ],
		[ citizen, '100', 1n ],
		[ contributor, '10', 2n ],
	] ) {
		await write( 'SocietyMembership', membership, 'mint', [ wallet.address ] );
		await write( 'SocietyToken', token, 'mint', [ wallet.address, parseUnits( tokens, 18 ) ] );
		await write( 'SocietyBadge', badge, 'mint', [ wallet.address, badgeId, 1n ] );
		await writeAs( wallet, 'SocietyToken', token, 'delegate', [ wallet.address ] );
	}
	await write( 'SocietyToken', token, 'mint', [ treasury, parseUnits( '5000', 18 ) ] );
	const fund = await client.sendTransaction( { to: treasury, value: parseEther( '10' ) } );
	await publicClient.waitForTransactionReceipt( { hash: fund } );
	await write( 'Treasury', treasury, 'renounceRole', [ await role( 'DEFAULT_ADMIN_ROLE' ), founder.address ] );
	// Deployed last so that adding them left every earlier address as it was.
	const accountFactory = await deploy( 'AccountFactory' );

	// ENS for the demo: the registry's code at its canonical address, one resolver, and a name
	// for the citizen (reverse and forward records, and an avatar).
	const registryScratch = await deploy( 'TestEnsRegistry' );
	await testClient.setCode( { address: ENS_REGISTRY_ADDRESS, bytecode: await publicClient.getCode( { address: registryScratch } ) } );
	const ensResolver = await deploy( 'TestEnsResolver' );
	const ensName = 'citizen.society.eth';
	const reverseNode = namehash( `${ citizen.address.slice( 2 ).toLowerCase() }.addr.reverse` );
	await write( 'TestEnsRegistry', ENS_REGISTRY_ADDRESS, 'setResolver', [ reverseNode, ensResolver ] );
	await write( 'TestEnsRegistry', ENS_REGISTRY_ADDRESS, 'setResolver', [ namehash( ensName ), ensResolver ] );
	await write( 'TestEnsResolver', ensResolver, 'setName', [ reverseNode, ensName ] );
	await write( 'TestEnsResolver', ensResolver, 'setAddr', [ namehash( ensName ), citizen.address ] );
	await write( 'TestEnsResolver', ensResolver, 'setText', [ namehash( ensName ), 'avatar', 'https://example.org/citizen.png' ] );
	// A reverse record that claims a name whose forward record points elsewhere: must be ignored.
	const contributorReverse = namehash( `${ contributor.address.slice( 2 ).toLowerCase() }.addr.reverse` );
	await write( 'TestEnsRegistry', ENS_REGISTRY_ADDRESS, 'setResolver', [ contributorReverse, ensResolver ] );
	await write( 'TestEnsResolver', ensResolver, 'setName', [ contributorReverse, ensName ] );

	// Governors of the other shapes the plugin reads, deployed last (earlier addresses unchanged):
	// a Compound GovernorBravo-shaped one voting with SVOTE, and one on the timestamp clock.
	const bravoVotes = await deploy( 'BravoVotes', [ token ] );
	const bravo = await deploy( 'SocietyBravo', [ bravoVotes, 1n, 1000n ] );
	const clockToken = await deploy( 'SocietyClockToken', [ founder.address ] );
	const clockGovernor = await deploy( 'SocietyClockGovernor', [ clockToken ] );
	for ( const [ wallet, tokens ] of [
		[ founder, '1000' ],
		[ citizen, '100' ],
		[ contributor, '10' ],
	] ) {
		await write( 'SocietyClockToken', clockToken, 'mint', [ wallet.address, parseUnits( tokens, 18 ) ] );
		await writeAs( wallet, 'SocietyClockToken', clockToken, 'delegate', [ wallet.address ] );
	}

	// The census's USD prices (Chainlink AggregatorV3-shaped, 8 decimals as Chainlink's USD feeds),
	// deployed last (earlier addresses unchanged).
	const ethUsdFeed = await deploy( 'PriceFeed', [ 8, 'ETH / USD', 3000n * 10n ** 8n ] );
	const tokenUsdFeed = await deploy( 'PriceFeed', [ 8, 'SVOTE / USD', 250_000_000n ] );

	const deployment = {
		chainId: CHAIN_ID,
		rpcUrl,
		blockNumber: Number( await publicClient.getBlockNumber() ),
		contracts: {
			multicall3: MULTICALL3_ADDRESS,
			membership,
			token,
			badge,
			treasury,
			governor,
			contractWallet,
			rejectingWallet,
			accountFactory,
			ensRegistry: ENS_REGISTRY_ADDRESS,
			ensResolver,
			bravoVotes,
			bravo,
			clockToken,
			clockGovernor,
			ethUsdFeed,
			tokenUsdFeed,
		},
		ens: { [ citizen.address ]: 'citizen.society.eth' },
		wallets: wallets.map( ( { index, role: walletRole, address, privateKey } ) => ( {
			index,
			role: walletRole,
			address,
			privateKey,
		} ) ),
	};
	mkdirSync( CACHE_DIR, { recursive: true } );
	writeFileSync( join( CACHE_DIR, 'deployment.json' ), JSON.stringify( deployment, null, '\t' ) );
	return deployment;
}
