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
 * Looks up configured networks and builds RPC clients for them. RPC URLs stay on the server:
 * public_list() is the only shape meant for browsers.
 *
 * @phpstan-import-type Network from Settings
 *
 * @since 0.1.0
 */
final class Networks {

	public function __construct( private Settings $settings ) {}

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
	 * An RPC client for a configured chain, or null when the chain is not configured.
	 */
	public function client( int $chain_id, float $timeout = RpcClient::DEFAULT_TIMEOUT ): ?RpcClient {
		$network = $this->find( $chain_id );
		return null === $network ? null : new RpcClient( $network['rpcUrl'], $timeout );
	}
}
