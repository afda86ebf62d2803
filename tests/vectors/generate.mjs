#!/usr/bin/env node
/**
 * Differential test vectors for the PHP crypto and Sign-In with Ethereum core, with every expected
 * outcome computed by viem (keccak256, recoverAddress, verifyMessage, createSiweMessage,
 * validateSiweMessage) and by siwe's strict EIP-4361 parser (@spruceid/siwe-parser).
 *
 * Each SIWE vector also records the rejection code Siwe\Verifier must give (README, "Sign-In with
 * Ethereum core"), taken from the reference's reason: the field siwe's parser names, the check
 * viem's validateSiweMessage refuses (each check asked on its own, in the Verifier's order), viem's
 * isHex and verifyMessage for the signature. Where siwe's parser names no field (the message does
 * not match its grammar at all), the code is the one the mutation was written to provoke.
 *
 *   node tests/vectors/generate.mjs [--seed 4361] [--count 10000] [--out file.json]
 *
 * Deterministic for a given seed: the clock is fixed and ECDSA signing is RFC 6979.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

import { ParsedMessage } from '@spruceid/siwe-parser';
import { encodeAbiParameters, encodeFunctionData, getAddress, isHex, keccak256, multicall3Abi, recoverAddress, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage, parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { verifyMessage } from 'viem/utils';

const { values: args } = parseArgs( {
	options: {
		seed: { type: 'string', default: '4361' },
		count: { type: 'string', default: '10000' },
		out: { type: 'string', default: '.cache/vectors/vectors.json' },
	},
} );

// mulberry32: small, seedable, good enough to pick test cases.
let state = Number( args.seed ) >>> 0;
function random() {
	state = ( state + 0x6d2b79f5 ) >>> 0;
	let t = state;
	t = Math.imul( t ^ ( t >>> 15 ), t | 1 );
	t ^= t + Math.imul( t ^ ( t >>> 7 ), t | 61 );
	return ( ( t ^ ( t >>> 14 ) ) >>> 0 ) / 4294967296;
}
const int = ( max ) => Math.floor( random() * max );
const pick = ( list ) => list[ int( list.length ) ];
const bytes = ( n ) => Uint8Array.from( { length: n }, () => int( 256 ) );
const hex = ( n ) => toHex( bytes( n ) );
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = ( n ) => Array.from( { length: n }, () => pick( ALNUM ) ).join( '' );
const STATEMENT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !#$&\'()*+,-./:;=?@[]_~';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const NOW = 1790000000; // Fixed clock: 2026-09-21T14:13:20Z.
const iso = ( seconds ) => new Date( seconds * 1000 ).toISOString();

function privateKey() {
	for ( ;; ) {
		const key = hex( 32 );
		const value = BigInt( key );
		if ( value > 0n && value < N ) {
			return key;
		}
	}
}

const word = ( value ) => value.toString( 16 ).padStart( 64, '0' );

async function outcomeOfRecovery( hash, signature ) {
	try {
		return await recoverAddress( { hash, signature } );
	} catch {
		return null;
	}
}

// --- Keccak-256 -------------------------------------------------------------------------------
function keccakVectors( count ) {
	const lengths = [ 0, 1, 31, 32, 33, 135, 136, 137, 271, 272, 273, 1000 ];
	return Array.from( { length: count }, ( _, i ) => {
		const input = hex( i < lengths.length ? lengths[ i ] : int( 600 ) );
		return { input, hash: keccak256( input ) };
	} );
}

// --- Multicall3 aggregate3 (encoding of the call, decoding of the answer) ---------------------
function multicallVectors( count ) {
	return Array.from( { length: count }, () => {
		const calls = Array.from( { length: int( 6 ) }, () => ( {
			target: getAddress( hex( 20 ) ),
			allowFailure: true,
			callData: hex( int( 3 ) === 0 ? 0 : 4 + int( 100 ) ),
		} ) );
		const results = calls.map( () => ( { success: random() < 0.7, returnData: hex( int( 4 ) === 0 ? 0 : int( 130 ) ) } ) );
		return {
			calls: calls.map( ( c ) => ( { target: c.target, data: c.callData } ) ),
			encoded: encodeFunctionData( { abi: multicall3Abi, functionName: 'aggregate3', args: [ calls ] } ),
			results,
			returned: encodeAbiParameters(
				[ { type: 'tuple[]', components: [ { name: 'success', type: 'bool' }, { name: 'returnData', type: 'bytes' } ] } ],
				[ results ]
			),
		};
	} );
}

// --- secp256k1 recovery -----------------------------------------------------------------------
async function recoverVectors( count ) {
	const vectors = [];
	for ( let i = 0; i < count; i++ ) {
		const account = privateKeyToAccount( privateKey() );
		const hash = hex( 32 );
		const signed = await account.sign( { hash } );
		const r = BigInt( signed.slice( 0, 66 ) );
		const s = BigInt( `0x${ signed.slice( 66, 130 ) }` );
		const v = parseInt( signed.slice( 130 ), 16 );
		const kind = pick( [ 'valid', 'valid', 'v01', 'high_s', 'wrong_parity', 'r_zero', 's_zero', 'r_n', 's_n', 'r_not_on_curve', 'hash_changed' ] );
		let sig = signed;
		let useHash = hash;
		switch ( kind ) {
			case 'v01':
				sig = `0x${ word( r ) }${ word( s ) }${ ( v - 27 ).toString( 16 ).padStart( 2, '0' ) }`;
				break;
			case 'high_s':
				sig = `0x${ word( r ) }${ word( N - s ) }${ ( v === 27 ? 28 : 27 ).toString( 16 ) }`;
				break;
			case 'wrong_parity':
				sig = `0x${ word( r ) }${ word( s ) }${ ( v === 27 ? 28 : 27 ).toString( 16 ) }`;
				break;
			case 'r_zero':
				sig = `0x${ word( 0n ) }${ word( s ) }1b`;
				break;
			case 's_zero':
				sig = `0x${ word( r ) }${ word( 0n ) }1b`;
				break;
			case 'r_n':
				sig = `0x${ word( N + BigInt( int( 1000 ) ) ) }${ word( s ) }1b`;
				break;
			case 's_n':
				sig = `0x${ word( r ) }${ word( N ) }1c`;
				break;
			case 'r_not_on_curve': {
				// 5 is not the x of any secp256k1 point (5³ + 7 = 132 is not a square mod p).
				sig = `0x${ word( 5n ) }${ word( s ) }1b`;
				break;
			}
			case 'hash_changed':
				useHash = hex( 32 );
				break;
		}
		vectors.push( { kind, hash: useHash, signature: sig, address: await outcomeOfRecovery( useHash, sig ), signer: account.address } );
	}
	void P;
	return vectors;
}

// --- Sign-In with Ethereum --------------------------------------------------------------------
const DOMAINS = [ 'example.org', 'society.example', 'localhost:8080', '127.0.0.1:9400', 'members.dao.example:8443' ];
const CHAINS = [ 1, 10, 8453, 31337 ];

function randomFields( address ) {
	const domain = pick( DOMAINS );
	const scheme = pick( [ undefined, undefined, 'https', 'http' ] );
	const origin = `${ scheme ?? 'https' }://${ domain }`;
	const issued = NOW - 1 - int( 3000 );
	return {
		address,
		domain,
		scheme,
		statement: pick( [ undefined, 'Sign in to the society.', Array.from( { length: 1 + int( 60 ) }, () => pick( STATEMENT_CHARS ) ).join( '' ).trim() || 'x' ] ),
		uri: pick( [ origin, `${ origin }/login`, `${ origin }/wp-json/sovereign-press/v1/auth/verify?x=1#top` ] ),
		version: '1',
		chainId: pick( CHAINS ),
		nonce: alnum( 8 + int( 24 ) ),
		issuedAt: new Date( issued * 1000 ),
		expirationTime: random() < 0.5 ? new Date( ( NOW + 1 + int( 3000 ) ) * 1000 ) : undefined,
		notBefore: random() < 0.3 ? new Date( ( issued + int( 100 ) ) * 1000 ) : undefined,
		requestId: random() < 0.3 ? alnum( int( 12 ) ) : undefined,
		resources: random() < 0.3 ? [ `ipfs://bafy${ alnum( 20 ).toLowerCase() }`, `${ origin }/terms` ].slice( 0, 1 + int( 2 ) ) : undefined,
	};
}

const CONTEXT_MUTATIONS = [ 'domain', 'nonce', 'chain', 'expired', 'not_yet_valid', 'uri_origin' ];
// [ name, mutation, code when siwe's parser names no field ] (see malformedCode).
const TEXT_MUTATIONS = [
	[ 'address_checksum', ( t, f ) => t.replace( f.address, flipCase( f.address ) ) ],
	[ 'address_short', ( t, f ) => t.replace( f.address, f.address.slice( 0, 41 ) ) ],
	[ 'no_version', ( t ) => t.replace( /\nVersion: 1/, '' ), 'version_missing' ],
	[ 'version_2', ( t ) => t.replace( 'Version: 1', 'Version: 2' ) ],
	[ 'chain_text', ( t ) => t.replace( /Chain ID: \d+/, 'Chain ID: one' ) ],
	[ 'nonce_short', ( t, f ) => t.replace( `Nonce: ${ f.nonce }`, `Nonce: ${ f.nonce.slice( 0, 7 ) }` ) ],
	[ 'nonce_dash', ( t, f ) => t.replace( `Nonce: ${ f.nonce }`, `Nonce: ${ f.nonce.slice( 0, 4 ) }-${ f.nonce.slice( 4 ) }` ) ],
	[ 'issued_month_13', ( t ) => t.replace( /Issued At: (\d{4})-\d{2}/, 'Issued At: $1-13' ) ],
	[ 'issued_not_date', ( t ) => t.replace( /Issued At: [^\n]+/, 'Issued At: yesterday' ) ],
	[ 'uri_no_scheme', ( t ) => t.replace( /URI: [a-z]+:\/\//, 'URI: ' ) ],
	[ 'uri_space', ( t ) => t.replace( /URI: ([^\n]+)/, 'URI: $1 x' ), 'uri_invalid' ],
	[ 'domain_space', ( t, f ) => t.replace( `${ f.domain } wants`, `${ f.domain.replace( '.', ' ' ) } wants` ), 'domain_invalid' ],
	[ 'header_changed', ( t ) => t.replace( 'wants you to sign in', 'wants you to log in' ), 'structure_invalid' ],
	[ 'trailing_newline', ( t ) => `${ t }\n`, 'structure_invalid' ],
	[ 'crlf', ( t ) => t.replace( /\n/g, '\r\n' ), 'structure_invalid' ],
	// "Colour: blue" stands where Nonce belongs; Chain ID stands where Version belongs.
	[ 'unknown_line', ( t ) => t.replace( '\nNonce:', '\nColour: blue\nNonce:' ), 'nonce_missing' ],
	[ 'swapped_lines', ( t ) => t.replace( /(Version: 1)\n(Chain ID: \d+)/, '$2\n$1' ), 'version_missing' ],
	[ 'drop_uri', ( t ) => t.replace( /URI: [^\n]+\n/, '' ), 'uri_missing' ],
	[ 'drop_nonce', ( t ) => t.replace( /Nonce: [^\n]+\n/, '' ), 'nonce_missing' ],
	// A statement split over two lines; with no statement to split, one empty line too many before URI.
	[
		'statement_newline',
		( t, f ) =>
			f.statement?.length > 1
				? t.replace( `\n\n${ f.statement }\n`, `\n\n${ f.statement.slice( 0, 1 ) }\n${ f.statement.slice( 1 ) }\n` )
				: t.replace( '\n\nURI', '\n\n\n\nURI' ),
		( f ) => ( f.statement?.length > 1 ? 'structure_invalid' : 'uri_missing' ),
	],
	[ 'resource_no_dash', ( t ) => ( t.includes( 'Resources:' ) ? t.replace( '\n- ', '\n' ) : `${ t }\nResources:\nipfs://x` ) ],
];
const SIGNATURE_MUTATIONS = [ 'v01', 'high_s', 'wrong_signer', 'flip_byte', 'bad_v', 'short', 'long', 'tampered_statement', 'not_hex' ];

function flipCase( address ) {
	const chars = [ ...address ];
	for ( let i = 2; i < chars.length; i++ ) {
		if ( /[a-fA-F]/.test( chars[ i ] ) ) {
			chars[ i ] = chars[ i ] === chars[ i ].toLowerCase() ? chars[ i ].toUpperCase() : chars[ i ].toLowerCase();
			// A single flip of a checksummed address is always a checksum error unless the result is all one case.
			const rest = chars.slice( 2 ).join( '' );
			if ( rest !== rest.toLowerCase() && rest !== rest.toUpperCase() ) {
				return chars.join( '' );
			}
		}
	}
	return address.toLowerCase();
}

/**
 * siwe's strict parser: the parsed message, or the errors it reports.
 */
