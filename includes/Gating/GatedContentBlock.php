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
	 * the_content, after ContentGuard made a gated post its teaser and before blocks render: when
	 * nothing renders blocks there (do_blocks unhooked), Gated Content blocks would be printed as
	 * they are stored, inner blocks and all. Each one is decided here instead.
	 *
	 * @since 0.1.0
	 *
	 * @param string $content Post content (or a gated post's teaser).
	 */
	public function filter_unrendered( mixed $content ): mixed {
		if ( ! is_string( $content ) || false !== has_filter( 'the_content', 'do_blocks' ) || ! has_block( Gates::BLOCK, $content ) ) {
			return $content;
		}
		$post   = get_post();
		$post   = $post instanceof \WP_Post ? $post : null;
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
	 * The notice for a Gated Content block, or null when the reader may read its inner blocks.
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>, message?:string} $attributes Block attributes.
	 * @param int                                                                $post_id    Post the block belongs to (0 outside a post).
	 */
	private function closed_section( array $attributes, int $post_id ): ?string {
		ContentGuard::no_cache();
		// People who can edit the post the section is in read it; a section in a template part or a
		// pattern shown around a post is the site's, for those who edit the site.
		$post     = $post_id > 0 ? get_post( $post_id ) : null;
		$can_edit = current_user_can( 'edit_theme_options' )
			|| ( $post instanceof \WP_Post && current_user_can( 'edit_post', $post_id ) && has_block( Gates::BLOCK, $post ) );
		if ( $can_edit ) {
			return null;
		}
		$rule     = $this->gates->rule( $attributes );
		$decision = $this->decisions->decide( $rule );
		if ( Evaluator::GRANTED === $decision ) {
			return null;
		}
		$message = (string) ( $attributes['message'] ?? '' );
		return $this->notice->render( $rule, $decision, '' !== $message ? $message : __( 'This section is for members.', 'sovereign-press' ), $post instanceof \WP_Post ? $post : null );
	}

	/**
	 * A notice in the Gated Content wrapper, where render.php (which adds the block supports) did
	 * not print one.
	 */
	private static function wrap( string $notice ): string {
		return '<div class="wp-block-sovereign-press-gated-content">' . $notice . '</div>';
	}
}
