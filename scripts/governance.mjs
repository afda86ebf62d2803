#!/usr/bin/env node
/**
 * Drives Governor proposals on the local chain for tests (PHP integration tests call it):
 *
 *   node scripts/governance.mjs RPC_URL DEPLOYMENT_JSON 'STEPS_JSON'
 *
 * STEPS_JSON is a list of steps run in order; the answer (stdout) is the list of their results:
 *   {"op":"propose","governor":"0x…","from":0,"actions":[{"target":"0x…","data":"0x…"}],"description":"# Title"}
 *     → the proposal ({governor, id, targets, values, calldatas, description}), id a decimal string
 *   {"op":"vote","proposal":{…},"from":1,"support":"for"|"against"|"abstain","reason":""}
 *   {"op":"queue","proposal":{…}}   {"op":"execute","proposal":{…}}
 *   {"op":"mine","blocks":N}        {"op":"advanceTime","seconds":N}
 */
import { readFileSync } from 'node:fs';

import { governanceClient } from './lib/governance.mjs';

const [ rpcUrl, deploymentFile, stepsJson ] = process.argv.slice( 2 );
const gov = governanceClient( rpcUrl, JSON.parse( readFileSync( deploymentFile, 'utf8' ) ) );
const revive = ( p ) => ( { ...p, values: ( p.values ?? [] ).map( BigInt ) } );
const results = [];
for ( const step of JSON.parse( stepsJson ) ) {
	switch ( step.op ) {
		case 'propose':
			results.push( await gov.propose( { ...step, actions: step.actions.map( ( a ) => ( { ...a, value: BigInt( a.value ?? 0 ) } ) ) } ) );
			break;
		case 'vote':
			await gov.vote( step.proposal, step.from, step.support, step.reason ?? '' );
			results.push( true );
			break;
		case 'queue':
		case 'execute':
			await gov[ step.op ]( revive( step.proposal ) );
			results.push( true );
			break;
		case 'mine':
			await gov.mine( step.blocks ?? 1 );
			results.push( true );
			break;
		case 'advanceTime':
			await gov.advanceTime( step.seconds );
			results.push( true );
			break;
		default:
			throw new Error( `Unknown step ${ step.op }.` );
	}
}
process.stdout.write( JSON.stringify( results, ( _key, value ) => ( typeof value === 'bigint' ? value.toString() : value ) ) );
