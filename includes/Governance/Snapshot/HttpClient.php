<?php
/**
 * The HTTP seam between the Snapshot code and the way its requests travel.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

/**
 * One JSON POST, answered by a status and a body. The hub reader and the vote relay are given an
 * HttpClient, never the class that sends it, so they are unit-tested from recorded answers;
 * WpHttpClient sends through the WordPress HTTP API.
 *
 * @since 0.2.0
 */
interface HttpClient {

	/**
	 * @param string                $url     Endpoint.
	 * @param string                $body    JSON.
	 * @param array<string, string> $headers Extra headers (Content-Type and Accept are JSON already).
	 * @param float                 $timeout Seconds the request may take, connection included.
	 * @return array{status:int, body:string}
	 *
	 * @throws HttpFailure When no answer came (connection refused, timeout).
	 */
	public function post( string $url, string $body, array $headers, float $timeout ): array;
}
