<?php
/**
 * Keeps gated content on the server: every channel that could carry a post's words to a reader
 * who does not qualify gets the teaser and a notice instead.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Settings\Settings;

/**
 * Channels: the_content (single views, archives, query loops, feeds, REST `content.rendered`),
 * get_the_excerpt (excerpts, search results, embeds, RSS descriptions, REST `excerpt`), REST raw
 * fields and meta, search matching, comments (lists, REST, feeds, new comments), and caching
 * headers. Gated Content blocks decide in render.php through section(); a render_block filter
 * decides by block name for any that render.php did not (their type unregistered, build/
 * missing), and the_content decides sections left unrendered when blocks are not rendered at
 * all. People who can edit a post always read it; XML-RPC and previews are theirs alone in
 * WordPress core.
 *
 * @since 0.1.0
 */
final class ContentGuard {

	private const NO_CACHE = 'no-cache, must-revalidate, max-age=0, no-store, private';

	/** @var list<string|null> Notices waiting for the end of the_content calls in progress. */
	private array $pending = array();

	/** @var \WeakMap<\WP_Block, true>|null Gated Content blocks that render.php has decided. */
	private ?\WeakMap $decided = null;

	public function __construct( private Gates $gates, private Settings $settings ) {}

	/**
	 * @since 0.1.0
	 */
	public function register(): void {
		add_filter( 'the_content', array( $this, 'filter_content' ), 1 );
		add_filter( 'the_content', array( $this, 'finish_content' ), PHP_INT_MAX );
		// First, so that other render_block filters only ever see a decided section.
		add_filter( 'render_block', array( $this, 'filter_block' ), PHP_INT_MIN, 3 );
		add_filter( 'get_the_excerpt', array( $this, 'filter_excerpt' ), PHP_INT_MAX, 2 );
		add_filter( 'the_posts', array( $this, 'prefetch' ), 10, 2 );
		add_action( 'wp', array( $this, 'send_headers' ) );
		add_filter( 'posts_search', array( $this, 'filter_search' ), 10, 2 );
		add_filter( 'the_comments', array( $this, 'filter_comments' ) );
		add_filter( 'comments_array', array( $this, 'filter_comments' ) );
		add_filter( 'get_comment_text', array( $this, 'filter_comment_text' ), PHP_INT_MAX, 2 );
		add_filter( 'get_comment_excerpt', array( $this, 'filter_comment_text' ), PHP_INT_MAX, 2 );
		add_filter( 'comments_open', array( $this, 'filter_comments_open' ), PHP_INT_MAX, 2 );
		add_action( 'rest_api_init', array( $this, 'register_rest' ) );
	}

