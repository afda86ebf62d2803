<?php
/**
 * The address a request comes from, as rate limits count it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Settings\Settings;

/**
 * REMOTE_ADDR, unless it is one of the site's trusted proxies: then the forwarded header (such as
 * X-Forwarded-For) is read from the right, and the first address that is not itself a trusted
 * proxy is the client. Anything left of it was written by the client and is never believed. An
 * IPv6 client counts by its /64 network, which one subscriber usually holds whole.
 *
 * @since 0.4.0
 */
final class ClientAddress {

	public function __construct( private Settings $settings ) {}

	/**
	 * The key limits count this request under: an IPv4 address, an IPv6 /64 network, or '' when
	 * the server gives no address (WP-CLI).
	 *
	 * @since 0.4.0
	 */
	public function current(): string {
		$remote = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		$login  = $this->settings->wallet_login();
		$server = 'HTTP_' . strtoupper( str_replace( '-', '_', $login['proxyHeader'] ) );
		$header = isset( $_SERVER[ $server ] ) ? sanitize_text_field( wp_unslash( $_SERVER[ $server ] ) ) : '';
		$ip     = self::resolve( $remote, $header, $login['trustedProxies'] );
		/**
		 * Filters the client address used for sign-in rate limits.
		 *
		 * @since 0.1.0
		 * @since 0.4.0 Receives the address after the trusted proxies are applied, and REMOTE_ADDR.
		 *
		 * @param string $ip     The client's address.
		 * @param string $remote REMOTE_ADDR.
		 */
		return self::bucket( (string) apply_filters( 'sovereign_press_client_ip', $ip, $remote ) );
	}

	/**
	 * The client's address, from the connection's address and the forwarded header.
	 *
	 * @since 0.4.0
	 *
	 * @param string       $remote  REMOTE_ADDR.
	 * @param string       $header  The forwarded header's value: addresses separated by commas.
	 * @param list<string> $trusted Trusted proxies: addresses and CIDR ranges.
	 */
	public static function resolve( string $remote, string $header, array $trusted ): string {
		$client = self::address( $remote ) ?? '';
		if ( '' === $client || ! self::trusted( $client, $trusted ) ) {
			return $client;
		}
		foreach ( array_reverse( explode( ',', $header ) ) as $hop ) {
			$hop = self::address( $hop );
			// A hop a trusted proxy could not parse ends the walk at the proxy that wrote it.
			if ( null === $hop ) {
				break;
			}
			$client = $hop;
			if ( ! self::trusted( $hop, $trusted ) ) {
				break;
			}
		}
		return $client;
	}

	/**
	 * Whether an address is one of the trusted proxies.
	 *
	 * @param list<string> $trusted Addresses and CIDR ranges.
	 */
	private static function trusted( string $ip, array $trusted ): bool {
		foreach ( $trusted as $range ) {
			if ( self::in_range( $ip, $range ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an address lies in a range ("192.0.2.0/24", "2001:db8::/32" or one address).
	 *
	 * @since 0.4.0
	 */
	public static function in_range( string $ip, string $range ): bool {
		$parts  = explode( '/', $range, 2 );
		$base   = self::address( $parts[0] );
		$ip     = self::address( $ip );
		$packed = null === $ip ? false : inet_pton( $ip );
		if ( null === $base || false === $packed ) {
			return false;
		}
		$base_packed = (string) inet_pton( $base );
		$bits        = strlen( $base_packed ) * 8;
		$prefix      = isset( $parts[1] ) ? (int) $parts[1] : $bits;
		// An IPv4-mapped range ("::ffff:10.0.0.0/104") is the IPv4 range its last 32 bits name.
		if ( 32 === $bits && isset( $parts[1] ) && str_contains( $parts[0], ':' ) ) {
			$prefix -= 96;
		}
		if ( strlen( $packed ) !== strlen( $base_packed ) || $prefix < 0 || $prefix > $bits ) {
			return false;
		}
		$bytes = intdiv( $prefix, 8 );
		if ( substr( $packed, 0, $bytes ) !== substr( $base_packed, 0, $bytes ) ) {
			return false;
		}
		$rest = $prefix % 8;
		if ( 0 === $rest ) {
			return true;
		}
		$mask = ( 0xff << ( 8 - $rest ) ) & 0xff;
		return ( ord( $packed[ $bytes ] ) & $mask ) === ( ord( $base_packed[ $bytes ] ) & $mask );
	}

	/**
	 * Whether a trusted-proxy entry is an address or a CIDR range.
	 *
	 * @since 0.4.0
	 */
	public static function is_range( string $range ): bool {
		if ( 1 !== preg_match( '~^([0-9A-Fa-f:.]+)(?:/(\d{1,3}))?$~D', $range, $match ) || false === filter_var( $match[1], FILTER_VALIDATE_IP ) ) {
			return false;
		}
		$bits = str_contains( $match[1], ':' ) ? 128 : 32;
		return ! isset( $match[2] ) || (int) $match[2] <= $bits;
	}

	/**
	 * One address in canonical form, without brackets or port ("[2001:db8::1]:443", "192.0.2.1:80")
	 * or Forwarded's for= ('for="[2001:db8::1]:443";proto=https'), an IPv4-mapped IPv6 address as
	 * IPv4; null when it is not an address.
	 */
	private static function address( string $value ): ?string {
		$value = trim( $value );
		// An RFC 7239 Forwarded element names the address in its for= parameter.
		if ( 1 === preg_match( '/(?:^|;)\s*for\s*=\s*"?([^";]*)"?/i', $value, $match ) ) {
			$value = trim( $match[1] );
		}
		if ( 1 === preg_match( '/^\[([^\]]+)\](?::\d+)?$/D', $value, $match ) ) {
			$value = $match[1];
		} elseif ( 1 === preg_match( '/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/D', $value, $match ) ) {
			$value = $match[1];
		}
		if ( false === filter_var( $value, FILTER_VALIDATE_IP ) ) {
			return null;
		}
		$packed = (string) inet_pton( $value );
		if ( 16 === strlen( $packed ) && str_starts_with( $packed, str_repeat( "\0", 10 ) . "\xff\xff" ) ) {
			$packed = substr( $packed, 12 );
		}
		return (string) inet_ntop( $packed );
	}

	/**
	 * The key an address counts under: IPv4 as it is, IPv6 by its /64 network.
	 *
	 * @since 0.4.0
	 */
	public static function bucket( string $value ): string {
		$ip = self::address( $value );
		if ( null === $ip ) {
			// Not an address: a key a filter chose, kept as the store can hold it.
			return substr( $value, 0, 45 );
		}
		if ( ! str_contains( $ip, ':' ) ) {
			return $ip;
		}
		return inet_ntop( substr( (string) inet_pton( $ip ), 0, 8 ) . str_repeat( "\0", 8 ) ) . '/64';
	}
}
