<?php
/**
 * Tests a JSON-RPC endpoint before the site relies on it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\ChainIdMismatch;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcInvalidResponse;

/**
 * Asks a node for eth_chainId and eth_blockNumber in one batch and times the round trip.
 *
 * @since 0.1.0
 */
final class ConnectionTest {

	public function __construct( private TransportFactory $transports ) {}

	/**
	 * @since 0.1.0
	 *
	 * @param string   $url      Endpoint (configured or not).
	 * @param int|null $expected Chain id the node should serve, if the caller knows it.
	 * @param float    $timeout  Seconds the test may take.
	 * @return array{chainId:int, blockNumber:int, latencyMs:int}
	 * @throws RpcException The typed failure; ChainIdMismatch when the node serves another chain.
	 */
	public function run( string $url, ?int $expected, float $timeout ): array {
		$transport = $this->transports->for_url( $url, $timeout );
		$started   = microtime( true );
		[ $chain_hex, $block_hex ] = $transport->batch(
			array(
				array( 'eth_chainId', array() ),
				array( 'eth_blockNumber', array() ),
			)
		);
		try {
			$chain_id     = Hex::quantity_to_int( $chain_hex );
			$block_number = Hex::quantity_to_int( $block_hex );
		} catch ( \InvalidArgumentException ) {
			throw new RpcInvalidResponse( 'eth_chainId or eth_blockNumber did not return a quantity.' );
		}
		if ( null !== $expected && $expected !== $chain_id ) {
			throw new ChainIdMismatch( $expected, $chain_id );
		}
		return array(
			'chainId'     => $chain_id,
			'blockNumber' => $block_number,
			'latencyMs'   => (int) round( ( microtime( true ) - $started ) * 1000 ),
		);
	}
}
