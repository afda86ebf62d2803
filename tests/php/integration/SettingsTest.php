<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Census\CensusSettings;
use SovereignPress\Settings\Settings;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Gating\GatingSettings;
use SovereignPress\Governance\Snapshot\GovernanceSettings;

final class SettingsTest extends TestCase {

	private const LOCAL = array(
		'chainId'     => 31337,
		'name'        => 'Local chain',
		'rpcUrl'      => 'http://127.0.0.1:8545',
		'explorerUrl' => '',
	);

	/**
	 * @param array<string, mixed> $value
	 */
	private function save( array $value ): \WP_REST_Response {
		return $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => $value ) );
	}

	public function test_an_administrator_saves_networks_through_wp_v2_settings(): void {
		$this->log_in_as( 'admin' );
		$mainnet = array(
			'chainId'     => 1,
			'name'        => 'Ethereum',
			'rpcUrl'      => 'https://eth.example.org/v2/SECRETKEY',
			'explorerUrl' => 'https://etherscan.io/',
		);

		$response = $this->save( array( 'networks' => array( self::LOCAL, $mainnet ) ) );

		$this->assertSame( 200, $response->get_status() );
		$stored = get_option( Settings::OPTION );
		$this->assertSame( array( 31337, 1 ), array_column( $stored['networks'], 'chainId' ) );
		$this->assertSame( 'https://etherscan.io', $stored['networks'][1]['explorerUrl'], 'Trailing slash is trimmed.' );
		$this->assertFalse( $stored['deleteDataOnUninstall'] );

		$read = $this->rest( 'GET', '/wp/v2/settings' )->get_data();
		$this->assertSame( 'https://eth.example.org/v2/SECRETKEY', $read[ Settings::OPTION ]['networks'][1]['rpcUrl'] );
	}

	/**
	 * @return iterable<string, array{0: array<string, mixed>, 1: string}>
	 */
	public static function invalid_networks(): iterable {
		yield 'chain id zero' => array( array( 'chainId' => 0 ) + self::LOCAL, 'chainId' );
		yield 'chain id as text' => array( array( 'chainId' => 'one' ) + self::LOCAL, 'chainId' );
		yield 'chain id above 2^53-1' => array( array( 'chainId' => 9007199254740992 ) + self::LOCAL, 'chainId' );
		yield 'empty name' => array( array( 'name' => '' ) + self::LOCAL, 'name' );
		yield 'rpc url not a url' => array( array( 'rpcUrl' => 'localhost 8545' ) + self::LOCAL, 'rpcUrl' );
		yield 'rpc url with another scheme' => array( array( 'rpcUrl' => 'ws://127.0.0.1:8545' ) + self::LOCAL, 'rpcUrl' );
		yield 'javascript explorer' => array( array( 'explorerUrl' => 'javascript:alert(1)' ) + self::LOCAL, 'explorerUrl' );
		yield 'missing rpc url' => array( array( 'chainId' => 5, 'name' => 'No URL' ), 'rpcUrl' );
		yield 'unknown property' => array( self::LOCAL + array( 'apiKey' => 'x' ), 'apiKey' );
	}

	/**
	 * @dataProvider invalid_networks
	 *
	 * @param array<string, mixed> $network
	 */
	public function test_the_rest_layer_refuses_a_malformed_network_and_keeps_the_stored_value( array $network, string $field ): void {
		$this->log_in_as( 'admin' );
		update_option( Settings::OPTION, array( 'networks' => array( self::LOCAL ) ) );

		$response = $this->save( array( 'networks' => array( $network ) ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'rest_invalid_param', $response->get_data()['code'] );
		$this->assertStringContainsString( $field, (string) wp_json_encode( $response->get_data()['data']['params'] ) );
		$this->assertSame( array( self::LOCAL ), get_option( Settings::OPTION )['networks'] );
	}

	public function test_a_repeated_chain_id_is_refused_with_its_own_code(): void {
		$this->log_in_as( 'admin' );
		$response = $this->save( array( 'networks' => array( self::LOCAL, array( 'name' => 'Again' ) + self::LOCAL ) ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'sovereign_press_duplicate_chain_id', $response->get_data()['code'] );
		$this->assertStringContainsString( '31337', $response->get_data()['message'] );
	}

	public function test_only_administrators_read_or_write_the_settings(): void {
		$this->log_in_as( 'editor' );
		$this->assertSame( 403, $this->save( array( 'networks' => array( self::LOCAL ) ) )->get_status() );
		$this->assertSame( 403, $this->rest( 'GET', '/wp/v2/settings' )->get_status() );

		wp_set_current_user( 0 );
		$this->assertSame( 401, $this->rest( 'GET', '/wp/v2/settings' )->get_status() );
	}

	public function test_the_circuit_breaker_open_time_is_whole_seconds_from_0_to_3600(): void {
		$this->log_in_as( 'admin' );
		$this->assertSame( 30, \SovereignPress\Plugin::instance()->settings()->gating()['breakerSeconds'], 'Default.' );
		foreach ( array( -1, 3601, 'soon', 1.5 ) as $bad ) {
			$response = $this->save( array( 'gating' => array( 'breakerSeconds' => $bad ) ) );
			$this->assertSame( 400, $response->get_status(), wp_json_encode( $bad ) );
			$this->assertSame( 'rest_invalid_param', $response->get_data()['code'] );
		}
		$this->assertSame( 200, $this->save( array( 'gating' => array( 'breakerSeconds' => 0 ) ) )->get_status() );
		$this->assertSame( 0, \SovereignPress\Plugin::instance()->settings()->gating()['breakerSeconds'], '0 turns it off.' );
		update_option( Settings::OPTION, array( 'gating' => array( 'breakerSeconds' => 99999 ) ) );
		$this->assertSame( 3600, \SovereignPress\Plugin::instance()->settings()->gating()['breakerSeconds'], 'Clamped when written from PHP.' );
	}

	public function test_values_written_from_php_are_sanitized_too(): void {
		update_option(
			Settings::OPTION,
			array(
				'networks' => array(
					self::LOCAL,
					array( 'name' => 'Duplicate' ) + self::LOCAL,
					array( 'chainId' => 10, 'name' => '<b>Optimism</b>', 'rpcUrl' => 'not a url' ),
					array( 'chainId' => '10', 'name' => ' <b>Optimism</b> ', 'rpcUrl' => ' https://op.example.org ' ),
				),
				'unknown'  => true,
			)
		);

		$this->assertSame(
			array(
				'networks'              => array(
					self::LOCAL,
					array( 'chainId' => 10, 'name' => 'Optimism', 'rpcUrl' => 'https://op.example.org', 'explorerUrl' => '' ),
				),
				'walletLogin'           => WalletLoginSettings::DEFAULTS,
				'gating'                => GatingSettings::DEFAULTS,
				'governance'            => GovernanceSettings::DEFAULTS,
				'census'                => CensusSettings::DEFAULTS,
				'deleteDataOnUninstall' => false,
			),
			get_option( Settings::OPTION )
		);
	}

	public function test_public_network_list_never_carries_rpc_urls(): void {
		update_option( Settings::OPTION, array( 'networks' => array( array( 'rpcUrl' => 'https://rpc.example.org/KEY123' ) + self::LOCAL ) ) );
		$public = \SovereignPress\Plugin::instance()->networks()->public_list();

		$this->assertSame( array( array( 'chainId' => 31337, 'name' => 'Local chain', 'explorerUrl' => '' ) ), $public );
		$this->assertStringNotContainsString( 'KEY123', (string) wp_json_encode( $public ) );
	}
}