function strictParse( text ) {
	try {
		return { parsed: new ParsedMessage( text ), errors: [] };
	} catch ( error ) {
		return { parsed: null, errors: String( error.message ).split( '\n' ) };
	}
}

// siwe's parser errors that name a field, and our "{field}_{reason}" code for each; first match wins.
const SIWE_PARSER_REASONS = [
	[ /invalid EIP-55 address/, 'address_checksum' ],
	[ /invalid address/, 'address_format' ],
	[ /domain cannot be empty/, 'domain_missing' ],
	[ /invalid domain/, 'domain_invalid' ],
	[ /invalid version/, 'version_invalid' ],
	[ /invalid chain-id/, 'chain_id_invalid' ],
	[ /invalid nonce/, 'nonce_invalid' ],
	[ /invalid issued-at/, 'issued_at_invalid' ],
	[ /invalid expiration-time/, 'expiration_time_invalid' ],
	[ /invalid not-before/, 'not_before_invalid' ],
	[ /invalid requestID/, 'request_id_invalid' ],
	[ /invalid resource/, 'resources_invalid' ],
	[ /invalid URI/, 'uri_invalid' ],
];

const tally = { outcome: {}, code: {}, source: {} };
const note = ( group, key ) => ( tally[ group ][ key ] = ( tally[ group ][ key ] ?? 0 ) + 1 );

