<?php
/**
 * A TransportFactory with one transport per chain id, as a test sets them up.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use PHPUnit\Framework\Assert;
use SovereignPress\Chain\Transport;
use SovereignPress\Chain\TransportFactory;

/**
 * Chains without a transport are "not configured" (null). Asking for a URL fails the test: the
 * code under test reads configured chains only.
 */
final class ChainTransports implements TransportFactory {

	/** @var list<array{0:int, 1:float}> Chain id and timeout of each transport handed out. */
	public array $asked = array();

	/**
	 * @param array<int, Transport> $transports By chain id.
	 */
	public function __construct( private array $transports ) {}

	public function for_chain( int $chain_id, float $timeout, bool $visitor_code = false ): ?Transport {
		$this->asked[] = array( $chain_id, $timeout );
		return $this->transports[ $chain_id ] ?? null;
	}

	public function for_url( string $url, float $timeout ): Transport {
		Assert::fail( 'Asked for a transport to a URL; only configured chains were expected.' );
	}
}
