<?php
/**
 * This site as a sign-in message must name it: authority, origin and scheme of home_url().
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * Read from home_url() each time it is asked for, so a home_url filter (or a site moved to
 * another address) counts at once. The browser gets it from POST /auth/nonce and the verifier
 * checks the message against it: the server rebuilds nothing from what the browser says.
 *
 * @since 0.1.0
 */
final class SiteIdentity {

	/**
	 * @param string $domain Host, lowercased, with ":port" when the URL has one (the message's domain).
	 * @param string $origin scheme://domain (what the message's URI must start with).
	 * @param string $scheme http or https.
	 */
	public function __construct(
		public readonly string $domain,
		public readonly string $origin,
		public readonly string $scheme
	) {}

	/**
	 * The identity of the site at home_url().
	 *
	 * @since 0.1.0
	 */
	public static function current(): self {
		$parts  = wp_parse_url( home_url() );
		$scheme = strtolower( (string) ( $parts['scheme'] ?? 'https' ) );
		$domain = strtolower( (string) ( $parts['host'] ?? '' ) ) . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
		return new self( $domain, $scheme . '://' . $domain, $scheme );
	}
}
