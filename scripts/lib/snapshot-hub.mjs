/**
 * A local Snapshot-compatible hub and vote sequencer for tests and `npm start`, so governance
 * pages work offline and a vote test proves what the real services would accept.
 *
 * - Hub: GraphQL at `/graphql` (testnet: `/testnet/graphql`), built with `graphql`'s buildSchema
 *   from the hub's own schema (tests/snapshot/hub-schema.gql), answering like express-graphql.
 *   Resolvers for `proposal`, `proposals`, `votes`, `vote`, `vp`, `space` with the hub's argument
 *   caps, state rule, `link` form and API-key check.
 * - Sequencer: `POST /` (testnet: `POST /testnet/`), running the real checks in the real order
 *   with the real error strings, using @snapshot-labs/snapshot.js (envelope schema validation,
 *   hashedTypes.json, getHash, voting rules); signatures are recovered locally (EOA only: no
 *   EIP-1271 call to the network).
 * - Fault modes for tests: `POST /__control {"mode":"down"|"slow"|"malformed"|"ok","delayMs":n}`,
 *   `{"reset":true}` (the seeded votes back, request counts to zero); `GET /__control` reports the
 *   mode and the request counts.
 *
 * Fixtures (spaces, proposals, votes, voting power): tests/snapshot/fixtures.mjs.
 *
 *   node scripts/lib/snapshot-hub.mjs --port 8600 [--api-key KEY]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

import { buildSchema, execute, parse, validate } from 'graphql';
import { getAddress, isAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

import { SPACES, VP, WALLETS, cid, seed } from '../../tests/snapshot/fixtures.mjs';
import { startProcess } from './processes.mjs';

const ROOT = join( dirname( fileURLToPath( import.meta.url ) ), '../..' );
const require = createRequire( import.meta.url );
const snapshot = require( '@snapshot-labs/snapshot.js' );
// snapshot.js's own dependencies, as the sequencer resolves them.
const fromSnapshotJs = createRequire( require.resolve( '@snapshot-labs/snapshot.js' ) );
const hashedTypes = fromSnapshotJs( '@snapshot-labs/snapshot.js/src/sign/hashedTypes.json' );
const { verifyTypedData } = fromSnapshotJs( '@ethersproject/wallet' );
const kebabCase = fromSnapshotJs( 'lodash/kebabCase' );

const SCHEMA = buildSchema( readFileSync( join( ROOT, 'tests/snapshot/hub-schema.gql' ), 'utf8' ) );
const ENVELOPE = JSON.parse( readFileSync( join( ROOT, 'tests/snapshot/sequencer-envelope.schema.json' ), 'utf8' ) );
const RELAYER = privateKeyToAccount( `0x${ createHash( 'sha256' ).update( 'sovereign-press/snapshot/relayer' ).digest( 'hex' ) }` );
const MAX_BODY = 1024 * 1024;
const MODES = [ 'ok', 'down', 'slow', 'malformed' ];

const now = () => parseInt( ( Date.now() / 1e3 ).toFixed() );
const sha256 = ( text ) => createHash( 'sha256' ).update( text ).digest( 'hex' );
const sameText = ( a, b ) => typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

/** A rejection the sequencer reports as 400 client_error. */
class Rejection extends Error {}

/**
 * The hub's argument caps (hub src/graphql/helpers.ts checkLimits): `first` ≤ 1000, `skip` ≤
 * 5000, each `*_in` list ≤ 100 (proposals' `space_in` ≤ 10000), no negative first or skip.
 */
function checkLimits( args, type ) {
	const limits = { first: 1000, skip: 5000, ...( type === 'proposals' ? { space_in: 10000 } : {} ) };
	for ( const key of [ 'first', 'skip' ] ) {
		if ( args[ key ] < 0 ) {
			throw new Error( `The \`${ key }\` argument must be positive` );
		}
		if ( args[ key ] > limits[ key ] ) {
			throw new Error( `The \`${ key }\` argument must not be greater than ${ limits[ key ] }` );
		}
	}
	for ( const [ key, value ] of Object.entries( args.where ?? {} ) ) {
		const limit = limits[ key ] ?? 100;
		if ( key.endsWith( '_in' ) && Array.isArray( value ) && value.length > limit ) {
			throw new Error( `The \`${ key }\` argument must not be greater than ${ limit }` );
		}
	}
}