/**
 * The code of a message siwe refuses: from the first error that names a field, else (the grammar
 * failed as a whole, "invalid message: max line number was N") from the mutation.
 */
function malformedCode( errors, mutation, fields ) {
	for ( const error of errors ) {
		const reason = SIWE_PARSER_REASONS.find( ( [ pattern ] ) => pattern.test( error ) );
		if ( reason ) {
			note( 'source', 'siwe parser' );
			return `malformed_${ reason[ 1 ] }`;
		}
	}
	const intended = typeof mutation?.[ 2 ] === 'function' ? mutation[ 2 ]( fields ) : mutation?.[ 2 ];
	if ( ! intended ) {
		throw new Error( `siwe refused a message (${ mutation?.[ 0 ] ?? 'unmutated' }) without naming a field, and the mutation names no code: ${ errors[ 0 ] }` );
	}
	note( 'source', 'mutation' );
	return `malformed_${ intended }`;
}

/**
 * The first check of the context that fails, in Siwe\Verifier's order, or null. viem's
 * validateSiweMessage is asked about one field at a time; scheme (absent means https), URI origin
 * and chain id are checks viem leaves to the relying party, made here.
 */
function fieldCode( parsed, context ) {
	const time = new Date( context.now * 1000 );
	const viemAccepts = ( message, params = {} ) => validateSiweMessage( { message: { address: parsed.address, ...message }, time, ...params } );
	const checks = [
		[ 'domain_mismatch', 'viem', () => viemAccepts( { domain: parsed.domain }, { domain: context.domain } ) ],
		[ 'scheme_mismatch', 'generator', () => ( parsed.scheme ?? 'https' ) === context.scheme ],
		[ 'uri_mismatch', 'generator', () => new URL( parsed.uri ).origin === new URL( context.uri ).origin ],
		[ 'chain_not_allowed', 'generator', () => context.chainIds.includes( parsed.chainId ) ],
		[ 'nonce_mismatch', 'viem', () => viemAccepts( { nonce: parsed.nonce }, { nonce: context.nonce } ) ],
		[ 'issued_in_future', 'generator', () => parsed.issuedAt <= time ],
		[ 'expired', 'viem', () => viemAccepts( { expirationTime: parsed.expirationTime } ) ],
		[ 'not_yet_valid', 'viem', () => viemAccepts( { notBefore: parsed.notBefore } ) ],
	];
	const failed = checks.find( ( [ , , passes ] ) => ! passes() );
	if ( ! failed ) {
		return null;
	}
	note( 'source', failed[ 1 ] );
	return failed[ 0 ];
}

