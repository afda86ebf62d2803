<?php
/**
 * Proposal bodies through the bundled league/commonmark and wp_kses: formatting kept, every
 * payload inert, no remote image loaded.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\Markdown;
use SovereignPress\Tests\Integration\TestCase;

final class MarkdownTest extends TestCase {

	/**
	 * Every tag and attribute of some HTML, as "tag attr=value" lines (tag processor, not regexes).
	 *
	 * @return list<array{tag:string, attributes:array<string, string|true>}>
	 */
	public static function tags( string $html ): array {
		$tags      = array();
		$processor = new \WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( array( 'tag_closers' => 'skip' ) ) ) {
			$attributes = array();
			foreach ( (array) $processor->get_attribute_names_with_prefix( '' ) as $name ) {
				$attributes[ $name ] = $processor->get_attribute( $name );
			}
			$tags[] = array(
				'tag'        => strtolower( $processor->get_tag() ),
				'attributes' => $attributes,
			);
		}
		return $tags;
	}

	public function test_the_library_is_bundled(): void {
		$this->assertTrue( Markdown::available(), 'vendor/ is missing: run scripts/get-vendor.sh' );
	}

	public function test_renders_commonmark_and_gfm(): void {
		$html = Markdown::to_html( "# Budget\n\n**Bold** and ~~struck~~.\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n1. one\n\n> quote\n\n```\ncode <b>\n```\n\nSee https://example.org/x and [docs](https://docs.example.org \"Docs\")." );
		$names = array_column( self::tags( $html ), 'tag' );
		foreach ( array( 'h3', 'strong', 'del', 'table', 'th', 'td', 'ul', 'li', 'input', 'ol', 'blockquote', 'pre', 'code', 'a' ) as $tag ) {
			$this->assertContains( $tag, $names, $html );
		}
		$this->assertStringContainsString( 'code &lt;b&gt;', $html );
		$links = array_values( array_filter( self::tags( $html ), static fn( array $t ): bool => 'a' === $t['tag'] ) );
		$this->assertSame( 'https://example.org/x', $links[0]['attributes']['href'] );
		$this->assertSame( 'https://docs.example.org', $links[1]['attributes']['href'] );
		foreach ( $links as $link ) {
			$this->assertSame( Markdown::LINK_REL, $link['attributes']['rel'] );
		}
	}

	/**
	 * @return array<string, array{0:string}>
	 */
	public static function payloads(): array {
		return array(
			'script tag'          => array( "Hello <script>alert(1)</script>\n\n<script>alert(2)</script>" ),
			'javascript link'     => array( '[click](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [y](  javascript&#58;alert(1))' ),
			'javascript autolink' => array( '<javascript:alert(1)>' ),
			'event handler'       => array( '<img src=x onerror=alert(1)> <a href="https://e.org" onclick="alert(1)">a</a>' ),
			'svg onload'          => array( "<svg onload=alert(1)><circle/></svg>\n\n<svg><script>alert(1)</script></svg>" ),
			'entities'            => array( '&lt;script&gt;alert(1)&lt;/script&gt; &#106;avascript:alert(1) [e](&#106;avascript:alert(1))' ),
			'data url'            => array( '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![i](data:image/png;base64,AAAA)' ),
			'vbscript and file'   => array( '[v](vbscript:msgbox) [f](file:///etc/passwd)' ),
			'style and iframe'    => array( "<style>body{display:none}</style>\n\n<iframe src=https://evil.example></iframe>" ),
			'link title quotes'   => array( '[a](https://e.org "x\" onmouseover=\"alert(1)")' ),
		);
	}

	/**
	 * @dataProvider payloads
	 */
	public function test_payloads_render_inert( string $markdown ): void {
		$html = Markdown::to_html( $markdown );
		$this->assertNotSame( '', trim( wp_strip_all_tags( $html ) ), 'the text stays, escaped' );
		foreach ( self::tags( $html ) as $tag ) {
			$this->assertNotContains( $tag['tag'], array( 'script', 'svg', 'img', 'iframe', 'style', 'object', 'embed' ), $html );
			foreach ( $tag['attributes'] as $name => $value ) {
				$this->assertStringStartsNotWith( 'on', $name, $html );
				$this->assertNotSame( 'style', $name, $html );
				if ( in_array( $name, array( 'href', 'src' ), true ) ) {
					$this->assertMatchesRegularExpression( '#^(https?://|mailto:)#i', (string) $value, $html );
				}
			}
		}
	}

	public function test_images_become_links_and_never_load(): void {
		$html = Markdown::to_html( "![The chart](https://cdn.example.org/chart.png) ![](https://cdn.example.org/x.png) ![plain](http://cdn.example.org/y.png)" );
		$tags = self::tags( $html );
		$this->assertNotContains( 'img', array_column( $tags, 'tag' ), $html );
		$this->assertSame( 'https://cdn.example.org/chart.png', $tags[1]['attributes']['href'] ?? null, $html );
		$this->assertStringContainsString( '>The chart</a>', $html );
		$this->assertStringContainsString( '>Image</a>', $html );
		// Not https: the alt text alone.
		$this->assertStringNotContainsString( 'http://cdn.example.org/y.png', $html );
		$this->assertStringContainsString( 'plain', $html );
	}

	public function test_deep_nesting_is_bounded(): void {
		$html = Markdown::to_html( str_repeat( '> ', 500 ) . 'deep' );
		$this->assertLessThanOrEqual( Markdown::MAX_NESTING + 1, substr_count( $html, '<blockquote>' ) );
		$this->assertStringContainsString( 'deep', $html );
	}

	/**
	 * A body built to make the parser allocate a node per byte ("*_*_…", "[[[…") needs about
	 * 1.5 KB of memory per byte: at the longest body rendered, more than a 128M PHP limit
	 * holds. Such a body must show as plain text, not end the page in a fatal error (in a fresh
	 * PHP process with that limit, as a web request has it).
	 */
	public function test_a_body_built_to_exhaust_memory_renders_as_text_within_128m(): void {
		$code = 'register_shutdown_function( static function (): void { $error = error_get_last(); if ( null !== $error && E_ERROR === $error["type"] ) { echo $error["message"], "\\n"; } } ); $_SERVER["HTTP_HOST"] = "127.0.0.1"; $_SERVER["REQUEST_URI"] = "/"; define( "WP_USE_THEMES", false ); define( "WP_DISABLE_FATAL_ERROR_HANDLER", true ); require getenv( "SP_WP_DIR" ) . "/wp-load.php";'
			. ' foreach ( array( "*_", "[" ) as $unit ) { $html = \\SovereignPress\\Governance\\Markdown::to_html( str_repeat( $unit, intdiv( \\SovereignPress\\Governance\\Markdown::MAX_LENGTH - 10, strlen( $unit ) ) ) . " tail" ); echo strlen( $html ), " ", str_contains( $html, "tail" ) ? "kept" : "lost", "\\n"; }';
		$command = escapeshellarg( PHP_BINARY ) . ' -d memory_limit=128M -r ' . escapeshellarg( $code ) . ' 2>&1';
		exec( $command, $output, $status );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
		$this->assertCount( 2, $output, implode( "\n", $output ) );
		foreach ( $output as $line ) {
			$this->assertMatchesRegularExpression( '/^[1-9][0-9]* kept$/', $line );
		}
	}
}