/**
 * Whether item passes a hub `where` filter (`field`, `_in`, `_not`, `_not_in`, `_gt`, `_gte`,
 * `_lt`, `_lte`, `_contains`). Text compares without case, like the hub's MySQL collation;
 * null and empty lists filter nothing, like the hub's query builder.
 */
function matches( item, where, special = {} ) {
	for ( const [ key, value ] of Object.entries( where ?? {} ) ) {
		if ( value === null || value === undefined || ( Array.isArray( value ) && value.length === 0 ) ) {
			continue;
		}
		if ( special[ key ] ) {
			if ( ! special[ key ]( item, value ) ) {
				return false;
			}
			continue;
		}
		const [ , field, op = '' ] = key.match( /^(.*?)(_not_in|_in|_not|_gte|_gt|_lte|_lt|_contains)?$/ );
		const actual = item[ field ];
		const ok = {
			'': () => sameText( actual, value ),
			_not: () => ! sameText( actual, value ),
			_in: () => value.some( ( v ) => sameText( actual, v ) ),
			_not_in: () => ! value.some( ( v ) => sameText( actual, v ) ),
			_gt: () => actual > value,
			_gte: () => actual >= value,
			_lt: () => actual < value,
			_lte: () => actual <= value,
			_contains: () => typeof actual === 'string' && actual.toLowerCase().includes( String( value ).toLowerCase() ),
		}[ op ]();
		if ( ! ok ) {
			return false;
		}
	}
	return true;
}

function order( list, { orderBy, orderDirection }, fields ) {
	const by = fields.includes( orderBy ) ? orderBy : 'created';
	const sign = orderDirection === 'asc' ? 1 : -1;
	return list.sort( ( a, b ) => sign * ( a[ by ] - b[ by ] ) || ( a.id < b.id ? -1 : a.id > b.id ? 1 : 0 ) );
}

/**
 * The stand-in's state: proposals with times relative to its start, the votes (seeded, then
 * whatever the sequencer accepts), the fault mode and request counts.
 */
function createState( apiKey ) {
	const t0 = now();
	const state = { t0, apiKey, mode: 'ok', delayMs: 0, requests: { hub: 0, sequencer: 0 }, lastApiKey: null };
	state.reset = () => {
		const seeded = seed( t0 );
		state.proposals = new Map( seeded.proposals.map( ( p ) => [ p.id, p ] ) );
		state.votes = seeded.votes;
		state.messages = new Set();
		state.requests = { hub: 0, sequencer: 0 };
		state.lastApiKey = null;
	};
	state.reset();
	return state;
}

function formatSpace( state, id ) {
	const space = SPACES[ id ];
	const proposals = [ ...state.proposals.values() ].filter( ( p ) => p.space === id );
	const ts = now();
	return {
		id,
		name: space.name,
		about: space.about,
		avatar: '',
		network: space.network,
		symbol: space.symbol,
		private: false,
		strategies: [ { name: 'whitelist-weighted', network: space.network, params: { symbol: space.symbol, addresses: VP } } ],
		admins: [ WALLETS[ 0 ] ],
		moderators: [],
		members: [],
		filters: { minScore: 0, onlyMembers: false },
		plugins: {},
		voting: { delay: null, period: null, type: null, quorum: null, quorumType: 'default', blind: false, hideAbstain: false, privacy: '', aliased: false },
		categories: [],
		validation: { name: 'any', params: {} },
		voteValidation: { name: 'any', params: {} },
		treasuries: [],
		labels: [],
		parent: null,
		children: [],
		activeProposals: proposals.filter( ( p ) => p.start < ts && ts < p.end ).length,
		proposalsCount: proposals.length,
		votesCount: state.votes.filter( ( v ) => v.space === id ).length,
		followersCount: 0,
		verified: true,
		flagged: false,
		flagCode: 0,
		hibernated: false,
		turbo: false,
		created: state.t0 - 600 * 86400,
	};
}

