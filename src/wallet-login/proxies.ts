/**
 * Checks the trusted-proxy fields as the server will (includes/Auth/WalletLoginSettings.php and
 * ClientAddress::is_range), so an admin sees what is wrong beside the field before saving. The
 * server stays the authority.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { WalletLoginSettings } from './types';

const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp( `^${ IPV4_OCTET }(\\.${ IPV4_OCTET }){3}$` );
const HEADER = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

/** Proxies a site may list (WalletLoginSettings::MAX_PROXIES). */
export const MAX_PROXIES = 50;

function isIpv6( value: string ): boolean {
	if ( ! /^[0-9A-Fa-f:.]+$/.test( value ) || ! value.includes( ':' ) ) {
		return false;
	}
	try {
		// The URL parser knows every IPv6 spelling, and refuses what is not one.
		return new URL( `http://[${ value }]/` ).hostname !== '';
	} catch {
		return false;
	}
}

/**
 * Whether a trusted-proxy entry is an IP address or a CIDR range (such as 10.0.0.0/8).
 *
 * @param value The entry.
 */
export function isProxyRange( value: string ): boolean {
	const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec( value );
	if ( ! match || match[ 1 ] === undefined ) {
		return false;
	}
	let bits = 0;
	if ( IPV4.test( match[ 1 ] ) ) {
		bits = 32;
	} else if ( isIpv6( match[ 1 ] ) ) {
		bits = 128;
	}
	return (
		bits > 0 && ( match[ 2 ] === undefined || Number( match[ 2 ] ) <= bits )
	);
}

/**
 * The entries of the trusted-proxies field: one per line, blank lines left out.
 *
 * @param text What the field holds.
 */
export function proxyLines( text: string ): string[] {
	return text
		.split( /[\r\n]+/ )
		.map( ( line ) => line.trim() )
		.filter( ( line ) => line !== '' );
}

export interface ProxyErrors {
	trustedProxies?: string;
	proxyHeader?: string;
}

/**
 * Problems of the proxy fields; empty when both are sound.
 *
 * @param value The wallet login settings.
 */
export function validateProxies(
	value: Pick< WalletLoginSettings, 'trustedProxies' | 'proxyHeader' >
): ProxyErrors {
	const errors: ProxyErrors = {};
	const wrong = value.trustedProxies.find(
		( entry ) => ! isProxyRange( entry )
	);
	if ( wrong !== undefined ) {
		errors.trustedProxies = sprintf(
			/* translators: %s: what was entered as a trusted proxy. */
			__(
				'"%s" is not an IP address or a CIDR range (such as 10.0.0.0/8).',
				'sovereign-press'
			),
			wrong
		);
	} else if ( value.trustedProxies.length > MAX_PROXIES ) {
		errors.trustedProxies = sprintf(
			/* translators: %d: the largest number of trusted proxies. */
			__( 'List at most %d proxies or ranges.', 'sovereign-press' ),
			MAX_PROXIES
		);
	}
	if ( ! HEADER.test( value.proxyHeader ) ) {
		errors.proxyHeader = __(
			'Enter a header name of letters, digits and hyphens, such as X-Forwarded-For.',
			'sovereign-press'
		);
	}
	return errors;
}
