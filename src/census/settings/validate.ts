/**
 * Checks the census settings as the server will (includes/Census/CensusSettings.php), so an
 * admin sees what is wrong beside the field before saving. The server stays the authority.
 */
import { __ } from '@wordpress/i18n';
import { isAddress } from 'viem';

import type { Network } from '@/types/networks';

import type {
	CensusSettings,
	CensusToken,
	TreasuryAddress,
	TreasuryAsset,
	DeclaredFigure,
} from './types';
import { uniqueSlug } from '@/settings/slug';

type Errors< T > = Partial< Record< keyof T, string > >;

export interface CensusErrors {
	tokens: Errors< CensusToken >[];
	treasury: Errors< TreasuryAddress >[];
	assets: Errors< TreasuryAsset >[];
	declared: Errors< DeclaredFigure >[];
	economyToken?: string;
}

export const TOKEN_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const UINT256_MAX =
	115792089237316195423570985008687907853269984665640564039457584007913129639935n;

/**
 * 0x and 40 hex digits; mixed case must be the EIP-55 checksum (all-lowercase or all-uppercase
 * digits are fine).
 *
 * @param value
 */
export function isEthereumAddress( value: string ): boolean {
	if ( ! /^0x[0-9a-fA-F]{40}$/.test( value ) ) {
		return false;
	}
	const digits = value.slice( 2 );
	return (
		digits === digits.toLowerCase() ||
		digits === digits.toUpperCase() ||
		isAddress( value, { strict: true } )
	);
}

function isUint256( value: string ): boolean {
	return /^[0-9]{1,78}$/.test( value ) && BigInt( value ) <= UINT256_MAX;
}

/**
 * A token id not yet taken, from a name: "Society Token" -> "society-token" (or "-2", "-3"…).
 *
 * @param name  What the admin calls the token.
 * @param taken Ids already in use.
 */
export function tokenIdFor( name: string, taken: string[] ): string {
	// 28 leaves room for "-2"… within the server's 32.
	return uniqueSlug( name, taken, 28, 'token' );
}

const ADDRESS_ERROR = () =>
	__(
		'Enter a contract address: 0x and 40 hexadecimal digits (with a valid checksum when in mixed case).',
		'sovereign-press'
	);

const NETWORK_ERROR = () =>
	__( 'Choose one of the networks above.', 'sovereign-press' );

/**
 * Problems per field of every item, and of the economy token.
 *
 * @param census
 * @param networks The networks as edited (the census may name a network added in the same save).
 */
export function validateCensus(
	census: CensusSettings,
	networks: Network[]
): CensusErrors {
	const chains = new Set( networks.map( ( network ) => network.chainId ) );
	const ids = new Set< string >();
	const tokens = census.tokens.map( ( token ) => {
		const errors: Errors< CensusToken > = {};
		if ( ! TOKEN_ID.test( token.id ) ) {
			errors.id = __(
				'1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit.',
				'sovereign-press'
			);
		} else if ( ids.has( token.id ) ) {
			errors.id = __(
				'Another token has this id. Each token needs its own.',
				'sovereign-press'
			);
		}
		ids.add( token.id );
		if ( ! chains.has( token.chainId ) ) {
			errors.chainId = NETWORK_ERROR();
		}
		if ( ! isEthereumAddress( token.address.trim() ) ) {
			errors.address = ADDRESS_ERROR();
		}
		if ( token.standard === 'erc1155' && ! isUint256( token.tokenId ) ) {
			errors.tokenId = __(
				'Enter the token id: a whole number from 0 to 2^256 − 1.',
				'sovereign-press'
			);
		}
		const minimum =
			token.standard === 'erc20'
				? /^\d{1,60}(\.\d{1,60})?$/
				: /^\d{1,60}$/;
		if (
			! minimum.test( token.minBalance ) ||
			! /[1-9]/.test( token.minBalance )
		) {
			errors.minBalance =
				token.standard === 'erc20'
					? __(
							'A number above zero, such as 100 or 0.5.',
							'sovereign-press'
						)
					: __( 'A whole number above zero.', 'sovereign-press' );
		}
		if ( ! Number.isInteger( token.startBlock ) || token.startBlock < 0 ) {
			errors.startBlock = __(
				'A block number: a whole number, 0 or more.',
				'sovereign-press'
			);
		}
		return errors;
	} );

	const places = new Set< string >();
	const treasury = census.treasury.map( ( place ) => {
		const errors: Errors< TreasuryAddress > = {};
		if ( ! chains.has( place.chainId ) ) {
			errors.chainId = NETWORK_ERROR();
		}
		const key = `${ place.chainId }:${ place.address.toLowerCase() }`;
		if ( ! isEthereumAddress( place.address.trim() ) ) {
			errors.address = __(
				'Enter an address: 0x and 40 hexadecimal digits.',
				'sovereign-press'
			);
		} else if ( places.has( key ) ) {
			errors.address = __(
				'This address on this network is listed already.',
				'sovereign-press'
			);
		}
		places.add( key );
		return errors;
	} );

	const assetKeys = new Set< string >();
	const assets = census.assets.map( ( asset ) => {
		const errors: Errors< TreasuryAsset > = {};
		if ( ! chains.has( asset.chainId ) ) {
			errors.chainId = NETWORK_ERROR();
		}
		const key = `${ asset.chainId }:${ asset.token.toLowerCase() }`;
		if ( asset.token !== '' && ! isEthereumAddress( asset.token ) ) {
			errors.token = ADDRESS_ERROR();
		} else if ( assetKeys.has( key ) ) {
			errors.token = __(
				'This asset on this network is listed already.',
				'sovereign-press'
			);
		}
		assetKeys.add( key );
		if (
			asset.priceFeed !== '' &&
			! isEthereumAddress( asset.priceFeed )
		) {
			errors.priceFeed = ADDRESS_ERROR();
		}
		if (
			! Number.isInteger( asset.maxAgeSeconds ) ||
			asset.maxAgeSeconds < 60 ||
			asset.maxAgeSeconds > 2592000
		) {
			errors.maxAgeSeconds = __(
				'From 60 seconds to 30 days (2592000 seconds).',
				'sovereign-press'
			);
		}
		return errors;
	} );

	const declared = census.declared.map( ( figure ) => {
		const errors: Errors< DeclaredFigure > = {};
		if ( figure.label.trim() === '' ) {
			errors.label = __( 'Name the figure.', 'sovereign-press' );
		}
		if ( figure.value.trim() === '' ) {
			errors.value = __( 'Enter its value.', 'sovereign-press' );
		}
		return errors;
	} );

	const result: CensusErrors = { tokens, treasury, assets, declared };
	if (
		census.economyToken !== '' &&
		! census.tokens.some(
			( token ) =>
				token.id === census.economyToken && token.standard === 'erc20'
		)
	) {
		result.economyToken = __(
			'Choose one of the ERC-20 tokens above, or none.',
			'sovereign-press'
		);
	}
	return result;
}

export function hasCensusErrors( errors: CensusErrors ): boolean {
	return (
		errors.economyToken !== undefined ||
		[
			...errors.tokens,
			...errors.treasury,
			...errors.assets,
			...errors.declared,
		].some( ( item ) => Object.keys( item ).length > 0 )
	);
}
