/**
 * The census section of the settings screen: its checks (the server's, ahead of saving) and the
 * "Sync now" loop over POST /census/sync.
 */
import { ApiError } from '@/api/errors';
import { describeProgress, percent, runSync } from '@/census/settings/sync';
import {
	DEFAULT_CENSUS,
	type CensusSettings,
	type SyncProgress,
} from '@/census/settings/types';
import {
	hasCensusErrors,
	isEthereumAddress,
	tokenIdFor,
	validateCensus,
} from '@/census/settings/validate';
import type { Network } from '@/types/networks';

const local: Network = {
	chainId: 31337,
	name: 'Local chain',
	rpcUrl: 'http://127.0.0.1:8545',
	explorerUrl: '',
};

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

const census: CensusSettings = {
	...DEFAULT_CENSUS,
	tokens: [
		{
			id: 'members',
			name: 'Membership',
			chainId: 31337,
			standard: 'erc721',
			address: TOKEN,
			tokenId: '',
			minBalance: '1',
			startBlock: 0,
			membership: true,
		},
		{
			id: 'society',
			name: 'Society token',
			chainId: 31337,
			standard: 'erc20',
			address: TOKEN.toLowerCase(),
			tokenId: '',
			minBalance: '100.5',
			startBlock: 12,
			membership: true,
		},
	],
	economyToken: 'society',
	treasury: [ { chainId: 31337, address: TOKEN, label: 'Safe' } ],
	assets: [
		{ chainId: 31337, token: '', priceFeed: TOKEN, maxAgeSeconds: 3600 },
	],
	declared: [ { label: 'Nodes', value: '12', note: '' } ],
};

const progress = ( changes: Partial< SyncProgress > ): SyncProgress => ( {
	phase: 'idle',
	busy: false,
	scanned: 0,
	total: 0,
	tree: null,
	error: null,
	snapshot: null,
	latest: null,
	updatedAt: '',
	...changes,
} );

describe( 'validateCensus', () => {
	it( 'accepts a sound census', () => {
		const errors = validateCensus( census, [ local ] );
		expect( hasCensusErrors( errors ) ).toBe( false );
	} );

	it( 'accepts the defaults with no network at all', () => {
		expect( hasCensusErrors( validateCensus( DEFAULT_CENSUS, [] ) ) ).toBe(
			false
		);
	} );

	it( 'names the field of each problem', () => {
		const errors = validateCensus(
			{
				...census,
				tokens: [
					{ ...census.tokens[ 0 ]!, chainId: 5, minBalance: '1.5' },
					{
						...census.tokens[ 0 ]!,
						standard: 'erc1155',
						tokenId: '',
						address: '0x5fbDB2315678afecb367f032d93F642f64180aa3',
					},
				],
				treasury: [
					census.treasury[ 0 ]!,
					{ ...census.treasury[ 0 ]!, address: TOKEN.toLowerCase() },
				],
				assets: [
					{
						...census.assets[ 0 ]!,
						maxAgeSeconds: 10,
						priceFeed: '0x12',
					},
				],
				declared: [ { label: ' ', value: '', note: '' } ],
			},
			[ local ]
		);
		expect( Object.keys( errors.tokens[ 0 ]! ).sort() ).toEqual( [
			'chainId',
			'minBalance',
		] );
		expect( Object.keys( errors.tokens[ 1 ]! ).sort() ).toEqual( [
			'address',
			'id',
			'tokenId',
		] );
		expect( errors.treasury[ 1 ]?.address ).toBe(
			'This address on this network is listed already.'
		);
		expect( Object.keys( errors.assets[ 0 ]! ).sort() ).toEqual( [
			'maxAgeSeconds',
			'priceFeed',
		] );
		expect( Object.keys( errors.declared[ 0 ]! ).sort() ).toEqual( [
			'label',
			'value',
		] );
		expect( errors.economyToken ).toBeDefined();
		expect( hasCensusErrors( errors ) ).toBe( true );
	} );

	it( 'refuses an ERC-1155 token id above 2^256 − 1 and a zero minimum', () => {
		const [ , errors ] = validateCensus(
			{
				...census,
				tokens: [
					census.tokens[ 0 ]!,
					{
						...census.tokens[ 1 ]!,
						standard: 'erc1155',
						tokenId: '9'.repeat( 78 ),
						minBalance: '0',
					},
				],
				economyToken: '',
			},
			[ local ]
		).tokens;
		expect( Object.keys( errors! ).sort() ).toEqual( [
			'minBalance',
			'tokenId',
		] );
	} );

	it( 'counts a network added in the same save', () => {
		const moved = {
			...census,
			tokens: [ { ...census.tokens[ 0 ]!, chainId: 10 } ],
			economyToken: '',
		};
		expect( hasCensusErrors( validateCensus( moved, [ local ] ) ) ).toBe(
			true
		);
		expect(
			hasCensusErrors(
				validateCensus( moved, [ local, { ...local, chainId: 10 } ] )
			)
		).toBe( false );
	} );
} );

