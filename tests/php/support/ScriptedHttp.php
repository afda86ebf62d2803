<?php
/**
 * An HttpClient for unit tests: answers from recorded hub and sequencer bodies, and keeps what
 * was asked.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use SovereignPress\Governance\Snapshot\HttpClient;

/**
 * Each request is answered by the closure (which may throw HttpFailure); every request is kept in
 * $requests with its URL, decoded body, headers and timeout.
 */
final class ScriptedHttp implements HttpClient {

	/** @var list<array{url:string, body:array<mixed>, headers:array<string, string>, timeout:float}> */
	public array $requests = array();

	/**
	 * @param \Closure(string, array<mixed>): array{status:int, body:string} $answer Answer to a URL and decoded body.
	 */
	public function __construct( private \Closure $answer ) {}

	/**
	 * An HttpClient answering every request with one status and body.
	 */
	public static function always( int $status, string $body ): self {
		return new self( static fn(): array => array( 'status' => $status, 'body' => $body ) );
	}

	public function post( string $url, string $body, array $headers, float $timeout ): array {
		$decoded          = json_decode( $body, true, 512, JSON_THROW_ON_ERROR );
		$this->requests[] = array(
			'url'     => $url,
			'body'    => $decoded,
			'headers' => $headers,
			'timeout' => $timeout,
		);
		return ( $this->answer )( $url, $decoded );
	}
}
