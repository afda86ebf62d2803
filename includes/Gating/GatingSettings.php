<?php
/**
 * The settings section of token gates.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Settings\Section;
use SovereignPress\Settings\Settings;

/**
 * `gating`: how long holdings are remembered, how long a page waits for the chain, how long a
 * node that failed is left alone (every chain read's circuit breaker), and the named rules
 * (presets) editors can pick. A preset's rule must hold against the networks.
 *
 * @phpstan-import-type Gating from Settings
 * @phpstan-import-type Preset from Settings
 *
 * @since 0.1.0
 */
final class GatingSettings implements Section {

	public const KEY = 'gating';

	/** @var Gating */
	public const DEFAULTS = array(
		'cacheTtl'       => 60,
		'budgetMs'       => 1500,
		'breakerSeconds' => 30,
		'presets'        => array(),
	);

	private const PRESET_ID = '^[a-z0-9][a-z0-9-]{0,39}$';

	public function key(): string {
		return self::KEY;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		return array(
			'description'          => __( 'Token gates.', 'sovereign-press' ),
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'cacheTtl' => array(
					'description' => __( 'Seconds a reader\'s holdings are remembered before the chain is asked again (0 asks on every view).', 'sovereign-press' ),
					'type'        => 'integer',
					'minimum'     => 0,
					'maximum'     => 86400,
				),
				'budgetMs' => array(
					'description' => __( 'Milliseconds a page waits for the chain before it shows readers that their holdings could not be checked.', 'sovereign-press' ),
					'type'        => 'integer',
					'minimum'     => 200,
					'maximum'     => 10000,
				),
				'breakerSeconds' => array(
					'description' => __( 'Seconds the site stops asking a network\'s node after it failed, answering "unavailable" at once (0 always asks).', 'sovereign-press' ),
					'type'        => 'integer',
					'minimum'     => 0,
					'maximum'     => 3600,
				),
				'presets'  => array(
					'description' => __( 'Named rules editors can pick.', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 50,
					'items'       => array(
						'type'                 => 'object',
						'additionalProperties' => false,
						'required'             => array( 'id', 'name', 'rule' ),
						'properties'           => array(
							'id'   => array(
								'type'    => 'string',
								'pattern' => self::PRESET_ID,
							),
							'name' => array(
								'type'      => 'string',
								'minLength' => 1,
								'maxLength' => 80,
							),
							'rule' => Rule::schema(),
						),
					),
				),
			),
		);
	}

	/**
	 * @return Gating
	 */
	public function defaults(): array {
		return self::DEFAULTS;
	}

	/**
	 * Numbers are clamped; presets with a malformed or repeated id, no name or an unsound rule
	 * (checked against the networks sanitized before) are dropped.
	 *
	 * @param mixed                $value    Raw gating settings.
	 * @param array<string, mixed> $settings Sections before this one: the networks.
	 * @return Gating
	 */
	public function sanitize( mixed $value, array $settings ): array {
		$value    = is_array( $value ) ? $value : array();
		$defaults = self::DEFAULTS;
		$chains   = array_column( (array) ( $settings[ NetworkSettings::KEY ] ?? array() ), 'chainId' );
		$presets  = array();
		foreach ( (array) ( $value['presets'] ?? array() ) as $preset ) {
			$id   = is_array( $preset ) ? (string) ( $preset['id'] ?? '' ) : '';
			$name = is_array( $preset ) ? trim( sanitize_text_field( (string) ( $preset['name'] ?? '' ) ) ) : '';
			$rule = is_array( $preset ) ? ( $preset['rule'] ?? null ) : null;
			if ( 1 !== preg_match( '/' . self::PRESET_ID . '/D', $id ) || isset( $presets[ $id ] ) || '' === $name || ! is_array( $rule ) || null !== Rule::problem( $rule, $chains ) ) {
				continue;
			}
			$presets[ $id ] = array(
				'id'   => $id,
				'name' => $name,
				'rule' => Rule::normalize( $rule ),
			);
		}
		return array(
			'cacheTtl'       => max( 0, min( 86400, (int) ( $value['cacheTtl'] ?? $defaults['cacheTtl'] ) ) ),
			'budgetMs'       => max( 200, min( 10000, (int) ( $value['budgetMs'] ?? $defaults['budgetMs'] ) ) ),
			'breakerSeconds' => max( 0, min( 3600, (int) ( $value['breakerSeconds'] ?? $defaults['breakerSeconds'] ) ) ),
			'presets'        => array_values( $presets ),
		);
	}

	/**
	 * Refuses presets whose rule is unsound (against the networks sent along, or else the stored
	 * ones) or whose id repeats, naming the preset.
	 *
	 * @param array<string, mixed> $sent    The option as sent.
	 * @param array<string, mixed> $current The stored settings.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error {
		$presets = $sent[ self::KEY ]['presets'] ?? null;
		if ( ! is_array( $presets ) ) {
			return null;
		}
		$networks = is_array( $sent[ NetworkSettings::KEY ] ?? null ) ? $sent[ NetworkSettings::KEY ] : $current[ NetworkSettings::KEY ];
		$chains   = array_values( array_filter( array_map( static fn( $network ) => is_array( $network ) ? ( $network['chainId'] ?? null ) : null, $networks ), 'is_int' ) );
		$ids      = array();
		foreach ( $presets as $preset ) {
			$id   = is_array( $preset ) ? (string) ( $preset['id'] ?? '' ) : '';
			$name = is_array( $preset ) ? (string) ( $preset['name'] ?? $id ) : '';
			if ( isset( $ids[ $id ] ) ) {
				return new \WP_Error(
					'sovereign_press_duplicate_preset',
					/* translators: %s: preset id. */
					sprintf( __( 'Two presets have the id "%s". Each preset needs its own.', 'sovereign-press' ), $id ),
					array(
						'status' => 400,
						'params' => array( Settings::OPTION => 'gating.presets' ),
					)
				);
			}
			$ids[ $id ] = true;
			$problem    = Rule::problem( is_array( $preset ) ? ( $preset['rule'] ?? null ) : null, $chains );
			if ( null !== $problem ) {
				return new \WP_Error(
					'sovereign_press_invalid_rule',
					/* translators: 1: preset name, 2: what is wrong with its rule. */
					sprintf( __( 'Preset "%1$s": %2$s', 'sovereign-press' ), $name, $problem ),
					array(
						'status' => 400,
						'params' => array( Settings::OPTION => 'gating.presets' ),
					)
				);
			}
		}
		return null;
	}
}
