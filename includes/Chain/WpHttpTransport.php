<?php
/**
 * JSON-RPC over the WordPress HTTP API.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Chain\Exception\RpcDropped;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Exception\RpcResponseTooLarge;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\Exception\RpcUnreachable;

/**
 * The Transport that sends single calls and batches to one endpoint with the WordPress HTTP API.
 * Every failure becomes a typed RpcException; nothing else escapes. Outbound requests go through
 * wp_remote_post, so sites and tests can intercept them (pre_http_request) and proxies apply.
 * Only the composition root builds it (see Networks); everything else is given a Transport.
 *
 * The endpoint is usually a node on the site's own machine or network (127.0.0.1:8545 is the
 * common case), so this deliberately does not use wp_safe_remote_post, which refuses such hosts.
 * Only administrators can set the URL.
 *
 * An answer is read up to a cap and refused beyond it, so that a node answering with an endless
 * body cannot exhaust memory (a response is copied about three times while it is parsed, so a page
 * view peaks near three times MAX_BODY): MAX_BODY for reads (balances, ENS, Governor state),
 * MAX_LOGS_BODY for batches with eth_getLogs (a provider's widest page, 10,000 logs of about 700
 * bytes, fits twice; a range whose logs do not fit is asked again in halves by the census).
 *
 * @phpstan-import-type Call from JsonRpc
 *
 * @since 0.1.0
 */
final class WpHttpTransport implements Transport {

	public const DEFAULT_TIMEOUT = 5.0;

	/** Bytes read of an answer to calls without eth_getLogs. */
	public const MAX_BODY = 1024 * 1024;

	/** Bytes read of an answer to a batch with eth_getLogs. */
	public const MAX_LOGS_BODY = 16 * 1024 * 1024;

	/**
	 * @param string $url        Endpoint; may embed an API key, so it is never put in messages.
	 * @param string $user_agent User-Agent header, handed in by the composition root.
	 * @param float  $timeout    Seconds each call may take, connection included.
	 */
	public function __construct( private string $url, private string $user_agent, private float $timeout = self::DEFAULT_TIMEOUT ) {}

	/**
	 * One call.
	 *
	 * @since 0.1.0
	 *
	 * @param string      $method  JSON-RPC method.
	 * @param list<mixed> $params  Params.
	 * @param float|null  $timeout Seconds for this call, or the transport's default.
	 *
	 * @throws RpcException On any failure.
	 */
	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		return $this->batch( array( array( $method, $params ) ), $timeout )[0];
	}

	/**
	 * Several calls in one HTTP request; results come back in the order of the calls.
	 *
	 * @since 0.1.0
	 *
	 * @param list<Call> $calls   Calls.
	 * @param float|null $timeout Seconds for the whole batch, or the transport's default.
	 * @return list<mixed>
	 *
	 * @throws RpcException On any failure, including an error answer to any one call.
	 */
	public function batch( array $calls, ?float $timeout = null ): array {
		if ( array() === $calls ) {
			return array();
		}
		$timeout  = max( 0.05, $timeout ?? $this->timeout );
		$limit    = in_array( 'eth_getLogs', array_column( $calls, 0 ), true ) ? self::MAX_LOGS_BODY : self::MAX_BODY;
		$response = wp_remote_post(
			$this->url,
			array(
				'timeout'             => $timeout,
				'connect_timeout'     => $timeout,
				'redirection'         => 0,
				// One byte more than the cap, to tell an answer of exactly the cap from a longer one.
				'limit_response_size' => $limit + 1,
				'headers'             => array(
					'Content-Type' => 'application/json',
					'Accept'       => 'application/json',
				),
				'body'                => JsonRpc::encode( $calls ),
				'user-agent'          => $this->user_agent,
			)
		);

		if ( is_wp_error( $response ) ) {
			throw self::transport_exception( $response, $timeout );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		if ( 200 !== $status ) {
			throw new RpcHttpError( $status );
		}
		$body = (string) wp_remote_retrieve_body( $response );
		if ( strlen( $body ) > $limit ) {
			throw new RpcResponseTooLarge( $limit );
		}
		return JsonRpc::decode( $body, $calls );
	}

	private static function transport_exception( \WP_Error $error, float $timeout ): RpcException {
		$message = $error->get_error_message();
		// cURL error 28 is CURLE_OPERATION_TIMEDOUT; the streams transport says "timed out".
		if ( str_contains( $message, 'cURL error 28' ) || false !== stripos( $message, 'timed out' ) ) {
			return new RpcTimeout( $timeout );
		}
		// cURL messages can quote the URL; keep only the error class.
		$code   = preg_match( '/cURL error (\d+)/', $message, $m ) ? (int) $m[1] : 0;
		$reason = 0 === $code ? 'transport error' : 'cURL error ' . $code;
		// 18 partial file, 52 empty reply, 56 receive failure: the node was reached, then let go.
		if ( in_array( $code, array( 18, 52, 56 ), true ) ) {
			return new RpcDropped( sprintf( 'The JSON-RPC endpoint closed the connection before it finished answering (%s).', $reason ) );
		}
		return new RpcUnreachable( sprintf( 'The JSON-RPC endpoint could not be reached (%s).', $reason ) );
	}
}
