<?php
/**
 * Proposal bodies: Markdown to safe HTML.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

use League\CommonMark\Environment\Environment;
use League\CommonMark\Extension\CommonMark\CommonMarkCoreExtension;
use League\CommonMark\Extension\CommonMark\Node\Block\Heading;
use League\CommonMark\Extension\CommonMark\Node\Inline\Image;
use League\CommonMark\Extension\GithubFlavoredMarkdownExtension;
use League\CommonMark\MarkdownConverter;
use SovereignPress\Governance\Markdown\HeadingRenderer;
use SovereignPress\Governance\Markdown\ImageRenderer;

/**
 * Bodies come from whoever wrote the proposal, so nothing of theirs is trusted: league/commonmark
 * (bundled in vendor/ by scripts/get-vendor.sh) renders CommonMark + GFM with raw HTML escaped and
 * unsafe links dropped, then wp_kses keeps only the tags and attributes below (no style, no
 * event handler, links http(s) and mailto only). Images are never loaded: a remote image would
 * send every reader to a host the site's admin did not choose, so an image becomes a link to it,
 * its alt text as the words. Headings start at h3, under the proposal's own title.
 *
 * Without vendor/ (a checkout that never ran scripts/get-vendor.sh) a body is escaped text in
 * paragraphs, and administrators see a notice; so is a body whose parsing could exhaust PHP's
 * memory limit (MEMORY_PER_BYTE), instead of ending the page in a fatal error.
 *
 * @since 0.2.0
 */
final class Markdown {

	/** Deepest nesting of blocks and inlines the parser follows. */
	public const MAX_NESTING = 16;

	/** Longest body rendered, in bytes; the rest is cut (Snapshot caps bodies well below). */
	public const MAX_LENGTH = 100000;

	/**
	 * Most memory the parser may take per byte of Markdown: league/commonmark builds a node for
	 * every delimiter, about 1.5 KB each, so a body of nothing but "*_*_…" or "[[[…" takes 1.5 KB
	 * a byte. A body whose worst case does not fit in the memory left is shown as plain text.
	 */
	public const MEMORY_PER_BYTE = 2048;

	/** What a link in a body carries: not endorsed, written by users, no window.opener. */
	public const LINK_REL = 'nofollow ugc noopener';

	private static ?MarkdownConverter $converter = null;

	/**
	 * Whether the Markdown library is there.
	 *
	 * @since 0.2.0
	 */
	public static function available(): bool {
		return class_exists( MarkdownConverter::class );
	}

	/**
	 * Safe HTML for a proposal body.
	 *
	 * @since 0.2.0
	 *
	 * @param string $markdown Markdown from a source (untrusted).
	 */
	public static function to_html( string $markdown ): string {
		$markdown = substr( $markdown, 0, self::MAX_LENGTH );
		if ( '' === trim( $markdown ) ) {
			return '';
		}
		if ( ! self::available() || ! self::fits( strlen( $markdown ) ) ) {
			return wpautop( esc_html( $markdown ) );
		}
		try {
			$html = (string) self::converter()->convert( wp_check_invalid_utf8( $markdown, true ) );
		} catch ( \Throwable $error ) {
			return wpautop( esc_html( $markdown ) );
		}
		return self::with_link_rel( wp_kses( $html, self::allowed_html(), array( 'http', 'https', 'mailto' ) ) );
	}

	/**
	 * What a body may keep: structure and emphasis; no style, class, id or event handler.
	 *
	 * @since 0.2.0
	 *
	 * @return array<string, array<string, bool>>
	 */
	public static function allowed_html(): array {
		$plain = array();
		$tags  = array( 'p', 'br', 'hr', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'li', 'table', 'thead', 'tbody', 'tr' );
		foreach ( $tags as $tag ) {
			$plain[ $tag ] = array();
		}
		return array_merge(
			$plain,
			array(
				'a'     => array(
					'href'  => true,
					'title' => true,
				),
				'ol'    => array( 'start' => true ),
				'th'    => array( 'align' => true ),
				'td'    => array( 'align' => true ),
				'input' => array(
					'type'     => true,
					'checked'  => true,
					'disabled' => true,
				),
			)
		);
	}

	/**
	 * admin_notices: without vendor/ bodies show as plain text.
	 *
	 * @since 0.2.0
	 */
	public static function admin_notice(): void {
		if ( self::available() || ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		$root     = dirname( __DIR__, 2 );
		$checkout = is_readable( $root . '/package.json' );
		$fix      = $checkout
			/* translators: 1: a command, 2: the plugin's folder. */
			? sprintf( __( 'In a development checkout, run %1$s in %2$s.', 'sovereign-press' ), '<code>npm run get-vendor</code>', '<code>' . esc_html( $root ) . '</code>' )
			: esc_html__( 'Reinstall the plugin from its release zip (Plugins > Add New Plugin > Upload Plugin).', 'sovereign-press' );
		printf(
			'<div class="notice notice-warning"><p><strong>%1$s</strong> %2$s</p><p>%3$s</p></div>',
			esc_html__( 'Sovereign Press is missing its bundled libraries (vendor/).', 'sovereign-press' ),
			esc_html__( 'DAO proposals show their text without formatting until they are back.', 'sovereign-press' ),
			wp_kses( $fix, array( 'code' => array() ) )
		);
	}

	private static function converter(): MarkdownConverter {
		if ( null === self::$converter ) {
			$environment = new Environment(
				array(
					'html_input'         => 'escape',
					'allow_unsafe_links' => false,
					'max_nesting_level'  => self::MAX_NESTING,
					'renderer'           => array( 'soft_break' => "\n" ),
				)
			);
			$environment->addExtension( new CommonMarkCoreExtension() );
			$environment->addExtension( new GithubFlavoredMarkdownExtension() );
			$environment->addRenderer( Image::class, new ImageRenderer(), 100 );
			$environment->addRenderer( Heading::class, new HeadingRenderer(), 100 );
			self::$converter = new MarkdownConverter( $environment );
		}
		return self::$converter;
	}

	/**
	 * Whether the parser's worst case for this many bytes fits in the memory PHP has left.
	 */
	private static function fits( int $length ): bool {
		$limit = wp_convert_hr_to_bytes( (string) ini_get( 'memory_limit' ) );
		return $limit <= 0 || memory_get_usage() + $length * self::MEMORY_PER_BYTE < $limit;
	}

	/**
	 * Every link gets LINK_REL (and nothing else opens a window).
	 */
	private static function with_link_rel( string $html ): string {
		$tags = new \WP_HTML_Tag_Processor( $html );
		while ( $tags->next_tag( 'a' ) ) {
			$tags->set_attribute( 'rel', self::LINK_REL );
		}
		return $tags->get_updated_html();
	}
}
