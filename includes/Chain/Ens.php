<?php
/**
 * ENS primary names: reverse resolution, verified forward, with the avatar text record.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;
use SovereignPress\Crypto\Keccak256;

/**
 * A name counts only when it resolves back to the same address (forward verification), as ENS
 * asks of every app that shows primary names. Names are taken only when they are already in
 * normalised ASCII form (lowercase letters, digits, hyphens, dots); others are not shown rather
 * than shown unnormalised.
 *
 * @since 0.1.0
 */
final class Ens {

	public const REGISTRY = '0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e';

	public function __construct( private Transport $transport ) {}

	/**
	 * EIP-137 namehash.
	 */
	public static function namehash( string $name ): string {
		$node = str_repeat( "\0", 32 );
		if ( '' === $name ) {
			return $node;
		}
		foreach ( array_reverse( explode( '.', $name ) ) as $label ) {
			$node = Keccak256::hash( $node . Keccak256::hash( $label ) );
		}
		return $node;
	}

	/**
	 * The verified primary name of an address and its avatar URL (https only), or null.
	 *
	 * @return array{name:string, avatar:?string}|null
	 *
	 * @throws RpcException When the node cannot be reached.
	 */
	public function lookup( string $address ): ?array {
		return $this->lookup_many( array( $address ) )[ $address ] ?? null;
	}

	/**
	 * The verified primary names of many addresses in four Multicall3 reads, however many
	 * addresses: the reverse records' resolvers, their names, the names' resolvers, then each
	 * name's address (kept only when it is the address asked about) and avatar. An address that
	 * is not one is answered null.
	 *
	 * @since 0.2.0
	 *
	 * @param list<string> $addresses 0x addresses, any case.
	 * @return array<string, array{name:string, avatar:?string}|null> By address as given.
	 *
	 * @throws RpcException When the node cannot be reached.
	 */
	public function lookup_many( array $addresses ): array {
		$found    = array();
		$reverses = array();
		foreach ( array_unique( $addresses ) as $address ) {
			$found[ $address ] = null;
			try {
				$reverses[ $address ] = self::namehash( strtolower( substr( Address::checksum( $address ), 2 ) ) . '.addr.reverse' );
			} catch ( InvalidAddress ) {
				continue;
			}
		}

		$resolvers = $this->resolvers( $reverses );
		$names     = array();
		$answers   = $this->read( array_map( static fn( string $resolver, string $address ): array => self::call_to( $resolver, 'name(bytes32)', array( array( 'bytes32', $reverses[ $address ] ) ) ), $resolvers, array_keys( $resolvers ) ), array_keys( $resolvers ) );
		foreach ( $answers as $address => $answer ) {
			$name = self::decoded_string( $answer );
			if ( null !== $name && strlen( $name ) <= 255 && 1 === preg_match( '/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,}$/D', $name ) ) {
				$names[ $address ] = array( $name, self::namehash( $name ) );
			}
		}

		$forwards = $this->resolvers( array_map( static fn( array $name ): string => $name[1], $names ) );
		$calls    = array();
		foreach ( $forwards as $address => $forward ) {
			$node    = $names[ $address ][1];
			$calls[] = self::call_to( $forward, 'addr(bytes32)', array( array( 'bytes32', $node ) ) );
			$calls[] = self::call_to( $forward, 'text(bytes32,string)', array( array( 'bytes32', $node ), array( 'bytes', 'avatar' ) ) );
		}
		$answers = $this->read( $calls, array_keys( $calls ) );
		foreach ( array_keys( $forwards ) as $index => $address ) {
			$resolved = self::decoded_address( $answers[ 2 * $index ] );
			if ( null === $resolved || ! Address::equals( $resolved, (string) $address ) ) {
				continue;
			}
			$avatar            = self::decoded_string( $answers[ 2 * $index + 1 ] );
			$found[ $address ] = array(
				'name'   => $names[ $address ][0],
				'avatar' => null !== $avatar && 1 === preg_match( '#^https://\S+$#D', $avatar ) ? $avatar : null,
			);
		}
		return $found;
	}

	/**
	 * The registry's resolver of each node, in one read; nodes without one are left out.
	 *
	 * @param array<string, string> $nodes Nodes by address.
	 * @return array<string, string> Resolvers by address.
	 */
	private function resolvers( array $nodes ): array {
		$answers   = $this->read( array_map( static fn( string $node ): array => self::call_to( self::REGISTRY, 'resolver(bytes32)', array( array( 'bytes32', $node ) ) ), $nodes ), array_keys( $nodes ) );
		$resolvers = array();
		foreach ( $answers as $address => $answer ) {
			$resolver = self::decoded_address( $answer );
			if ( null !== $resolver && '0x' . str_repeat( '0', 40 ) !== $resolver ) {
				$resolvers[ $address ] = $resolver;
			}
		}
		return $resolvers;
	}

	/**
	 * The calls in one aggregate3; a revert or an empty answer (no contract) is "no record"
	 * (null), not an error.
	 *
	 * @param list<array{target:string, data:string}> $calls Calls.
	 * @param list<string|int>                        $keys  The key of each call's answer.
	 * @return array<string|int, ?string> Return data (bytes) by key.
	 */
	private function read( array $calls, array $keys ): array {
		$answers = ( new Multicall3( $this->transport ) )->aggregate3( array_values( $calls ) );
		$data    = array();
		foreach ( array_values( $keys ) as $index => $key ) {
			$answer       = $answers[ $index ];
			$data[ $key ] = $answer['success'] && '' !== $answer['data'] ? $answer['data'] : null;
		}
		return $data;
	}

	/**
	 * @param list<array{0:string, 1:string}> $args
	 * @return array{target:string, data:string}
	 */
	private static function call_to( string $to, string $signature, array $args ): array {
		return array(
			'target' => $to,
			'data'   => Abi::selector( $signature ) . Abi::encode( $args ),
		);
	}

	private static function decoded_address( ?string $data ): ?string {
		try {
			return null === $data ? null : Abi::decode_address( '0x' . bin2hex( $data ) );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
	}

	private static function decoded_string( ?string $data ): ?string {
		try {
			$value = null === $data ? null : Abi::decode_string( '0x' . bin2hex( $data ) );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
		return null === $value || '' === $value ? null : $value;
	}
}
