<?php
/**
 * Keeps gated content on the server: every channel that could carry a post's words to a reader
 * who does not qualify gets the teaser and a notice instead.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * Channels: the_content (single views, archives, query loops, feeds, REST `content.rendered`),
 * get_the_excerpt (excerpts, search results, embeds, RSS descriptions, REST `excerpt`), REST raw
 * fields and meta, search matching, comments (lists, REST, feeds, new comments), and caching
 * headers. Gated Content blocks, wherever they are, are GatedContentBlock's; what core prints
 * without these filters (Latest Posts, footnotes) is RawContent's. People who can edit a post
 * always read it; XML-RPC and previews are theirs alone in WordPress core.
 *
 * @since 0.1.0
 */
final class ContentGuard {

	private const NO_CACHE = 'no-cache, must-revalidate, max-age=0, no-store, private';

	/** @var list<string|null> Notices waiting for the end of the_content calls in progress. */
	private array $pending = array();

	public function __construct( private Gates $gates, private Decisions $decisions, private Notice $notice ) {}

	/**
	 * The post's own gate, its rule and its outcome (DENIED or UNAVAILABLE) for the current reader,
	 * or null when the post is open to them (no gate, they pass it, or they can edit the post).
	 *
	 * @return array{gate:array{preset:string, rule:array<string, mixed>, teaser:string}, rule:array<string, mixed>, decision:string}|null
	 */
	private function closed_gate( \WP_Post $post ): ?array {
		$gate = $this->gates->post_gate( $post->ID );
		if ( null === $gate || current_user_can( 'edit_post', $post->ID ) ) {
			return null;
		}
		$rule     = $this->gates->rule( $gate );
		$decision = $this->decisions->decide( $rule );
		return Evaluator::GRANTED === $decision ? null : compact( 'gate', 'rule', 'decision' );
	}

	/**
	 * Whether the post's own gate is closed to the current reader.
	 *
	 * @since 0.1.0
	 */
	public function is_closed( \WP_Post $post ): bool {
		return null !== $this->closed_gate( $post );
	}

	/**
	 * What the current reader may have of a post's stored content where core prints it without
	 * the_content: its teaser and the notice when its gate is closed to them, or null when it is
	 * open. Sections are the Gated Content block's to decide.
	 *
	 * @since 0.1.0
	 */
	public function closed_content( \WP_Post $post ): ?string {
		$closed = $this->closed_gate( $post );
		if ( null === $closed ) {
			return null;
		}
		return $this->teaser( $post, $closed['gate']['teaser'] ) . $this->notice->render( $closed['rule'], $closed['decision'], __( 'This post is for members.', 'sovereign-press' ), $post );
	}

	/**
	 * the_content, before blocks render: a gated post becomes its teaser.
	 *
	 * @param string $content Post content.
	 */
	public function filter_content( mixed $content ): mixed {
		$post   = get_post();
		$closed = $post instanceof \WP_Post ? $this->closed_gate( $post ) : null;
		if ( null === $closed ) {
			$this->pending[] = null;
			return $content;
		}
		$this->pending[] = $this->notice->render( $closed['rule'], $closed['decision'], __( 'This post is for members.', 'sovereign-press' ), $post );
		return $this->teaser( $post, $closed['gate']['teaser'] );
	}

	/**
	 * the_content, after everything else: the notice follows the teaser.
	 *
	 * @param string $content Filtered content.
	 */
	public function finish_content( mixed $content ): mixed {
		$notice = array_pop( $this->pending );
		return null === $notice ? $content : $content . $notice;
	}

	/**
	 * get_the_excerpt, last: a gated post's excerpt is its teaser, never words from its body.
	 *
	 * @param string            $excerpt Excerpt so far.
	 * @param \WP_Post|int|null $post    Post.
	 */
	public function filter_excerpt( mixed $excerpt, mixed $post = null ): mixed {
		$post   = get_post( $post );
		$closed = $post instanceof \WP_Post ? $this->closed_gate( $post ) : null;
		if ( null === $closed ) {
			return $excerpt;
		}
		switch ( $closed['gate']['teaser'] ) {
			case 'excerpt':
				return $post->post_excerpt;
			case 'more':
				return wp_trim_words( wp_strip_all_tags( excerpt_remove_blocks( strip_shortcodes( $this->before_more( $post ) ) ) ), 55 );
			default:
				return '';
		}
	}

	/**
	 * Decides all the gates of a query's posts together: one read per chain for the whole page.
	 *
	 * @param array<\WP_Post|int>|mixed $posts Posts.
	 * @return array<\WP_Post|int>|mixed
	 */
	public function prefetch( mixed $posts ): mixed {
		if ( ! is_array( $posts ) ) {
			return $posts;
		}
		$rules = array();
		foreach ( $posts as $post ) {
			$post = get_post( $post );
			if ( $post instanceof \WP_Post && '' !== get_post_meta( $post->ID, Gates::FLAG, true ) && ! current_user_can( 'edit_post', $post->ID ) ) {
				array_push( $rules, ...$this->gates->rules_in( $post ) );
			}
		}
		if ( array() !== $rules ) {
			$this->decisions->prefetch( $rules );
		}
		return $posts;
	}

