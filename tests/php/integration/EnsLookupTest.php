<?php
/**
 * ENS primary names against the registry and resolver on the local chain (scripts/lib/chain.mjs).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Chain\Ens;
use SovereignPress\Chain\Exception\RpcUnreachable;

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
}
