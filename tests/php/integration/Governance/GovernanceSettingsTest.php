<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Plugin;
use SovereignPress\Settings\Settings;
use SovereignPress\Tests\Integration\TestCase;

/**
 * The `governance` settings through /wp/v2/settings: saved by administrators, refused when a URL
 * is plain http to another machine, the API key readable by administrators only.
 */
final class GovernanceSettingsTest extends TestCase {

	/**
	 * @param array<string, mixed> $governance Governance section.
	 */
	private function save( array $governance ): \WP_REST_Response {
		return $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => array( 'governance' => $governance ) ) );
	}

	public function test_an_administrator_saves_hub_sequencer_and_key(): void {
		$this->log_in_as( 'admin' );
		$response = $this->save(
			array(
				'hubUrl'              => 'https://hub.example.org/graphql',
				'sequencerUrl'        => 'http://127.0.0.1:8600/',
				'testnetHubUrl'       => 'https://testnet.hub.example.org/graphql',
				'testnetSequencerUrl' => 'https://testnet.seq.example.org/',
				'apiKey'              => 'SECRET-KEY-123',
			)
		);
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( 'SECRET-KEY-123', Plugin::instance()->settings()->governance()['apiKey'] );
		$this->assertSame( 'http://127.0.0.1:8600/', Plugin::instance()->settings()->governance()['sequencerUrl'] );
	}

	public function test_plain_http_to_another_machine_is_refused_naming_the_field(): void {
		$this->log_in_as( 'admin' );
		$before   = Plugin::instance()->settings()->governance();
		$response = $this->save( array( 'hubUrl' => 'http://hub.example.org/graphql' ) );
		$this->assertSame( array( 400, 'sovereign_press_invalid_governance_url' ), array( $response->get_status(), $response->as_error()->get_error_code() ) );
		$this->assertSame( array( Settings::OPTION => 'governance.hubUrl' ), $response->as_error()->get_error_data()['params'] );

		$response = $this->save( array( 'apiKey' => "key\r\nX-Injected: 1" ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( $before, Plugin::instance()->settings()->governance(), 'nothing was written' );
	}

	public function test_the_api_key_is_never_shown_to_non_administrators(): void {
		update_option( Settings::OPTION, array( 'governance' => array( 'apiKey' => 'SECRET-KEY-123' ) ) );
		$this->log_in_as( 'editor' );
		$response = $this->rest( 'GET', '/wp/v2/settings' );
		$this->assertSame( 403, $response->get_status() );
		$this->assertStringNotContainsString( 'SECRET-KEY-123', (string) wp_json_encode( $response->get_data() ) );

		$this->log_in_as( 'admin' );
		$this->assertSame( 'SECRET-KEY-123', $this->rest( 'GET', '/wp/v2/settings' )->get_data()[ Settings::OPTION ]['governance']['apiKey'] );
	}
}
