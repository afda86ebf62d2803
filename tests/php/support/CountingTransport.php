<?php
/**
 * A transport that counts the requests it passes on.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use SovereignPress\Chain\Transport;

/**
 * Wraps a real transport: every call or batch is one request to the node, as on the wire.
 */
final class CountingTransport implements Transport {

	public int $requests = 0;

	/** @var list<list<string>> Methods of each request. */
	public array $methods = array();

	public function __construct( private Transport $inner ) {}

	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		++$this->requests;
		$this->methods[] = array( $method );
		return $this->inner->call( $method, $params, $timeout );
	}

	public function batch( array $calls, ?float $timeout = null ): array {
		++$this->requests;
		$this->methods[] = array_map( static fn ( array $call ): string => $call[0], $calls );
		return $this->inner->batch( $calls, $timeout );
	}
}
