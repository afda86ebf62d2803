<?php
/**
 * The networks a wallet may sign in on.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Chain\Networks;
use SovereignPress\Settings\Settings;

/**
 * One rule for the sign-in check, the nonce answer the browser builds its message from, and the
 * networks WalletConnect offers.
 *
 * @since 0.1.0
 */
final class AcceptedChains {

	public function __construct( private Settings $settings, private Networks $networks ) {}

	/**
	 * The list under Wallet login, else every configured network, else Ethereum mainnet.
	 *
	 * @since 0.1.0
	 *
	 * @return list<int>
	 */
	public function ids(): array {
		$chains = $this->settings->wallet_login()['allowedChains'];
		if ( array() === $chains ) {
			$chains = $this->networks->chain_ids();
		}
		return array() === $chains ? array( 1 ) : array_values( $chains );
	}
}
