/**
 * The editor's checks of DAO Proposal input against the vectors PHP runs too
 * (tests/vectors/snapshot-urls.json for Governance\Snapshot\ProposalUrl,
 * tests/vectors/tally-urls.json for Governance\Governor\TallyUrl), and the Governor fields.
 */
import {
	checkProposal,
	type ProposalAttributes,
} from '@/governance/editor/check';
import {
	governorIdProblem,
	governorProblem,
	tallyProposalId,
} from '@/governance/editor/input';
import { loadingMessage } from '@/governance/editor/preview';
import {
	parseSnapshotParts,
	parseSnapshotUrl,
	snapshotMessage,
	snapshotSpaceProblem,
	type SnapshotProblem,
} from '@/governance/editor/snapshotUrl';
import snapshotUrls from '../vectors/snapshot-urls.json';
import tallyUrls from '../vectors/tally-urls.json';

describe( 'parseSnapshotUrl', () => {
	it.each( snapshotUrls.valid )(
		'reads $input',
		( { input, space, id, testnet } ) => {
			expect( parseSnapshotUrl( input ) ).toEqual( {
				space,
				id,
				testnet,
			} );
		}
	);

	it.each( snapshotUrls.invalid )(
		'refuses $input as $problem',
		( { input, problem } ) => {
			expect( parseSnapshotUrl( input ) ).toBe( problem );
		}
	);

	it( 'refuses input longer than any link', () => {
		const { length, problem } = snapshotUrls.longInput;
		const url =
			'https://snapshot.box/#/s:society.eth/proposal/0x' +
			'1'.repeat( 64 ) +
			'?' +
			'a'.repeat( length );
		expect( parseSnapshotUrl( url.slice( 0, length ) ) ).toBe( problem );
		expect( parseSnapshotUrl( url.slice( 0, length - 1 ) ) ).toEqual(
			expect.objectContaining( { space: 'society.eth' } )
		);
	} );

	it( 'has a distinct sentence for every problem word', () => {
		const words = new Set< SnapshotProblem >( [
			...snapshotUrls.invalid.map(
				( vector ) => vector.problem as SnapshotProblem
			),
			...snapshotUrls.parts.flatMap( ( vector ) =>
				'problem' in vector ? [ vector.problem as SnapshotProblem ] : []
			),
			'too_long',
		] );
		const sentences = new Set( [ ...words ].map( snapshotMessage ) );
		expect( sentences.size ).toBe( words.size );
		expect( snapshotMessage( 'tally' ) ).toMatch( /Tally has shut down/ );
	} );
} );

describe( 'parseSnapshotParts', () => {
	it.each( snapshotUrls.parts.map( ( vector ) => [ vector ] ) )(
		'reads a space and id typed in: %j',
		( vector ) => {
			expect(
				parseSnapshotParts( vector.space, vector.id, vector.testnet )
			).toEqual( 'problem' in vector ? vector.problem : vector.expect );
		}
	);

	it( 'checks a space alone for the list block', () => {
		expect( snapshotSpaceProblem( ' Society.ETH ' ) ).toBeNull();
		expect( snapshotSpaceProblem( '' ) ).toBe( 'empty' );
		for ( const bad of [
			'a b.eth',
			'x:0x12',
			'a'.repeat( 101 ),
			'so\u0001c.eth',
		] ) {
			expect( snapshotSpaceProblem( bad ) ).not.toBeNull();
		}
	} );
} );

describe( 'Tally links', () => {
	it.each( tallyUrls.valid )( 'keep the id of $input', ( { input, id } ) => {
		expect( tallyProposalId( input ) ).toBe( id );
	} );

	it.each( tallyUrls.invalid )( 'are not read from %j', ( input ) => {
		expect( tallyProposalId( input ) ).toBeNull();
	} );
} );