/** A proposal as the hub returns it: state and link computed now, scores from the stored votes. */
function formatProposal( state, p ) {
	const ts = now();
	let proposalState = 'pending';
	if ( ts > p.start ) {
		proposalState = 'active';
	}
	if ( ts > p.end ) {
		proposalState = 'closed';
	}
	const votes = state.votes.filter( ( v ) => v.proposal === p.id );
	let scores = p.choices.map( () => 0 );
	let scoresByStrategy = p.choices.map( () => [ 0 ] );
	let scoresTotal = 0;
	// Shutter keeps choices encrypted until the end; only the count shows.
	if ( p.privacy !== 'shutter' ) {
		const Voting = snapshot.utils.voting[ p.type ];
		const tally = new Voting( p, votes.map( ( v ) => ( { choice: v.choice, balance: v.vp, scores: v.vp_by_strategy } ) ), p.strategies );
		scores = tally.getScores();
		scoresByStrategy = tally.getScoresByStrategy();
		scoresTotal = tally.getScoresTotal();
	}
	const testnet = SPACES[ p.space ].testnet;
	return {
		...p,
		space: formatSpace( state, p.space ),
		state: proposalState,
		link: testnet
			? `https://testnet.snapshot.box/#/s-tn:${ p.space }/proposal/${ p.id }`
			: `https://snapshot.box/#/s:${ p.space }/proposal/${ p.id }`,
		scores,
		scores_by_strategy: scoresByStrategy,
		scores_state: proposalState === 'closed' ? 'final' : 'pending',
		scores_total: scoresTotal,
		scores_updated: Math.max( p.created, ...votes.map( ( v ) => v.created ) ),
		scores_total_value: 0,
		vp_value_by_strategy: [],
		votes: votes.length,
	};
}

function formatVote( state, v ) {
	return { ...v, space: formatSpace( state, v.space ), proposal: formatProposal( state, state.proposals.get( v.proposal ) ), vp_value: 0 };
}

/** GraphQL root resolvers for one hub (mainnet or testnet: each sees only its own spaces). */
function resolvers( state, testnet ) {
	const ownSpace = ( id ) => Object.hasOwn( SPACES, id ) && SPACES[ id ].testnet === testnet;
	const proposals = () => [ ...state.proposals.values() ].filter( ( p ) => ownSpace( p.space ) );
	const stateFilter = ( p, wanted ) => {
		const ts = now();
		return (
			{ pending: p.start > ts, active: p.start < ts && p.end > ts, closed: p.end < ts }[ wanted ] ?? true
		);
	};
	return {
		space: ( { id } ) => ( ownSpace( id ) ? formatSpace( state, id ) : null ),
		proposal: ( { id } ) => {
			const p = state.proposals.get( id );
			return p && ownSpace( p.space ) ? formatProposal( state, p ) : null;
		},
		proposals: ( args ) => {
			checkLimits( args, 'proposals' );
			const list = proposals()
				.map( ( p ) => formatProposal( state, p ) )
				.filter( ( p ) =>
					matches( { ...p, space: p.space.id }, args.where, {
						state: stateFilter,
						space_verified: ( item, value ) => value === true,
						strategies_contains: ( item, value ) => JSON.stringify( item.strategies ).includes( value ),
						plugins_contains: ( item, value ) => JSON.stringify( item.plugins ).includes( value ),
						validation: ( item, value ) => item.validation.name === value,
						labels_in: ( item, value ) => item.labels.some( ( l ) => value.includes( l ) ),
					} )
				);
			order( list, args, [ 'created', 'updated', 'start', 'end', 'votes', 'scores_total_value' ] );
			return list.slice( args.skip, args.skip + args.first );
		},
		vote: ( { id } ) => {
			const v = state.votes.find( ( vote ) => vote.id === id && ownSpace( vote.space ) );
			return v ? formatVote( state, v ) : null;
		},
		votes: ( args ) => {
			checkLimits( args, 'votes' );
			const list = state.votes.filter( ( v ) => ownSpace( v.space ) && matches( v, args.where ) );
			order( list, args, [ 'created', 'vp' ] );
			return list.slice( args.skip, args.skip + args.first ).map( ( v ) => formatVote( state, v ) );
		},
		vp: ( { voter, space, proposal } ) => {
			if ( ! voter || ! space ) {
				throw new Error( 'missing argument' );
			}
			if ( ! isAddress( voter, { strict: false } ) ) {
				throw new Error( 'invalid address' );
			}
			if ( proposal ) {
				const p = state.proposals.get( proposal );
				if ( ! p || ! ownSpace( p.space ) ) {
					throw new Error( 'proposal not found' );
				}
			} else if ( ! ownSpace( space ) ) {
				throw new Error( 'space not found' );
			}
			const vp = VP[ getAddress( voter ) ] ?? 0;
			return { vp, vp_by_strategy: [ vp ], vp_state: 'final' };
		},
	};
}

