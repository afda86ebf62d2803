<?php
/**
 * The Gated Content block fails closed when it is degraded: with its block type unregistered
 * (build/ missing, another plugin unregistering it) or its delimiters left unrendered, its inner
 * blocks still reach only readers who qualify. Registered, it decides and renders once.
 *
 * Demo holdings (scripts/lib/chain.mjs): the citizen (wallet 1) holds a Citizen NFT; the visitor
 * (wallet 3) holds nothing.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Blocks;
use SovereignPress\Gating\Gates;
use SovereignPress\Plugin;

final class GatedContentBlockTest extends TestCase {

	private const CANARY = 'canary-7f3a: the vault code is 4417.';

	/** Unregistered by a test, registered again afterwards. */
	private ?\WP_Block_Type $unregistered = null;

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate();
		$this->assertTrue( \WP_Block_Type_Registry::get_instance()->is_registered( Gates::BLOCK ), 'The block is registered from build/ (run npm run build first).' );
	}

	protected function tearDown(): void {
		if ( null !== $this->unregistered ) {
			\WP_Block_Type_Registry::get_instance()->register( $this->unregistered );
			$this->unregistered = null;
		}
		$GLOBALS['post'] = null;
		parent::tearDown();
	}

	private function unregister_block_type(): void {
		$type = unregister_block_type( Gates::BLOCK );
		$this->assertInstanceOf( \WP_Block_Type::class, $type );
		$this->unregistered = $type;
	}

	/**
	 * A Gated Content block as the editor saves it (its inner blocks, no wrapper of its own).
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private static function section( array $attributes = array( 'preset' => 'citizens' ) ): string {
		return '<!-- wp:sovereign-press/gated-content ' . wp_json_encode( (object) $attributes ) . ' -->'
			. '<!-- wp:paragraph --><p>' . self::CANARY . '</p><!-- /wp:paragraph -->'
			. '<!-- /wp:sovereign-press/gated-content -->';
	}

	/**
	 * A post with an open paragraph, a gated section, and a gated section inside a group.
	 */
	private function post_with_sections(): int {
		$id = wp_insert_post(
			array(
				'post_title'   => 'Sections',
				'post_status'  => 'publish',
				'post_author'  => self::user_id( 'editor' ),
				'post_content' => '<!-- wp:paragraph --><p>Everyone reads this.</p><!-- /wp:paragraph -->'
					. self::section()
					. '<!-- wp:group --><div class="wp-block-group">' . self::section() . '</div><!-- /wp:group -->',
			)
		);
		$this->assertIsInt( $id );
		return $id;
	}

	/**
	 * @param list<int> $wallets Wallet indexes linked to a new subscriber, who is logged in.
	 */
	private function reader( array $wallets ): void {
		$user_id = wp_insert_user(
			array(
				'user_login' => 'reader-' . wp_generate_password( 8, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $user_id );
		foreach ( $wallets as $index ) {
			Plugin::instance()->wallets()->link( $user_id, self::deployment()['wallets'][ $index ]['address'], 31337 );
		}
		wp_set_current_user( $user_id );
		Plugin::instance()->decisions()->reset();
	}

	/**
	 * @return array{content:string, excerpt:string}
	 */
	private function rest_rendered( int $post_id ): array {
		$response = $this->rest( 'GET', '/wp/v2/posts/' . $post_id );
		$this->assertSame( 200, $response->get_status() );
		return array(
			'content' => $response->get_data()['content']['rendered'],
			'excerpt' => $response->get_data()['excerpt']['rendered'],
		);
	}

	private static function gate_states( string $html ): array {
		$states    = array();
		$processor = new \WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( array( 'class_name' => 'sovereign-press-gate' ) ) ) {
			$states[] = $processor->get_attribute( 'data-gate-state' );
		}
		return $states;
	}

	public function test_an_unregistered_block_type_keeps_its_sections_from_readers_who_do_not_qualify(): void {
		$post_id = $this->post_with_sections();
		$this->unregister_block_type();

		$anonymous = $this->rest_rendered( $post_id );
		$this->assertStringNotContainsString( 'canary-7f3a', $anonymous['content'] );
		$this->assertStringContainsString( 'Everyone reads this.', $anonymous['content'] );
		$this->assertSame( array( 'logged-out', 'logged-out' ), self::gate_states( $anonymous['content'] ), 'Each section, nested or not, says what it asks.' );

		$this->assertStringNotContainsString( 'canary-7f3a', do_blocks( self::section() ), 'Outside a post too.' );

		$this->reader( array( 3 ) );
		$denied = $this->rest_rendered( $post_id )['content'];
		$this->assertStringNotContainsString( 'canary-7f3a', $denied );
		$this->assertSame( array( 'denied', 'denied' ), self::gate_states( $denied ) );

		$this->reader( array( 1 ) );
		$this->assertSame( 2, substr_count( $this->rest_rendered( $post_id )['content'], self::CANARY ), 'Holders still read both sections.' );
	}

	public function test_excerpts_and_feeds_carry_no_section_with_the_block_type_missing(): void {
		$post_id = $this->post_with_sections();
		$this->unregister_block_type();

		$this->assertStringNotContainsString( 'canary-7f3a', get_the_excerpt( $post_id ) );
		$this->assertStringNotContainsString( 'canary-7f3a', $this->rest_rendered( $post_id )['excerpt'] );

		$GLOBALS['post'] = get_post( $post_id );
		setup_postdata( $GLOBALS['post'] );
		$this->assertStringNotContainsString( 'canary-7f3a', get_the_content_feed( 'rss2' ) );
		$this->assertStringContainsString( 'Everyone reads this.', get_the_content_feed( 'rss2' ) );
		ob_start();
		the_excerpt_rss();
		$this->assertStringNotContainsString( 'canary-7f3a', (string) ob_get_clean() );
	}

	public function test_sections_left_unrendered_in_the_content_stay_closed(): void {
		$post_id         = $this->post_with_sections();
		$GLOBALS['post'] = get_post( $post_id );
		setup_postdata( $GLOBALS['post'] );
		$priority = has_filter( 'the_content', 'do_blocks' );
		$this->assertIsInt( $priority );
		remove_filter( 'the_content', 'do_blocks', $priority );
		try {
			$html = apply_filters( 'the_content', get_the_content() );
		} finally {
			add_filter( 'the_content', 'do_blocks', $priority );
		}
		$this->assertStringNotContainsString( 'canary-7f3a', $html );
		$this->assertStringContainsString( 'Everyone reads this.', $html );
		$this->assertSame( array( 'logged-out', 'logged-out' ), self::gate_states( $html ) );
	}

	public function test_the_registered_block_decides_in_render_php_and_renders_each_section_once(): void {
		$styled  = self::section( array( 'preset' => 'citizens', 'backgroundColor' => 'accent' ) );
		$post_id = wp_insert_post( array( 'post_title' => 'One section', 'post_status' => 'publish', 'post_content' => $styled, 'post_author' => self::user_id( 'editor' ) ) );

		$this->reader( array( 1 ) );
		$holder = $this->rest_rendered( $post_id )['content'];
		$this->assertSame( 1, substr_count( $holder, self::CANARY ) );
		$this->assertSame( 1, substr_count( $holder, 'wp-block-sovereign-press-gated-content' ) );
		$this->assertSame( array(), self::gate_states( $holder ) );

		$this->reader( array( 3 ) );
		$denied = $this->rest_rendered( $post_id )['content'];
		$this->assertStringNotContainsString( 'canary-7f3a', $denied );
		$this->assertSame( array( 'denied' ), self::gate_states( $denied ) );
		$processor = new \WP_HTML_Tag_Processor( $denied );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => 'wp-block-sovereign-press-gated-content' ) ) );
		$this->assertTrue( $processor->has_class( 'has-accent-background-color' ), 'The notice sits in the wrapper render.php prints, with the block supports.' );
		$this->assertFalse( $processor->next_tag( array( 'class_name' => 'wp-block-sovereign-press-gated-content' ) ), 'One wrapper.' );
	}

	public function test_administrators_are_told_when_the_build_is_missing_and_how_to_fix_it(): void {
		$this->assertNotFalse( has_action( 'admin_notices', array( Plugin::instance()->blocks(), 'admin_notice' ) ) );

		$root  = get_temp_dir() . 'sp-build-' . wp_generate_password( 8, false );
		$build = $root . '/build';
		wp_mkdir_p( $build );
		try {
			$notice = static function ( Blocks $blocks ): string {
				ob_start();
				$blocks->admin_notice();
				return (string) ob_get_clean();
			};

			$this->log_in_as( 'admin' );
			$release = $notice( new Blocks( $build ) );
			$this->assertStringContainsString( 'notice-error', $release );
			$this->assertStringContainsString( 'build/blocks-manifest.php', $release );
			$this->assertStringContainsString( 'Reinstall the plugin from its release zip', $release );

			file_put_contents( $root . '/package.json', '{}' );
			$checkout = $notice( new Blocks( $build ) );
			$this->assertStringContainsString( 'npm run build', $checkout );

			file_put_contents( $build . '/blocks-manifest.php', '<?php return array();' );
			$this->assertStringContainsString( 'build/census/block.json', $notice( new Blocks( $build ) ), 'A partial build is named too.' );

			$this->log_in_as( 'editor' );
			$this->assertSame( '', $notice( new Blocks( $build ) ), 'Only people who manage plugins are told.' );

			$this->log_in_as( 'admin' );
			$this->assertSame( '', $notice( new Blocks( Plugin::instance()->dir() . 'build' ) ), 'Nothing to say when the build is there.' );
		} finally {
			foreach ( array( $root . '/package.json', $build . '/blocks-manifest.php' ) as $file ) {
				@unlink( $file ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
			}
			rmdir( $build );
			rmdir( $root );
		}
	}
}
