<?php
/**
 * The checks on a post's gates that a schema cannot make, before a REST save writes anything.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Chain\Networks;

/**
 * A gate meta or a Gated Content block that names an unknown preset, or whose rule is not sound,
 * makes the save fail with 400 sovereign_press_invalid_gate, naming the field.
 *
 * @since 0.1.0
 */
final class GateValidation {

	public function __construct( private Gates $gates, private Networks $networks ) {}

	/**
	 * rest_pre_insert_{post type}: refuses a post save whose gate (or Gated Content block) names an
	 * unknown preset or an unsound rule, before anything is written.
	 *
	 * @since 0.1.0
	 *
	 * @param \stdClass|\WP_Error $prepared Post about to be saved.
	 * @param \WP_REST_Request    $request  Request.
	 * @return \stdClass|\WP_Error
	 */
	public function validate_rest( mixed $prepared, \WP_REST_Request $request ): mixed {
		if ( is_wp_error( $prepared ) ) {
			return $prepared;
		}
		$meta = $request->get_param( 'meta' );
		if ( is_array( $meta ) && array_key_exists( Gates::META, $meta ) ) {
			$problem = $this->problem( $meta[ Gates::META ] );
			if ( null !== $problem ) {
				/* translators: %s: what is wrong with the gate. */
				return self::error( sprintf( __( 'Token gate: %s', 'sovereign-press' ), $problem ), 'meta.' . Gates::META );
			}
		}
		$content = $request->get_param( 'content' );
		$content = is_array( $content ) ? ( $content['raw'] ?? null ) : $content;
		if ( is_string( $content ) && has_block( Gates::BLOCK, $content ) ) {
			$position = 0;
			foreach ( Gates::sections( parse_blocks( $content ) ) as $attributes ) {
				++$position;
				$problem = $this->problem( $attributes );
				if ( null !== $problem ) {
					/* translators: 1: position of the block in the post, 2: what is wrong with its rule. */
					return self::error( sprintf( __( 'Gated Content block %1$d: %2$s', 'sovereign-press' ), $position, $problem ), 'content' );
				}
			}
		}
		return $prepared;
	}

	/**
	 * A gate (or block) with neither preset nor rule is allowed: it is closed to everyone but
	 * editors, which is what a block just inserted should be.
	 *
	 * @param mixed $gate Gate meta or block attributes.
	 */
	private function problem( mixed $gate ): ?string {
		if ( ! is_array( $gate ) ) {
			return null === $gate || '' === $gate ? null : __( 'the gate must be an object with a preset or a rule.', 'sovereign-press' );
		}
		$preset = $gate['preset'] ?? '';
		if ( is_string( $preset ) && '' !== $preset ) {
			/* translators: %s: preset id. */
			return null === $this->gates->preset( $preset ) ? sprintf( __( 'there is no preset "%s" in Settings > Sovereign Press.', 'sovereign-press' ), $preset ) : null;
		}
		$rule = $gate['rule'] ?? array();
		if ( ! is_array( $rule ) || array() === $rule ) {
			return null;
		}
		return Rule::problem( $rule, $this->networks->chain_ids() );
	}

	private static function error( string $message, string $param ): \WP_Error {
		return new \WP_Error(
			'sovereign_press_invalid_gate',
			$message,
			array(
				'status' => 400,
				'params' => array( $param => $message ),
			)
		);
	}
}