describe( 'isEthereumAddress', () => {
	it.each( [
		[ TOKEN, true ],
		[ TOKEN.toLowerCase(), true ],
		[ '0x' + TOKEN.slice( 2 ).toUpperCase(), true ],
		[ '0x5fbDB2315678afecb367f032d93F642f64180aa3', false ],
		[ '0x5FbDB2315678afecb367f032d93F642f64180aa', false ],
		[ '5FbDB2315678afecb367f032d93F642f64180aa3', false ],
	] )( '%s → %s', ( address, valid ) => {
		expect( isEthereumAddress( address ) ).toBe( valid );
	} );
} );

describe( 'tokenIdFor', () => {
	it( 'makes an id from a name that no other token has', () => {
		expect( tokenIdFor( 'Society Token!', [] ) ).toBe( 'society-token' );
		expect( tokenIdFor( 'Society Token', [ 'society-token' ] ) ).toBe(
			'society-token-2'
		);
		expect( tokenIdFor( '€€€', [ 'token' ] ) ).toBe( 'token-2' );
		expect( tokenIdFor( 'x'.repeat( 50 ), [] ) ).toHaveLength( 28 );
	} );
} );

describe( 'runSync', () => {
	const sleep = jest.fn( () => Promise.resolve() );

	it( 'posts until the sync is idle, reporting every answer', async () => {
		const answers = [
			progress( { phase: 'scan', scanned: 10, total: 100 } ),
			progress( { phase: 'tree', tree: { done: 1, total: 4 } } ),
			progress( { phase: 'idle', snapshot: 7 } ),
		];
		const post = jest.fn( async () => answers.shift()! );
		const seen: SyncProgress[] = [];

		const last = await runSync( {
			post,
			onProgress: ( p ) => seen.push( p ),
			sleep,
		} );

		expect( post ).toHaveBeenCalledTimes( 3 );
		expect( seen.map( ( p ) => p.phase ) ).toEqual( [
			'scan',
			'tree',
			'idle',
		] );
		expect( last?.snapshot ).toBe( 7 );
	} );

	it( 'waits and asks again while another runner holds the sync', async () => {
		const answers = [
			progress( { phase: 'idle', busy: true } ),
			progress( { phase: 'scan', busy: true, scanned: 5, total: 9 } ),
			progress( { phase: 'idle', snapshot: 1 } ),
		];
		const post = jest.fn( async () => answers.shift()! );
		sleep.mockClear();

		await runSync( { post, onProgress: () => {}, sleep, busyDelay: 50 } );

		expect( post ).toHaveBeenCalledTimes( 3 );
		expect( sleep.mock.calls ).toEqual( [ [ 50 ], [ 50 ] ] );
	} );

	it( 'stops between requests when aborted', async () => {
		const controller = new AbortController();
		const post = jest.fn( async () => {
			controller.abort();
			return progress( { phase: 'scan', scanned: 1, total: 9 } );
		} );

		const last = await runSync( {
			post,
			onProgress: () => {},
			signal: controller.signal,
			sleep,
		} );

		expect( post ).toHaveBeenCalledTimes( 1 );
		expect( last?.phase ).toBe( 'scan' );
	} );

	it( 'rejects with a failed run, after showing the progress it carries', async () => {
		const failed = progress( {
			phase: 'scan',
			scanned: 3,
			total: 9,
			error: 'The node did not answer in time.',
		} );
		const post = jest.fn( async () => {
			throw new ApiError(
				'sovereign_press_census_sync_failed',
				'The node did not answer in time.',
				502,
				{ status: 502, progress: failed }
			);
		} );
		const seen: SyncProgress[] = [];

		await expect(
			runSync( { post, onProgress: ( p ) => seen.push( p ), sleep } )
		).rejects.toMatchObject( {
			code: 'sovereign_press_census_sync_failed',
		} );
		expect( seen ).toEqual( [ failed ] );
	} );
} );

describe( 'progress', () => {
	it( 'is a share of the phase, or unknown without a total', () => {
		expect(
			percent( progress( { phase: 'scan', scanned: 50, total: 200 } ) )
		).toBe( 25 );
		expect(
			percent(
				progress( { phase: 'tree', tree: { done: 3, total: 3 } } )
			)
		).toBe( 100 );
		expect( percent( progress( { phase: 'scan' } ) ) ).toBeNull();
		expect( percent( progress( { phase: 'snapshot' } ) ) ).toBeNull();
	} );

	it( 'reads as a sentence', () => {
		expect(
			describeProgress(
				progress( { phase: 'scan', scanned: 1500, total: 20000 } ),
				'en-US'
			)
		).toBe(
			'Scanning the chain: 1,500 of 20,000 blocks, counted once per census token.'
		);
		expect( describeProgress( progress( {} ) ) ).toBe(
			'No snapshot yet: run a sync to count the census.'
		);
		const latest = { block: 1155, population: 1200, day: '2026-11-28' };
		expect(
			describeProgress( progress( { snapshot: 4, latest } ), 'en-US' )
		).toBe( 'Up to date: 1,200 members as of block #1,155.' );
		expect(
			describeProgress(
				progress( {
					snapshot: 4,
					latest,
					error: 'The node could not be reached.',
				} ),
				'en-US'
			)
		).toBe(
			'Not up to date: the last sync could not begin. The census still shows 1,200 members as of block #1,155.'
		);
		expect(
			describeProgress(
				progress( { error: 'The node could not be reached.' } )
			)
		).toBe( 'No snapshot yet: the last sync could not begin.' );
	} );
} );
