<?php
/**
 * The wallet is already linked to another account.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * @since 0.1.0
 */
final class WalletTaken extends \RuntimeException {

	public function __construct( public readonly string $address ) {
		parent::__construct( 'This wallet is linked to another account.' );
	}
}
