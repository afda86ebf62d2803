#!/usr/bin/env node
/**
 * Checks a Sovereign Press census against the chain, trusting the site for nothing but the
 * question: which tokens, thresholds and blocks it says it counted (GET /census).
 *
 *   node scripts/verify-census.mjs --site https://society.example --rpc https://rpc.example [--address 0x…]
 *
 * For each membership token it reads every Transfer (ERC-20, ERC-721), TransferSingle and
 * TransferBatch (ERC-1155) log from the token's start block to the snapshot's block on the RPC you
 * name, adds up each address's balance, keeps the addresses at or above the threshold, merges the
 * tokens, and builds the OpenZeppelin StandardMerkleTree of the members (leaf encoding
 * ['address']). It then compares the root and the population with what the site publishes, checks
 * that the snapshot's block hash is the chain's, and, with --address, fetches that address's proof
 * from GET /census/proof and verifies it against the root it computed itself.
 *
 * Options:
 *   --site URL          the site (its REST API is found at /wp-json/ or ?rest_route=)
 *   --rpc URL           a JSON-RPC endpoint; repeat as --rpc CHAINID=URL for a census over several chains
 *   --address 0x…       also verify this address's membership proof
 *   --range N           blocks per eth_getLogs request to start with (default 5000; halved on refusal)
 *   --json              print the result as JSON
 *
 * Exit status: 0 when every check passes, 1 when one fails, 2 when the census cannot be read.
 */
import { parseArgs } from 'node:util';

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { createPublicClient, decodeAbiParameters, getAddress, http, isAddress, numberToHex } from 'viem';

const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const TRANSFER_SINGLE = '0xc3d58168c5ae7397731d063d5bbf3d657854427343f4c083240f7aacaa2d0f62';
const TRANSFER_BATCH = '0x4a39dc06d4c0dbc64b70af90fd698a233a518aa5d07e595d983b8c0526c8f7fb';
const ZERO = '0x0000000000000000000000000000000000000000';
/** Ids per TransferBatch read at most, as the indexer (a longer batch is skipped). */
const MAX_BATCH = 10000;

/**
 * The site's census route (or another of its routes), as JSON.
 *
 * @param {string} site  The site's URL.
 * @param {string} route A route under /sovereign-press/v1, such as /census.
 * @param {Record<string, string>} query Query parameters.
 */
export async function fetchRoute( site, route, query = {} ) {
	const base = site.replace( /\/+$/, '' );
	const search = new URLSearchParams( query ).toString();
	const pretty = `${ base }/wp-json/sovereign-press/v1${ route }${ search ? `?${ search }` : '' }`;
	const plain = `${ base }/?rest_route=${ encodeURIComponent( `/sovereign-press/v1${ route }` ) }${ search ? `&${ search }` : '' }`;
	let last;
	for ( const url of [ pretty, plain ] ) {
		const response = await fetch( url, { headers: { accept: 'application/json' } } );
		const body = await response.json().catch( () => null );
		if ( body && ( response.ok || typeof body.code === 'string' ) ) {
			return { status: response.status, body };
		}
		last = `${ url } answered HTTP ${ response.status }`;
	}
	throw new Error( `The site's REST API could not be read (${ last }).` );
}

/**
 * Every log of a contract with one of these topics in [from, to], in windows that halve when the
 * node refuses one (too many results, range too large) and grow back after clean ones.
 *
 * @param {import('viem').PublicClient} client
 * @param {string} address
 * @param {string[]} topics
 * @param {bigint} from
 * @param {bigint} to
 * @param {bigint} range
 */
export async function scanLogs( client, address, topics, from, to, range ) {
	const logs = [];
	let size = range;
	let clean = 0;
	for ( let start = from; start <= to; ) {
		const end = start + size - 1n < to ? start + size - 1n : to;
		try {
			logs.push(
				...( await client.request( {
					method: 'eth_getLogs',
					params: [ { address, fromBlock: numberToHex( start ), toBlock: numberToHex( end ), topics: [ topics ] } ],
				} ) )
			);
			start = end + 1n;
			if ( ++clean >= 3 && size < range ) {
				size *= 2n;
				clean = 0;
			}
		} catch ( error ) {
			if ( size === 1n ) {
				throw error;
			}
			size = size / 2n > 0n ? size / 2n : 1n;
			clean = 0;
		}
	}
	return logs;
}