describe( 'Governor fields', () => {
	it( 'accepts a checksummed, lowercase or uppercase address', () => {
		for ( const address of [
			'0x5FbDB2315678afecb367f032d93F642f64180aa3',
			'0x5fbdb2315678afecb367f032d93f642f64180aa3',
			'0x5FBDB2315678AFECB367F032D93F642F64180AA3',
		] ) {
			expect( governorProblem( address ) ).toBe( '' );
		}
	} );

	it( 'says whether an address is malformed or has a wrong checksum', () => {
		expect(
			governorProblem( '0x5FbDB2315678afecb367f032d93F642f64180aA3' )
		).toMatch( /wrong checksum/ );
		expect(
			governorProblem( '0x5FbDB2315678afecb367f032d93F642f64180a' )
		).toMatch( /40 hexadecimal digits/ );
		expect( governorProblem( 'society.eth' ) ).toMatch(
			/40 hexadecimal digits/
		);
	} );

	it( 'keeps proposal ids as decimal strings up to the largest uint256', () => {
		const max = ( 2n ** 256n - 1n ).toString();
		expect( governorIdProblem( max ) ).toBe( '' );
		expect( governorIdProblem( '0' ) ).toBe( '' );
		expect( governorIdProblem( ( 2n ** 256n ).toString() ) ).toMatch(
			/larger than any Governor allows/
		);
		expect( governorIdProblem( '0x2a' ) ).toMatch( /digits only/ );
		expect( governorIdProblem( '1e3' ) ).toMatch( /digits only/ );
		expect( governorIdProblem( '' ) ).toMatch( /digits only/ );
	} );
} );

describe( 'checkProposal', () => {
	const base: ProposalAttributes = {
		source: 'snapshot',
		url: '',
		space: '',
		proposalId: '',
		testnet: false,
		chainId: 0,
		governor: '',
	};
	const id = `0x${ 'ab'.repeat( 32 ) }`;

	it( 'asks for nothing, and says nothing, while the input is incomplete', () => {
		expect( checkProposal( base ) ).toEqual( { message: '' } );
		expect(
			checkProposal( { ...base, source: 'governor', chainId: 31337 } )
		).toEqual( { message: '' } );
	} );

	it( 'says what is wrong instead of asking the server', () => {
		expect(
			checkProposal( { ...base, url: 'https://example.com/#/x' } )
		).toEqual( { message: snapshotMessage( 'not_snapshot' ) } );
		expect(
			checkProposal( {
				...base,
				space: 'society.eth',
				proposalId: '0x12',
			} )
		).toEqual( { message: snapshotMessage( 'bad_id' ) } );
		expect(
			checkProposal( {
				...base,
				source: 'governor',
				chainId: 31337,
				governor: '0x5FbDB2315678afecb367f032d93F642f64180aA3',
				proposalId: '1',
			} )
		).toEqual( { message: expect.stringMatching( /wrong checksum/ ) } );
	} );

	it( 'asks with well-formed input, the id kept a string', () => {
		expect(
			checkProposal( {
				...base,
				url: `snapshot.box/#/s:society.eth/proposal/${ id }`,
			} )
		).toEqual( {
			query: {
				source: 'snapshot',
				url: `snapshot.box/#/s:society.eth/proposal/${ id }`,
			},
		} );
		const big =
			'53472400873981607449547539050199074000442490831067826984987297151333310022877';
		expect(
			checkProposal( {
				...base,
				source: 'governor',
				chainId: 31337,
				governor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
				proposalId: big,
			} )
		).toEqual( {
			query: {
				source: 'governor',
				chainId: 31337,
				governor: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
				proposalId: big,
			},
		} );
	} );
} );

describe( 'loadingMessage', () => {
	it( 'says what is loading from where, beside the spinner', () => {
		expect( loadingMessage( 'sovereign-press/proposal', 'snapshot' ) ).toBe(
			'Loading the proposal from Snapshot…'
		);
		expect( loadingMessage( 'sovereign-press/proposal', 'governor' ) ).toBe(
			'Loading the proposal from the chain…'
		);
		expect(
			loadingMessage( 'sovereign-press/proposals', 'snapshot' )
		).toBe( 'Loading the proposals from Snapshot…' );
		expect(
			loadingMessage( 'sovereign-press/proposals', 'governor' )
		).toBe( 'Loading the proposals from the chain…' );
	} );
} );
