<?php
/**
 * The settings section of the EVM networks the site reads from.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

use SovereignPress\Settings\Section;
use SovereignPress\Settings\Settings;

/**
 * `networks`: a list of networks, one per chain id. RPC URLs may embed API keys; only
 * administrators read them, through /wp/v2/settings.
 *
 * @phpstan-import-type Network from Settings
 *
 * @since 0.1.0
 */
final class NetworkSettings implements Section {

	public const KEY = 'networks';

	/** Largest chain id a browser can hold exactly (2^53 - 1), as EIP-2294 recommends. */
	public const MAX_CHAIN_ID = 9007199254740991;

	public function key(): string {
		return self::KEY;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		return array(
			'description' => __( 'EVM networks the site reads from.', 'sovereign-press' ),
			'type'        => 'array',
			'maxItems'    => 32,
			'items'       => array(
				'type'                 => 'object',
				'additionalProperties' => false,
				'required'             => array( 'chainId', 'name', 'rpcUrl' ),
				'properties'           => array(
					'chainId'     => array(
						'description' => __( 'EIP-155 chain id.', 'sovereign-press' ),
						'type'        => 'integer',
						'minimum'     => 1,
						'maximum'     => self::MAX_CHAIN_ID,
					),
					'name'        => array(
						'description' => __( 'Name shown to readers.', 'sovereign-press' ),
						'type'        => 'string',
						'minLength'   => 1,
						'maxLength'   => 80,
					),
					'rpcUrl'      => array(
						'description' => __( 'JSON-RPC endpoint (http or https). May contain an API key: only administrators ever see it.', 'sovereign-press' ),
						'type'        => 'string',
						'format'      => 'uri',
						'pattern'     => '^[hH][tT][tT][pP][sS]?://[^\s]+$',
						'maxLength'   => 2048,
					),
					'explorerUrl' => array(
						'description' => __( 'Block explorer base URL (optional).', 'sovereign-press' ),
						'type'        => 'string',
						'pattern'     => '^([hH][tT][tT][pP][sS]?://[^\s]+)?$',
						'maxLength'   => 2048,
						'default'     => '',
					),
				),
			),
		);
	}

	/**
	 * @return list<Network>
	 */
	public function defaults(): array {
		return array();
	}

	/**
	 * Malformed networks and repeated chain ids are dropped.
	 *
	 * @param mixed                $value    Raw networks.
	 * @param array<string, mixed> $settings Sections before this one.
	 * @return list<Network>
	 */
	public function sanitize( mixed $value, array $settings ): array {
		$clean    = array();
		$seen_ids = array();
		foreach ( (array) ( $value ?? array() ) as $network ) {
			$network = self::sanitize_network( $network );
			if ( null === $network || isset( $seen_ids[ $network['chainId'] ] ) ) {
				continue;
			}
			$seen_ids[ $network['chainId'] ] = true;
			$clean[]                         = $network;
		}
		return $clean;
	}

	/**
	 * Refuses networks that repeat a chain id, or whose URLs have no host, which the JSON schema
	 * cannot express.
	 *
	 * @param array<string, mixed> $sent    The option as sent.
	 * @param array<string, mixed> $current The stored settings.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error {
		if ( ! isset( $sent[ self::KEY ] ) || ! is_array( $sent[ self::KEY ] ) ) {
			return null;
		}
		$ids = array();
		foreach ( $sent[ self::KEY ] as $index => $network ) {
			$id = is_array( $network ) ? ( $network['chainId'] ?? null ) : null;
			if ( null !== $id && in_array( $id, $ids, true ) ) {
				return new \WP_Error(
					'sovereign_press_duplicate_chain_id',
					sprintf(
						/* translators: 1: chain id, 2: position of the network in the list (starting at 1). */
						__( 'Chain id %1$d is listed twice (network %2$d). Each network needs its own chain id.', 'sovereign-press' ),
						(int) $id,
						(int) $index + 1
					),
					array(
						'status' => 400,
						'params' => array( Settings::OPTION => 'networks' ),
					)
				);
			}
			$ids[] = $id;
			foreach ( array( 'rpcUrl', 'explorerUrl' ) as $field ) {
				$url = is_array( $network ) && is_string( $network[ $field ] ?? null ) ? trim( $network[ $field ] ) : '';
				if ( ( 'rpcUrl' === $field || '' !== $url ) && ! self::is_http_url( $url ) ) {
					// The schema's pattern lets a URL without a host through ("http:///x"), which
					// sanitize() would drop without a word.
					return new \WP_Error(
						'sovereign_press_invalid_network_url',
						sprintf(
							/* translators: %d: position of the network in the list (starting at 1). */
							__( 'Network %d: enter an http or https URL with a host name.', 'sovereign-press' ),
							(int) $index + 1
						),
						array(
							'status' => 400,
							'params' => array( Settings::OPTION => 'networks' ),
						)
					);
				}
			}
		}
		return null;
	}

	/**
	 * @param mixed $network Raw network.
	 * @return Network|null
	 */
	private static function sanitize_network( mixed $network ): ?array {
		if ( ! is_array( $network ) ) {
			return null;
		}
		$chain_id = filter_var( $network['chainId'] ?? null, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
		$rpc_url  = trim( (string) ( $network['rpcUrl'] ?? '' ) );
		$name     = trim( sanitize_text_field( (string) ( $network['name'] ?? '' ) ) );
		if ( false === $chain_id || $chain_id > self::MAX_CHAIN_ID || '' === $name || ! self::is_http_url( $rpc_url ) ) {
			return null;
		}
		$explorer = trim( (string) ( $network['explorerUrl'] ?? '' ) );
		return array(
			'chainId'     => $chain_id,
			'name'        => $name,
			'rpcUrl'      => $rpc_url,
			'explorerUrl' => self::is_http_url( $explorer ) ? untrailingslashit( $explorer ) : '',
		);
	}

	/**
	 * Whether a URL is http(s) with a host: all the server connects to, or links to.
	 *
	 * @since 0.4.0
	 */
	public static function is_http_url( string $url ): bool {
		return 1 === preg_match( '#^https?://\S+$#iD', $url ) && false !== wp_parse_url( $url, PHP_URL_HOST );
	}
}
