<?php
/**
 * The configured EVM networks.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Settings\Settings;

/**
 * Looks up configured networks and hands out transports to their nodes. RPC URLs stay on the
 * server: public_list() is the only shape meant for browsers. A configured network's transport
 * goes through its circuit breaker (shared by every web node; the open time is a setting), so a
 * node that just failed is not waited for again.
 *
 * @phpstan-import-type Network from Settings
 *
 * @since 0.1.0
 */
final class Networks implements TransportFactory {

	/** Start of the name of each network's breaker record (with the chain id and the URL's hash). */
	public const BREAKER_PREFIX = 'sovereign_press_breaker_';

	/**
	 * @param Settings                          $settings Where the networks are configured.
	 * @param \Closure(string, float): Transport $connect  A transport to a URL with a default timeout
	 *                                                    (the composition root's WpHttpTransport).
	 */
	public function __construct( private Settings $settings, private \Closure $connect ) {}

	/**
	 * @return list<Network>
	 */
	public function all(): array {
		return $this->settings->networks();
	}

	/**
	 * Chain ids of the configured networks.
	 *
	 * @return list<int>
	 */
	public function chain_ids(): array {
		return array_column( $this->all(), 'chainId' );
	}

	/**
	 * @return Network|null
	 */
	public function find( int $chain_id ): ?array {
		foreach ( $this->all() as $network ) {
			if ( $network['chainId'] === $chain_id ) {
				return $network;
			}
		}
		return null;
	}

	/**
	 * Networks without their RPC URLs (which may embed API keys), for front-end code.
	 *
	 * @return list<array{chainId:int, name:string, explorerUrl:string}>
	 */
	public function public_list(): array {
		return array_map(
			static fn( array $network ): array => array(
				'chainId'     => $network['chainId'],
				'name'        => $network['name'],
				'explorerUrl' => $network['explorerUrl'],
			),
			$this->all()
		);
	}

	/**
	 * A transport to a configured chain's node, or null when the chain is not configured.
	 *
	 * @since 0.1.0
	 * @since 0.4.0 $visitor_code: true for calls whose code a visitor chooses (a contract wallet, an
	 *              ENS resolver), whose failures do not open the network (see CircuitBreaker).
	 */
	public function for_chain( int $chain_id, float $timeout, bool $visitor_code = false ): ?Transport {
		$network = $this->find( $chain_id );
		if ( null === $network ) {
			return null;
		}
		return new CircuitBreaker(
			$this->for_url( $network['rpcUrl'], $timeout ),
			new BreakerState( self::BREAKER_PREFIX . $chain_id . '_' . substr( md5( $network['rpcUrl'] ), 0, 12 ) ),
			$chain_id,
			$this->settings->gating()['breakerSeconds'],
			$timeout,
			! $visitor_code
		);
	}

	/**
	 * A transport to any URL, configured or not (the connection test).
	 *
	 * @since 0.1.0
	 */
	public function for_url( string $url, float $timeout ): Transport {
		return ( $this->connect )( $url, $timeout );
	}
}
