<?php
/**
 * The Gated Content block on the server: what its render.php prints, and how its sections stay
 * closed when render.php does not run.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

/**
 * A section's inner blocks reach only readers who pass its rule (and people who can edit what it
 * is in). render.php decides through render(); a render_block filter decides by block name any
 * section that render.php did not (its type unregistered, build/ missing), and a the_content
 * filter decides sections left unrendered when nothing renders blocks there.
 *
 * render.php reaches the block through instance(), which the composition root provides at boot:
 * a template gets what it renders with, not the whole plugin.
 *
 * @since 0.1.0
 */
final class GatedContentBlock {

	private static ?self $instance = null;

	/** @var \WeakMap<\WP_Block, true>|null Blocks that render.php has decided. */
	private ?\WeakMap $decided = null;

	/**
	 * @var list<array{0:string, 1:int}> What the markup rendering now is stored in, innermost
	 *      last: a post (the_content), a synced pattern (its Pattern block), or the site (0: a
	 *      template part, a navigation menu). Nothing: the site's (templates, widgets).
	 */
	private array $owners = array();

	public function __construct( private Gates $gates, private Decisions $decisions, private Notice $notice ) {}

	/**
	 * Makes this object the one render.php uses (the composition root calls it at boot).
	 *
	 * @since 0.1.0
	 */
	public static function provide( self $block ): void {
		self::$instance = $block;
	}

	/**
	 * The object render.php renders with.
	 *
	 * @since 0.1.0
	 *
	 * @throws \LogicException When the plugin has not provided it (render.php run without the plugin booted).
	 */
	public static function instance(): self {
		if ( null === self::$instance ) {
			throw new \LogicException( 'The Gated Content block has no services: Sovereign Press has not been booted (GatedContentBlock::provide() was not called).' );
		}
		return self::$instance;
	}

	/**
	 * What render.php prints inside the block's wrapper: its inner blocks, or the notice.
	 *
	 * @since 0.1.0
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>, message?:string} $attributes Block attributes.
	 * @param string                                                             $content    Rendered inner blocks.
	 * @param \WP_Block                                                          $block      The block (its postId context: 0 outside a post).
	 */
	public function render( array $attributes, string $content, \WP_Block $block ): string {
		$this->decided         ??= new \WeakMap();
		$this->decided[ $block ] = true;
		return $this->closed_section( $attributes, (int) ( $block->context['postId'] ?? 0 ), $this->owner() ) ?? $content;
	}

	/**
	 * the_content, first: the post's own markup starts.
	 *
	 * @since 0.1.0
	 *
	 * @param string $content Post content.
	 */
	public function enter_content( mixed $content ): mixed {
		$this->owners[] = array( 'the_content', (int) get_the_ID() );
		return $content;
	}

	/**
	 * the_content, last: the post's own markup has rendered.
	 *
	 * @since 0.1.0
	 *
	 * @param string $content Filtered content.
	 */
	public function leave_content( mixed $content ): mixed {
		$this->leave( 'the_content' );
		return $content;
	}

	/**
	 * render_block_data: a block that renders markup stored elsewhere starts. Sections belong to
	 * what stores them, not to the post they are shown around: an author's own post must not open
	 * the site's template parts or someone else's pattern.
	 *
	 * @since 0.1.0
	 *
	 * @param array $parsed Parsed block.
	 */
	public function enter_block( mixed $parsed ): mixed {
		$name = is_array( $parsed ) ? ( $parsed['blockName'] ?? null ) : null;
		if ( in_array( $name, array( 'core/block', 'core/template-part', 'core/navigation' ), true ) ) {
			$this->owners[] = array( $name, 'core/block' === $name ? (int) ( $parsed['attrs']['ref'] ?? 0 ) : 0 );
		}
		return $parsed;
	}

	/**
	 * render_block, last: the block entered has rendered.
	 *
	 * @since 0.1.0
	 *
	 * @param string $content Rendered block.
	 * @param array  $parsed  Parsed block.
	 */
	public function leave_block( mixed $content, mixed $parsed ): mixed {
		if ( is_array( $parsed ) && is_string( $parsed['blockName'] ?? null ) ) {
			$this->leave( $parsed['blockName'] );
		}
		return $content;
	}

	private function leave( string $name ): void {
		$top = end( $this->owners );
		if ( false !== $top && $name === $top[0] ) {
			array_pop( $this->owners );
		}
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
		$notice  = $this->closed_section( is_array( $parsed['attrs'] ?? null ) ? $parsed['attrs'] : array(), $post_id, $this->owner() );
		return null === $notice ? $content : self::wrap( $notice );
	}

	/**
	 * the_content, after ContentGuard made a gated post its teaser and before blocks render: when
	 * nothing renders blocks there (do_blocks unhooked), Gated Content blocks would be printed as
	 * they are stored, inner blocks and all. Each one is decided here instead.
	 *
	 * @since 0.1.0
	 *
	 * @param string $content Post content (or a gated post's teaser).
	 */
	public function filter_unrendered( mixed $content ): mixed {
		if ( ! is_string( $content ) || false !== has_filter( 'the_content', 'do_blocks' ) ) {
			return $content;
		}
		return $this->decide_sections( $content, (int) get_the_ID() );
	}