/** Answers one GraphQL request like express-graphql. */
function graphqlResponse( state, testnet, method, search, text ) {
	let params;
	if ( method === 'POST' ) {
		try {
			params = text ? JSON.parse( text ) : {};
		} catch {
			return [ 400, { errors: [ { message: 'POST body sent invalid JSON.' } ] } ];
		}
	} else if ( method === 'GET' ) {
		params = Object.fromEntries( search );
	} else {
		return [ 405, { errors: [ { message: 'GraphQL only supports GET and POST requests.' } ] } ];
	}
	const { query, operationName } = params ?? {};
	let { variables } = params ?? {};
	if ( ! query ) {
		return [ 400, { errors: [ { message: 'Must provide query string.' } ] } ];
	}
	if ( typeof variables === 'string' ) {
		try {
			variables = JSON.parse( variables );
		} catch {
			return [ 400, { errors: [ { message: 'Variables are invalid JSON.' } ] } ];
		}
	}
	let document;
	try {
		document = parse( query );
	} catch ( error ) {
		return [ 400, { errors: [ error ] } ];
	}
	const errors = validate( SCHEMA, document );
	if ( errors.length ) {
		return [ 400, { errors } ];
	}
	const result = execute( { schema: SCHEMA, document, rootValue: resolvers( state, testnet ), variableValues: variables, operationName } );
	return [ result.data === null || result.data === undefined ? 500 : 200, result ];
}

/**
 * The sequencer's checks for a vote envelope, in the sequencer's order (src/ingestor.ts, then
 * src/writer/vote.ts verify and action). Resolves to the success body; throws Rejection.
 */
