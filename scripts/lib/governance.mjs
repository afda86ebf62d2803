/**
 * Governor proposals on the local chain: helpers to propose, vote, mine and move time, and the
 * demo seeding that `npm start` runs after deploySociety().
 *
 * The demo's proposals (ids are decimal strings in deployment.json under `governance`):
 *
 *   SocietyGovernor (OpenZeppelin, block-number clock, quorum 4% of supply, Treasury timelock)
 *   - executed: voted For by #0 and #1, Abstain by #2; queued in the Treasury timelock and
 *     executed. It set the voting delay to 7200 blocks (about a day), so proposals made after it
 *     stay pending until that many blocks are mined.
 *   - defeated: Against by #0, For by #1.
 *   - active:   For by #0, Against by #1, Abstain by #2 (open for about 50 blocks).
 *   - open:     active, nobody has voted: any demo wallet can still vote on it.
 *   - pending:  made after the longer voting delay took effect: pending for 7200 blocks.
 *   SocietyBravo (GovernorBravo-shaped, sequential ids)
 *   - bravo.executed: For by #0, queued and executed.
 *   - bravo.active:   For by #1, Against by #2; #0 has not voted (open for about 1000 blocks).
 *
 * Hardhat mines one block per transaction, so every transaction sent to the chain moves block-number
 * proposals along: `active` and `open` stay active for ~50 transactions, `bravo.active` for ~1000.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	createPublicClient,
	createTestClient,
	createWalletClient,
	encodeFunctionData,
	http,
	keccak256,
	parseEventLogs,
	parseUnits,
	toBytes,
} from 'viem';

import { compileContracts, demoAccount, localChain, ROOT } from './chain.mjs';

/** Support values shared by OpenZeppelin's GovernorCountingSimple and GovernorBravo. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 };

/**
 * Clients and helpers bound to one chain and deployment.
 *
 * @param {string} rpcUrl     Node.
 * @param {object} deployment From deploySociety().
 */
