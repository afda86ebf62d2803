<?php
/**
 * The gate of a post as registered meta: schema, the REST checks a schema cannot make, the flag
 * that search and caching key on, and the "Gate" column of the posts list.
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
		foreach ( get_post_types( array( 'show_in_rest' => true ) ) as $type ) {
			add_filter( "rest_pre_insert_{$type}", array( $this, 'validate_rest' ), 10, 2 );
		}
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
	 * Refuses a post save whose gate (or Gated Content block) names an unknown preset or an
	 * unsound rule, before anything is written.
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

	/**
	 * @param array<string, string> $columns Columns of the posts list.
	 * @return array<string, string>
	 */
	public function add_column( array $columns ): array {
		$columns['sovereign_press_gate'] = __( 'Gate', 'sovereign-press' );
		return $columns;
	}

	public function render_column( string $column, int $post_id ): void {
		if ( 'sovereign_press_gate' !== $column ) {
			return;
		}
		$gate = $this->gates->post_gate( $post_id );
		if ( null !== $gate ) {
			$summary = $this->gates->summary( $this->gates->rule( $gate ) );
			printf(
				'<span class="sovereign-press-gate-badge" title="%1$s"><span class="dashicons dashicons-lock" aria-hidden="true"></span> %2$s</span>',
				/* translators: %s: what readers must hold. */
				esc_attr( sprintf( __( 'Readers need %s.', 'sovereign-press' ), $summary ) ),
				esc_html( '' !== $gate['preset'] ? ( $this->preset_name( $gate['preset'] ) ?? $summary ) : $summary )
			);
			return;
		}
		if ( 'sections' === get_post_meta( $post_id, Gates::FLAG, true ) ) {
			echo '<span class="sovereign-press-gate-badge"><span class="dashicons dashicons-lock" aria-hidden="true"></span> ' . esc_html__( 'Gated sections', 'sovereign-press' ) . '</span>';
			return;
		}
		echo '<span aria-hidden="true">—</span><span class="screen-reader-text">' . esc_html__( 'Open to everyone', 'sovereign-press' ) . '</span>';
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
			return null === $this->preset_name( $preset ) ? sprintf( __( 'there is no preset "%s" in Settings > Sovereign Press.', 'sovereign-press' ), $preset ) : null;
		}
		$rule = $gate['rule'] ?? array();
		if ( ! is_array( $rule ) || array() === $rule ) {
			return null;
		}
		return Rule::problem( $rule, $this->networks->chain_ids() );
	}

	private function preset_name( string $id ): ?string {
		return $this->gates->preset( $id )['name'] ?? null;
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