async function ingest( state, testnet, text ) {
	let body;
	try {
		body = JSON.parse( text );
	} catch {
		throw new Rejection( 'wrong envelope format' );
	}
	if ( snapshot.utils.validateSchema( ENVELOPE, body ) !== true ) {
		throw new Rejection( 'wrong envelope format' );
	}
	const ts = Date.now() / 1e3;
	const overTs = ( ts + 300 ).toFixed();
	const underTs = ( ts - 6 * 86400 ).toFixed();
	const { domain, message, types } = body.data;
	if ( JSON.stringify( body ).length > 1e5 ) {
		throw new Rejection( 'too large message' );
	}
	if ( message.timestamp > overTs || message.timestamp < underTs ) {
		throw new Rejection( 'wrong timestamp' );
	}
	if ( domain.name !== 'snapshot' || domain.version !== '0.1.4' ) {
		throw new Rejection( 'wrong domain' );
	}
	delete types.EIP712Domain;
	const type = hashedTypes[ sha256( JSON.stringify( types ) ) ];
	if ( ! type ) {
		throw new Rejection( 'wrong types' );
	}
	if ( ! [ 'vote', 'vote-array', 'vote-string' ].includes( type ) ) {
		// This stand-in only takes votes.
		throw new Rejection( 'wrong types' );
	}
	const space = message.space;
	if ( ! space || ! Object.hasOwn( SPACES, space ) || SPACES[ space ].testnet !== testnet ) {
		throw new Rejection( 'unknown space' );
	}
	if ( body.address !== message.from ) {
		throw new Rejection( 'alias not enabled' );
	}
	let signer = '';
	try {
		signer = verifyTypedData( domain, types, message, body.sig );
	} catch {
		// Not a valid ECDSA signature: the real sequencer would try EIP-1271 next; we have no chain.
	}
	if ( typeof body.address !== 'string' || signer.toLowerCase() !== body.address.toLowerCase() ) {
		throw new Rejection( 'signature validation failed' );
	}
	const id = snapshot.utils.getHash( body.data );
	if ( state.messages.has( id ) ) {
		throw new Rejection( 'duplicate message' );
	}
	if ( message.metadata && message.metadata.length > 2000 ) {
		throw new Rejection( 'too large metadata' );
	}
	const proposal = state.proposals.get( message.proposal );
	let choice = message.choice;
	if ( type === 'vote-string' ) {
		if ( ! proposal || proposal.space !== space ) {
			throw new Rejection( 'unknown proposal' );
		}
		if ( proposal.privacy !== 'shutter' ) {
			try {
				choice = JSON.parse( message.choice );
			} catch {
				throw new Rejection( 'invalid choice' );
			}
		}
	}
	const payload = {
		proposal: message.proposal,
		choice,
		reason: message.reason || '',
		app: kebabCase( message.app || '' ),
		metadata: jsonParse( message.metadata, {} ),
	};
	// writer/vote.ts verify().
	if ( snapshot.utils.validateSchema( snapshot.schemas.vote, payload ) !== true ) {
		throw new Rejection( 'wrong vote format' );
	}
	if ( ! proposal || proposal.space !== space ) {
		throw new Rejection( 'unknown proposal' );
	}
	const msgTs = parseInt( message.timestamp );
	const tsInt = now();
	if ( msgTs > proposal.end || proposal.start > msgTs || tsInt > proposal.end || proposal.start > tsInt ) {
		throw new Rejection( 'not in voting window' );
	}
	if ( proposal.privacy === 'shutter' ) {
		if ( payload.reason ) {
			throw new Rejection( 'reason not allowed with shutter' );
		}
		if ( typeof payload.choice !== 'string' || ! payload.choice.startsWith( '0x' ) ) {
			throw new Rejection( 'invalid choice' );
		}
	} else if ( ! snapshot.utils.voting[ proposal.type ].isValidChoice( payload.choice, proposal.choices ) ) {
		throw new Rejection( 'invalid choice' );
	}
	const voter = getAddress( body.address );
	const vp = VP[ voter ] ?? 0;
	if ( vp === 0 ) {
		throw new Rejection( 'no voting power' );
	}
	// writer/vote.ts action(): one row per voter and proposal; a later vote replaces it.
	const previous = state.votes.find( ( v ) => v.proposal === proposal.id && v.voter === voter );
	if ( previous ) {
		if ( previous.created > msgTs ) {
			throw new Rejection( 'already voted at later time' );
		}
		if ( previous.created === msgTs && id.localeCompare( previous.id ) <= 0 ) {
			throw new Rejection( 'already voted same time with lower index' );
		}
	}
	const ipfs = cid( JSON.stringify( { address: body.address, sig: body.sig, hash: id, data: body.data } ) );
	const vote = {
		id,
		ipfs,
		voter,
		created: msgTs,
		space,
		proposal: proposal.id,
		choice: payload.choice,
		metadata: payload.metadata,
		reason: payload.reason,
		app: payload.app,
		vp,
		vp_by_strategy: [ vp ],
		vp_state: 'final',
	};
	state.votes = [ ...state.votes.filter( ( v ) => v !== previous ), vote ];
	state.messages.add( id );
	const receipt = await RELAYER.signMessage( { message: body.sig } );
	return { id, ipfs, relayer: { address: RELAYER.address, receipt } };
}

function jsonParse( text, fallback ) {
	try {
		return JSON.parse( text );
	} catch {
		return fallback;
	}
}

function send( res, status, body, headers = {} ) {
	res.writeHead( status, { 'Content-Type': 'application/json; charset=utf-8', ...headers } );
	res.end( JSON.stringify( body ) );
}

