<?php
/**
 * Base of every failure to get an answer from a JSON-RPC node.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain\Exception;

/**
 * Messages never contain the endpoint URL, which may embed an API key.
 *
 * @since 0.1.0
 */
abstract class RpcException extends \RuntimeException {

	/**
	 * Stable machine-readable code (prefixed with `sovereign_press_` at the REST edge).
	 */
	abstract public function error_code(): string;
}
