/**
 * The rule builder's helpers: groups, new conditions and clean values for the server.
 */
import { asGroup, clean, newCondition, presetId } from '@/editor/rules';

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
} );