export function governanceClient( rpcUrl, deployment ) {
	const chain = localChain( rpcUrl );
	const transport = http( rpcUrl );
	const publicClient = createPublicClient( { chain, transport } );
	const testClient = createTestClient( { chain, transport, mode: 'hardhat' } );
	const artifacts = compileContracts();
	const { contracts } = deployment;
	const walletOf = ( index ) => createWalletClient( { chain, transport, account: demoAccount( index ).account } );

	const send = async ( index, name, address, functionName, args ) => {
		const hash = await walletOf( index ).writeContract( { abi: artifacts[ name ].abi, address, functionName, args } );
		const receipt = await publicClient.waitForTransactionReceipt( { hash } );
		if ( receipt.status !== 'success' ) {
			throw new Error( `${ name }.${ functionName } reverted.` );
		}
		return receipt;
	};
	const contractOf = ( governor ) => {
		const address = governor.toLowerCase();
		if ( address === contracts.bravo?.toLowerCase() ) {
			return 'SocietyBravo';
		}
		return address === contracts.clockGovernor?.toLowerCase() ? 'SocietyClockGovernor' : 'SocietyGovernor';
	};
	const call = ( name, address, functionName, args = [] ) =>
		encodeFunctionData( { abi: artifacts[ name ].abi, functionName, args } );

	return {
		publicClient,
		testClient,
		artifacts,
		/** Calldata of a contract function (for proposal actions). */
		call,

		/**
		 * Makes a proposal; resolves to what queue/execute need, id as a decimal string.
		 *
		 * @param {object} p
		 * @param {string} p.governor    Governor address (SocietyGovernor, SocietyClockGovernor or SocietyBravo).
		 * @param {number} p.from        Demo wallet index of the proposer.
		 * @param {Array<{target:string, value?:bigint, data:string}>} p.actions What it does.
		 * @param {string} p.description Markdown; the first line is the title.
		 */
		async propose( { governor, from = 0, actions, description } ) {
			const name = contractOf( governor );
			const targets = actions.map( ( a ) => a.target );
			const values = actions.map( ( a ) => a.value ?? 0n );
			const calldatas = actions.map( ( a ) => a.data );
			const args = name === 'SocietyBravo'
				? [ targets, values, actions.map( () => '' ), calldatas, description ]
				: [ targets, values, calldatas, description ];
			const receipt = await send( from, name, governor, 'propose', args );
			const [ created ] = parseEventLogs( { abi: artifacts[ name ].abi, eventName: 'ProposalCreated', logs: receipt.logs } );
			const id = created.args.proposalId ?? created.args.id;
			return { governor, id: id.toString(), targets, values, calldatas, description, blockNumber: receipt.blockNumber };
		},

		/** Casts a vote (support: 'for' | 'against' | 'abstain') from a demo wallet, with an optional reason. */
		async vote( proposal, from, support, reason = '' ) {
			const name = contractOf( proposal.governor );
			const args = [ BigInt( proposal.id ), SUPPORT[ support ] ];
			return reason === ''
				? send( from, name, proposal.governor, 'castVote', args )
				: send( from, name, proposal.governor, 'castVoteWithReason', [ ...args, reason ] );
		},

		/** Queues a succeeded proposal (OpenZeppelin: in its timelock; Bravo: sets its eta). */
		async queue( proposal, from = 0 ) {
			const name = contractOf( proposal.governor );
			return name === 'SocietyBravo'
				? send( from, name, proposal.governor, 'queue', [ BigInt( proposal.id ) ] )
				: send( from, name, proposal.governor, 'queue', [ proposal.targets, proposal.values, proposal.calldatas, keccak256( toBytes( proposal.description ) ) ] );
		},

		/** Executes a queued proposal once its delay has passed. */
		async execute( proposal, from = 0 ) {
			const name = contractOf( proposal.governor );
			return name === 'SocietyBravo'
				? send( from, name, proposal.governor, 'execute', [ BigInt( proposal.id ) ] )
				: send( from, name, proposal.governor, 'execute', [ proposal.targets, proposal.values, proposal.calldatas, keccak256( toBytes( proposal.description ) ) ] );
		},

		/** The proposal's state, 0-7 (pending … executed). */
		async state( proposal ) {
			return Number( await publicClient.readContract( {
				abi: artifacts[ contractOf( proposal.governor ) ].abi,
				address: proposal.governor,
				functionName: 'state',
				args: [ BigInt( proposal.id ) ],
			} ) );
		},

		/** Mines blocks 12 seconds apart, as Ethereum's slots are, so block times estimate well. */
		async mine( blocks = 1 ) {
			await testClient.mine( { blocks, interval: 12 } );
		},

		/** Brings the chain's clock to the real time, if it is behind (see startNode's `behind`). */
		async catchUp() {
			const now = BigInt( Math.floor( Date.now() / 1000 ) );
			if ( ( await publicClient.getBlock() ).timestamp < now ) {
				await testClient.setNextBlockTimestamp( { timestamp: now } );
				await testClient.mine( { blocks: 1 } );
			}
		},

		/** Moves the chain's clock forward and mines a block at the new time. */
		async advanceTime( seconds ) {
			await testClient.increaseTime( { seconds } );
			await testClient.mine( { blocks: 1 } );
		},
	};
}

/**
 * Seeds the demo proposals (see the top of this file) and records their ids in
 * .cache/chain/deployment.json under `governance`.
 *
 * @param {string} rpcUrl     Node.
 * @param {object} deployment From deploySociety() (written back with `governance` added).
 * @return {Promise<object>} The deployment with `governance`.
 */
/**
 * How far seedGovernance moves the chain's clock ahead of the time that passes: 1,057 blocks mined
 * 12 s apart and two timelock waits of 61 s. A node started this far behind (startNode( { behind } ))
 * ends seeding at about the real time; catchUp() then closes the last seconds.
 */
export const SEED_CLOCK_LEAD = ( 2 + 1001 + 2 + 51 + 1 ) * 12 + 2 * 61;