	/**
	 * Block markup with every section the reader may not read decided: replaced by its notice, or
	 * (for markup handed to editors' screens) emptied, its attributes kept.
	 *
	 * @since 0.1.0
	 *
	 * @param string $content Block markup.
	 * @param int    $post_id Post the markup belongs to (0 for the site's: template parts, navigation).
	 * @param bool   $notices Whether a closed section becomes its notice, or an empty section.
	 */
	public function decide_sections( string $content, int $post_id, bool $notices = true ): string {
		if ( ! has_block( Gates::BLOCK, $content ) ) {
			return $content;
		}
		$decide = function ( array $block ) use ( &$decide, $post_id, $notices ): array {
			if ( Gates::BLOCK === $block['blockName'] ) {
				$attributes = (array) $block['attrs'];
				if ( $notices ) {
					$notice = $this->closed_section( $attributes, $post_id, $post_id );
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
				} elseif ( null !== $this->closed( $attributes, $post_id, $post_id ) ) {
					return array(
						'blockName'    => Gates::BLOCK,
						'attrs'        => $attributes,
						'innerBlocks'  => array(),
						'innerHTML'    => '',
						'innerContent' => array(),
					);
				}
			}
			$block['innerBlocks'] = array_map( $decide, (array) $block['innerBlocks'] );
			return $block;
		};
		return serialize_blocks( array_map( $decide, parse_blocks( $content ) ) );
	}

	/**
	 * REST, for post types whose raw markup reaches readers (synced patterns show it to anyone who
	 * may write posts): sections are emptied for readers who may not read them.
	 *
	 * @since 0.1.0
	 *
	 * @param \WP_REST_Response $response Response.
	 * @param \WP_Post          $post     Post.
	 */
	public function filter_rest( mixed $response, mixed $post ): mixed {
		if ( $response instanceof \WP_REST_Response && $post instanceof \WP_Post && is_array( $response->get_data() ) ) {
			$response->set_data( $this->decide_raw( $response->get_data(), $post->ID ) );
		}
		return $response;
	}

	/**
	 * rest_request_after_callbacks: templates and template parts (the site's) show their markup to
	 * anyone who may write posts, and core's templates controller has no rest_prepare filter.
	 *
	 * @since 0.1.0
	 *
	 * @param \WP_REST_Response|mixed $response Response.
	 * @param array                   $handler  Route handler.
	 */
	public function filter_rest_templates( mixed $response, mixed $handler ): mixed {
		$controller = is_array( $handler ) && is_array( $handler['callback'] ?? null ) ? ( $handler['callback'][0] ?? null ) : null;
		if ( ! $controller instanceof \WP_REST_Templates_Controller || ! $response instanceof \WP_REST_Response || ! is_array( $response->get_data() ) ) {
			return $response;
		}
		$data = $response->get_data();
		$response->set_data( array_is_list( $data ) ? array_map( fn( $item ) => is_array( $item ) ? $this->decide_raw( $item, 0 ) : $item, $data ) : $this->decide_raw( $data, 0 ) );
		return $response;
	}

	/**
	 * @param array<string, mixed> $item    A REST item.
	 * @param int                  $post_id Post its markup belongs to (0 for the site's).
	 * @return array<string, mixed>
	 */
	private function decide_raw( array $item, int $post_id ): array {
		$raw = $item['content']['raw'] ?? null;
		if ( is_string( $raw ) && has_block( Gates::BLOCK, $raw ) ) {
			$item['content']['raw'] = $this->decide_sections( $raw, $post_id, false );
		}
		return $item;
	}

	/**
	 * The notice for a Gated Content block, or null when the reader may read its inner blocks.
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>, message?:string} $attributes Block attributes.
	 * @param int                                                                $post_id    Post the block belongs to (0 outside a post).
	 */
	private function closed_section( array $attributes, int $post_id, int $owner ): ?string {
		$closed = $this->closed( $attributes, $post_id, $owner );
		if ( null === $closed ) {
			return null;
		}
		$message = is_string( $attributes['message'] ?? null ) ? $attributes['message'] : '';
		return $this->notice->render( $closed['rule'], $closed['decision'], '' !== $message ? $message : __( 'This section is for members.', 'sovereign-press' ), $closed['post'] );
	}

	/**
	 * The rule and outcome (DENIED or UNAVAILABLE) of a section closed to the reader, or null.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @param int                  $post_id    Post being shown (0 outside a post), for the notice.
	 * @param int                  $owner      Post the section is stored in: the post, a synced
	 *                                         pattern, or 0 for the site's (template parts).
	 * @return array{rule:array<string, mixed>, decision:string, post:\WP_Post|null}|null
	 */
	private function closed( array $attributes, int $post_id, int $owner ): ?array {
		ContentGuard::no_cache();
		// People who can edit what the section is stored in read it: the post, or the synced
		// pattern; a section in a template part is the site's, for those who edit the site.
		$stored   = $owner > 0 ? get_post( $owner ) : null;
		$can_edit = current_user_can( 'edit_theme_options' )
			|| ( $stored instanceof \WP_Post && current_user_can( 'edit_post', $owner ) && has_block( Gates::BLOCK, $stored ) );
		if ( $can_edit ) {
			return null;
		}
		$post     = $post_id > 0 ? get_post( $post_id ) : null;
		$post     = $post instanceof \WP_Post ? $post : null;
		$rule     = $this->gates->rule( $attributes );
		$decision = $this->decisions->decide( $rule );
		return Evaluator::GRANTED === $decision ? null : compact( 'rule', 'decision', 'post' );
	}

	/**
	 * What the sections rendering now are stored in (0: the site).
	 */
	private function owner(): int {
		$top = end( $this->owners );
		return false === $top ? 0 : $top[1];
	}

	/**
	 * A notice in the Gated Content wrapper, where render.php (which adds the block supports) did
	 * not print one.
	 */
	private static function wrap( string $notice ): string {
		return '<div class="wp-block-sovereign-press-gated-content">' . $notice . '</div>';
	}
}
