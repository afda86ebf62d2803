/**
 * The editor's mirror of Governance\Snapshot\ProposalUrl: the same link forms, the same problem
 * words and the same sentences, so an editor reads what is wrong while typing (the server checks
 * everything again). tests/vectors/snapshot-urls.json holds the cases both run.
 */
import { __ } from '@wordpress/i18n';

export type SnapshotRef = { space: string; id: string; testnet: boolean };

export type SnapshotProblem =
	| 'empty'
	| 'too_long'
	| 'control'
	| 'not_snapshot'
	| 'no_proposal'
	| 'bad_id'
	| 'bad_space'
	| 'onchain_space'
	| 'tally';

const MAX_LENGTH = 2048;
const MAX_SPACE_LENGTH = 100;

/** Hosts of Snapshot's UIs; the value says whether a link without prefix is on the testnet. */
const HOSTS: Record< string, boolean > = {
	'snapshot.box': false,
	'www.snapshot.box': false,
	'v1.snapshot.box': false,
	'testnet.snapshot.box': true,
	'snapshot.org': false,
	'www.snapshot.org': false,
};

const TALLY_HOSTS = [ 'tally.xyz', 'www.tally.xyz' ];

const TABS = [ 'votes', 'discussion', 'execution', 'overview' ];

const ID = /^(?:0x[0-9a-fA-F]{64}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/;

const SPACE =
	/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

const PREFIX = /^(s|s-tn):([^\n]*)$/;

/**
 * PHP's trim() with the characters a paste may carry around a link (not NUL).
 * @param text
 */
const trimBlank = ( text: string ): string =>
	text.replace( /^[ \t\n\r]+|[ \t\n\r]+$/g, '' );

/**
 * PHP's strtolower(): ASCII letters only.
 * @param text
 */
const lowerAscii = ( text: string ): string =>
	text.replace( /[A-Z]/g, ( letter ) => letter.toLowerCase() );

/**
 * PHP's strlen(): bytes of the UTF-8 text.
 * @param text
 */
const bytes = ( text: string ): number =>
	new TextEncoder().encode( text ).length;

/**
 * PHP's rawurldecode(): percent escapes become bytes; bytes that are not UTF-8 become NUL, which
 * unsafe() refuses as PHP refuses invalid UTF-8.
 * @param text
 */
function rawUrlDecode( text: string ): string {
	return text.replace( /(?:%[0-9a-fA-F]{2})+/g, ( run ) => {
		const decoded = Uint8Array.from( run.slice( 1 ).split( '%' ), ( hex ) =>
			parseInt( hex, 16 )
		);
		try {
			return new TextDecoder( 'utf-8', { fatal: true } ).decode(
				decoded
			);
		} catch {
			return '\u0000';
		}
	} );
}

/**
 * Too long, or control or format characters (bidi overrides included), or a lone surrogate.
 * @param input
 */
function unsafe( input: string ): SnapshotProblem | null {
	if ( bytes( input ) > MAX_LENGTH ) {
		return 'too_long';
	}
	if ( /[\p{Cc}\p{Cf}\p{Cs}]/u.test( trimBlank( input ) ) ) {
		return 'control';
	}
	return null;
}

/**
 * A space and an id typed in (the space may carry the `s:` or `s-tn:` prefix it has in links).
 *
 * @param space   Space.
 * @param id      Proposal id.
 * @param testnet Whether the space is on the testnet hub.
 */
export function parseSnapshotParts(
	space: string,
	id: string,
	testnet: boolean
): SnapshotRef | SnapshotProblem {
	const problem = unsafe( space ) ?? unsafe( id );
	if ( problem !== null ) {
		return problem;
	}
	space = lowerAscii( trimBlank( space ) );
	id = trimBlank( id );
	const prefix = PREFIX.exec( space );
	if ( prefix ) {
		testnet = prefix[ 1 ] === 's-tn';
		space = prefix[ 2 ] ?? '';
	}
	if ( space === '' && id === '' ) {
		return 'empty';
	}
	if ( /^[a-z0-9-]+:0x[0-9a-f]+$/.test( space ) ) {
		return 'onchain_space';
	}
	if ( bytes( space ) > MAX_SPACE_LENGTH || ! SPACE.test( space ) ) {
		return 'bad_space';
	}
	if ( ! ID.test( id ) ) {
		return 'bad_id';
	}
	return {
		space,
		id: id.startsWith( '0x' ) ? id.toLowerCase() : id,
		testnet,
	};
}

/**
 * A pasted link.
 *
 * @param input What the editor pasted.
 * @return The proposal it names, or what is wrong with it.
 */
export function parseSnapshotUrl(
	input: string
): SnapshotRef | SnapshotProblem {
	const problem = unsafe( input );
	if ( problem !== null ) {
		return problem;
	}
	input = trimBlank( input );
	if ( input === '' ) {
		return 'empty';
	}
	if ( ! /^https?:\/\//i.test( input ) ) {
		// A link copied without its scheme.
		input = 'https://' + input;
	}
	const link = /^https?:\/\/([^/?#]*)[^#]*(?:#(.*))?$/is.exec( input );
	const authority = link?.[ 1 ] ?? '';
	const at = authority.lastIndexOf( '@' );
	const hostPort = authority.slice( at + 1 );
	const colon = hostPort.indexOf( ':' );
	const host = lowerAscii(
		colon < 0 ? hostPort : hostPort.slice( 0, colon )
	);
	if ( TALLY_HOSTS.includes( host ) ) {
		return 'tally';
	}
	if ( ! ( host in HOSTS ) || at >= 0 || colon >= 0 ) {
		return 'not_snapshot';
	}
	// Query strings inside the fragment (?tab=…, UTM tags) are not part of the route.
	const route = ( link?.[ 2 ] ?? '' ).split( '?' )[ 0 ] ?? '';
	const segments = route.split( '/' ).filter( ( segment ) => segment !== '' );
	if ( segments.length === 0 ) {
		return 'no_proposal';
	}
	let testnet = HOSTS[ host ] ?? false;
	let space = rawUrlDecode( segments[ 0 ] ?? '' );
	const prefix = PREFIX.exec( space );
	if ( prefix ) {
		testnet = prefix[ 1 ] === 's-tn';
		space = prefix[ 2 ] ?? '';
	} else if ( space.includes( ':' ) ) {
		// {net}:0x… is an on-chain space (Snapshot X or a Governor), which no hub serves.
		return /^[a-z0-9-]+:0x[0-9a-fA-F]+$/.test( space )
			? 'onchain_space'
			: 'bad_space';
	}
	if ( segments.length < 3 || segments[ 1 ] !== 'proposal' ) {
		return SPACE.test( lowerAscii( space ) ) ? 'no_proposal' : 'bad_space';
	}
	if (
		segments.length > 4 ||
		( segments.length === 4 && ! TABS.includes( segments[ 3 ] ?? '' ) )
	) {
		return 'no_proposal';
	}
	return parseSnapshotParts(
		space,
		rawUrlDecode( segments[ 2 ] ?? '' ),
		testnet
	);
}

/**
 * What is wrong with a space alone (the list block), as a problem word; null when it is fine.
 *
 * @param space Space.
 */
export function snapshotSpaceProblem( space: string ): SnapshotProblem | null {
	const problem = unsafe( space );
	if ( problem !== null ) {
		return problem;
	}
	space = lowerAscii( trimBlank( space ) );
	if ( space === '' ) {
		return 'empty';
	}
	return bytes( space ) > MAX_SPACE_LENGTH || ! SPACE.test( space )
		? 'bad_space'
		: null;
}

/**
 * The sentence for a problem (the same as ProposalUrl::message()).
 *
 * @param problem Problem word.
 */
export function snapshotMessage( problem: SnapshotProblem ): string {
	switch ( problem ) {
		case 'empty':
			return __(
				'Paste the link of a Snapshot proposal, or enter its space and proposal id.',
				'sovereign-press'
			);
		case 'too_long':
			return __(
				'This is too long to be a Snapshot link.',
				'sovereign-press'
			);
		case 'control':
			return __(
				"This contains invisible control characters. Copy the proposal link from the browser's address bar again.",
				'sovereign-press'
			);
		case 'not_snapshot':
			return __(
				'This is not a Snapshot link. Paste a proposal link from snapshot.box or snapshot.org, such as https://snapshot.box/#/s:yourspace.eth/proposal/0x…',
				'sovereign-press'
			);
		case 'no_proposal':
			return __(
				'This Snapshot link does not point to a proposal. Open the proposal on Snapshot and copy the link from the address bar.',
				'sovereign-press'
			);
		case 'bad_id':
			return __(
				'This is not a Snapshot proposal id: ids are 0x followed by 64 hexadecimal characters, or older ids that start with Qm.',
				'sovereign-press'
			);
		case 'bad_space':
			return __(
				'This is not a Snapshot space: spaces are ENS-like names such as yourspace.eth.',
				'sovereign-press'
			);
		case 'onchain_space':
			return __(
				'This is an on-chain Governor on snapshot.box, not a Snapshot proposal. Choose the on-chain Governor source and enter its chain, address and proposal id.',
				'sovereign-press'
			);
		case 'tally':
			return __(
				"Tally has shut down, so its links cannot be read. Choose the on-chain Governor source and enter the chain, the Governor's address and the proposal id.",
				'sovereign-press'
			);
	}
}
