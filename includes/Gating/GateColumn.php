<?php
/**
 * The "Gate" column of the posts and pages lists.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * Shows at a glance who may read each post: its preset's name or its rule's summary, "Gated
 * sections", or nothing for an open post.
 *
 * @since 0.1.0
 */
final class GateColumn {

	private const COLUMN = 'sovereign_press_gate';

	public function __construct( private Gates $gates ) {}

	/**
	 * @param array<string, string> $columns Columns of the posts list.
	 * @return array<string, string>
	 */
	public function add_column( array $columns ): array {
		$columns[ self::COLUMN ] = __( 'Gate', 'sovereign-press' );
		return $columns;
	}

	public function render_column( string $column, int $post_id ): void {
		if ( self::COLUMN !== $column ) {
			return;
		}
		$gate = $this->gates->post_gate( $post_id );
		if ( null !== $gate ) {
			$summary = $this->gates->summary( $this->gates->rule( $gate ) );
			$name    = '' !== $gate['preset'] ? ( $this->gates->preset( $gate['preset'] )['name'] ?? null ) : null;
			printf(
				'<span class="sovereign-press-gate-badge" title="%1$s"><span class="dashicons dashicons-lock" aria-hidden="true"></span> %2$s</span>',
				/* translators: %s: what readers must hold. */
				esc_attr( sprintf( __( 'Readers need %s.', 'sovereign-press' ), $summary ) ),
				esc_html( $name ?? $summary )
			);
			return;
		}
		if ( 'sections' === get_post_meta( $post_id, Gates::FLAG, true ) ) {
			echo '<span class="sovereign-press-gate-badge"><span class="dashicons dashicons-lock" aria-hidden="true"></span> ' . esc_html__( 'Gated sections', 'sovereign-press' ) . '</span>';
			return;
		}
		echo '<span aria-hidden="true">—</span><span class="screen-reader-text">' . esc_html__( 'Open to everyone', 'sovereign-press' ) . '</span>';
	}
}
