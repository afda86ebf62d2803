<?php
/**
 * The settings section of DAO proposals: where Snapshot is read and where votes are sent.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

use SovereignPress\Settings\Section;
use SovereignPress\Settings\Settings;

/**
 * `governance`: the Snapshot hub's GraphQL endpoint and the vote sequencer, for Snapshot's main
 * and test hubs, and an optional hub API key. Each URL is https, or http to this machine only
 * (a local hub in development and tests). The API keys are secrets: each goes to its own hub
 * (apiKey to the main hub, testnetApiKey to the testnet hub) in the `x-api-key` header and
 * nowhere else; only administrators read them, through /wp/v2/settings.
 *
 * @phpstan-import-type Governance from Settings
 *
 * @since 0.2.0
 */
final class GovernanceSettings implements Section {

	public const KEY = 'governance';

	/** @var Governance */
	public const DEFAULTS = array(
		'hubUrl'              => 'https://hub.snapshot.org/graphql',
		'sequencerUrl'        => 'https://seq.snapshot.org/',
		'testnetHubUrl'       => 'https://testnet.hub.snapshot.org/graphql',
		'testnetSequencerUrl' => 'https://testnet.seq.snapshot.org/',
		'apiKey'              => '',
		'testnetApiKey'       => '',
	);

	private const URLS = array( 'hubUrl', 'sequencerUrl', 'testnetHubUrl', 'testnetSequencerUrl' );

	private const KEYS = array( 'apiKey', 'testnetApiKey' );

	/** Printable ASCII without spaces: it travels in an HTTP header. */
	private const API_KEY = '^[\x21-\x7E]{0,200}$';

	public function key(): string {
		return self::KEY;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		$url = static fn( string $description ): array => array(
			'description' => $description,
			'type'        => 'string',
			'pattern'     => '^[hH][tT][tT][pP][sS]?://[^\s]+$',
			'maxLength'   => 2048,
		);
		return array(
			'description'          => __( 'DAO proposals: Snapshot.', 'sovereign-press' ),
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'hubUrl'              => $url( __( 'GraphQL endpoint of the Snapshot hub (https, or http to this machine).', 'sovereign-press' ) ),
				'sequencerUrl'        => $url( __( 'Snapshot vote sequencer that signed votes are sent to.', 'sovereign-press' ) ),
				'testnetHubUrl'       => $url( __( 'GraphQL endpoint of Snapshot\'s testnet hub.', 'sovereign-press' ) ),
				'testnetSequencerUrl' => $url( __( 'Vote sequencer of Snapshot\'s testnet.', 'sovereign-press' ) ),
				'apiKey'              => array(
					'description' => __( 'Snapshot hub API key (optional). Sent only to the hub; only administrators see it.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => self::API_KEY,
				),
				'testnetApiKey'       => array(
					'description' => __( 'API key for Snapshot\'s testnet hub (optional). Sent only to the testnet hub; only administrators see it.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => self::API_KEY,
				),
			),
		);
	}

	/**
	 * @return Governance
	 */
	public function defaults(): array {
		return self::DEFAULTS;
	}

	/**
	 * A URL that is not https (or http to this machine) falls back to its default; an API key
	 * that could not travel in a header is dropped.
	 *
	 * @param mixed                $value    Raw governance settings.
	 * @param array<string, mixed> $settings Sections before this one.
	 * @return Governance
	 */
	public function sanitize( mixed $value, array $settings ): array {
		$value = is_array( $value ) ? $value : array();
		$clean = self::DEFAULTS;
		foreach ( self::URLS as $field ) {
			$url = trim( (string) ( is_string( $value[ $field ] ?? null ) ? $value[ $field ] : '' ) );
			if ( self::allowed_url( $url ) ) {
				$clean[ $field ] = $url;
			}
		}
		foreach ( self::KEYS as $field ) {
			$key             = trim( is_string( $value[ $field ] ?? null ) ? $value[ $field ] : '' );
			$clean[ $field ] = 1 === preg_match( '/' . self::API_KEY . '/D', $key ) ? $key : '';
		}
		return $clean;
	}

	/**
	 * Refuses a URL that is neither https nor http to this machine, naming the field.
	 *
	 * @param array<string, mixed> $sent    The option as sent.
	 * @param array<string, mixed> $current The stored settings.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error {
		$section = $sent[ self::KEY ] ?? null;
		if ( ! is_array( $section ) ) {
			return null;
		}
		foreach ( self::URLS as $field ) {
			if ( isset( $section[ $field ] ) && ! self::allowed_url( trim( (string) $section[ $field ] ) ) ) {
				return new \WP_Error(
					'sovereign_press_invalid_governance_url',
					__( 'Snapshot URLs must use https (plain http only to this machine, such as http://127.0.0.1:3000/graphql).', 'sovereign-press' ),
					array(
						'status' => 400,
						'params' => array( Settings::OPTION => self::KEY . '.' . $field ),
					)
				);
			}
		}
		return null;
	}

	/**
	 * https anywhere, http only to a loopback host; no credentials in the URL.
	 */
	public static function allowed_url( string $url ): bool {
		if ( strlen( $url ) > 2048 || 1 !== preg_match( '#^https?://[^\s]+$#iD', $url ) ) {
			return false;
		}
		$parts = parse_url( $url );
		if ( ! is_array( $parts ) || '' === ( $parts['host'] ?? '' ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return false;
		}
		if ( 'https' === strtolower( (string) $parts['scheme'] ) ) {
			return true;
		}
		$host = strtolower( trim( (string) $parts['host'], '[]' ) );
		return 'localhost' === $host || '::1' === $host || 1 === preg_match( '/^127(?:\.\d{1,3}){3}$/D', $host );
	}
}
