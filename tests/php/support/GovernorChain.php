<?php
/**
 * Governor proposals driven on the local chain, for integration tests (TestCase subclasses).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use SovereignPress\Chain\Abi;
use SovereignPress\Gating\Amount;

trait GovernorChain {

	/**
	 * Runs steps through scripts/governance.mjs (propose, vote, queue, execute, mine, advanceTime).
	 *
	 * @param list<array<string, mixed>> $steps
	 * @return list<mixed>
	 */
	private static function chain( array $steps ): array {
		$command = sprintf(
			'node %s %s %s %s 2>&1',
			escapeshellarg( dirname( __DIR__, 3 ) . '/scripts/governance.mjs' ),
			escapeshellarg( self::env( 'SP_RPC_URL' ) ),
			escapeshellarg( self::env( 'SP_DEPLOYMENT' ) ),
			escapeshellarg( (string) wp_json_encode( $steps ) )
		);
		exec( $command, $output, $status );
		self::assertSame( 0, $status, implode( "\n", $output ) );
		return json_decode( implode( "\n", $output ), true, 512, JSON_THROW_ON_ERROR );
	}

	/** A proposal action: the treasury sends SVOTE. */
	private static function transfer( string $to, string $whole ): array {
		$token = self::deployment()['contracts']['token'];
		return array(
			'target' => $token,
			'data'   => '0x' . bin2hex( Abi::selector( 'transfer(address,uint256)' ) . str_pad( Abi::hex_to_bytes( strtolower( $to ) ), 32, "\0", STR_PAD_LEFT ) . Amount::to_word( Amount::scale( $whole, 18 ) ) ),
		);
	}

	/** A demo wallet's address (scripts/lib/chain.mjs DEMO_WALLETS; #1 is the citizen with an ENS name). */
	private static function wallet( int $index ): string {
		return self::deployment()['wallets'][ $index ]['address'];
	}
}
