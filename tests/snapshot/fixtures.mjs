/**
 * What the local Snapshot stand-in (scripts/lib/snapshot-hub.mjs) serves: spaces, proposals of
 * every type, the votes it starts with and the voting-power table. Proposal times are offsets in
 * seconds from the moment the stand-in starts, so every state is right whenever it runs.
 *
 * Ids are stable: `0x` + sha256 of the fixture's name (and one old-style IPFS id), so tests and the
 * demo page can name them (FIXTURES.activeSingle.id, …). See tests/snapshot/README.md.
 */
import { createHash } from 'node:crypto';

import { demoAccount } from '../../scripts/lib/chain.mjs';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Demo wallets #0..#3 (scripts/lib/chain.mjs DEMO_WALLETS), checksummed. */
export const WALLETS = [ 0, 1, 2, 3 ].map( ( index ) => demoAccount( index ).address );
const [ founder, citizen, contributor ] = WALLETS;

/** Voting power per address, the same for every proposal; any other address has 0. */
export const VP = {
	[ founder ]: 1000,
	[ citizen ]: 100,
	[ contributor ]: 10,
};

/** The id of a named fixture proposal: `0x` + sha256 of its name. */
export function fixtureId( name ) {
	return `0x${ createHash( 'sha256' ).update( `sovereign-press/snapshot/${ name }` ).digest( 'hex' ) }`;
}

const strategies = ( network, symbol ) => [
	{ name: 'whitelist-weighted', network, params: { symbol, addresses: VP } },
];

export const SPACES = {
	'society.eth': {
		id: 'society.eth',
		name: 'Demo Society',
		symbol: 'SVOTE',
		network: '1',
		about: 'The demo society governs itself in public.',
		testnet: false,
	},
	'mischief.eth': {
		id: 'mischief.eth',
		name: 'Mischief <b>Lab</b>',
		symbol: 'MISC',
		network: '1',
		about: 'Proposals whose bodies try to run script.',
		testnet: false,
	},
	'society-testnet.eth': {
		id: 'society-testnet.eth',
		name: 'Demo Society (testnet)',
		symbol: 'tSVOTE',
		network: '11155111',
		about: 'The demo society on the testnet hub.',
		testnet: true,
	},
};

export const MARKDOWN_BODY = `## Why

The society's **treasury** needs a clear spending rule. See [the forum thread](https://example.org/forum/42).

### What changes

- Grants up to 1,000 SVOTE need one vote.
- Larger grants need *two* votes, a week apart.

1. Publish the rule.
2. Apply it from next month.

| Grant size | Votes needed |
|---|---|
| ≤ 1,000 | 1 |
| > 1,000 | 2 |

\`\`\`js
const votesNeeded = ( amount ) => ( amount > 1000 ? 2 : 1 );
\`\`\`

> Quoted from the charter.
`;

export const XSS_BODY = `# Harmless title

<script>alert('script tag')</script>

[click me](javascript:alert('link'))

<img src="x" onerror="alert('onerror')">

<svg onload="alert('svg')"><circle r="1"/></svg>

<a href="javascript&#58;alert('entity link')">entity link</a>

&lt;script&gt;alert('entities')&lt;/script&gt; &amp; &quot;quoted&quot;

<iframe src="https://example.org/"></iframe>

<p style="background:url(javascript:alert(1))" onclick="alert('click')">styled</p>
`;

/**
 * The proposals, by stable name. start/end are offsets (seconds) from the stand-in's start;
 * votes are [wallet index, choice] pairs (1-based choices, as Snapshot stores them).
 */
