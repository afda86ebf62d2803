import { __, sprintf } from '@wordpress/i18n';

import type { Network } from '@/types/networks';

export type NetworkField = keyof Network;

/** Problems per field of one network row; empty when the row is valid. */
export type NetworkErrors = Partial< Record< NetworkField, string > >;

const HTTP_URL = /^https?:\/\/\S+$/i;
const MAX_CHAIN_ID = Number.MAX_SAFE_INTEGER;

function isHttpUrl( value: string ): boolean {
	if ( ! HTTP_URL.test( value ) ) {
		return false;
	}
	try {
		return new URL( value ).hostname !== '';
	} catch {
		return false;
	}
}

/**
 * Checks the rows as the server's schema will, so an admin sees problems before saving.
 * The server stays the authority: it refuses the same values with its own messages.
 * @param networks
 */
export function validateNetworks( networks: Network[] ): NetworkErrors[] {
	const seen = new Map< number, number >();
	return networks.map( ( network, index ) => {
		const errors: NetworkErrors = {};
		if (
			! Number.isInteger( network.chainId ) ||
			network.chainId < 1 ||
			network.chainId > MAX_CHAIN_ID
		) {
			errors.chainId = __(
				'Enter the chain id as a whole number, such as 1 for Ethereum or 31337 for a local chain.',
				'sovereign-press'
			);
		} else if ( seen.has( network.chainId ) ) {
			errors.chainId = sprintf(
				/* translators: %d: position of the other network in the list. */
				__(
					'Network %d already uses this chain id.',
					'sovereign-press'
				),
				( seen.get( network.chainId ) ?? 0 ) + 1
			);
		} else {
			seen.set( network.chainId, index );
		}
		if ( network.name.trim() === '' ) {
			errors.name = __(
				'Give the network a name readers will recognise.',
				'sovereign-press'
			);
		}
		if ( ! isHttpUrl( network.rpcUrl.trim() ) ) {
			errors.rpcUrl = __(
				'Enter an http:// or https:// URL.',
				'sovereign-press'
			);
		}
		if (
			network.explorerUrl.trim() !== '' &&
			! isHttpUrl( network.explorerUrl.trim() )
		) {
			errors.explorerUrl = __(
				'Enter an http:// or https:// URL, or leave this empty.',
				'sovereign-press'
			);
		}
		return errors;
	} );
}

export function hasErrors( errors: NetworkErrors[] ): boolean {
	return errors.some( ( row ) => Object.keys( row ).length > 0 );
}
