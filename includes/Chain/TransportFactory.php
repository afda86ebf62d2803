<?php
/**
 * Where services get their transports from.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

/**
 * Services ask for a transport by chain id (or, for the connection test, by URL) and never build
 * one themselves: the composition root decides how requests travel (Networks, with the WordPress
 * HTTP transport), and tests hand in recorded ones.
 *
 * @since 0.1.0
 */
interface TransportFactory {

	/**
	 * A transport to the node configured for a chain, or null when the site has no such network.
	 *
	 * @since 0.1.0
	 * @since 0.4.0 $visitor_code.
	 *
	 * @param int   $chain_id     Chain id.
	 * @param float $timeout      Seconds each call may take unless the call says otherwise.
	 * @param bool  $visitor_code Whether the calls run code a visitor or a contributor chose (a
	 *                            contract wallet, an ENS resolver, a token to describe): their
	 *                            failures must not count against the node.
	 */
	public function for_chain( int $chain_id, float $timeout, bool $visitor_code = false ): ?Transport;

	/**
	 * A transport to any endpoint, configured or not (an admin tests a URL before saving it).
	 *
	 * @since 0.1.0
	 *
	 * @param string $url     Endpoint; may embed an API key, so it is never put in messages.
	 * @param float  $timeout Seconds each call may take unless the call says otherwise.
	 */
	public function for_url( string $url, float $timeout ): Transport;
}
