<?php
/**
 * What the server expects of a sign-in message: its own domain and URI, the chains it accepts,
 * the nonce it issued, and the time.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Siwe;

/**
 * @since 0.1.0
 */
final class Context {

	/**
	 * @param string    $domain    Expected authority (host[:port]) of this site.
	 * @param string    $uri       Expected origin of the message URI (scheme://authority), e.g. https://example.org.
	 * @param list<int> $chain_ids Chains a sign-in may name.
	 * @param string    $nonce     The nonce this server issued for this attempt.
	 * @param float     $now       Seconds since the epoch.
	 * @param int       $skew      Seconds of clock difference tolerated on each time check.
	 * @param string    $scheme    Expected scheme; a message without one is taken as https, as the spec says.
	 */
	public function __construct(
		public readonly string $domain,
		public readonly string $uri,
		public readonly array $chain_ids,
		public readonly string $nonce,
		public readonly float $now,
		public readonly int $skew = 60,
		public readonly string $scheme = 'https'
	) {}
}
