<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

/**
 * The wallet code loads on click (webpack), so its JSON translations travel with the script that
 * loads it: the Wallet Login block's view script.
 */
final class ScriptTranslationsTest extends TestCase {

	private string $json = '';

	private string $view_handle = '';

	protected function setUp(): void {
		parent::setUp();
		add_filter( 'pre_determine_locale', array( $this, 'esperanto' ) );
		// Named as load_script_textdomain() looks it up: md5 of the path from the plugin root.
		$this->json = WP_LANG_DIR . '/plugins/sovereign-press-eo-' . md5( 'build/wallet.js' ) . '.json';
		wp_mkdir_p( dirname( $this->json ) );
		file_put_contents(
			$this->json,
			(string) wp_json_encode(
				array(
					'domain'      => 'messages',
					'locale_data' => array(
						'messages' => array(
							''                        => array( 'domain' => 'messages', 'lang' => 'eo' ),
							'Log in with your wallet' => array( 'Ensalutu per via monujo' ),
						),
					),
				)
			)
		);
		$this->view_handle = \WP_Block_Type_Registry::get_instance()->get_registered( 'sovereign-press/wallet-login' )->view_script_handles[0];
	}

	protected function tearDown(): void {
		remove_filter( 'pre_determine_locale', array( $this, 'esperanto' ) );
		wp_delete_file( $this->json );
		parent::tearDown();
	}

	public function esperanto(): string {
		return 'eo';
	}

	public function test_the_wallet_login_block_prints_the_wallet_dialog_translations_once_before_its_view_script(): void {
		do_blocks( '<!-- wp:sovereign-press/wallet-login /--><!-- wp:sovereign-press/wallet-login /-->' );

		$before  = (array) wp_scripts()->get_data( $this->view_handle, 'before' );
		$matches = array_values( array_filter( $before, fn( $script ): bool => str_contains( (string) $script, 'Ensalutu per via monujo' ) ) );
		$this->assertCount( 1, $matches, 'Two blocks on a page print the translations once.' );
		$this->assertStringContainsString( 'wp.i18n.setLocaleData( localeData, domain );', $matches[0] );
		$this->assertStringContainsString( '( "sovereign-press", {', $matches[0] );
	}
}
