<?php
/**
 * A JSON-RPC transport that replays answers recorded from the local chain.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use PHPUnit\Framework\Assert;
use SovereignPress\Chain\JsonRpc;
use SovereignPress\Chain\Transport;

/**
 * Each exchange is one request as the code sent it (its JSON-RPC body) and the node's answer (the
 * JSON body it returned). Requests must come in the recorded order and equal the recorded ones:
 * any other request fails the test. Answers go through the plugin's own decoder, so a recorded
 * error answer becomes the RpcErrorResponse it would be on the wire.
 *
 * When recording, $send posts each request to a live node and the exchange is kept.
 */
final class RecordedTransport implements Transport {

	private int $next = 0;

	/**
	 * @param string                                     $name      Scenario, for messages.
	 * @param list<array{request:mixed, response:mixed}> $exchanges What was recorded, in order.
	 * @param (\Closure(string): string)|null            $send      Recording: a body to the node, its answer back.
	 */
	public function __construct( private string $name, private array $exchanges, private ?\Closure $send = null ) {}

	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		return $this->batch( array( array( $method, $params ) ), $timeout )[0];
	}

	public function batch( array $calls, ?float $timeout = null ): array {
		if ( array() === $calls ) {
			return array();
		}
		$body    = JsonRpc::encode( $calls );
		$request = json_decode( $body, true );
		if ( null !== $this->send ) {
			$this->exchanges[] = array(
				'request'  => $request,
				'response' => json_decode( ( $this->send )( $body ), true ),
			);
		}
		$exchange = $this->exchanges[ $this->next ] ?? null;
		if ( null === $exchange ) {
			Assert::fail( sprintf( '%s: unexpected request %d (%s); %d were recorded.', $this->name, $this->next + 1, $body, count( $this->exchanges ) ) );
		}
		if ( $request !== $exchange['request'] ) {
			Assert::fail( sprintf( "%s: request %d differs from the recording.\nsent:     %s\nrecorded: %s", $this->name, $this->next + 1, $body, json_encode( $exchange['request'], JSON_UNESCAPED_SLASHES ) ) );
		}
		++$this->next;
		return JsonRpc::decode( (string) json_encode( $exchange['response'], JSON_UNESCAPED_SLASHES ), $calls );
	}

	/**
	 * @return list<array{request:mixed, response:mixed}>
	 */
	public function exchanges(): array {
		return $this->exchanges;
	}

	/**
	 * Recorded requests the code has not made (yet).
	 */
	public function unused(): int {
		return count( $this->exchanges ) - $this->next;
	}
}
