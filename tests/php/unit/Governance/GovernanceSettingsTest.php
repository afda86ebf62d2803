<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Governance;

use PHPUnit\Framework\TestCase;
use SovereignPress\Governance\Snapshot\GovernanceSettings;

/**
 * Hub and sequencer URLs are https, or http to this machine only; the API key must travel in a
 * header. (The REST refusal of a bad URL is tested on WordPress, in SettingsSectionsTest.)
 */
final class GovernanceSettingsTest extends TestCase {

	public function test_https_anywhere_and_http_only_to_loopback(): void {
		foreach ( array( 'https://hub.snapshot.org/graphql', 'http://127.0.0.1:21000/graphql', 'http://localhost:3000/', 'http://[::1]:8080/graphql', 'HTTPS://Hub.Example/graphql' ) as $url ) {
			$this->assertTrue( GovernanceSettings::allowed_url( $url ), $url );
		}
		foreach ( array( '', 'http://hub.snapshot.org/graphql', 'http://192.168.1.2/graphql', 'http://127.0.0.1.evil.example/', 'ftp://127.0.0.1/', 'https://user:pass@hub.example/', 'javascript:alert(1)', "https://hub.example/\ngraphql", 'https://' ) as $url ) {
			$this->assertFalse( GovernanceSettings::allowed_url( $url ), $url );
		}
	}

	public function test_sanitize_keeps_good_values_and_falls_back_to_defaults(): void {
		$settings = new GovernanceSettings();
		$this->assertSame( GovernanceSettings::DEFAULTS, $settings->sanitize( null, array() ) );
		$clean = $settings->sanitize(
			array(
				'hubUrl'              => ' http://127.0.0.1:21000/graphql ',
				'sequencerUrl'        => 'http://seq.example/',
				'testnetHubUrl'       => array( 'x' ),
				'testnetSequencerUrl' => 'https://testnet.seq.example/',
				'apiKey'              => "abc\r\nX-Evil: 1",
				'testnetApiKey'       => ' tn-key ',
				'other'               => 'dropped',
			),
			array()
		);
		$this->assertSame(
			array(
				'hubUrl'              => 'http://127.0.0.1:21000/graphql',
				'sequencerUrl'        => GovernanceSettings::DEFAULTS['sequencerUrl'],
				'testnetHubUrl'       => GovernanceSettings::DEFAULTS['testnetHubUrl'],
				'testnetSequencerUrl' => 'https://testnet.seq.example/',
				'apiKey'              => '',
				'testnetApiKey'       => 'tn-key',
			),
			$clean
		);
		$this->assertSame( 'k3y-0123456789abcdef', $settings->sanitize( array( 'apiKey' => ' k3y-0123456789abcdef ' ), array() )['apiKey'] );
	}
}