/**
 * Balances per holder from a token's logs, as the token's standard writes them; logs of another
 * shape are skipped as the site's indexer skips them (Census\TransferLogs: a Transfer without an
 * indexed token id on an ERC-721, ERC-20 data that is not one word, an address topic with high
 * bytes set, a TransferBatch whose lists differ in length); other ERC-1155 ids do not count.
 *
 * @param {{standard: string, tokenId: string}} token
 * @param {Array<{topics: string[], data: string}>} logs
 * @return {Map<string, bigint>}
 */
export function balances( token, logs ) {
	const held = new Map();
	const move = ( from, to, amount ) => {
		if ( from !== ZERO ) {
			held.set( from, ( held.get( from ) ?? 0n ) - amount );
		}
		if ( to !== ZERO ) {
			held.set( to, ( held.get( to ) ?? 0n ) + amount );
		}
	};
	// An indexed address: 32 bytes whose 12 high bytes are zero, or the log is not a transfer.
	const topicAddress = ( topic ) => {
		if ( ! /^0x0{24}[0-9a-fA-F]{40}$/.test( topic ) ) {
			throw new Error( 'not an address topic' );
		}
		return `0x${ topic.slice( 26 ) }`.toLowerCase();
	};
	const id = token.standard === 'erc1155' ? BigInt( token.tokenId ) : null;
	for ( const log of logs ) {
		const topics = log.topics ?? [];
		const topic0 = ( topics[ 0 ] ?? '' ).toLowerCase();
		const bytes = ( ( log.data ?? '0x' ).length - 2 ) / 2;
		if ( log.removed ) {
			continue;
		}
		try {
			if ( token.standard === 'erc20' && topic0 === TRANSFER && topics.length === 3 && bytes === 32 ) {
				move( topicAddress( topics[ 1 ] ), topicAddress( topics[ 2 ] ), BigInt( log.data ) );
			} else if ( token.standard === 'erc721' && topic0 === TRANSFER && topics.length === 4 && bytes === 0 ) {
				move( topicAddress( topics[ 1 ] ), topicAddress( topics[ 2 ] ), 1n );
			} else if ( token.standard === 'erc1155' && topics.length === 4 && ( ( topic0 === TRANSFER_SINGLE && bytes === 64 ) || topic0 === TRANSFER_BATCH ) ) {
				const from = topicAddress( topics[ 2 ] );
				const to = topicAddress( topics[ 3 ] );
				const [ ids, values ] =
					topic0 === TRANSFER_SINGLE
						? decodeAbiParameters( [ { type: 'uint256' }, { type: 'uint256' } ], log.data ).map( ( v ) => [ v ] )
						: decodeAbiParameters( [ { type: 'uint256[]' }, { type: 'uint256[]' } ], log.data );
				if ( ids.length !== values.length || ids.length > MAX_BATCH ) {
					continue;
				}
				ids.forEach( ( logId, i ) => {
					if ( logId === id ) {
						move( from, to, values[ i ] );
					}
				} );
			}
		} catch {
			// Not the shape the standard gives its transfers: skipped, as the site's indexer skips it.
		}
	}
	return held;
}

/**
 * The RPC for a chain from the --rpc options: CHAINID=URL, or one bare URL for every chain.
 *
 * @param {string[]} options
 * @param {number} chainId
 */
function rpcFor( options, chainId ) {
	const named = options.map( ( option ) => option.match( /^(\d+)=(.+)$/ ) ).find( ( m ) => m && Number( m[ 1 ] ) === chainId );
	return named ? named[ 2 ] : options.find( ( option ) => ! /^\d+=/.test( option ) );
}