/** Reads a request body (at most MAX_BODY bytes; null beyond). */
async function readBody( req ) {
	const chunks = [];
	let size = 0;
	for await ( const chunk of req ) {
		size += chunk.length;
		if ( size > MAX_BODY ) {
			return null;
		}
		chunks.push( chunk );
	}
	return Buffer.concat( chunks ).toString( 'utf8' );
}

/**
 * The HTTP handler of a stand-in.
 *
 * @param {object} state From createState.
 */
function handler( state ) {
	return async ( req, res ) => {
		const url = new URL( req.url, 'http://localhost' );
		const path = url.pathname;
		const text = await readBody( req );
		if ( path === '/__control' ) {
			if ( req.method === 'POST' ) {
				const body = jsonParse( text ?? '', null );
				if ( ! body || ( body.mode !== undefined && ! MODES.includes( body.mode ) ) ) {
					return send( res, 400, { error: `Send {"mode": one of ${ MODES.join( ', ' ) }, "delayMs": n} or {"reset": true}.` } );
				}
				if ( body.reset ) {
					state.reset();
					state.mode = 'ok';
					state.delayMs = 0;
				}
				state.mode = body.mode ?? state.mode;
				state.delayMs = Number( body.delayMs ?? ( state.mode === 'slow' ? state.delayMs || 3000 : 0 ) );
			}
			return send( res, 200, { mode: state.mode, delayMs: state.delayMs, requests: state.requests, lastApiKey: state.lastApiKey, t0: state.t0 } );
		}

		const testnet = path === '/testnet' || path.startsWith( '/testnet/' );
		const local = testnet ? path.slice( '/testnet'.length ) || '/' : path;
		const isHub = local === '/graphql';
		if ( ! isHub && local !== '/' ) {
			return send( res, 404, { error: 'not_found', error_description: 'not found' } );
		}
		state.requests[ isHub ? 'hub' : 'sequencer' ]++;
		if ( state.mode === 'down' ) {
			req.socket.destroy();
			return;
		}
		if ( state.mode === 'slow' ) {
			await sleep( state.delayMs );
		}
		if ( state.mode === 'malformed' ) {
			res.writeHead( 200, { 'Content-Type': 'application/json; charset=utf-8' } );
			res.end( isHub ? '{"data":{"proposal":{"id":"0x' : '<html><body>Bad gateway' );
			return;
		}
		if ( text === null ) {
			return send( res, 413, { error: 'client_error', error_description: 'request entity too large' } );
		}

		if ( isHub ) {
			const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Max-Age': '86400' };
			if ( req.method === 'OPTIONS' ) {
				res.writeHead( 204, { ...cors, 'Access-Control-Allow-Headers': 'content-type,x-api-key', 'Access-Control-Allow-Methods': 'GET,POST' } );
				return res.end();
			}
			const key = req.headers[ 'x-api-key' ] ?? url.searchParams.get( 'apiKey' );
			state.lastApiKey = key ?? null;
			let headers = cors;
			if ( key ) {
				if ( ! state.apiKey || key !== state.apiKey ) {
					return send( res, 401, { error: 'unauthorized', error_description: 'invalid api key' }, cors );
				}
				headers = { ...cors, 'X-Api-Key-Limit': '2000000', 'X-Api-Key-Remaining': '1999999', 'X-Api-Key-Reset': String( now() + 30 * 86400 ) };
			}
			url.searchParams.delete( 'apiKey' );
			const [ status, body ] = graphqlResponse( state, testnet, req.method, url.searchParams, text );
			return send( res, status, body, headers );
		}

		if ( req.method === 'GET' ) {
			return send( res, 200, { name: 'snapshot-sequencer', SNAPSHOT_ENV: testnet ? 'testnet' : 'local', version: '0.1.4', relayer: RELAYER.address } );
		}
		if ( req.method !== 'POST' ) {
			return send( res, 404, { error: 'not_found', error_description: 'not found' } );
		}
		try {
			return send( res, 200, await ingest( state, testnet, text ) );
		} catch ( error ) {
			if ( error instanceof Rejection ) {
				return send( res, 400, { error: 'client_error', error_description: error.message } );
			}
			console.error( error );
			return send( res, 500, { error: 'server_error', error_description: 'server error' } );
		}
	};
}