	/**
	 * Pages with gated posts or sections must not be kept by page caches or proxies: the next
	 * reader may not qualify, or may qualify where this one did not.
	 */
	public function send_headers(): void {
		global $wp_query;
		// Sitemaps and robots.txt carry no post content, whatever the main query holds.
		if ( '' !== (string) get_query_var( 'sitemap' ) || is_robots() ) {
			return;
		}
		foreach ( (array) ( $wp_query->posts ?? array() ) as $post ) {
			if ( $post instanceof \WP_Post && '' !== get_post_meta( $post->ID, Gates::FLAG, true ) ) {
				self::no_cache();
				return;
			}
		}
	}

	/**
	 * Sends no-cache headers if output has not started.
	 *
	 * @since 0.1.0
	 */
	public static function no_cache(): void {
		if ( ! headers_sent() ) {
			nocache_headers();
			header( 'Cache-Control: ' . self::NO_CACHE );
			header( 'Vary: Cookie', false );
		}
	}

	/**
	 * Search matches a gated post's body only for people who can edit others' posts: a word
	 * found in a hidden body would tell a reader what it says.
	 *
	 * @param string    $search Search SQL.
	 * @param \WP_Query $query  Query.
	 */
	public function filter_search( mixed $search, \WP_Query $query ): mixed {
		if ( ! is_string( $search ) || '' === $search || current_user_can( 'edit_others_posts' ) ) {
			return $search;
		}
		global $wpdb;
		$gated = $wpdb->prepare( "SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key = %s", Gates::FLAG );
		return (string) preg_replace_callback(
			'/\(' . preg_quote( $wpdb->posts, '/' ) . '\.post_content (NOT LIKE|LIKE) (\'(?:[^\'\\\\]|\\\\.)*\')\)/',
			static fn( array $m ): string => 'LIKE' === $m[1]
				? "({$wpdb->posts}.post_content LIKE {$m[2]} AND {$wpdb->posts}.ID NOT IN ({$gated}))"
				: "({$wpdb->posts}.post_content NOT LIKE {$m[2]} OR {$wpdb->posts}.ID IN ({$gated}))",
			$search
		);
	}

	/**
	 * Comments on a post the reader may not read are not theirs to read either.
	 *
	 * @param mixed $comments Comments (WP_Comment objects, or ids and counts which pass through).
	 * @return mixed
	 */
	public function filter_comments( mixed $comments ): mixed {
		if ( ! is_array( $comments ) ) {
			return $comments;
		}
		return array_values(
			array_filter(
				$comments,
				fn( $comment ) => ! $comment instanceof \WP_Comment || ! $this->hides_comments_of( (int) $comment->comment_post_ID )
			)
		);
	}

	/**
	 * @param string      $text    Comment text.
	 * @param \WP_Comment $comment Comment.
	 */
	public function filter_comment_text( mixed $text, mixed $comment = null ): mixed {
		return $comment instanceof \WP_Comment && $this->hides_comments_of( (int) $comment->comment_post_ID ) ? '' : $text;
	}

	/**
	 * @param bool $open    Whether comments are open.
	 * @param int  $post_id Post.
	 */
	public function filter_comments_open( mixed $open, mixed $post_id = 0 ): mixed {
		return $open && $this->hides_comments_of( (int) $post_id ) ? false : $open;
	}

	/**
	 * REST: raw fields and the gate's own meta are for editors; gated responses are not cached.
	 * content.rendered and excerpt already went through the_content and get_the_excerpt.
	 *
	 * @param \WP_REST_Response $response Response.
	 * @param \WP_Post          $post     Post.
	 */
	public function filter_rest( mixed $response, mixed $post ): mixed {
		if ( ! $response instanceof \WP_REST_Response || ! $post instanceof \WP_Post ) {
			return $response;
		}
		if ( '' !== get_post_meta( $post->ID, Gates::FLAG, true ) ) {
			$response->header( 'Cache-Control', self::NO_CACHE );
		}
		if ( current_user_can( 'edit_post', $post->ID ) ) {
			return $response;
		}
		$data = $response->get_data();
		if ( isset( $data['meta'] ) && is_array( $data['meta'] ) ) {
			unset( $data['meta'][ Gates::META ] );
		}
		if ( null !== $this->closed_gate( $post ) ) {
			unset( $data['content']['raw'], $data['excerpt']['raw'] );
			if ( isset( $data['content'] ) ) {
				$data['content']['protected'] = true;
			}
		}
		$response->set_data( $data );
		return $response;
	}

	private function teaser( \WP_Post $post, string $teaser ): string {
		if ( 'more' === $teaser ) {
			return $this->before_more( $post );
		}
		if ( 'excerpt' === $teaser && '' !== $post->post_excerpt ) {
			return '<p class="sovereign-press-gate__teaser">' . esc_html( $post->post_excerpt ) . '</p>';
		}
		return '';
	}

	/**
	 * Content before the More block, or nothing when the post has none.
	 */
	private function before_more( \WP_Post $post ): string {
		$parts = get_extended( $post->post_content );
		return '' === $parts['extended'] && ! str_contains( $post->post_content, '<!--more' ) ? '' : $parts['main'];
	}

	private function hides_comments_of( int $post_id ): bool {
		$post = $post_id > 0 ? get_post( $post_id ) : null;
		return $post instanceof \WP_Post && null !== $this->closed_gate( $post );
	}
}
