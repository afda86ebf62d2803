#!/usr/bin/env node
/**
 * `npm run chain [-- --port 8545]`: the local chain with the demo society, until Ctrl-C.
 */
import { parseArgs } from 'node:util';

import { deploySociety, startNode } from './lib/chain.mjs';

const { values } = parseArgs( { options: { port: { type: 'string', default: '8545' } } } );
const node = await startNode( { port: Number( values.port ) } );
const deployment = await deploySociety( node.rpcUrl );
console.log( JSON.stringify( deployment, null, 2 ) );
console.log( `Local chain ready at ${ node.rpcUrl } (chain id ${ deployment.chainId }).` );
const stop = () => {
	node.process.kill();
	process.exit( 0 );
};
process.on( 'SIGINT', stop );
process.on( 'SIGTERM', stop );
node.process.on( 'exit', ( code ) => process.exit( code ?? 1 ) );