function urls( port, host ) {
	const url = `http://${ host }:${ port }`;
	return {
		url,
		hubUrl: `${ url }/graphql`,
		sequencerUrl: `${ url }/`,
		testnetHubUrl: `${ url }/testnet/graphql`,
		testnetSequencerUrl: `${ url }/testnet/`,
	};
}

/** POST /__control on a running stand-in. */
async function control( url, body ) {
	const response = await fetch( `${ url }/__control`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify( body ),
	} );
	if ( ! response.ok ) {
		throw new Error( `/__control answered ${ response.status }: ${ await response.text() }` );
	}
	return response.json();
}

/**
 * Serves a stand-in in this process (what the child of startSnapshotHub runs).
 *
 * @param {object} [options]
 * @param {number} [options.port]   0 for any free port.
 * @param {string} [options.apiKey] The one API key the hub accepts ('' for none: any key sent is invalid).
 * @param {string} [options.host]
 */
export async function serveSnapshotHub( { port = 0, apiKey = '', host = '127.0.0.1' } = {} ) {
	const state = createState( apiKey );
	const server = createServer( handler( state ) );
	await new Promise( ( resolve, reject ) => {
		server.once( 'error', reject );
		server.listen( port, host, resolve );
	} );
	const found = urls( server.address().port, host );
	return {
		...found,
		server,
		control: ( body ) => control( found.url, body ),
		close: () =>
			new Promise( ( resolve ) => {
				server.close( resolve );
				server.closeAllConnections();
			} ),
	};
}

/**
 * Starts the stand-in as a child process (stopped with everything else, scripts/lib/processes.mjs)
 * and waits until it answers.
 *
 * @param {object} options
 * @param {number} options.port
 * @param {string} [options.apiKey]
 * @return {Promise<{url: string, hubUrl: string, sequencerUrl: string, testnetHubUrl: string,
 *   testnetSequencerUrl: string, process: import('node:child_process').ChildProcess,
 *   control: (body: object) => Promise<object>, close: () => Promise<void>}>}
 */
export async function startSnapshotHub( { port, apiKey = '' } ) {
	const found = urls( port, '127.0.0.1' );
	const args = [ fileURLToPath( import.meta.url ), '--port', String( port ) ];
	if ( apiKey ) {
		args.push( '--api-key', apiKey );
	}
	const child = startProcess( process.execPath, args, { stdio: [ 'ignore', 'ignore', 'inherit' ] } );
	for ( let attempt = 0; attempt < 150; attempt++ ) {
		if ( child.exitCode !== null ) {
			throw new Error( `The Snapshot stand-in on port ${ port } exited (code ${ child.exitCode }).` );
		}
		try {
			const response = await fetch( `${ found.url }/__control`, { signal: AbortSignal.timeout( 1000 ) } );
			if ( response.ok ) {
				return {
					...found,
					process: child,
					control: ( body ) => control( found.url, body ),
					close: async () => {
						if ( child.exitCode === null ) {
							const exited = new Promise( ( resolve ) => child.once( 'exit', resolve ) );
							child.kill( 'SIGTERM' );
							await exited;
						}
					},
				};
			}
		} catch {
			// Not listening yet.
		}
		await sleep( 100 );
	}
	throw new Error( `The Snapshot stand-in did not answer on port ${ port } within 15 s.` );
}

if ( process.argv[ 1 ] && import.meta.url === pathToFileURL( process.argv[ 1 ] ).href ) {
	const { values } = parseArgs( { options: { port: { type: 'string', default: '8600' }, 'api-key': { type: 'string', default: '' } } } );
	const hub = await serveSnapshotHub( { port: Number( values.port ), apiKey: values[ 'api-key' ] } );
	console.log( `Snapshot stand-in: hub ${ hub.hubUrl }, sequencer ${ hub.sequencerUrl }` );
}
