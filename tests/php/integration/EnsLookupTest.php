<?php
/**
 * ENS primary names against the registry and resolver on the local chain (scripts/lib/chain.mjs).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Chain\Ens;
use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Transport;

final class EnsLookupTest extends TestCase {

	public function test_a_verified_name_comes_with_its_avatar(): void {
		$wallets = self::deployment()['wallets'];
		$ens     = ( new Ens( self::transport() ) )->lookup( $wallets[1]['address'] );
		$this->assertSame( array( 'name' => 'citizen.society.eth', 'avatar' => 'https://example.org/citizen.png' ), $ens );
	}

	public function test_a_reverse_record_whose_name_points_elsewhere_is_ignored(): void {
		$wallets = self::deployment()['wallets'];
		$this->assertNull( ( new Ens( self::transport() ) )->lookup( $wallets[2]['address'] ) );
	}

	public function test_an_address_without_records_has_no_name(): void {
		$wallets = self::deployment()['wallets'];
		$this->assertNull( ( new Ens( self::transport() ) )->lookup( $wallets[3]['address'] ) );
	}

	public function test_an_unreachable_node_is_an_error_not_an_absent_name(): void {
		$this->expectException( RpcUnreachable::class );
		( new Ens( self::transport( 'http://127.0.0.1:9', 1.0 ) ) )->lookup( self::deployment()['wallets'][1]['address'] );
	}

	public function test_many_addresses_are_read_in_four_requests_with_the_same_checks(): void {
		$wallets  = array_column( self::deployment()['wallets'], 'address' );
		$counting = self::counting( self::transport() );
		$asked    = array( $wallets[1], $wallets[2], $wallets[3], strtolower( $wallets[1] ), 'not an address', $wallets[0] );
		$found    = ( new Ens( $counting ) )->lookup_many( $asked );

		$this->assertSame( $asked, array_keys( $found ), 'Every address asked about is answered, by the address as given.' );
		$this->assertSame( array( 'name' => 'citizen.society.eth', 'avatar' => 'https://example.org/citizen.png' ), $found[ $wallets[1] ] );
		$this->assertSame( $found[ $wallets[1] ], $found[ strtolower( $wallets[1] ) ] );
		$this->assertNull( $found[ $wallets[2] ], 'A reverse record whose name resolves to another address is ignored.' );
		$this->assertNull( $found[ $wallets[3] ] );
		$this->assertNull( $found['not an address'] );
		$this->assertNull( $found[ $wallets[0] ] );
		$this->assertSame( 4, $counting->requests, 'Reverse resolvers, names, forward resolvers, then addresses and avatars: one request each.' );
		$this->assertSame( array( 'eth_call' ), array_values( array_unique( $counting->methods ) ) );

		// The same four requests for one address: lookup() is lookup_many() of one.
		$single = self::counting( self::transport() );
		$this->assertSame( $found[ $wallets[1] ], ( new Ens( $single ) )->lookup( $wallets[1] ) );
		$this->assertSame( 4, $single->requests );
		$none = self::counting( self::transport() );
		$this->assertNull( ( new Ens( $none ) )->lookup( $wallets[3] ) );
		$this->assertSame( 1, $none->requests, 'Without a reverse resolver the lookup stops after the first read.' );
	}

	public function test_an_unreachable_node_fails_the_whole_batch(): void {
		$this->expectException( RpcUnreachable::class );
		( new Ens( self::transport( 'http://127.0.0.1:9', 1.0 ) ) )->lookup_many( array_column( self::deployment()['wallets'], 'address' ) );
	}

	/**
	 * A transport that counts the requests it sends.
	 */
	private static function counting( Transport $inner ): Transport {
		return new class( $inner ) implements Transport {
			public int $requests = 0;

			/** @var list<string> */
			public array $methods = array();

			public function __construct( private Transport $inner ) {}

			public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
				++$this->requests;
				$this->methods[] = $method;
				return $this->inner->call( $method, $params, $timeout );
			}

			public function batch( array $calls, ?float $timeout = null ): array {
				++$this->requests;
				array_push( $this->methods, ...array_column( $calls, 0 ) );
				return $this->inner->batch( $calls, $timeout );
			}
		};
	}
}
