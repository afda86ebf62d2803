<?php
/**
 * Multicall3 aggregate3 against the real contract at its canonical address on the local chain.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Multicall3;

final class Multicall3Test extends TestCase {

	public function test_many_reads_come_back_from_one_request_each_with_its_own_outcome(): void {
		$deployment = self::deployment();
		$citizen    = $deployment['wallets'][1]['address'];
		$visitor    = $deployment['wallets'][3]['address'];
		$address    = static fn( string $a ): string => (string) hex2bin( substr( $a, 2 ) );
		$requests   = 0;
		$count      = static function ( $pre ) use ( &$requests ) {
			++$requests;
			return $pre;
		};
		add_filter( 'pre_http_request', $count );

		$answers = ( new Multicall3( self::transport() ) )->aggregate3(
			array(
				array( 'target' => $deployment['contracts']['token'], 'data' => Abi::selector( 'balanceOf(address)' ) . Abi::encode( array( array( 'address', $address( $citizen ) ) ) ) ),
				array( 'target' => $deployment['contracts']['token'], 'data' => Abi::selector( 'balanceOf(address)' ) . Abi::encode( array( array( 'address', $address( $visitor ) ) ) ) ),
				array( 'target' => Multicall3::ADDRESS, 'data' => Abi::selector( 'getEthBalance(address)' ) . Abi::encode( array( array( 'address', $address( $visitor ) ) ) ) ),
				// ContractWallet.execute() reverts for anyone but its owner: that call alone fails.
				array( 'target' => $deployment['contracts']['contractWallet'], 'data' => Abi::selector( 'execute(address,uint256,bytes)' ) . Abi::encode( array( array( 'address', str_repeat( "\0", 20 ) ), array( 'bytes32', str_repeat( "\0", 32 ) ), array( 'bytes', '' ) ) ) ),
			)
		);
		remove_filter( 'pre_http_request', $count );

		$this->assertSame( 1, $requests );
		$this->assertSame( array( true, true, true, false ), array_column( $answers, 'success' ) );
		$this->assertSame( '56bc75e2d63100000', ltrim( bin2hex( $answers[0]['data'] ), '0' ), '100 SVOTE with 18 decimals.' );
		$this->assertSame( str_repeat( '0', 64 ), bin2hex( $answers[1]['data'] ), 'The visitor holds no SVOTE.' );
		$balance = self::transport()->call( 'eth_getBalance', array( $visitor, 'latest' ) );
		$this->assertSame( ltrim( substr( (string) $balance, 2 ), '0' ), ltrim( bin2hex( $answers[2]['data'] ), '0' ) );
		$this->assertNotSame( str_repeat( '0', 64 ), bin2hex( $answers[2]['data'] ), 'The visitor has ETH.' );
	}

	public function test_an_unreachable_node_is_an_error_for_the_caller_to_fail_closed_on(): void {
		$this->expectException( RpcUnreachable::class );
		( new Multicall3( self::transport( 'http://127.0.0.1:9', 1.0 ) ) )->aggregate3( array( array( 'target' => Multicall3::ADDRESS, 'data' => Abi::selector( 'getBlockNumber()' ) ) ) );
	}
}
