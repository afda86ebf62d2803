<?php
/**
 * The gate of a post as registered meta: its schema, its stored form, and the flag that search
 * and caching key on.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Chain\Networks;

/**
 * @since 0.1.0
 */
final class GateMeta {

	public function __construct( private Gates $gates, private Networks $networks ) {}

	/**
	 * @since 0.1.0
	 */
	public function register(): void {
		register_post_meta(
			'',
			Gates::META,
			array(
				'type'              => 'object',
				'single'            => true,
				'description'       => __( 'Token gate: who may read this post.', 'sovereign-press' ),
				'sanitize_callback' => array( $this, 'sanitize' ),
				'auth_callback'     => static fn( $allowed, $meta_key, $post_id ): bool => current_user_can( 'edit_post', (int) $post_id ),
				'show_in_rest'      => array( 'schema' => Gates::meta_schema() ),
			)
		);
	}

	/**
	 * Stored form of a gate. A rule that is not sound is kept as it came (the evaluator grants
	 * nothing on it), never dropped: dropping it would open the post.
	 *
	 * @since 0.1.0
	 *
	 * @param mixed $value Meta value.
	 * @return array<string, mixed>
	 */
	public function sanitize( mixed $value ): array {
		$gate = Gates::gate_of( $value );
		if ( null === $gate ) {
			return array();
		}
		$rule = $gate['rule'];
		if ( array() !== $rule && null === Rule::problem( $rule, $this->networks->chain_ids() ) ) {
			$rule = Rule::normalize( $rule );
		}
		// An empty rule is left out: the schema requires a rule to have a type.
		return array_filter(
			array(
				'preset' => sanitize_key( $gate['preset'] ),
				'rule'   => $rule,
				'teaser' => $gate['teaser'],
			),
			static fn( $field ) => array() !== $field
		);
	}

	/**
	 * Keeps the flag true to the post: set while it has a gate or a Gated Content block.
	 *
	 * @since 0.1.0
	 */
	public function refresh_flag( int $post_id ): void {
		$post = get_post( $post_id );
		if ( ! $post instanceof \WP_Post || 'revision' === $post->post_type ) {
			return;
		}
		$whole = null !== $this->gates->post_gate( $post_id );
		if ( $whole || has_block( Gates::BLOCK, $post ) ) {
			update_post_meta( $post_id, Gates::FLAG, $whole ? 'post' : 'sections' );
		} else {
			delete_post_meta( $post_id, Gates::FLAG );
		}
	}

	/**
	 * added/updated/deleted_post_meta: the gate changed.
	 *
	 * @param int|list<int> $meta_id  Meta id(s).
	 * @param int           $post_id  Post.
	 * @param string        $meta_key Key.
	 */
	public function meta_changed( mixed $meta_id, mixed $post_id, mixed $meta_key ): void {
		if ( Gates::META === $meta_key ) {
			$this->refresh_flag( (int) $post_id );
		}
	}
}