export async function seedGovernance( rpcUrl, deployment ) {
	const gov = governanceClient( rpcUrl, deployment );
	const { governor, bravo, token, treasury } = deployment.contracts;
	const [ founder, citizen, contributor ] = deployment.wallets.map( ( w ) => w.address );
	const transfer = ( to, amount ) => ( {
		target: token,
		data: gov.call( 'SocietyToken', token, 'transfer', [ to, parseUnits( amount, 18 ) ] ),
	} );

	// Bravo first: its 1000-block voting period is mined through before the other proposals exist.
	const bravoExecuted = await gov.propose( {
		governor: bravo,
		from: 0,
		actions: [ { target: founder, data: '0x' } ],
		description: '# Adopt the Bravo charter\n\nThe society also keeps a **Compound-style** Governor, so members can compare both.',
	} );
	await gov.mine( 2 );
	await gov.vote( bravoExecuted, 0, 'for', 'A fine charter.' );
	await gov.mine( 1001 );
	await gov.queue( bravoExecuted );
	await gov.advanceTime( 61 );
	await gov.execute( bravoExecuted );

	const executed = await gov.propose( {
		governor,
		from: 0,
		actions: [ { target: governor, data: gov.call( 'SocietyGovernor', governor, 'setVotingDelay', [ 7200 ] ) } ],
		description:
			'# Give members a day to read each proposal\n\n' +
			'Voting on a proposal now opens **7,200 blocks** (about a day) after it is made, so that every member has time to:\n\n' +
			'- read it,\n- discuss it on the forum,\n- delegate their votes if they will be away.\n',
	} );
	const defeated = await gov.propose( {
		governor,
		from: 1,
		actions: [ transfer( citizen, '2500' ) ],
		description: '# Sell half of the treasury\'s SVOTE\n\nMove 2,500 SVOTE from the treasury to the citizens\' fund.',
	} );
	await gov.mine( 2 );
	await gov.vote( executed, 0, 'for' );
	await gov.vote( executed, 1, 'for', 'Time to read is time well spent.' );
	await gov.vote( executed, 2, 'abstain' );
	await gov.vote( defeated, 0, 'against', 'The treasury is for the whole society.' );
	await gov.vote( defeated, 1, 'for' );
	await gov.mine( 51 );

	// Made while the voting delay is still 1 block: active two blocks later.
	const active = await gov.propose( {
		governor,
		from: 2,
		actions: [ transfer( contributor, '100' ) ],
		description:
			'# Fund a public reading room\n\n' +
			'Grant **100 SVOTE** from the [treasury](https://example.org/treasury) to open a reading room.\n\n' +
			'| Item | Cost |\n| --- | --- |\n| Rent | 60 |\n| Books | 40 |\n',
	} );
	const open = await gov.propose( {
		governor,
		from: 0,
		actions: [ transfer( treasury, '0' ) ],
		description: '# Publish the society\'s minutes on this site\n\nEvery meeting\'s minutes, posted here within a week.',
	} );
	await gov.queue( executed );
	await gov.advanceTime( 61 );
	await gov.execute( executed );
	await gov.vote( active, 0, 'for', 'Reading is what we do.' );
	await gov.vote( active, 1, 'against' );
	await gov.vote( active, 2, 'abstain' );

	const bravoActive = await gov.propose( {
		governor: bravo,
		from: 1,
		actions: [ { target: citizen, data: '0x' } ],
		description: '# Hold the annual meeting online\n\nThe annual meeting moves to a video call.',
	} );
	await gov.mine( 1 );
	await gov.vote( bravoActive, 1, 'for' );
	await gov.vote( bravoActive, 2, 'against' );

	// Last, under the 7200-block voting delay set by `executed`.
	const pending = await gov.propose( {
		governor,
		from: 1,
		actions: [ transfer( citizen, '10' ) ],
		description: '# Elect the next council\n\nNominations open when voting does.',
	} );
	await gov.catchUp();

	const governance = {
		executed: executed.id,
		defeated: defeated.id,
		active: active.id,
		open: open.id,
		pending: pending.id,
		bravo: { executed: bravoExecuted.id, active: bravoActive.id },
	};
	const expected = [
		[ executed, 7 ], [ defeated, 3 ], [ active, 1 ], [ open, 1 ], [ pending, 0 ], [ bravoExecuted, 7 ], [ bravoActive, 1 ],
	];
	for ( const [ proposal, state ] of expected ) {
		const actual = await gov.state( proposal );
		if ( actual !== state ) {
			throw new Error( `Seeded proposal ${ proposal.id } is in state ${ actual }, expected ${ state }.` );
		}
	}
	const file = join( ROOT, '.cache/chain/deployment.json' );
	const seeded = { ...deployment, governance };
	writeFileSync( file, JSON.stringify( { ...JSON.parse( readFileSync( file, 'utf8' ) ), governance }, null, '\t' ) );
	return seeded;
}
