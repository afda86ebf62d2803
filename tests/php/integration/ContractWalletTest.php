<?php
/**
 * EIP-1271 and EIP-6492 sign-ins against real contracts on the local hardhat chain, each outcome
 * compared with viem's verifyMessage on the same chain.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Transport;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\Verifier;

final class ContractWalletTest extends TestCase {

	/**
	 * @return array<string, mixed>
	 */
	private static function fixtures(): array {
		return json_decode( (string) file_get_contents( self::env( 'SP_SIWE_FIXTURES' ) ), true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * @param array<string, mixed> $case
	 */
	private static function context( array $case ): Context {
		$site = self::fixtures()['site'];
		return new Context( $site['domain'], $site['uri'], array( $site['chainId'] ), $case['nonce'], Message::timestamp( '2026-01-01T00:01:00Z' ) );
	}

	private static function verifier( string $rpc_url ): Verifier {
		return new Verifier(
			Secp256k1::best(),
			static fn( int $chain_id ): ?Transport => 31337 === $chain_id ? self::transport( $rpc_url, 2.0 ) : null
		);
	}

	public function test_the_counterfactual_account_is_not_deployed(): void {
		$this->assertFalse( self::fixtures()['counterfactualDeployed'] );
	}

	/**
	 * @return iterable<string, array{0: string, 1: bool, 2: string}>
	 */
	public static function cases(): iterable {
		yield 'an EOA' => array( 'eoa', true, 'eoa' );
		yield 'a contract wallet signed by its owner' => array( 'erc1271 owner signs', true, 'erc1271' );
		yield 'a contract wallet signed by a stranger' => array( 'erc1271 stranger signs', false, 'signature_invalid' );
		yield 'a wallet that rejects everything' => array( 'erc1271 wallet that rejects everything', false, 'signature_invalid' );
		yield 'a contract without isValidSignature (the call reverts)' => array( 'erc1271 contract without isValidSignature', false, 'signature_invalid' );
		yield 'an account not yet deployed, signed by its owner' => array( 'erc6492 counterfactual owner signs', true, 'erc6492' );
		yield 'an account not yet deployed, signed by a stranger' => array( 'erc6492 counterfactual stranger signs', false, 'signature_invalid' );
	}

	/**
	 * @dataProvider cases
	 */
	public function test_sign_in_outcome_matches_viem( string $name, bool $valid, string $method_or_code ): void {
		$case = array_values( array_filter( self::fixtures()['cases'], static fn( $c ) => $c['name'] === $name ) )[0];
		$this->assertSame( $valid, $case['viemValid'], 'viem agrees with this expectation.' );

		$result = self::verifier( self::env( 'SP_RPC_URL' ) )->verify( $case['message'], $case['signature'], self::context( $case ) );

		$this->assertSame( $valid, $result->valid, $result->code );
		$this->assertSame( $method_or_code, $valid ? $result->method : $result->code );
		if ( $valid ) {
			$this->assertSame( strtolower( $case['address'] ), strtolower( (string) $result->address ) );
		}
	}

	public function test_with_the_node_down_contract_wallets_get_an_infrastructure_error_and_eoas_still_sign_in(): void {
		$verifier = self::verifier( 'http://127.0.0.1:9' );
		foreach ( self::fixtures()['cases'] as $case ) {
			if ( 'eoa' === $case['name'] ) {
				$this->assertTrue( $verifier->verify( $case['message'], $case['signature'], self::context( $case ) )->valid );
				continue;
			}
			try {
				$verifier->verify( $case['message'], $case['signature'], self::context( $case ) );
				$this->fail( "{$case['name']}: expected an RPC failure, not a verdict." );
			} catch ( RpcUnreachable $error ) {
				$this->assertSame( 'rpc_unreachable', $error->error_code() );
			}
		}
	}
}
