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
		$address = Address::checksum( $address );
		$reverse = self::namehash( strtolower( substr( $address, 2 ) ) . '.addr.reverse' );
		$resolver = $this->resolver( $reverse );
		if ( null === $resolver ) {
			return null;
		}
		$name = $this->read_string( $resolver, 'name(bytes32)', array( array( 'bytes32', $reverse ) ) );
		if ( null === $name || 1 !== preg_match( '/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,}$/D', $name ) || strlen( $name ) > 255 ) {
			return null;
		}
		$node    = self::namehash( $name );
		$forward = $this->resolver( $node );
		if ( null === $forward ) {
			return null;
		}
		$result = $this->call( $forward, 'addr(bytes32)', array( array( 'bytes32', $node ) ) );
		try {
			$resolved = null === $result ? null : Abi::decode_address( $result );
		} catch ( \InvalidArgumentException ) {
			$resolved = null;
		}
		if ( null === $resolved || ! Address::equals( $resolved, $address ) ) {
			return null;
		}
		$avatar = $this->read_string( $forward, 'text(bytes32,string)', array( array( 'bytes32', $node ), array( 'bytes', 'avatar' ) ) );
		return array(
			'name'   => $name,
			'avatar' => null !== $avatar && 1 === preg_match( '#^https://\S+$#D', $avatar ) ? $avatar : null,
		);
	}

	private function resolver( string $node ): ?string {
		$result = $this->call( self::REGISTRY, 'resolver(bytes32)', array( array( 'bytes32', $node ) ) );
		try {
			$resolver = null === $result ? null : Abi::decode_address( $result );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
		return null === $resolver || '0x' . str_repeat( '0', 40 ) === $resolver ? null : $resolver;
	}

	/**
	 * @param list<array{0:string, 1:string}> $args
	 */
	private function read_string( string $to, string $signature, array $args ): ?string {
		$result = $this->call( $to, $signature, $args );
		try {
			$value = null === $result ? null : Abi::decode_string( $result );
		} catch ( \InvalidArgumentException ) {
			return null;
		}
		return null === $value || '' === $value ? null : $value;
	}

	/**
	 * eth_call; a revert or an empty answer (no contract) is "no record", not an error.
	 *
	 * @param list<array{0:string, 1:string}> $args
	 */
	private function call( string $to, string $signature, array $args ): ?string {
		$data = '0x' . bin2hex( Abi::selector( $signature ) . Abi::encode( $args ) );
		try {
			$result = $this->transport->call( 'eth_call', array( array( 'to' => $to, 'data' => $data ), 'latest' ) );
		} catch ( Exception\RpcErrorResponse ) {
			return null;
		}
		return is_string( $result ) && strlen( $result ) > 2 ? $result : null;
	}
}