/**
 * The signature's code: not a byte string by viem's isHex, or empty (signature_malformed); else
 * viem's verifyMessage does not accept it for the message's address (signature_invalid, whatever
 * viem's reason: a contract wallet's signature may have any length or v); else valid.
 */
async function signatureCode( text, address, signature ) {
	if ( ! isHex( signature, { strict: true } ) || signature.length % 2 !== 0 || signature === '0x' ) {
		note( 'source', 'viem' );
		return 'signature_malformed';
	}
	let valid = false;
	try {
		valid = await verifyMessage( { address, message: text, signature } );
	} catch {
		valid = false;
	}
	if ( ! valid ) {
		note( 'source', 'viem' );
	}
	return valid ? 'valid' : 'signature_invalid';
}

async function siweVector( id, signer, other ) {
	const fields = randomFields( signer.address );
	let text = createSiweMessage( fields );
	let signature = await signer.signMessage( { message: text } );
	const context = {
		domain: fields.domain,
		scheme: 'https' === ( fields.scheme ?? 'https' ) ? 'https' : fields.scheme,
		uri: `${ fields.scheme ?? 'https' }://${ fields.domain }`,
		chainIds: [ ...CHAINS ],
		nonce: fields.nonce,
		now: NOW,
	};
	const roll = random();
	let kind = 'valid';
	let mutation = null;
	if ( roll < 0.3 ) {
		mutation = pick( TEXT_MUTATIONS );
		const [ name, mutate ] = mutation;
		kind = `text:${ name }`;
		text = mutate( text, fields );
		signature = await signer.signMessage( { message: text } );
	} else if ( roll < 0.5 ) {
		const name = pick( CONTEXT_MUTATIONS );
		kind = `context:${ name }`;
		switch ( name ) {
			case 'domain':
				context.domain = `evil.${ fields.domain }`;
				break;
			case 'nonce':
				context.nonce = alnum( 16 );
				break;
			case 'chain':
				context.chainIds = CHAINS.filter( ( c ) => c !== fields.chainId );
				break;
			case 'expired':
				if ( fields.expirationTime ) {
					context.now = fields.expirationTime.getTime() / 1000 + int( 100 );
				} else {
					kind = 'valid';
				}
				break;
			case 'not_yet_valid':
				if ( fields.notBefore ) {
					context.now = fields.notBefore.getTime() / 1000 - 1 - int( 50 );
					// Keep the clock after Issued At so that only Not Before is at stake.
					if ( context.now < fields.issuedAt.getTime() / 1000 ) {
						kind = 'valid';
						context.now = NOW;
					}
				} else {
					kind = 'valid';
				}
				break;
			case 'uri_origin':
				context.uri = `https://other.example`;
				break;
		}
	} else if ( roll < 0.85 ) {
		const name = pick( SIGNATURE_MUTATIONS );
		kind = `signature:${ name }`;
		const r = signature.slice( 2, 66 );
		const s = BigInt( `0x${ signature.slice( 66, 130 ) }` );
		const v = parseInt( signature.slice( 130 ), 16 );
		switch ( name ) {
			case 'v01':
				signature = `0x${ r }${ word( s ) }0${ v - 27 }`;
				break;
			case 'high_s':
				signature = `0x${ r }${ word( N - s ) }${ ( v === 27 ? 28 : 27 ).toString( 16 ) }`;
				break;
			case 'wrong_signer':
				signature = await other.signMessage( { message: text } );
				break;
			case 'flip_byte': {
				const at = 2 + 2 * int( 64 );
				const byte = ( parseInt( signature.slice( at, at + 2 ), 16 ) ^ ( 1 + int( 255 ) ) ).toString( 16 ).padStart( 2, '0' );
				signature = signature.slice( 0, at ) + byte + signature.slice( at + 2 );
				break;
			}
			case 'bad_v':
				signature = `0x${ r }${ word( s ) }${ pick( [ '02', '1d', '25', 'ff' ] ) }`;
				break;
			case 'short':
				signature = signature.slice( 0, -2 );
				break;
			case 'long':
				signature = `${ signature }00`;
				break;
			case 'tampered_statement':
				text = text.replace( 'Nonce: ', 'Nonce: 0' );
				fields.nonce = `0${ fields.nonce }`;
				context.nonce = fields.nonce;
				break;
			case 'not_hex':
				signature = `0x${ signature.slice( 2, 40 ) }zz${ signature.slice( 42 ) }`;
				break;
		}
	}

	// Expected outcome and code, from the reference implementations.
	const { parsed: strict, errors } = strictParse( text );
	let code;
	if ( ! strict ) {
		code = malformedCode( errors, mutation, fields );
	} else {
		const parsed = parseSiweMessage( text );
		code = fieldCode( parsed, context ) ?? ( await signatureCode( text, getAddress( parsed.address ), signature ) );
	}
	const outcome = code === 'valid' ? 'valid' : ( /^(malformed|signature)_/.exec( code )?.[ 1 ] ?? 'fields' );
	note( 'outcome', outcome );
	note( 'code', code );
	return { id, kind, message: text, signature, context, expect: { outcome, code, address: outcome === 'valid' ? getAddress( fields.address ) : null } };
}

const total = Number( args.count );
const keys = Array.from( { length: 64 }, () => privateKeyToAccount( privateKey() ) );
const siwe = [];
for ( let i = 0; i < total; i++ ) {
	siwe.push( await siweVector( i, pick( keys ), pick( keys ) ) );
}
const output = {
	generator: 'tests/vectors/generate.mjs',
	seed: Number( args.seed ),
	now: NOW,
	keccak: keccakVectors( Math.max( 12, Math.floor( total / 10 ) ) ),
	recover: await recoverVectors( Math.max( 11, Math.floor( total / 10 ) ) ),
	multicall: multicallVectors( Math.max( 20, Math.floor( total / 50 ) ) ),
	siwe,
};
mkdirSync( dirname( args.out ), { recursive: true } );
writeFileSync( args.out, JSON.stringify( output ) );
console.log(
	`Wrote ${ siwe.length } SIWE, ${ output.keccak.length } Keccak and ${ output.recover.length } recovery vectors to ${ args.out }: ` +
		`${ JSON.stringify( tally.outcome ) }, ${ Object.keys( tally.code ).length } distinct codes, rejection code from ${ JSON.stringify( tally.source ) }`
);
