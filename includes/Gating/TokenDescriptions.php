<?php
/**
 * What a token contract says about itself, for labelling gate conditions.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Storage\Cache;
use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Multicall3;
use SovereignPress\Chain\TransportFactory;
use SovereignPress\Crypto\Address;

/**
 * Name, symbol, decimals and standard (ERC-20, ERC-721, ERC-1155 or unknown) of a contract on a
 * configured network, read in one Multicall3 call and cached.
 *
 * @phpstan-type Token array{chainId:int, contract:string, name:string, symbol:string, decimals:int|null, standard:string}
 *
 * @since 0.1.0
 */
final class TokenDescriptions {

	/** Seconds a description stays cached. */
	public const TTL = 86400;

	/** Seconds the read may take. */
	private const TIMEOUT = 5.0;

	/**
	 * @param TransportFactory $transports Nodes of the configured networks.
	 * @param Cache            $cache      Where descriptions are kept (for TTL seconds).
	 */
	public function __construct( private TransportFactory $transports, private Cache $cache ) {}

	/**
	 * The description of a contract, or null when the site has no network for the chain.
	 * Answers that are not a string or a supported interface read as empty or false, so any
	 * contract (or an address without code) gets a description.
	 *
	 * @since 0.1.0
	 *
	 * @return Token|null
	 * @throws RpcException When the node cannot be read.
	 */
	public function describe( int $chain_id, string $contract ): ?array {
		$contract  = Address::checksum( $contract );
		// The contract is the requester's choice: its failures do not open the network.
		$transport = $this->transports->for_chain( $chain_id, self::TIMEOUT, true );
		if ( null === $transport ) {
			return null;
		}
		$key    = $chain_id . '|' . $contract;
		$cached = $this->cache->get( $key );
		if ( null !== $cached ) {
			return $cached;
		}
		$interface = static fn( string $id ): array => array(
			'target' => $contract,
			'data'   => Abi::selector( 'supportsInterface(bytes4)' ) . (string) hex2bin( $id ) . str_repeat( "\0", 28 ),
		);
		[ $name, $symbol, $decimals, $erc721, $erc1155 ] = ( new Multicall3( $transport ) )->aggregate3(
			array(
				array( 'target' => $contract, 'data' => Abi::selector( 'name()' ) ),
				array( 'target' => $contract, 'data' => Abi::selector( 'symbol()' ) ),
				array( 'target' => $contract, 'data' => Abi::selector( 'decimals()' ) ),
				$interface( '80ac58cd' ),
				$interface( 'd9b67a26' ),
			)
		);
		$text     = static function ( array $answer ): string {
			if ( ! $answer['success'] || strlen( $answer['data'] ) < 64 ) {
				return '';
			}
			try {
				return sanitize_text_field( Abi::decode_string( '0x' . bin2hex( $answer['data'] ) ) );
			} catch ( \InvalidArgumentException ) {
				return '';
			}
		};
		$yes      = static fn( array $answer ): bool => $answer['success'] && 32 === strlen( $answer['data'] ) && "\1" === $answer['data'][31];
		$standard = match ( true ) {
			$yes( $erc1155 ) => 'erc1155',
			$yes( $erc721 ) => 'erc721',
			$decimals['success'] && 32 === strlen( $decimals['data'] ) && ord( $decimals['data'][31] ) <= 77 && str_repeat( "\0", 31 ) === substr( $decimals['data'], 0, 31 ) => 'erc20',
			default => 'unknown',
		};
		$token = array(
			'chainId'  => $chain_id,
			'contract' => $contract,
			'name'     => $text( $name ),
			'symbol'   => $text( $symbol ),
			'decimals' => 'erc20' === $standard ? ord( $decimals['data'][31] ) : null,
			'standard' => $standard,
		);
		$this->cache->set( $key, $token );
		return $token;
	}
}
