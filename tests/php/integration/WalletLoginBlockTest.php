<?php
/**
 * The Wallet Login block as render.php prints it, through do_blocks(), with the services the
 * plugin hands it at boot.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Plugin;
use SovereignPress\Settings\Settings;

final class WalletLoginBlockTest extends TestCase {

	private const WALLET = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

	private function member( string $display_name ): int {
		$id = wp_insert_user(
			array(
				'user_login'   => 'block-member',
				'user_pass'    => wp_generate_password(),
				'display_name' => $display_name,
				'role'         => 'subscriber',
			)
		);
		$this->assertIsInt( $id );
		Plugin::instance()->wallets()->link( $id, self::WALLET, 31337 );
		wp_set_current_user( $id );
		return $id;
	}

	/**
	 * The first element with $class in the block's HTML, or null.
	 */
	private static function find( string $html, string $class ): ?\WP_HTML_Tag_Processor {
		$tags = new \WP_HTML_Tag_Processor( $html );
		return $tags->next_tag( array( 'class_name' => $class ) ) ? $tags : null;
	}

	public function test_a_member_sees_their_name_and_their_wallet_shortened(): void {
		$this->member( 'Ada' );
		$html = do_blocks( '<!-- wp:sovereign-press/wallet-login /-->' );

		$address = self::find( $html, 'wp-block-sovereign-press-wallet-login__address' );
		$this->assertNotNull( $address );
		$this->assertSame( self::WALLET, $address->get_attribute( 'title' ) );
		$this->assertStringContainsString( '>0x3C44…93BC</span>', $html );
		$this->assertNotNull( self::find( $html, 'wp-block-sovereign-press-wallet-login__logout' ) );
	}

	public function test_a_member_shown_by_their_short_address_sees_it_once(): void {
		$this->member( '0x3C44…93BC' );
		$html = do_blocks( '<!-- wp:sovereign-press/wallet-login /-->' );

		$this->assertNotNull( self::find( $html, 'wp-block-sovereign-press-wallet-login__name' ) );
		$this->assertNull( self::find( $html, 'wp-block-sovereign-press-wallet-login__address' ) );
	}

	public function test_walletconnect_gets_the_accepted_networks_without_their_rpc_urls_once_a_project_id_is_set(): void {
		$networks = array(
			array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => 'http://127.0.0.1:8545/secret-key', 'explorerUrl' => '' ),
			array( 'chainId' => 10, 'name' => 'Optimism', 'rpcUrl' => 'https://optimism.example/secret-key', 'explorerUrl' => '' ),
		);
		$attribute = static function (): string {
			$button = self::find( do_blocks( '<!-- wp:sovereign-press/wallet-login /-->' ), 'is-logged-out' );
			return null === $button ? 'no button' : (string) $button->get_attribute( 'data-walletconnect' );
		};

		update_option( Settings::OPTION, array( 'networks' => $networks, 'walletLogin' => array( 'allowedChains' => array( 31337 ) ) + WalletLoginSettings::DEFAULTS ) );
		$this->assertSame( '', $attribute(), 'Without a project id, nothing of WalletConnect is on the page.' );

		$project = '0123456789abcdef0123456789abcdef';
		update_option( Settings::OPTION, array( 'networks' => $networks, 'walletLogin' => array( 'allowedChains' => array( 31337 ), 'walletConnectProjectId' => $project ) + WalletLoginSettings::DEFAULTS ) );
		$config = json_decode( $attribute(), true );
		$this->assertIsArray( $config );
		$this->assertSame( $project, $config['projectId'] );
		$this->assertSame( array( 31337 ), array_column( $config['networks'], 'chainId' ), 'Only the networks a sign-in may name.' );
		$this->assertStringNotContainsString( 'secret-key', (string) wp_json_encode( $config ) );
		$this->assertStringStartsWith( Plugin::instance()->url() . 'build/walletconnect.js?ver=', $config['script'] );
	}
}
