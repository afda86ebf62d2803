<?php
/**
 * A transport whose node cannot be reached at all.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Transport;

/**
 * Throws the given failure for every request (what WpHttpTransport throws when the connection is
 * refused or times out) and counts the requests.
 */
final class FailingTransport implements Transport {

	public int $requests = 0;

	public function __construct( private RpcException $failure ) {}

	public function call( string $method, array $params = array(), ?float $timeout = null ): mixed {
		return $this->batch( array( array( $method, $params ) ), $timeout )[0];
	}

	public function batch( array $calls, ?float $timeout = null ): array {
		++$this->requests;
		throw $this->failure;
	}
}
