#!/usr/bin/env node
/**
 * `npm run chain [-- --port 8545]`: the local chain with the demo society, until Ctrl-C.
 */
import { parseArgs } from 'node:util';

import { deploySociety, startNode } from './lib/chain.mjs';
import { exitCodeOnSignal, shutdown } from './lib/processes.mjs';

exitCodeOnSignal( 0 );
const { values } = parseArgs( { options: { port: { type: 'string', default: '8545' } } } );
const node = await startNode( { port: Number( values.port ) } );
const deployment = await deploySociety( node.rpcUrl );
console.log( JSON.stringify( deployment, null, 2 ) );
console.log( `Local chain ready at ${ node.rpcUrl } (chain id ${ deployment.chainId }).` );
node.process.on( 'exit', ( code ) => shutdown( code || 1 ) );
