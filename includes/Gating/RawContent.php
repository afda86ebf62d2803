<?php
/**
 * Where WordPress core hands out a post's words without the_content or get_the_excerpt.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * Two channels bypass the filters ContentGuard and GatedContentBlock watch:
 *
 * - The Latest Posts block prints each post's stored content as it is (its "full post" mode).
 *   While one renders, the posts its query returns carry what the reader may have instead: the
 *   teaser and notice of a closed post, closed sections as notices. Decided on the data, not on
 *   the printed HTML, and by block name around any render callback, so it holds whoever
 *   registered the block type.
 * - Footnotes live in the post's public `footnotes` meta, printed by the Footnotes block (in
 *   pages and feeds) and by REST. A reader who may not read the post gets none; one who may not
 *   read a section gets none of the footnotes anchored only there.
 *
 * People who can edit the post keep everything.
 *
 * @since 0.1.0
 */
final class RawContent {

	private const LATEST_POSTS = 'core/latest-posts';

	/** @var list<bool> Latest Posts blocks rendering now: whether each prints whole posts. */
	private array $latest = array();

	/** Whether a footnotes read of our own is in progress. */
	private bool $reading = false;

	public function __construct( private ContentGuard $guard, private GatedContentBlock $block ) {}

	/**
	 * render_block_data: a Latest Posts block starts rendering.
	 *
	 * @param array $parsed Parsed block.
	 */
	public function enter_block( mixed $parsed ): mixed {
		if ( is_array( $parsed ) && self::LATEST_POSTS === ( $parsed['blockName'] ?? null ) ) {
			$attributes     = is_array( $parsed['attrs'] ?? null ) ? $parsed['attrs'] : array();
			$this->latest[] = ! empty( $attributes['displayPostContent'] ) && 'full_post' === ( $attributes['displayPostContentRadio'] ?? '' );
		}
		return $parsed;
	}

	/**
	 * render_block: a Latest Posts block has rendered.
	 *
	 * @param string $content Rendered block.
	 * @param array  $parsed  Parsed block.
	 */
	public function leave_block( mixed $content, mixed $parsed ): mixed {
		if ( is_array( $parsed ) && self::LATEST_POSTS === ( $parsed['blockName'] ?? null ) ) {
			array_pop( $this->latest );
		}
		return $content;
	}

	/**
	 * the_posts, last: while a Latest Posts block renders, each post carries what the reader may
	 * read of it (copies: the object cache keeps the real posts).
	 *
	 * @param array<\WP_Post|int>|mixed $posts Posts.
	 * @return array<\WP_Post|int>|mixed
	 */
	public function filter_posts( mixed $posts ): mixed {
		if ( array() === $this->latest || ! is_array( $posts ) ) {
			return $posts;
		}
		$notices = (bool) end( $this->latest );
		foreach ( $posts as $index => $post ) {
			if ( ! $post instanceof \WP_Post || current_user_can( 'edit_post', $post->ID ) ) {
				continue;
			}
			$content = $this->guard->closed_content( $post ) ?? $post->post_content;
			$content = $this->block->decide_sections( $content, $post->ID, $notices );
			if ( $content !== $post->post_content ) {
				$copy               = new \WP_Post( $post );
				$copy->post_content = $content;
				$posts[ $index ]    = $copy;
			}
		}
		return $posts;
	}

	/**
	 * get_post_metadata: the `footnotes` meta (alone, or among all of a post's meta) holds only the
	 * footnotes the reader may read.
	 *
	 * @param mixed  $value     Value from earlier filters (null: none).
	 * @param int    $object_id Post.
	 * @param string $meta_key  Key ('' for all).
	 * @return mixed
	 */
	public function filter_footnotes( mixed $value, mixed $object_id, mixed $meta_key ): mixed {
		if ( null !== $value || $this->reading || ( 'footnotes' !== $meta_key && '' !== $meta_key ) ) {
			return $value;
		}
		$post = get_post( (int) $object_id );
		if ( ! $post instanceof \WP_Post || ( ! has_block( Gates::BLOCK, $post ) && '' === get_post_meta( $post->ID, Gates::META, true ) ) ) {
			return $value;
		}
		if ( current_user_can( 'edit_post', $post->ID ) ) {
			return $value;
		}
		$this->reading = true;
		try {
			$stored = get_metadata_raw( 'post', $post->ID, (string) $meta_key );
		} finally {
			$this->reading = false;
		}
		if ( ! is_array( $stored ) || array() === $stored ) {
			return $value;
		}
		if ( '' === $meta_key ) {
			if ( isset( $stored['footnotes'] ) ) {
				$stored['footnotes'] = array_map( fn( $notes ) => $this->readable_footnotes( $notes, $post ), (array) $stored['footnotes'] );
			}
			return $stored;
		}
		return array_map( fn( $notes ) => $this->readable_footnotes( $notes, $post ), $stored );
	}

	/**
	 * @param mixed $notes Stored footnotes (a JSON list of {id, content}).
	 */
	private function readable_footnotes( mixed $notes, \WP_Post $post ): mixed {
		if ( $this->guard->is_closed( $post ) ) {
			return '';
		}
		$list = is_string( $notes ) ? json_decode( $notes, true ) : null;
		if ( ! is_array( $list ) ) {
			return '';
		}
		// What the reader gets of the content: footnotes whose anchor is not there are not theirs.
		$visible = $this->block->decide_sections( $post->post_content, $post->ID, false );
		$kept    = array_values( array_filter( $list, static fn( $note ) => is_array( $note ) && is_string( $note['id'] ?? null ) && str_contains( $visible, 'data-fn="' . $note['id'] . '"' ) ) );
		return count( $kept ) === count( $list ) ? $notes : (string) wp_json_encode( $kept );
	}
}
