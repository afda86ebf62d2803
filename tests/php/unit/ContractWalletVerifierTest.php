<?php
/**
 * EIP-1271 and EIP-6492 sign-ins decided from JSON-RPC answers recorded on the local chain
 * (tests/php/fixtures/rpc/contract-wallets.json), with no chain and no WordPress.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Transport;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\Result;
use SovereignPress\Siwe\Verifier;
use SovereignPress\Tests\Support\FailingTransport;
use SovereignPress\Tests\Support\RecordedTestCase;
use SovereignPress\Tests\Support\RecordedTransport;

final class ContractWalletVerifierTest extends RecordedTestCase {

	/** bytes4(keccak256("isValidSignature(bytes32,bytes)")), what a contract wallet answers for "valid". */
	private const MAGIC = '0x1626ba7e';

	protected static function fixture(): string {
		return 'contract-wallets';
	}

	/**
	 * The messages and signatures tests/chain/siwe-fixtures.mjs made with viem, and viem's verdicts.
	 */
	protected static function live_inputs(): array {
		$fixtures = json_decode( (string) file_get_contents( (string) getenv( 'SP_SIWE_FIXTURES' ) ), true, 512, JSON_THROW_ON_ERROR );
		return array(
			'site'  => $fixtures['site'],
			'now'   => '2026-01-01T00:01:00Z',
			'cases' => array_column( $fixtures['cases'], null, 'name' ),
		);
	}

	/**
	 * @return array{name:string, address:string, message:string, signature:string, nonce:string, viemValid:bool}
	 */
	private static function case( string $name ): array {
		self::assertArrayHasKey( $name, self::inputs()['cases'] );
		return self::inputs()['cases'][ $name ];
	}

	/**
	 * Verifies a recorded case with this transport for chain 31337 (null: the chain is not configured).
	 */
	private static function verify( string $name, ?Transport $transport ): Result {
		$case     = self::case( $name );
		$site     = self::inputs()['site'];
		$context  = new Context( $site['domain'], $site['uri'], array( $site['chainId'] ), $case['nonce'], Message::timestamp( self::inputs()['now'] ) );
		$verifier = new Verifier( Secp256k1::best(), static fn( int $chain_id ): ?Transport => 31337 === $chain_id ? $transport : null );
		return $verifier->verify( $case['message'], $case['signature'], $context );
	}

	/**
	 * The result of the one eth_call a scenario made.
	 */
	private static function answer( RecordedTransport $transport ): mixed {
		self::assertCount( 1, $transport->exchanges(), 'One eth_call decides a contract wallet.' );
		return $transport->exchanges()[0]['response']['result'] ?? $transport->exchanges()[0]['response']['error'];
	}

	public function test_an_eoa_signs_in_without_asking_the_chain(): void {
		$result = self::verify( 'eoa', new RecordedTransport( 'eoa', array() ) );

		$this->assertTrue( $result->valid );
		$this->assertSame( 'eoa', $result->method );
	}

	public function test_a_contract_wallet_that_answers_the_magic_value_signs_in(): void {
		$transport = $this->recorded( 'erc1271 owner signs' );
		$result    = self::verify( 'erc1271 owner signs', $transport );

		$this->assertStringStartsWith( self::MAGIC, (string) self::answer( $transport ) );
		$this->assertTrue( $result->valid, (string) $result->code );
		$this->assertSame( 'erc1271', $result->method );
		$this->assertSame( self::case( 'erc1271 owner signs' )['address'], $result->address );
		$this->assertTrue( self::case( 'erc1271 owner signs' )['viemValid'], 'viem agrees.' );
	}

	/**
	 * @return iterable<string, array{0: string}>
	 */
	public static function wrong_magic(): iterable {
		yield 'a stranger signs for the contract wallet' => array( 'erc1271 stranger signs' );
		yield 'a wallet that rejects everything' => array( 'erc1271 wallet that rejects everything' );
	}

	/**
	 * @dataProvider wrong_magic
	 */
	public function test_any_other_answer_than_the_magic_value_is_an_invalid_signature( string $name ): void {
		$transport = $this->recorded( $name );
		$result    = self::verify( $name, $transport );

		$this->assertSame( '0xffffffff' . str_repeat( '0', 56 ), self::answer( $transport ) );
		$this->assertFalse( $result->valid );
		$this->assertSame( 'signature_invalid', $result->code );
		$this->assertFalse( self::case( $name )['viemValid'], 'viem agrees.' );
	}

	public function test_a_revert_is_the_contracts_no_not_an_infrastructure_error(): void {
		$name      = 'erc1271 contract without isValidSignature';
		$transport = $this->recorded( $name );
		$result    = self::verify( $name, $transport );

		$this->assertStringContainsStringIgnoringCase( 'revert', (string) ( self::answer( $transport )['message'] ?? '' ) );
		$this->assertFalse( $result->valid );
		$this->assertSame( 'signature_invalid', $result->code );
		$this->assertFalse( self::case( $name )['viemValid'], 'viem agrees.' );
	}

	/**
	 * Errors a public node gives that are not the contract's answer.
	 *
	 * @return iterable<string, array{0: int, 1: string}>
	 */
	public static function node_errors(): iterable {
		yield 'a rate limit (Infura)' => array( -32005, 'daily request count exceeded, request rate limited' );
		yield 'a node behind its peers (geth)' => array( -32000, 'header not found' );
		yield 'an internal error' => array( -32603, 'Internal error' );
	}

	/**
	 * @dataProvider node_errors
	 */
	public function test_a_node_error_on_the_erc1271_call_is_an_rpc_exception( int $code, string $message ): void {
		$transport = $this->recorded_with_answer( 'erc1271 owner signs', array( 'error' => array( 'code' => $code, 'message' => $message ) ) );
		try {
			self::verify( 'erc1271 owner signs', $transport );
			$this->fail( 'A node error must not become a verdict.' );
		} catch ( RpcErrorResponse $error ) {
			$this->assertSame( $code, $error->rpc_code );
			$this->assertSame( 'eth_call', $error->method );
		}
	}

	public function test_an_unreachable_node_is_an_rpc_exception(): void {
		$transport = new FailingTransport( new RpcUnreachable( 'The JSON-RPC endpoint could not be reached (cURL error 7).' ) );

		$this->expectException( RpcUnreachable::class );
		self::verify( 'erc1271 owner signs', $transport );
	}

	public function test_the_universal_validator_answering_true_signs_in_a_counterfactual_account(): void {
		$name      = 'erc6492 counterfactual owner signs';
		$transport = $this->recorded( $name );
		$result    = self::verify( $name, $transport );

		$this->assertArrayNotHasKey( 'to', $transport->exchanges()[0]['request']['params'][0], 'The validator is deployed by the call itself.' );
		$this->assertSame( '0x01', self::answer( $transport ) );
		$this->assertTrue( $result->valid, (string) $result->code );
		$this->assertSame( 'erc6492', $result->method );
		$this->assertSame( self::case( $name )['address'], $result->address );
		$this->assertTrue( self::case( $name )['viemValid'], 'viem agrees.' );
	}

	public function test_the_universal_validator_answering_false_is_an_invalid_signature(): void {
		$name      = 'erc6492 counterfactual stranger signs';
		$transport = $this->recorded( $name );
		$result    = self::verify( $name, $transport );

		$this->assertSame( '0x00', self::answer( $transport ) );
		$this->assertFalse( $result->valid );
		$this->assertSame( 'signature_invalid', $result->code );
		$this->assertFalse( self::case( $name )['viemValid'], 'viem agrees.' );
	}

	public function test_a_node_error_on_the_universal_validator_is_an_rpc_exception(): void {
		$name      = 'erc6492 counterfactual owner signs';
		$transport = $this->recorded_with_answer( $name, array( 'error' => array( 'code' => -32005, 'message' => 'daily request count exceeded, request rate limited' ) ) );

		$this->expectException( RpcErrorResponse::class );
		self::verify( $name, $transport );
	}

	public function test_without_a_node_for_the_chain_no_contract_wallet_can_sign_in(): void {
		$this->assertSame( 'signature_invalid', self::verify( 'erc1271 owner signs', null )->code );
		$this->assertSame( 'contract_wallet_unsupported_chain', self::verify( 'erc6492 counterfactual owner signs', null )->code );
	}
}