	/**
	 * Hooks the REST output of every post type shown there (runs after they are registered).
	 */
	public function register_rest(): void {
		foreach ( get_post_types( array( 'show_in_rest' => true ) ) as $type ) {
			add_filter( "rest_prepare_{$type}", array( $this, 'filter_rest' ), PHP_INT_MAX, 3 );
		}
	}

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
		$decision = $this->gates->decide( $rule );
		return Evaluator::GRANTED === $decision ? null : compact( 'gate', 'rule', 'decision' );
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
			return is_string( $content ) ? $this->unrendered_sections( $content, $post ) : $content;
		}
		$this->pending[] = $this->notice( $closed['rule'], $closed['decision'], __( 'This post is for members.', 'sovereign-press' ), $this->is_main_view( $post ), $post );
		return $this->unrendered_sections( $this->teaser( $post, $closed['gate']['teaser'] ), $post );
	}

	/**
	 * When nothing renders blocks in the_content (do_blocks unhooked), Gated Content blocks would
	 * be printed as they are stored, inner blocks and all: each one is decided here instead.
	 */
	private function unrendered_sections( string $content, ?\WP_Post $post ): string {
		if ( false !== has_filter( 'the_content', 'do_blocks' ) || ! has_block( Gates::BLOCK, $content ) ) {
			return $content;
		}
		$decide = function ( array $block ) use ( &$decide, $post ): array {
			if ( Gates::BLOCK === $block['blockName'] ) {
				$notice = $this->closed_section( (array) $block['attrs'], $post?->ID ?? 0 );
				if ( null !== $notice ) {
					$html = self::wrap( $notice );
					return array(
						'blockName'    => null,
						'attrs'        => array(),
						'innerBlocks'  => array(),
						'innerHTML'    => $html,
						'innerContent' => array( $html ),
					);
				}
			}
			$block['innerBlocks'] = array_map( $decide, (array) $block['innerBlocks'] );
			return $block;
		};
		return serialize_blocks( array_map( $decide, parse_blocks( $content ) ) );
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
			$this->gates->prefetch( $rules );
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

	/**
	 * A Gated Content block, from its render.php: its inner blocks, or the notice.
	 *
	 * @since 0.1.0
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>, message?:string} $attributes Block attributes.
	 * @param string                                                             $content    Rendered inner blocks.
	 * @param \WP_Block                                                          $block      The block (its postId context: 0 outside a post).
	 */
	public function section( array $attributes, string $content, \WP_Block $block ): string {
		$this->decided         ??= new \WeakMap();
		$this->decided[ $block ] = true;
		return $this->closed_section( $attributes, (int) ( $block->context['postId'] ?? 0 ) ) ?? $content;
	}

	/**
	 * render_block, first: a Gated Content block that render.php did not decide (its type is not
	 * registered, or registered without our render callback) printed its inner blocks as they
	 * are. Decided here by block name, so it fails closed whatever happened to the type.
	 *
	 * @since 0.1.0
	 *
	 * @param string    $content  Rendered block.
	 * @param array     $parsed   Parsed block.
	 * @param \WP_Block $instance Block instance.
	 */
	public function filter_block( mixed $content, mixed $parsed, mixed $instance = null ): mixed {
		if ( ! is_array( $parsed ) || Gates::BLOCK !== ( $parsed['blockName'] ?? null ) ) {
			return $content;
		}
		if ( $instance instanceof \WP_Block && isset( $this->decided[ $instance ] ) ) {
			unset( $this->decided[ $instance ] );
			return $content;
		}
		// An unregistered type has no context: the post being rendered is the block's.
		$post_id = $instance instanceof \WP_Block && isset( $instance->context['postId'] ) ? (int) $instance->context['postId'] : (int) get_the_ID();
		$notice  = $this->closed_section( is_array( $parsed['attrs'] ?? null ) ? $parsed['attrs'] : array(), $post_id );
		return null === $notice ? $content : self::wrap( $notice );
	}

	/**
	 * The notice for a Gated Content block, or null when the reader may read its inner blocks.
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>, message?:string} $attributes Block attributes.
	 * @param int                                                                $post_id    Post the block belongs to (0 outside a post).
	 */
	private function closed_section( array $attributes, int $post_id ): ?string {
		self::no_cache();
		// People who can edit the post the section is in read it; a section in a template part or a
		// pattern shown around a post is the site's, for those who edit the site.
		$post     = $post_id > 0 ? get_post( $post_id ) : null;
		$can_edit = current_user_can( 'edit_theme_options' )
			|| ( $post instanceof \WP_Post && current_user_can( 'edit_post', $post_id ) && has_block( Gates::BLOCK, $post ) );
		if ( $can_edit ) {
			return null;
		}
		$rule     = $this->gates->rule( $attributes );
		$decision = $this->gates->decide( $rule );
		if ( Evaluator::GRANTED === $decision ) {
			return null;
		}
		// The login button where the reader is (the post's own page, or a template part);
		// a short notice in lists of posts, feeds and REST.
		$full = $post instanceof \WP_Post ? $this->is_main_view( $post ) : ! is_feed() && ! wp_is_serving_rest_request();
		$message = (string) ( $attributes['message'] ?? '' );
		return $this->notice( $rule, $decision, '' !== $message ? $message : __( 'This section is for members.', 'sovereign-press' ), $full, $post );
	}

	/**
	 * The call to action: what the gate asks, and the way in (wallet login, linking another wallet,
	 * or trying again when the chain could not be read).
	 *
	 * @param array<string, mixed> $rule     Rule.
	 * @param string               $decision Evaluator::DENIED or UNAVAILABLE.
	 * @param string               $title    First line: the editor's message, or the default.
	 * @param bool                 $full     With the login button (single views), or a short notice.
	 */
	private function notice( array $rule, string $decision, string $title, bool $full, ?\WP_Post $post ): string {
		wp_enqueue_style( 'sovereign-press-gated-content-style' );
		$html = '<p class="sovereign-press-gate__title"><strong>' . esc_html( $title ) . '</strong></p>';
		/* translators: %s: what readers must hold, such as "1 Citizen NFT on Local chain". */
		$html .= '<p class="sovereign-press-gate__rule">' . esc_html( sprintf( __( 'Readers need %s.', 'sovereign-press' ), $this->gates->summary( $rule ) ) ) . '</p>';
		$here  = null !== $post ? (string) get_permalink( $post ) : home_url( '/' );

		if ( Evaluator::UNAVAILABLE === $decision ) {
			$state = 'unavailable';
			$html .= '<p class="sovereign-press-gate__status" role="status">' . esc_html__( 'We could not verify your holdings right now: the chain did not answer in time. Please try again in a minute.', 'sovereign-press' ) . '</p>';
			if ( $full ) {
				$html .= '<p><a class="wp-element-button" href="' . esc_url( $here ) . '">' . esc_html__( 'Try again', 'sovereign-press' ) . '</a></p>';
			}
		} elseif ( ! is_user_logged_in() ) {
			$state = 'logged-out';
			if ( ! $full ) {
				$html .= '<p><a href="' . esc_url( $here ) . '">' . esc_html__( 'Log in with your wallet on the site to read it.', 'sovereign-press' ) . '</a></p>';
			} elseif ( $this->settings->wallet_login()['enabled'] ) {
				$html .= '<p>' . esc_html__( 'Holders: log in with your wallet to read it.', 'sovereign-press' ) . '</p>';
				$html .= render_block(
					array(
						'blockName'    => 'sovereign-press/wallet-login',
						'attrs'        => array(),
						'innerBlocks'  => array(),
						'innerHTML'    => '',
						'innerContent' => array(),
					)
				);
			} else {
				$html .= '<p><a href="' . esc_url( wp_login_url( $here ) ) . '">' . esc_html__( 'Log in to read it.', 'sovereign-press' ) . '</a></p>';
			}
		} else {
			$state   = 'denied';
			$wallets = $this->gates->reader_wallets();
			$html   .= '<p class="sovereign-press-gate__status">' . esc_html(
				array() === $wallets
					? __( 'Your account has no linked wallet yet.', 'sovereign-press' )
					: sprintf(
						/* translators: %s: comma-separated short wallet addresses. */
						_n( 'Your linked wallet (%s) does not hold this.', 'Your linked wallets (%s) do not hold this.', count( $wallets ), 'sovereign-press' ),
						implode( ', ', array_map( array( \SovereignPress\Crypto\Address::class, 'short' ), $wallets ) )
					)
			) . '</p>';
			if ( $full ) {
				$html .= '<p><a href="' . esc_url( admin_url( 'profile.php#sovereign-press-wallets' ) ) . '">' . esc_html__( 'Link another wallet', 'sovereign-press' ) . '</a></p>';
			}
		}
		return '<div class="sovereign-press-gate" data-gate-state="' . esc_attr( $state ) . '">' . $html . '</div>';
	}

	/**
	 * A notice in the Gated Content wrapper, where render.php (which adds the block supports) did
	 * not print one.
	 */
	private static function wrap( string $notice ): string {
		return '<div class="wp-block-sovereign-press-gated-content">' . $notice . '</div>';
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

	/**
	 * The post being viewed on its own page (where the login button belongs).
	 */
	private function is_main_view( \WP_Post $post ): bool {
		return is_singular() && get_queried_object_id() === $post->ID && ! is_feed() && ! wp_is_serving_rest_request() && ! is_embed();
	}

	private function hides_comments_of( int $post_id ): bool {
		$post = $post_id > 0 ? get_post( $post_id ) : null;
		return $post instanceof \WP_Post && null !== $this->closed_gate( $post );
	}
}
