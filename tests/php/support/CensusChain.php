<?php
/**
 * The census test tokens driven on the local chain, for integration tests (TestCase subclasses).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Transport;
use SovereignPress\Gating\Amount;

/**
 * Fresh tokens per test (scripts/census-chain.mjs deploys them), transactions sent from the
 * chain's unlocked development accounts, and balanceOf read at any block for the recount.
 */
trait CensusChain {

	/**
	 * Deploys an ERC-20, an ERC-721 and an ERC-1155 anyone may mint.
	 *
	 * @return array{token:string, nft:string, badge:string, block:int}
	 */
	protected static function deploy_tokens(): array {
		exec( sprintf( 'node %s %s 2>&1', escapeshellarg( dirname( __DIR__, 3 ) . '/scripts/census-chain.mjs' ), escapeshellarg( (string) getenv( 'SP_RPC_URL' ) ) ), $output, $status );
		\PHPUnit\Framework\Assert::assertSame( 0, $status, implode( "\n", $output ) );
		return json_decode( implode( "\n", $output ), true, 512, JSON_THROW_ON_ERROR );
	}

	protected static function node(): Transport {
		return \SovereignPress\Plugin::instance()->networks()->for_url( (string) getenv( 'SP_RPC_URL' ), 10.0 );
	}

	/** Unlocked development accounts 10–19 (the demo uses the first ones). */
	protected static function actor( int $index ): string {
		static $accounts = null;
		$accounts ??= self::node()->call( 'eth_accounts' );
		return strtolower( $accounts[ 10 + $index ] );
	}

	/**
	 * Sends a contract call from an unlocked account and returns the block it was mined in.
	 *
	 * @param list<array{0:string, 1:mixed}> $args ['address', 0x…] | ['uint', decimal] | ['uint[]', list] | ['bytes', '']
	 */
	protected static function send( string $from, string $to, string $signature, array $args ): int {
		$hash    = self::node()->call( 'eth_sendTransaction', array( array( 'from' => $from, 'to' => $to, 'data' => '0x' . bin2hex( Abi::selector( $signature ) . self::encode( $args ) ), 'gas' => '0x7a120' ) ) );
		$receipt = self::node()->call( 'eth_getTransactionReceipt', array( $hash ) );
		\PHPUnit\Framework\Assert::assertSame( '0x1', $receipt['status'] ?? null, "{$signature} failed." );
		return Hex::quantity_to_int( $receipt['blockNumber'] );
	}

	/**
	 * abi.encode of static words, uint256 arrays and empty bytes.
	 *
	 * @param list<array{0:string, 1:mixed}> $args
	 */
	protected static function encode( array $args ): string {
		$head = '';
		$tail = '';
		foreach ( $args as [ $type, $value ] ) {
			if ( 'address' === $type ) {
				$head .= str_pad( (string) hex2bin( substr( $value, 2 ) ), 32, "\0", STR_PAD_LEFT );
			} elseif ( 'uint' === $type ) {
				$head .= Amount::to_word( (string) $value );
			} else {
				$head .= Abi::uint( 32 * count( $args ) + strlen( $tail ) );
				$tail .= 'bytes' === $type ? Abi::uint( 0 ) : Abi::uint( count( $value ) ) . implode( '', array_map( static fn ( $v ): string => Amount::to_word( (string) $v ), $value ) );
			}
		}
		return $head . $tail;
	}

	/** A holder's balance at a block, straight from the contract. */
	protected static function balance_of( string $contract, string $holder, int $block, string $token_id = '' ): string {
		$data = '' === $token_id
			? Abi::selector( 'balanceOf(address)' ) . self::encode( array( array( 'address', $holder ) ) )
			: Abi::selector( 'balanceOf(address,uint256)' ) . self::encode( array( array( 'address', $holder ), array( 'uint', $token_id ) ) );
		$word = self::node()->call( 'eth_call', array( array( 'to' => $contract, 'data' => '0x' . bin2hex( $data ) ), Hex::int_to_quantity( $block ) ) );
		return Amount::from_word( Abi::hex_to_bytes( $word ) );
	}

	/** Mines empty blocks. */
	protected static function mine( int $blocks ): void {
		self::node()->call( 'hardhat_mine', array( Hex::int_to_quantity( $blocks ) ) );
	}

	protected static function head(): int {
		return Hex::quantity_to_int( self::node()->call( 'eth_blockNumber' ) );
	}
}
