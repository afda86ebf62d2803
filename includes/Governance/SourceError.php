<?php
/**
 * Why a source could not answer.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * A failure with a stable reason (for REST codes and for choosing what the page shows) and a
 * translated message for editors.
 *
 * @since 0.2.0
 */
final class SourceError extends \RuntimeException {

	/** The input does not name a proposal (wrong URL, id, address, unconfigured chain). */
	public const INVALID = 'invalid';

	/** The source answered that there is no such proposal, space or Governor. */
	public const NOT_FOUND = 'not_found';

	/** The source did not answer (network, timeout, HTTP error, RPC error). */
	public const UNREACHABLE = 'unreachable';

	/** The source answered something we cannot read. */
	public const MALFORMED = 'malformed';

	/**
	 * @param string $reason  One of the constants above.
	 * @param string $message Translated, for the editor and the REST response.
	 */
	public function __construct( public readonly string $reason, string $message, ?\Throwable $previous = null ) {
		parent::__construct( $message, 0, $previous );
	}
}