/**
 * Recounts the census the site publishes.
 *
 * @param {{site: string, rpc: string[], address?: string, range?: bigint, log?: (line: string) => void}} options
 */
export async function verifyCensus( { site, rpc, address, range = 5000n, log = () => {} } ) {
	const census = await fetchRoute( site, '/census' );
	if ( census.status !== 200 ) {
		throw new Error( `GET /census: ${ census.body.message ?? census.status } (${ census.body.code ?? '' })` );
	}
	const published = census.body;
	const checks = [];
	const check = ( name, ok, detail ) => {
		checks.push( { name, ok, detail } );
		log( `${ ok ? 'ok  ' : 'FAIL' } ${ name }${ detail ? `: ${ detail }` : '' }` );
	};
	log( `Census of ${ site }: ${ published.population } members, root ${ published.root || '(none)' }` );

	const clients = new Map();
	const clientFor = ( chainId ) => {
		if ( ! clients.has( chainId ) ) {
			const url = rpcFor( rpc, chainId );
			if ( ! url ) {
				throw new Error( `No --rpc for chain ${ chainId } (give --rpc ${ chainId }=URL).` );
			}
			clients.set( chainId, createPublicClient( { transport: http( url, { retryCount: 2 } ) } ) );
		}
		return clients.get( chainId );
	};

	for ( const block of published.blocks ) {
		const client = clientFor( block.chainId );
		const chainId = await client.getChainId();
		check( `the RPC for chain ${ block.chainId } serves that chain`, chainId === block.chainId, `it serves ${ chainId }` );
		const onChain = await client.getBlock( { blockNumber: BigInt( block.block ) } ).catch( () => null );
		check( `block #${ block.block } on chain ${ block.chainId } has the published hash`, onChain?.hash === block.hash, onChain ? onChain.hash : 'no such block' );
	}

	const members = new Set();
	for ( const token of published.tokens.filter( ( t ) => t.membership ) ) {
		if ( token.threshold === null ) {
			check( `${ token.id }: the site publishes its threshold`, false, 'unknown (its decimals were not read yet)' );
			continue;
		}
		// The figures are those of the block whose hash was checked above, or of nothing the tool
		// can vouch for: a site could otherwise count an older (or empty) holder set and name today's block.
		const at = published.blocks.find( ( block ) => block.chainId === token.chainId );
		check( `${ token.id }: counted to the published block on chain ${ token.chainId }`, at !== undefined && at.block === token.toBlock, at ? `counted to #${ token.toBlock }, published #${ at.block }` : 'the census names no block on that chain' );
		const topics = token.standard === 'erc1155' ? [ TRANSFER_SINGLE, TRANSFER_BATCH ] : [ TRANSFER ];
		const logs = await scanLogs( clientFor( token.chainId ), token.address, topics, BigInt( token.startBlock ), BigInt( token.toBlock ), range );
		const threshold = BigInt( token.threshold );
		let holders = 0;
		for ( const [ holder, balance ] of balances( token, logs ) ) {
			if ( balance >= threshold && balance > 0n ) {
				members.add( holder );
				holders++;
			}
		}
		log( `     ${ token.id } (${ token.standard } ${ token.address }${ token.tokenId ? ` id ${ token.tokenId }` : '' } on chain ${ token.chainId }): ${ logs.length } logs from block ${ token.startBlock } to ${ token.toBlock }, ${ holders } holders at or above ${ token.decimals > 0 ? `${ token.minBalance } (${ token.threshold } base units)` : token.threshold }` );
		if ( typeof token.members === 'number' ) {
			check( `${ token.id }: holders at or above the threshold`, holders === token.members, `recounted ${ holders }, published ${ token.members }` );
		}
	}

	// The treasury's addresses are not members, whatever they hold.
	for ( const excluded of published.excluded ?? [] ) {
		members.delete( excluded.toLowerCase() );
	}
	let set = [ ...members ].sort();
	if ( published.linkedOnly ) {
		// Only addresses linked to site accounts count: the chain cannot say which those are, so the
		// published list is checked against the chain (each one holds) and the root against the list.
		const list = await fetchMembers( site );
		if ( list === null ) {
			check( 'the member list is public', false, 'this census counts linked wallets only and hides its list: only the root can be compared, not recomputed' );
			return finish( checks, published, null );
		}
		const strays = list.filter( ( member ) => ! members.has( member ) );
		check( 'every published member holds a membership token on chain', strays.length === 0, strays.length ? `${ strays.length } do not, such as ${ strays[ 0 ] }` : `${ list.length } checked; whether the site left out a linked holder cannot be seen from the chain` );
		set = list;
	}

	const tree = set.length ? StandardMerkleTree.of( set.map( ( member ) => [ member ] ), [ 'address' ] ) : null;
	const root = tree ? tree.root : '';
	check( 'population', set.length === published.population, `recounted ${ set.length }, published ${ published.population }` );
	check( 'Merkle root', root === published.root, `recomputed ${ root || '(none)' }` );

	if ( address ) {
		const lower = address.toLowerCase();
		const proof = await fetchRoute( site, '/census/proof', { address: lower } );
		if ( proof.status === 200 ) {
			const ok = root !== '' && StandardMerkleTree.verify( root, [ 'address' ], [ lower ], proof.body.proof );
			check( `${ getAddress( lower ) } is a member (its proof leads to the recomputed root)`, ok, `${ proof.body.proof.length } hashes` );
		} else {
			check( `${ getAddress( lower ) } ${ members.has( lower ) ? 'is a member' : 'is not a member' } on chain, and the site agrees`, proof.body.code === 'sovereign_press_census_not_member' ? ! members.has( lower ) : false, `the site answers ${ proof.body.code }` );
		}
	}
	return finish( checks, published, root );
}