const PROPOSALS = {
	activeSingle: {
		type: 'single-choice',
		title: 'Adopt a spending rule for the treasury',
		body: MARKDOWN_BODY,
		choices: [ 'Adopt the rule', 'Keep things as they are', 'Send it back to the forum' ],
		start: -DAY,
		end: 6 * DAY,
		quorum: 0,
		votes: [ [ 0, 1 ], [ 2, 2 ] ],
	},
	activeBasic: {
		type: 'basic',
		title: 'Fund the community garden',
		body: 'Fund the community garden with 500 SVOTE for the season.',
		choices: [ 'For', 'Against', 'Abstain' ],
		start: -2 * DAY,
		end: 5 * DAY,
		quorum: 500,
		votes: [ [ 0, 1 ], [ 2, 2 ] ],
	},
	activeApproval: {
		type: 'approval',
		title: 'Which working groups should get a budget?',
		body: 'Approve every group you think should get a budget this year.',
		choices: [ 'Education', 'Infrastructure', 'Events', 'Research' ],
		start: -DAY,
		end: 4 * DAY,
		quorum: 0,
		votes: [ [ 0, [ 1, 2 ] ] ],
	},
	activeRanked: {
		type: 'ranked-choice',
		title: 'Rank the venues for the annual assembly',
		body: 'Rank all venues from the one you like best to the one you like least.',
		choices: [ 'Town hall', 'Library', 'Harbour warehouse' ],
		start: -DAY,
		end: 3 * DAY,
		quorum: 0,
		votes: [ [ 2, [ 2, 1, 3 ] ] ],
	},
	activeWeighted: {
		type: 'weighted',
		title: 'Split the outreach budget',
		body: 'Spread your voting power over the channels.',
		choices: [ 'Newsletter', 'Meetups', 'Podcast' ],
		start: -DAY,
		end: 3 * DAY,
		quorum: 0,
		votes: [ [ 0, { 1: 1, 2: 3 } ] ],
	},
	activeQuadratic: {
		type: 'quadratic',
		title: 'Prioritise the public goods round',
		body: 'Quadratic voting: many small voices count more than one loud one.',
		choices: [ 'Open data portal', 'Translation fund', 'Accessibility audit' ],
		start: -DAY,
		end: 3 * DAY,
		quorum: 0,
		votes: [ [ 2, { 1: 1, 3: 1 } ] ],
	},
	activeShutter: {
		type: 'single-choice',
		privacy: 'shutter',
		title: 'Elect the treasurer (private vote)',
		body: 'Votes stay encrypted with Shutter until the vote ends.',
		choices: [ 'Alice', 'Bob' ],
		start: -DAY,
		end: 2 * DAY,
		quorum: 0,
		votes: [ [ 0, `0x${ 'ab'.repeat( 64 ) }` ] ],
	},
	pending: {
		type: 'single-choice',
		title: 'Rename the society',
		body: 'Voting opens tomorrow.',
		choices: [ 'Demo Society', 'Open Society' ],
		start: DAY,
		end: 8 * DAY,
		quorum: 0,
		votes: [],
	},
	closedPassed: {
		type: 'basic',
		title: 'Adopt the code of conduct',
		body: 'Adopt the code of conduct drafted by the working group.',
		choices: [ 'For', 'Against', 'Abstain' ],
		start: -10 * DAY,
		end: -3 * DAY,
		quorum: 500,
		votes: [ [ 0, 1 ], [ 2, 2 ] ],
	},
	closedRejected: {
		type: 'basic',
		title: 'Move the assembly online',
		body: 'Hold every assembly online from now on. (Rejected: quorum not reached.)',
		choices: [ 'For', 'Against', 'Abstain' ],
		start: -12 * DAY,
		end: -5 * DAY,
		quorum: 500,
		votes: [ [ 2, 1 ] ],
	},
	closedSingle: {
		type: 'single-choice',
		title: 'Pick the colour of the membership card',
		body: 'A closed single-choice vote.',
		choices: [ 'Blue', 'Green', 'Orange' ],
		start: -20 * DAY,
		end: -13 * DAY,
		quorum: 0,
		votes: [ [ 0, 2 ], [ 2, 1 ] ],
	},
	legacy: {
		id: 'QmWbpCtwdLzxuLKnMW4Vv4MPFd2pdPX71YBKPasfZxqLUS',
		type: 'single-choice',
		title: 'Found the society (legacy proposal)',
		body: 'An old proposal whose id is an IPFS hash.',
		choices: [ 'Yes', 'No' ],
		start: -400 * DAY,
		end: -393 * DAY,
		quorum: 0,
		votes: [ [ 0, 1 ] ],
	},
	xss: {
		space: 'mischief.eth',
		type: 'single-choice',
		title: 'XSS <script>alert("title")</script> payloads',
		body: XSS_BODY,
		choices: [ 'Yes <img src=x onerror=alert(1)>', 'No' ],
		start: -DAY,
		end: 6 * DAY,
		quorum: 0,
		votes: [],
	},
	testnetActive: {
		space: 'society-testnet.eth',
		type: 'single-choice',
		title: 'Try the testnet hub',
		body: 'A proposal on the testnet hub.',
		choices: [ 'Yes', 'No' ],
		start: -DAY,
		end: 6 * DAY,
		quorum: 0,
		votes: [ [ 2, 1 ] ],
	},
};

