<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Ens;

final class EnsTest extends TestCase {

	/** The examples of EIP-137. */
	public function test_namehash_matches_eip_137(): void {
		$this->assertSame( str_repeat( '0', 64 ), bin2hex( Ens::namehash( '' ) ) );
		$this->assertSame( '93cdeb708b7545dc668eb9280176169d1c33cfd8ed6f04690a0bcc88a93fc4ae', bin2hex( Ens::namehash( 'eth' ) ) );
		$this->assertSame( 'de9b09fd7c5f901e23a3f19fecc54828e9c848539801e86591bd9801b019f84f', bin2hex( Ens::namehash( 'foo.eth' ) ) );
	}

	public function test_string_return_values_decode_and_bad_ones_are_refused(): void {
		$encoded = '0x' . bin2hex( Abi::encode( array( array( 'bytes', 'vitalik.eth' ) ) ) );
		$this->assertSame( 'vitalik.eth', Abi::decode_string( $encoded ) );

		$word      = static fn( int $n ): string => str_pad( dechex( $n ), 64, '0', STR_PAD_LEFT );
		$too_long  = '0x' . $word( 32 ) . $word( 64 ) . str_repeat( 'ab', 32 ); // Claims 64 bytes, carries 32.
		$bad_start = '0x' . $word( 4096 ) . $word( 1 ) . str_repeat( 'ab', 32 ); // Offset past the end.
		foreach ( array( '0x', '0x' . str_repeat( '00', 31 ), '0x' . str_repeat( 'ff', 64 ), $too_long, $bad_start ) as $bad ) {
			try {
				Abi::decode_string( $bad );
				$this->fail( "Accepted {$bad}" );
			} catch ( \InvalidArgumentException ) {
				$this->addToAssertionCount( 1 );
			}
		}
	}
}
