<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcInvalidResponse;
use SovereignPress\Chain\JsonRpc;

final class JsonRpcTest extends TestCase {

	private const TWO_CALLS = array( array( 'eth_chainId', array() ), array( 'eth_blockNumber', array() ) );

	public function test_one_call_is_sent_as_a_single_request_and_several_as_a_batch(): void {
		$this->assertSame(
			'{"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":["0xabc","latest"]}',
			JsonRpc::encode( array( array( 'eth_getBalance', array( '0xabc', 'latest' ) ) ) )
		);
		$batch = json_decode( JsonRpc::encode( self::TWO_CALLS ), true );
		$this->assertSame( array( 1, 2 ), array_column( $batch, 'id' ) );
		$this->assertSame( array( 'eth_chainId', 'eth_blockNumber' ), array_column( $batch, 'method' ) );
	}

	public function test_batch_results_are_matched_by_id_whatever_their_order(): void {
		$body = '[{"jsonrpc":"2.0","id":2,"result":"0x10"},{"jsonrpc":"2.0","id":1,"result":"0x7a69"}]';
		$this->assertSame( array( '0x7a69', '0x10' ), JsonRpc::decode( $body, self::TWO_CALLS ) );
	}

	public function test_a_null_result_is_a_result(): void {
		$this->assertSame( array( null ), JsonRpc::decode( '{"jsonrpc":"2.0","id":1,"result":null}', array( array( 'eth_getTransactionReceipt', array( '0x1' ) ) ) ) );
	}

	public function test_an_error_member_raises_the_node_error_with_its_method(): void {
		$body = '[{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":2,"error":{"code":-32000,"message":"header not found","data":"0xdead"}}]';
		try {
			JsonRpc::decode( $body, self::TWO_CALLS );
			$this->fail( 'Expected RpcErrorResponse.' );
		} catch ( RpcErrorResponse $error ) {
			$this->assertSame( array( -32000, 'header not found', '0xdead', 'eth_blockNumber' ), array( $error->rpc_code, $error->rpc_message, $error->data, $error->method ) );
			$this->assertSame( 'rpc_error', $error->error_code() );
		}
	}

	public function test_a_node_that_refuses_batches_with_one_error_object_raises_that_error(): void {
		$this->expectException( RpcErrorResponse::class );
		$this->expectExceptionMessage( 'batch requests are not supported' );
		JsonRpc::decode( '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch requests are not supported"}}', self::TWO_CALLS );
	}

	/**
	 * @return iterable<string, array{0: string}>
	 */
	public static function not_json_rpc(): iterable {
		yield 'empty body' => array( '' );
		yield 'html' => array( '<html><body>Bad gateway</body></html>' );
		yield 'json scalar' => array( '"0x1"' );
		yield 'no version' => array( '{"id":1,"result":"0x1"}' );
		yield 'version 1' => array( '{"jsonrpc":"1.0","id":1,"result":"0x1"}' );
		yield 'no id' => array( '{"jsonrpc":"2.0","result":"0x1"}' );
		yield 'both result and error' => array( '{"jsonrpc":"2.0","id":1,"result":"0x1","error":{"code":1,"message":"x"}}' );
		yield 'neither result nor error' => array( '{"jsonrpc":"2.0","id":1}' );
		yield 'answer to another id' => array( '{"jsonrpc":"2.0","id":7,"result":"0x1"}' );
		yield 'batch item is a string' => array( '["x"]' );
		yield 'truncated' => array( '{"jsonrpc":"2.0","id":1,"resu' );
		yield 'nested too deep' => array( str_repeat( '[', 100 ) . str_repeat( ']', 100 ) );
	}

	/**
	 * @dataProvider not_json_rpc
	 */
	public function test_anything_else_is_an_invalid_response( string $body ): void {
		$this->expectException( RpcInvalidResponse::class );
		JsonRpc::decode( $body, array( array( 'eth_chainId', array() ) ) );
	}

	public function test_a_batch_answer_missing_one_call_names_that_call(): void {
		$this->expectException( RpcInvalidResponse::class );
		$this->expectExceptionMessage( 'eth_blockNumber' );
		JsonRpc::decode( '[{"jsonrpc":"2.0","id":1,"result":"0x1"}]', self::TWO_CALLS );
	}

	public function test_large_numbers_survive_as_strings(): void {
		$this->assertSame( array( '123456789012345678901234567890' ), JsonRpc::decode( '{"jsonrpc":"2.0","id":1,"result":123456789012345678901234567890}', array( array( 'x', array() ) ) ) );
	}
}
