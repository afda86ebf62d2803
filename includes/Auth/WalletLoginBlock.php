<?php
/**
 * The Wallet Login block's way to the services it renders with.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * blocks/wallet-login/render.php is a template that WordPress includes, so it cannot be handed
 * arguments. It asks this class instead, and gets only what it renders with: the member's
 * wallets, the dialog's translations and WalletConnect's configuration, not the whole plugin.
 * Plugin hands over the one instance at boot (provide()); a test may hand over another.
 *
 * @since 0.1.0
 */
final class WalletLoginBlock {

	private static ?self $instance = null;

	public function __construct( private WalletAccounts $accounts, private WalletDialog $dialog ) {}

	/**
	 * Makes $block the one render.php uses.
	 *
	 * @since 0.1.0
	 */
	public static function provide( self $block ): void {
		self::$instance = $block;
	}

	/**
	 * The instance given to provide().
	 *
	 * @since 0.1.0
	 *
	 * @throws \LogicException When nothing was provided: the plugin has not booted.
	 */
	public static function instance(): self {
		if ( null === self::$instance ) {
			throw new \LogicException( 'The Wallet Login block was rendered before Sovereign Press booted.' );
		}
		return self::$instance;
	}

	/**
	 * The member's first linked wallet (checksummed), shown under their name; null without one.
	 *
	 * @since 0.1.0
	 */
	public function first_wallet( int $user_id ): ?string {
		return $this->accounts->wallets( $user_id )[0]['address'] ?? null;
	}

	/**
	 * Prints the wallet dialog's translations before the block's view scripts, which load it.
	 *
	 * @since 0.1.0
	 *
	 * @param list<string> $handles View script handles.
	 */
	public function add_translations( array $handles ): void {
		foreach ( $handles as $handle ) {
			$this->dialog->add_translations( $handle );
		}
	}

	/**
	 * The button's data-walletconnect ('' when WalletConnect is off).
	 *
	 * @since 0.1.0
	 */
	public function walletconnect_attribute(): string {
		return $this->dialog->walletconnect_attribute();
	}

	/**
	 * The Wallet Login block as a page shows it, for places that offer logging in (a gate's
	 * notice, a proposal's vote area): its button, script and dialog work as everywhere.
	 *
	 * @since 0.2.0
	 */
	public static function markup(): string {
		return render_block(
			array(
				'blockName'    => 'sovereign-press/wallet-login',
				'attrs'        => array(),
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			)
		);
	}
}