/**
 * Stable names → { id, space, type, testnet, title, choices, privacy }. Proposal times depend
 * on when the stand-in started: ask it (GraphQL) for start and end.
 */
export const FIXTURES = Object.fromEntries(
	Object.entries( PROPOSALS ).map( ( [ name, p ] ) => {
		const space = p.space ?? 'society.eth';
		return [
			name,
			Object.freeze( {
				name,
				id: p.id ?? fixtureId( name ),
				space,
				testnet: SPACES[ space ].testnet,
				type: p.type,
				privacy: p.privacy ?? '',
				title: p.title,
				choices: p.choices,
			} ),
		];
	} )
);

/**
 * The proposals and seeded votes as the stand-in stores them, with times relative to t0.
 *
 * @param {number} t0 Unix seconds (the stand-in's start).
 * @return {{proposals: object[], votes: object[]}}
 */
export function seed( t0 ) {
	const proposals = [];
	const votes = [];
	for ( const [ name, p ] of Object.entries( PROPOSALS ) ) {
		const { id, space } = FIXTURES[ name ];
		const start = t0 + p.start;
		const created = Math.min( start, t0 ) - HOUR;
		proposals.push( {
			id,
			ipfs: cid( `proposal/${ id }` ),
			author: founder,
			created,
			updated: null,
			space,
			network: SPACES[ space ].network,
			symbol: SPACES[ space ].symbol,
			type: p.type,
			strategies: strategies( SPACES[ space ].network, SPACES[ space ].symbol ),
			validation: { name: 'any', params: {} },
			plugins: {},
			title: p.title,
			body: p.body,
			discussion: '',
			choices: p.choices,
			labels: [],
			start,
			end: t0 + p.end,
			quorum: p.quorum,
			quorumType: 'default',
			privacy: p.privacy ?? '',
			snapshot: 19000000,
			app: 'snapshot',
			flagged: false,
			flagCode: 0,
		} );
		p.votes.forEach( ( [ wallet, choice ], i ) => {
			const voter = WALLETS[ wallet ];
			votes.push( {
				id: `0x${ createHash( 'sha256' ).update( `vote/${ id }/${ voter }` ).digest( 'hex' ) }`,
				ipfs: cid( `vote/${ id }/${ voter }` ),
				voter,
				created: Math.min( start + HOUR * ( i + 1 ), t0 - 60 ),
				space,
				proposal: id,
				choice,
				metadata: {},
				reason: '',
				app: 'snapshot',
				vp: VP[ voter ] ?? 0,
				vp_by_strategy: [ VP[ voter ] ?? 0 ],
				vp_state: 'final',
			} );
		} );
	}
	return { proposals, votes };
}

/**
 * A CIDv1 (raw codec, sha256) of a text, in base32: the shape of the `ipfs` fields the hub returns.
 */
export function cid( text ) {
	const bytes = Buffer.concat( [ Buffer.from( [ 0x01, 0x55, 0x12, 0x20 ] ), createHash( 'sha256' ).update( text ).digest() ] );
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	let bits = 0;
	let value = 0;
	let out = 'b';
	for ( const byte of bytes ) {
		value = ( ( value << 8 ) | byte ) & 0xffff;
		bits += 8;
		while ( bits >= 5 ) {
			out += alphabet[ ( value >>> ( bits - 5 ) ) & 31 ];
			bits -= 5;
		}
	}
	if ( bits > 0 ) {
		out += alphabet[ ( value << ( 5 - bits ) ) & 31 ];
	}
	return out;
}
