<?php
/**
 * Channels that carry a post's words past the_content: the Latest Posts block printing whole
 * posts, footnotes kept in post meta, and the raw markup of synced patterns and template parts
 * that REST shows to anyone who may write posts. Readers who do not qualify get none of it;
 * people who can edit what holds it keep it.
 *
 * Demo holdings (scripts/lib/chain.mjs): the visitor (wallet 3) holds nothing.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Gating\Gates;

final class RawContentTest extends TestCase {

	private const BODY     = 'canary-body: the quorum is seventeen.';
	private const SECTION  = 'canary-section: the runbook is in the ops repository.';
	private const FOOTNOTE = 'canary-footnote: the source is the treasurer.';
	private const FN_ID    = 'a1b2c3d4-0000-4000-8000-0000000000f1';
	private const OPEN_FN  = 'a1b2c3d4-0000-4000-8000-0000000000f2';

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate();
	}

	protected function tearDown(): void {
		$GLOBALS['post'] = null;
		parent::tearDown();
	}

	private static function section( string $words ): string {
		return '<!-- wp:sovereign-press/gated-content {"preset":"citizens"} --><div class="wp-block-sovereign-press-gated-content"><!-- wp:paragraph --><p>' . $words . '</p><!-- /wp:paragraph --></div><!-- /wp:sovereign-press/gated-content -->';
	}

	private static function footnoted( string $words, string $id ): string {
		return '<!-- wp:paragraph --><p>' . $words . '<sup data-fn="' . $id . '" class="fn"><a href="#' . $id . '" id="' . $id . '-link">1</a></sup></p><!-- /wp:paragraph -->';
	}

	/**
	 * @param array<string, mixed> $meta Post meta.
	 */
	private function post( string $content, array $meta = array(), string $type = 'post', string $author = 'editor' ): int {
		$id = wp_insert_post(
			array(
				'post_title'   => 'Raw content',
				'post_type'    => $type,
				'post_status'  => 'publish',
				'post_author'  => self::user_id( $author ),
				'post_excerpt' => 'A public teaser.',
				'post_content' => $content,
				'meta_input'   => $meta,
			)
		);
		$this->assertIsInt( $id );
		return $id;
	}

	private function as_user( string $login ): void {
		$this->log_in_as( $login );
		\SovereignPress\Plugin::instance()->decisions()->reset();
	}

	public function test_latest_posts_prints_whole_posts_and_excerpts_without_gated_words(): void {
		$this->post( '<!-- wp:paragraph --><p>' . self::BODY . '</p><!-- /wp:paragraph -->', array( Gates::META => array( 'preset' => 'citizens', 'teaser' => 'excerpt' ) ) );
		$this->post( '<!-- wp:paragraph --><p>Public words.</p><!-- /wp:paragraph -->' . self::section( self::SECTION ) );
		$block = static fn( string $radio ): string => do_blocks( '<!-- wp:latest-posts {"postsToShow":20,"displayPostContent":true,"displayPostContentRadio":"' . $radio . '"} /-->' );

		foreach ( array( 0 => 'visitor', 'subscriber' => 'subscriber' ) as $login => $who ) {
			if ( is_string( $login ) ) {
				$this->as_user( $login );
			}
			$full = $block( 'full_post' );
			$this->assertStringNotContainsString( 'canary-', $full, "The {$who} reads no gated words in whole posts." );
			$this->assertStringContainsString( 'A public teaser.', $full );
			$this->assertStringContainsString( 'Public words.', $full );
			$this->assertStringContainsString( 'This section is for members.', $full );
			$this->assertStringContainsString( 'This post is for members.', $full );
			$this->assertStringNotContainsString( 'canary-', $block( 'excerpt' ), "The {$who} reads no gated words in excerpts." );
		}

		$this->as_user( 'editor' );
		$full = $block( 'full_post' );
		$this->assertStringContainsString( self::BODY, $full, 'The editor of the posts reads them whole.' );
		$this->assertStringContainsString( self::SECTION, $full );
		$this->assertStringContainsString( self::BODY, (string) get_post( (int) get_posts( array( 's' => 'quorum' ) )[0]->ID )->post_content, 'The stored post is untouched.' );
	}

	public function test_footnotes_of_closed_posts_and_sections_stay_on_the_server(): void {
		$notes   = static fn( string $id ): string => (string) wp_json_encode(
			array(
				array( 'id' => $id, 'content' => self::FOOTNOTE ),
				array( 'id' => self::OPEN_FN, 'content' => 'An open footnote.' ),
			)
		);
		$section = $this->post(
			self::footnoted( 'Public claim.', self::OPEN_FN ) . '<!-- wp:sovereign-press/gated-content {"preset":"citizens"} --><div class="wp-block-sovereign-press-gated-content">' . self::footnoted( 'A gated claim.', self::FN_ID ) . '</div><!-- /wp:sovereign-press/gated-content --><!-- wp:footnotes /-->',
			array( 'footnotes' => $notes( self::FN_ID ) )
		);
		$whole   = $this->post(
			self::footnoted( 'A claim.', self::FN_ID ) . self::footnoted( 'Another.', self::OPEN_FN ) . '<!-- wp:footnotes /-->',
			array(
				'footnotes' => $notes( self::FN_ID ),
				Gates::META => array( 'preset' => 'citizens', 'teaser' => 'none' ),
			)
		);

		foreach ( array( 'visitor' => null, 'subscriber' => 'subscriber', 'author' => 'author' ) as $who => $login ) {
			if ( null !== $login ) {
				$this->as_user( $login );
			}
			$this->assertStringNotContainsString( 'canary-', (string) get_post_meta( $section, 'footnotes', true ), "The {$who} gets no footnote of a closed section." );
			$this->assertStringContainsString( 'An open footnote.', (string) get_post_meta( $section, 'footnotes', true ), 'Footnotes of open words stay.' );
			$this->assertSame( '', get_post_meta( $whole, 'footnotes', true ), "The {$who} gets no footnote of a closed post." );
			$this->assertStringNotContainsString( 'canary-', (string) wp_json_encode( get_post_meta( $section ) ), 'Nor among all of its meta.' );
			foreach ( array( $section, $whole ) as $id ) {
				$response = $this->rest( 'GET', '/wp/v2/posts/' . $id );
				$this->assertSame( 200, $response->get_status() );
				$this->assertStringNotContainsString( 'canary-', (string) wp_json_encode( $response->get_data() ), "The {$who} gets no gated footnote over REST." );
			}
			$GLOBALS['post'] = get_post( $section );
			setup_postdata( $GLOBALS['post'] );
			$page = apply_filters( 'the_content', get_post( $section )->post_content );
			$this->assertStringNotContainsString( 'canary-', $page, "The {$who} reads no gated footnote in the post." );
			$this->assertStringContainsString( 'An open footnote.', $page );
		}

		$this->as_user( 'editor' );
		$this->assertStringContainsString( self::FOOTNOTE, (string) get_post_meta( $whole, 'footnotes', true ), 'The editor of the post keeps its footnotes.' );
		$this->assertStringContainsString( self::FOOTNOTE, (string) get_post_meta( $section, 'footnotes', true ) );
	}

	public function test_rest_shows_sections_of_patterns_and_template_parts_only_to_those_who_edit_them(): void {
		$admins  = $this->post( self::section( self::SECTION ), array(), 'wp_block', 'admin' );
		$authors = $this->post( self::section( self::SECTION ), array(), 'wp_block', 'author' );
		$this->as_user( 'admin' );
		$part = $this->rest(
			'POST',
			'/wp/v2/template-parts',
			array( 'slug' => 'raw-content-test', 'theme' => get_stylesheet(), 'area' => 'uncategorized', 'title' => 'Raw content test', 'content' => self::section( self::SECTION ) )
		);
		$this->assertSame( 201, $part->get_status() );
		$routes = array( '/wp/v2/blocks/' . $admins, '/wp/v2/template-parts/' . $part->get_data()['id'] );

		// Patterns show their markup in the view context; template parts in the edit one too.
		$this->as_user( 'author' );
		foreach ( array( array( $routes[0], 'view' ), array( $routes[1], 'view' ), array( $routes[1], 'edit' ) ) as [ $route, $context ] ) {
			$request = new \WP_REST_Request( 'GET', $route );
			$request->set_param( 'context', $context );
			$response = rest_do_request( $request );
			$this->assertSame( 200, $response->get_status(), $route );
			$raw = $response->get_data()['content']['raw'];
			$this->assertStringNotContainsString( 'canary-', $raw, "An author reads no section of {$route} ({$context})." );
			$this->assertStringContainsString( '<!-- wp:sovereign-press/gated-content {"preset":"citizens"} /-->', $raw, 'The section stays, empty, for the editor to show.' );
		}
		$this->assertStringContainsString( self::SECTION, $this->rest( 'GET', '/wp/v2/blocks/' . $authors )->get_data()['content']['raw'], 'The author of a pattern reads it.' );

		$this->as_user( 'admin' );
		foreach ( $routes as $route ) {
			$this->assertStringContainsString( self::SECTION, $this->rest( 'GET', $route )->get_data()['content']['raw'], 'Those who edit the site read it.' );
		}
	}

	public function test_a_section_in_a_pattern_or_template_part_is_not_read_through_a_post_of_ones_own(): void {
		$pattern = $this->post( self::section( self::SECTION ), array(), 'wp_block', 'admin' );
		$this->as_user( 'admin' );
		$part = $this->rest(
			'POST',
			'/wp/v2/template-parts',
			array( 'slug' => 'raw-content-part', 'theme' => get_stylesheet(), 'area' => 'uncategorized', 'title' => 'Raw content part', 'content' => self::section( self::SECTION ) )
		);
		$this->assertSame( 201, $part->get_status() );

		// An author's own post, with a section of their own and the site's pattern and template part.
		$this->as_user( 'author' );
		$own  = $this->post(
			self::section( 'My own section.' ) . '<!-- wp:block {"ref":' . $pattern . '} /--><!-- wp:template-part {"slug":"raw-content-part","theme":"' . get_stylesheet() . '"} /-->',
			array(),
			'post',
			'author'
		);
		$GLOBALS['post'] = get_post( $own );
		setup_postdata( $GLOBALS['post'] );
		$html = apply_filters( 'the_content', get_post( $own )->post_content );
		$this->assertStringContainsString( 'My own section.', $html, 'The author reads the section of their own post.' );
		$this->assertStringNotContainsString( 'canary-', $html, 'Not the site\'s sections it shows.' );
		$this->assertSame( 2, substr_count( $html, 'This section is for members.' ) );

		$this->as_user( 'admin' );
		$this->assertSame( 2, substr_count( apply_filters( 'the_content', get_post( $own )->post_content ), self::SECTION ), 'Those who edit the site read them there.' );
	}
}
