<?php
/**
 * Snapshot's HTTP over the WordPress HTTP API.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

/**
 * Posts through wp_remote_post, so sites and tests can intercept requests (pre_http_request) and
 * proxies apply. The hub and the sequencer are set by administrators only and may be a stand-in
 * on this machine, so this deliberately does not use wp_safe_remote_post (which refuses loopback
 * hosts), like Chain\WpHttpTransport. Redirects are not followed and answers are capped in size.
 *
 * @since 0.2.0
 */
final class WpHttpClient implements HttpClient {

	/** Largest answer read, in bytes (a page of proposals with long bodies fits many times). */
	public const MAX_BODY = 4194304;

	/**
	 * @param string $user_agent User-Agent header, handed in by the composition root.
	 */
	public function __construct( private string $user_agent ) {}

	/**
	 * @param string                $url     Endpoint.
	 * @param string                $body    JSON.
	 * @param array<string, string> $headers Extra headers.
	 * @param float                 $timeout Seconds.
	 * @return array{status:int, body:string}
	 *
	 * @throws HttpFailure When no answer came.
	 */
	public function post( string $url, string $body, array $headers, float $timeout ): array {
		$timeout  = max( 0.05, $timeout );
		$response = wp_remote_post(
			$url,
			array(
				'timeout'             => $timeout,
				'connect_timeout'     => $timeout,
				'redirection'         => 0,
				'limit_response_size' => self::MAX_BODY,
				'headers'             => array(
					'Content-Type' => 'application/json',
					'Accept'       => 'application/json',
				) + $headers,
				'body'                => $body,
				'user-agent'          => $this->user_agent,
			)
		);
		if ( is_wp_error( $response ) ) {
			$message = $response->get_error_message();
			// cURL error 28 is CURLE_OPERATION_TIMEDOUT; the streams transport says "timed out".
			$timed_out = str_contains( $message, 'cURL error 28' ) || false !== stripos( $message, 'timed out' );
			// cURL messages can quote the URL, which may carry a key: keep only the error class.
			throw new HttpFailure( $timed_out, preg_match( '/cURL error (\d+)/', $message, $m ) ? 'cURL error ' . $m[1] : 'transport error' );
		}
		return array(
			'status' => (int) wp_remote_retrieve_response_code( $response ),
			'body'   => (string) wp_remote_retrieve_body( $response ),
		);
	}
}
