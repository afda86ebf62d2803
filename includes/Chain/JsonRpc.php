<?php
/**
 * JSON-RPC 2.0 envelope encoding and strict response decoding.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcInvalidResponse;

/**
 * Pure codec, kept apart from the transport so that every malformed answer can be unit-tested.
 *
 * @phpstan-type Call array{0:string, 1:list<mixed>}
 *
 * @since 0.1.0
 */
final class JsonRpc {

	/**
	 * Encodes calls as one request (a single call) or a batch (several), with ids 1..n.
	 *
	 * @param list<Call> $calls Method and params of each call.
	 */
	public static function encode( array $calls ): string {
		$requests = array();
		foreach ( array_values( $calls ) as $index => $call ) {
			$requests[] = array(
				'jsonrpc' => '2.0',
				'id'      => $index + 1,
				'method'  => $call[0],
				'params'  => array_values( $call[1] ),
			);
		}
		$payload = 1 === count( $requests ) ? $requests[0] : $requests;
		return (string) json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR );
	}

	/**
	 * Decodes the answer to encode( $calls ) into the results, in the order of the calls.
	 *
	 * @param string     $body  Response body.
	 * @param list<Call> $calls The calls that were sent.
	 * @return list<mixed>
	 *
	 * @throws RpcInvalidResponse When the body is not a JSON-RPC 2.0 answer to these calls.
	 * @throws RpcErrorResponse   When the node answered any call with an error.
	 */
	public static function decode( string $body, array $calls ): array {
		try {
			$decoded = json_decode( $body, true, 64, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING );
		} catch ( \JsonException ) {
			throw new RpcInvalidResponse( 'The endpoint did not answer with JSON.' );
		}
		if ( ! is_array( $decoded ) ) {
			throw new RpcInvalidResponse( 'The endpoint answered with JSON that is not a JSON-RPC response.' );
		}

		$calls = array_values( $calls );
		if ( array_is_list( $decoded ) ) {
			$responses = $decoded;
		} elseif ( count( $calls ) > 1 && isset( $decoded['error'] ) ) {
			// A node that refuses batches answers the whole batch with one error object.
			$responses = array_fill( 0, count( $calls ), $decoded + array( 'id' => null ) );
			foreach ( $responses as $index => $response ) {
				$responses[ $index ]['id'] = $index + 1;
			}
		} else {
			$responses = array( $decoded );
		}

		$by_id = array();
		foreach ( $responses as $response ) {
			if ( ! is_array( $response ) || '2.0' !== ( $response['jsonrpc'] ?? null ) || ! isset( $response['id'] ) ) {
				throw new RpcInvalidResponse( 'The endpoint answered with JSON that is not a JSON-RPC 2.0 response.' );
			}
			if ( array_key_exists( 'result', $response ) === array_key_exists( 'error', $response ) ) {
				throw new RpcInvalidResponse( 'A JSON-RPC response must carry exactly one of result and error.' );
			}
			$by_id[ (string) $response['id'] ] = $response;
		}

		$results = array();
		foreach ( $calls as $index => $call ) {
			$response = $by_id[ (string) ( $index + 1 ) ] ?? null;
			if ( null === $response ) {
				throw new RpcInvalidResponse( sprintf( 'The endpoint did not answer the %s call.', $call[0] ) );
			}
			if ( array_key_exists( 'error', $response ) ) {
				$error = is_array( $response['error'] ) ? $response['error'] : array();
				throw new RpcErrorResponse(
					is_int( $error['code'] ?? null ) ? $error['code'] : 0,
					is_string( $error['message'] ?? null ) ? $error['message'] : 'Unknown error',
					$error['data'] ?? null,
					$call[0]
				);
			}
			$results[] = $response['result'];
		}
		return $results;
	}
}
