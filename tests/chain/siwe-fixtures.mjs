/**
 * Sign-in messages and signatures for contract wallets on the local chain (EIP-1271, and
 * EIP-6492 for an account not deployed yet), with the outcome viem's verifyMessage gives.
 * Written by scripts/test-integration.mjs for tests/php/integration/ContractWalletTest.php.
 */
import { createPublicClient, encodeFunctionData, http, keccak256, toHex } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { serializeErc6492Signature } from 'viem/utils';

import { demoAccount, localChain } from '../../scripts/lib/chain.mjs';
import { compileContracts } from '../../scripts/lib/chain.mjs';

export const SITE = { domain: 'example.org', uri: 'https://example.org', chainId: 31337 };

export async function siweFixtures( deployment ) {
	const client = createPublicClient( { chain: localChain( deployment.rpcUrl ), transport: http( deployment.rpcUrl ) } );
	const artifacts = compileContracts();
	const owner = demoAccount( 1 ).account;
	const stranger = demoAccount( 3 ).account;
	const { contractWallet, rejectingWallet, accountFactory, token } = deployment.contracts;
	const salt = keccak256( toHex( 'sovereign-press counterfactual test account' ) );
	const counterfactual = await client.readContract( {
		abi: artifacts.AccountFactory.abi,
		address: accountFactory,
		functionName: 'predict',
		args: [ owner.address, salt ],
	} );
	const factoryData = encodeFunctionData( { abi: artifacts.AccountFactory.abi, functionName: 'deploy', args: [ owner.address, salt ] } );

	let n = 0;
	const message = ( address ) =>
		createSiweMessage( {
			...SITE,
			address,
			statement: 'Sign in to the society.',
			version: '1',
			nonce: `fixture${ String( ++n ).padStart( 4, '0' ) }x`,
			issuedAt: new Date( '2026-01-01T00:00:00Z' ),
		} );
	const cases = [];
	const add = async ( name, address, text, signature ) => {
		const viemValid = await client.verifyMessage( { address, message: text, signature } );
		cases.push( { name, address, message: text, signature, nonce: text.match( /Nonce: (\w+)/ )[ 1 ], viemValid } );
	};

	let text = message( owner.address );
	await add( 'eoa', owner.address, text, await owner.signMessage( { message: text } ) );
	text = message( contractWallet );
	await add( 'erc1271 owner signs', contractWallet, text, await owner.signMessage( { message: text } ) );
	text = message( contractWallet );
	await add( 'erc1271 stranger signs', contractWallet, text, await stranger.signMessage( { message: text } ) );
	text = message( rejectingWallet );
	await add( 'erc1271 wallet that rejects everything', rejectingWallet, text, await owner.signMessage( { message: text } ) );
	// SocietyToken has no isValidSignature and no fallback: the EIP-1271 call reverts.
	text = message( token );
	await add( 'erc1271 contract without isValidSignature', token, text, await stranger.signMessage( { message: text } ) );
	text = message( counterfactual );
	await add(
		'erc6492 counterfactual owner signs',
		counterfactual,
		text,
		serializeErc6492Signature( { address: accountFactory, data: factoryData, signature: await owner.signMessage( { message: text } ) } )
	);
	text = message( counterfactual );
	await add(
		'erc6492 counterfactual stranger signs',
		counterfactual,
		text,
		serializeErc6492Signature( { address: accountFactory, data: factoryData, signature: await stranger.signMessage( { message: text } ) } )
	);
	const code = await client.getCode( { address: counterfactual } );
	return { site: SITE, counterfactualDeployed: Boolean( code && code !== '0x' ), cases };
}

/**
 * Signed sign-in messages for the integration site's own domain, each with a nonce the test
 * stores before it presents the message (tests/php/integration/WalletSignInRestTest.php).
 */
export async function authFixtures( deployment, siteUrl ) {
	const url = new URL( siteUrl );
	const base = {
		// EIP-4361: a message without a scheme means https; this site is served over http.
		scheme: url.protocol.replace( ':', '' ),
		domain: url.host,
		uri: url.origin,
		chainId: 31337,
		version: '1',
		statement: 'Sign in to the society.',
		issuedAt: new Date( Date.now() - 60_000 ),
	};
	const citizen = demoAccount( 1 ).account;
	const contributor = demoAccount( 2 ).account;
	const visitor = demoAccount( 3 ).account;
	const fixtures = {};
	let n = 0;
	const make = async ( name, signer, address, overrides = {} ) => {
		const nonce = `authFixture${ String( ++n ).padStart( 4, '0' ) }`;
		const message = createSiweMessage( { ...base, address, nonce, ...overrides } );
		fixtures[ name ] = { message, nonce, address, signature: await signer.signMessage( { message } ) };
	};
	for ( const i of [ 1, 2, 3, 4, 5, 6 ] ) {
		await make( `citizen${ i }`, citizen, citizen.address );
		await make( `contributor${ i }`, contributor, contributor.address );
		await make( `visitor${ i }`, visitor, visitor.address );
	}
	await make( 'wrongDomain', visitor, visitor.address, { domain: 'evil.example' } );
	await make( 'wrongUri', visitor, visitor.address, { uri: 'https://evil.example/login' } );
	await make( 'wrongChain', visitor, visitor.address, { chainId: 5 } );
	await make( 'expired', visitor, visitor.address, { expirationTime: new Date( Date.now() - 3_600_000 ) } );
	await make( 'contractWallet', citizen, deployment.contracts.contractWallet );
	await make( 'contractWallet2', citizen, deployment.contracts.contractWallet );
	await make( 'strangerForContract', visitor, deployment.contracts.contractWallet );
	return fixtures;
}
