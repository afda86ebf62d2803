/**
 * The rule builder's helpers: groups, new conditions and clean values for the server.
 */
import {
	asGroup,
	clean,
	newCondition,
	presetId,
	tokenIdProblem,
} from '@/gating/rules';

describe( 'rule builder helpers', () => {
	it( 'edits a lone condition as a group of one, and nothing as an empty group', () => {
		expect( asGroup( { type: 'member' } ) ).toEqual( {
			type: 'all',
			conditions: [ { type: 'member' } ],
		} );
		expect( asGroup( {} ) ).toEqual( { type: 'all', conditions: [] } );
		expect( asGroup( undefined ) ).toEqual( {
			type: 'all',
			conditions: [],
		} );
	} );

	it( 'keeps the chain and contract when the condition type changes', () => {
		const nft = newCondition( 'erc721', {
			chainId: 10,
			contract: '0xabc',
		} );
		expect( newCondition( 'erc1155', nft ) ).toEqual( {
			type: 'erc1155',
			chainId: 10,
			contract: '0xabc',
			amount: '1',
			tokenId: '',
			label: undefined,
		} );
		expect( newCondition( 'member', nft ) ).toEqual( { type: 'member' } );
		expect( newCondition( 'native', {}, 31337 ) ).toEqual( {
			type: 'native',
			chainId: 31337,
			amount: '1',
		} );
	} );

	it( 'sends the server only the fields that were filled in', () => {
		expect(
			clean( {
				type: 'any',
				conditions: [
					{
						type: 'erc1155',
						chainId: 1,
						contract: '0xabc',
						tokenId: '',
						amount: '2',
						label: undefined,
					},
				],
			} )
		).toEqual( {
			type: 'any',
			conditions: [
				{ type: 'erc1155', chainId: 1, contract: '0xabc', amount: '2' },
			],
		} );
	} );

	it( 'derives a free preset id from its name', () => {
		expect( presetId( 'Core contributors', [] ) ).toBe(
			'core-contributors'
		);
		expect( presetId( 'Members', [ 'members', 'members-2' ] ) ).toBe(
			'members-3'
		);
		expect( presetId( '¡¡¡', [] ) ).toBe( 'preset' );
	} );

	describe( 'token ids (uint256, as decimal strings)', () => {
		const MAX =
			'115792089237316195423570985008687907853269984665640564039457584007913129639935';
		const TWO_TO_THE_256 =
			'115792089237316195423570985008687907853269984665640564039457584007913129639936';
		// 77 digits: the ENS token id of society.eth.
		const ENS_ID =
			'94250731554210039489822180635366392796594294608213416222659041377230662411270';

		it.each( [
			[ 'zero', '0' ],
			[ 'a 77-digit ENS id', ENS_ID ],
			[ '2^256 - 1', MAX ],
			[ 'leading zeros within 78 digits', '000' + ENS_ID.slice( 2 ) ],
		] )( 'accepts %s', ( _label, id ) => {
			expect( tokenIdProblem( id ) ).toBeUndefined();
		} );

		it( 'refuses 2^256 and says what the largest id is', () => {
			expect( tokenIdProblem( TWO_TO_THE_256 ) ).toBe(
				'This token id is larger than 2^256 − 1, the largest a token can have.'
			);
			expect( tokenIdProblem( '9'.repeat( 78 ) ) ).toBe(
				tokenIdProblem( TWO_TO_THE_256 )
			);
		} );

		it.each( [
			[ '79 digits', '1' + '0'.repeat( 78 ) ],
			[ '2^256 - 1 with a leading zero (79 characters)', '0' + MAX ],
			[ 'empty', '' ],
			[ 'negative', '-1' ],
			[ 'hex', '0x1f' ],
			[ 'an exponent', '1e18' ],
			[ 'a fraction', '1.0' ],
			[ 'a space inside', '1 2' ],
			[ 'non-ASCII digits', '١٢' ],
		] )( 'refuses %s as not a whole number', ( _label, id ) => {
			expect( tokenIdProblem( id ) ).toBe(
				'A token id is a whole number of at most 78 digits.'
			);
		} );

		it( 'sends ids digit for digit, without leading zeros, as the server stores them', () => {
			const nft = ( tokenId: string ) =>
				clean( {
					type: 'erc721',
					chainId: 1,
					contract: '0xabc',
					tokenId,
				} );
			expect( nft( ENS_ID ) ).toEqual( {
				type: 'erc721',
				chainId: 1,
				contract: '0xabc',
				tokenId: ENS_ID,
			} );
			expect( nft( MAX ) ).toMatchObject( { tokenId: MAX } );
			expect( nft( '000' + ENS_ID.slice( 2 ) ) ).toMatchObject( {
				tokenId: ENS_ID.slice( 2 ),
			} );
			expect( nft( '0000' ) ).toMatchObject( { tokenId: '0' } );
			// Left as typed when it is not an id, so the builder can say what is wrong.
			expect( nft( '0x1f' ) ).toMatchObject( { tokenId: '0x1f' } );
		} );
	} );
} );