/**
 * Every member the site lists (GET /census/members, 1000 a page), or null when it keeps the list private.
 *
 * @param {string} site
 */
async function fetchMembers( site ) {
	const members = [];
	for ( let page = 1; ; page++ ) {
		const answer = await fetchRoute( site, '/census/members', { page: String( page ), per_page: '1000' } );
		if ( answer.status === 403 ) {
			return null;
		}
		if ( answer.status !== 200 ) {
			throw new Error( `GET /census/members: ${ answer.body.message ?? answer.status }` );
		}
		members.push( ...answer.body.members.map( ( member ) => member.address.toLowerCase() ) );
		if ( members.length >= answer.body.total || answer.body.members.length === 0 ) {
			return members;
		}
	}
}

function finish( checks, published, root ) {
	return { ok: checks.every( ( c ) => c.ok ), root, published: { population: published.population, root: published.root, blocks: published.blocks }, checks };
}

async function main() {
	const { values } = parseArgs( {
		options: {
			site: { type: 'string' },
			rpc: { type: 'string', multiple: true, default: [] },
			address: { type: 'string' },
			range: { type: 'string', default: '5000' },
			json: { type: 'boolean', default: false },
		},
	} );
	if ( ! values.site || values.rpc.length === 0 || ( values.address && ! isAddress( values.address, { strict: false } ) ) ) {
		console.error( 'Usage: node scripts/verify-census.mjs --site URL --rpc URL [--rpc CHAINID=URL …] [--address 0x…] [--range N] [--json]' );
		process.exit( 2 );
	}
	try {
		const result = await verifyCensus( {
			site: values.site,
			rpc: values.rpc,
			address: values.address,
			range: BigInt( values.range ),
			log: values.json ? () => {} : ( line ) => console.log( line ),
		} );
		if ( values.json ) {
			console.log( JSON.stringify( result, null, 2 ) );
		} else {
			console.log( result.ok ? 'The census matches the chain.' : 'The census does NOT match the chain.' );
		}
		process.exit( result.ok ? 0 : 1 );
	} catch ( error ) {
		console.error( error instanceof Error ? error.message : String( error ) );
		process.exit( 2 );
	}
}

if ( import.meta.url === `file://${ process.argv[ 1 ] }` ) {
	await main();
}
