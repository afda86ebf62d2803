<?php
/**
 * What the wallet dialog needs from the server, wherever a wallet button opens it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Assets\BuildAssets;
use SovereignPress\Chain\Networks;
use SovereignPress\Settings\Settings;

/**
 * The Wallet Login block, wp-login.php and the profile screen each print a button whose script
 * loads the dialog on click (build/wallet.js), and build/walletconnect.js when the visitor picks
 * WalletConnect. WordPress loads neither file, so their translations and WalletConnect's
 * configuration travel with the button's own script and markup.
 *
 * @since 0.1.0
 */
final class WalletDialog {

	/** Built files the button's script loads itself. */
	private const LAZY_ENTRIES = array( 'wallet', 'walletconnect' );

	public function __construct(
		private Settings $settings,
		private Networks $networks,
		private AcceptedChains $chains,
		private BuildAssets $assets
	) {}

	/**
	 * Prints the dialog's translations before the script that loads it.
	 *
	 * @since 0.1.0
	 */
	public function add_translations( string $handle ): void {
		$this->assets->add_lazy_translations( $handle, self::LAZY_ENTRIES );
	}

	/**
	 * The data-walletconnect attribute of a button: the Reown project id, the accepted networks
	 * without their RPC URLs, and the URL of build/walletconnect.js. '' when WalletConnect is off
	 * (no project id) or the script is not built.
	 *
	 * @since 0.1.0
	 */
	public function walletconnect_attribute(): string {
		$project_id = $this->settings->wallet_login()['walletConnectProjectId'];
		$script     = '' === $project_id ? null : $this->assets->script_url( 'walletconnect' );
		if ( null === $script ) {
			return '';
		}
		$accepted = $this->chains->ids();
		$networks = array_values( array_filter( $this->networks->public_list(), static fn( array $n ): bool => in_array( $n['chainId'], $accepted, true ) ) );
		return (string) wp_json_encode(
			array(
				'projectId' => $project_id,
				'networks'  => $networks,
				'script'    => $script,
			)
		);
	}
}
