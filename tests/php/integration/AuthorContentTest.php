<?php
/**
 * Post content an author crafts by hand (the code editor, or a post written through the REST API)
 * for every block of the plugin: attributes of the wrong type, oversized rules, malformed JSON,
 * presets that do not exist, markup in messages and URLs. Whatever the author writes, the page
 * renders without a PHP warning, each block stays inside its own wrapper, and a gate never opens
 * to a reader the rule does not name.
 *
 * Demo holdings (scripts/lib/chain.mjs): the citizen (wallet 1) holds a Citizen NFT; the visitor
 * (wallet 3) holds nothing.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Plugin;
use SovereignPress\Tests\Support\RenderedHtml;

require_once dirname( __DIR__ ) . '/support/RenderedHtml.php';

final class AuthorContentTest extends TestCase {

	private const CANARY = 'canary-5d1e: the members-only text.';

	/** What each outbound request asked for while rendering: the host, never chosen by content. */
	private array $hosts = array();

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate();
		// Snapshot's real hubs are on the internet: record where a render would connect, and
		// answer as an unreachable hub would.
		add_filter( 'pre_http_request', array( $this, 'record_request' ), 1, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'pre_http_request', array( $this, 'record_request' ), 1 );
		$GLOBALS['post'] = null;
		parent::tearDown();
	}

	/**
	 * pre_http_request: the local chain answers; anything else is recorded and refused.
	 *
	 * @param mixed                $response Short-circuit answer.
	 * @param array<string, mixed> $args     Request arguments.
	 * @param string               $url      URL.
	 * @return mixed
	 */
	public function record_request( mixed $response, array $args, string $url ): mixed {
		$this->hosts[] = (string) wp_parse_url( $url, PHP_URL_HOST ) . ':' . (string) wp_parse_url( $url, PHP_URL_PORT );
		if ( str_starts_with( $url, self::env( 'SP_RPC_URL' ) ) ) {
			return $response;
		}
		return new \WP_Error( 'http_request_failed', 'cURL error 7: refused by the test' );
	}

	/**
	 * A block as an author might write it, between two paragraphs, all inside a group.
	 *
	 * @param string $name       Block name without the namespace.
	 * @param string $attributes The attributes' JSON, as written (possibly broken).
	 * @param bool   $inner      Whether the block wraps the canary paragraph.
	 */
	private static function block( string $name, string $attributes, bool $inner = false ): string {
		$opening = '<!-- wp:sovereign-press/' . $name . ( '' === $attributes ? '' : ' ' . $attributes ) . ' ';
		$block   = $inner
			? $opening . '--><!-- wp:paragraph --><p>' . self::CANARY . '</p><!-- /wp:paragraph --><!-- /wp:sovereign-press/' . $name . ' -->'
			: $opening . '/-->';
		return '<!-- wp:group --><div class="wp-block-group" id="outer">'
			. '<!-- wp:paragraph --><p id="before">Before.</p><!-- /wp:paragraph -->'
			. $block
			. '<!-- wp:paragraph --><p id="after">After.</p><!-- /wp:paragraph -->'
			. '</div><!-- /wp:group -->';
	}

	/**
	 * Renders content as the post's page does (the_content through the REST API), for the
	 * current user, and fails on any PHP warning, notice or deprecation on the way.
	 */
	private function render( string $content ): string {
		global $wpdb;
		$post_id = $wpdb->insert(
			$wpdb->posts,
			array(
				'post_author'       => self::user_id( 'author' ),
				'post_title'        => 'Crafted',
				'post_name'         => 'crafted-' . wp_generate_password( 8, false ),
				'post_content'      => $content,
				'post_status'       => 'publish',
				'post_type'         => 'post',
				'post_date'         => current_time( 'mysql' ),
				'post_date_gmt'     => current_time( 'mysql', true ),
				'post_modified'     => current_time( 'mysql' ),
				'post_modified_gmt' => current_time( 'mysql', true ),
				'post_excerpt'      => '',
				'to_ping'           => '',
				'pinged'            => '',
				'post_content_filtered' => '',
			)
		) ? (int) $wpdb->insert_id : 0;
		$this->assertGreaterThan( 0, $post_id );
		clean_post_cache( $post_id );
		Plugin::instance()->decisions()->reset();

		$problems = array();
		set_error_handler(
			static function ( int $level, string $message, string $file, int $line ) use ( &$problems ): bool {
				$problems[] = "{$message} at {$file}:{$line}";
				return true;
			}
		);
		try {
			$response = $this->rest( 'GET', '/wp/v2/posts/' . $post_id );
		} finally {
			restore_error_handler();
		}
		$this->assertSame( array(), $problems, 'PHP reported problems while rendering: ' . $content );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$html = (string) $response->get_data()['content']['rendered'];
		$this->assertStaysInItsWrapper( $html, $content );
		return $html;
	}

	/**
	 * The paragraphs around the block are where the author put them: inside the group, as
	 * siblings, with no element of the block left open or closed early, and no script or event
	 * handler came out of an attribute.
	 */
	private function assertStaysInItsWrapper( string $html, string $content ): void {
		$processor = \WP_HTML_Processor::create_fragment( $html );
		$crumbs    = array();
		while ( $processor->next_tag() ) {
			$id = $processor->get_attribute( 'id' );
			if ( in_array( $id, array( 'before', 'after' ), true ) ) {
				$crumbs[ $id ] ??= $processor->get_breadcrumbs(); // A query loop may show the post again.
			}
			$this->assertNotSame( 'SCRIPT', $processor->get_tag(), 'A script element came out of: ' . $content );
			foreach ( (array) $processor->get_attribute_names_with_prefix( 'on' ) as $name ) {
				$this->fail( "An event handler ({$name}) came out of: {$content}" );
			}
			$href = $processor->get_attribute( 'href' );
			if ( is_string( $href ) ) {
				$this->assertDoesNotMatchRegularExpression( '/^\s*javascript:/i', $href, $content );
			}
		}
		$this->assertSame( array( 'HTML', 'BODY', 'DIV', 'P' ), $crumbs['before'] ?? null, $content );
		$this->assertSame( $crumbs['before'], $crumbs['after'] ?? null, 'The block left its wrapper: ' . $content );
	}

	/**
	 * @param int|null $wallet A demo wallet linked to a new subscriber who is logged in, or null
	 *                         for a visitor who is not logged in.
	 */
	private function reader( ?int $wallet ): void {
		if ( null === $wallet ) {
			wp_set_current_user( 0 );
			return;
		}
		$user_id = wp_insert_user(
			array(
				'user_login' => 'reader-' . wp_generate_password( 8, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $user_id );
		Plugin::instance()->wallets()->link( $user_id, self::deployment()['wallets'][ $wallet ]['address'], 31337 );
		wp_set_current_user( $user_id );
	}

	/**
	 * Gated Content attributes an author might write, and whether the citizen, who holds a
	 * Citizen NFT, reads the section (nobody else ever does).
	 *
	 * @return array<string, array{string, bool}>
	 */
	private static function gates(): array {
		$nft      = self::citizen_nft();
		$contract = $nft['contract'];
		$json     = static fn( mixed $value ): string => (string) wp_json_encode( $value );
		$nested   = array( 'type' => 'member' );
		for ( $i = 0; $i < 40; $i++ ) {
			$nested = array( 'type' => 'any', 'conditions' => array( $nested ) );
		}
		return array(
			'the preset'                      => array( $json( array( 'preset' => 'citizens' ) ), true ),
			'a preset that does not exist'    => array( $json( array( 'preset' => 'nobody-made-this' ) ), false ),
			'a preset that is a list'         => array( $json( array( 'preset' => array( 'citizens' ) ) ), false ),
			'a preset and a wider rule'       => array( $json( array( 'preset' => 'nobody-made-this', 'rule' => array( 'type' => 'member' ) ) ), false ),
			'a rule that is a string'         => array( $json( array( 'rule' => 'member' ) ), false ),
			'an empty group'                  => array( $json( array( 'rule' => array( 'type' => 'all', 'conditions' => array() ) ) ), false ),
			'a group of nothing'              => array( $json( array( 'rule' => array( 'type' => 'all', 'conditions' => 'member' ) ) ), false ),
			'an unknown condition type'       => array( $json( array( 'rule' => array( 'type' => 'anything' ) ) ), false ),
			'a type that is a list'           => array( $json( array( 'rule' => array( 'type' => array( 'member' ) ) ) ), false ),
			'groups nested 40 deep'           => array( $json( array( 'rule' => $nested ) ), false ),
			'a group of 5000 conditions'      => array( $json( array( 'rule' => array( 'type' => 'any', 'conditions' => array_fill( 0, 5000, array( 'type' => 'member' ) ) ) ) ), false ),
			'an allowlist of lists'           => array( $json( array( 'rule' => array( 'type' => 'allowlist', 'addresses' => array( array( 'x' ), null, 7 ) ) ) ), false ),
			'an allowlist that is a string'   => array( $json( array( 'rule' => array( 'type' => 'allowlist', 'addresses' => 'everyone' ) ) ), false ),
			'a contract that is a list'       => array( $json( array( 'rule' => array( 'contract' => array( $contract ) ) + $nft ) ), false ),
			'an amount that is a list'        => array( $json( array( 'rule' => array( 'type' => 'erc20', 'amount' => array( '1' ) ) + $nft ) ), false ),
			'a negative amount'               => array( $json( array( 'rule' => array( 'type' => 'erc20', 'amount' => '-5' ) + $nft ) ), false ),
			'a token id that is an object'    => array( $json( array( 'rule' => array( 'tokenId' => array( 'id' => 1 ) ) + $nft ) ), false ),
			'a token id that is a number'     => array( $json( array( 'rule' => array( 'type' => 'erc1155', 'tokenId' => 1, 'amount' => '1' ) + $nft ) ), false ),
			'a chain id that is a list'       => array( $json( array( 'rule' => array( 'chainId' => array( 1 ) ) + $nft ) ), false ),
			'a chain that is not configured'  => array( $json( array( 'rule' => array( 'chainId' => 999 ) + $nft ) ), false ),
			'malformed JSON'                  => array( '{"preset":"citizens",}', false ),
			'unbalanced JSON'                 => array( '{"rule":{"type":"member"}}}', false ),
			'a message that is a list'        => array( $json( array( 'preset' => 'citizens', 'message' => array( 'x' ) ) ), true ),
			'markup in the message'           => array( $json( array( 'preset' => 'citizens', 'message' => '</p></div></div><script>alert(1)</script><img src=x onerror=alert(1)>' ) ), true ),
			// The database refuses invalid UTF-8 itself; JSON can still spell a null byte, and an
			// unpaired surrogate that json_decode() refuses.
			'a null byte in the message'      => array( '{"preset":"citizens","message":"a\\u0000b"}', true ),
			'an unpaired surrogate'           => array( '{"preset":"citizens","message":"\\ud800"}', false ),
			'an oversized message'            => array( $json( array( 'preset' => 'citizens', 'message' => str_repeat( 'Members only. ', 20000 ) ) ), true ),
		);
	}

	public function test_a_crafted_gate_never_opens_wider_and_never_breaks_the_page(): void {
		$this->assertGatesHold();
	}

	public function test_a_crafted_gate_holds_with_its_block_type_missing(): void {
		$type = unregister_block_type( 'sovereign-press/gated-content' );
		$this->assertInstanceOf( \WP_Block_Type::class, $type );
		try {
			$this->assertGatesHold();
		} finally {
			\WP_Block_Type_Registry::get_instance()->register( $type );
		}
	}

	private function assertGatesHold(): void {
		$cases = self::gates();
		$pages = array_map( static fn( array $case ): string => self::block( 'gated-content', $case[0], true ), $cases );
		foreach ( array( null, 3, 1 ) as $wallet ) {
			$this->reader( $wallet );
			foreach ( $cases as $label => [ , $citizen_reads ] ) {
				$html    = $this->render( $pages[ $label ] );
				$expects = 1 === $wallet && $citizen_reads;
				$this->assertSame( $expects, str_contains( $html, 'canary-5d1e' ), "{$label}, wallet " . var_export( $wallet, true ) );
				if ( ! $expects ) {
					$this->assertStringContainsString( 'sovereign-press-gate', $html, "{$label}: the reader is told the section is closed." );
				}
			}
		}
	}

	public function test_an_author_cannot_read_gated_content_of_others_by_embedding_it_in_a_post_of_their_own(): void {
		$editor  = self::user_id( 'editor' );
		$section = '<!-- wp:sovereign-press/gated-content {"preset":"citizens"} --><!-- wp:paragraph --><p>' . self::CANARY . '</p><!-- /wp:paragraph --><!-- /wp:sovereign-press/gated-content -->';
		$gated   = wp_insert_post(
			array(
				'post_title'   => 'zebrafish letter',
				'post_status'  => 'publish',
				'post_author'  => $editor,
				'post_excerpt' => 'For citizens.',
				'post_content' => '<!-- wp:paragraph --><p>' . self::CANARY . '</p><!-- /wp:paragraph -->',
				'meta_input'   => array( '_sovereign_press_gate' => array( 'preset' => 'citizens' ) ),
			)
		);
		$pattern = wp_insert_post(
			array(
				'post_title'   => 'Members pattern',
				'post_type'    => 'wp_block',
				'post_status'  => 'publish',
				'post_author'  => $editor,
				'post_content' => $section,
			)
		);
		$sections = wp_insert_post(
			array(
				'post_title'   => 'zebrafish sections',
				'post_status'  => 'publish',
				'post_author'  => $editor,
				'post_content' => $section,
			)
		);
		$this->assertIsInt( $gated );
		$this->assertIsInt( $pattern );
		$this->assertIsInt( $sections );
		$embeds = array(
			'a query loop of their posts' => '<!-- wp:query {"queryId":7,"query":{"perPage":10,"postType":"post","search":"zebrafish","inherit":false}} --><div class="wp-block-query"><!-- wp:post-template --><!-- wp:post-content /--><!-- wp:post-excerpt /--><!-- /wp:post-template --></div><!-- /wp:query -->',
			'their synced pattern'        => '<!-- wp:block {"ref":' . $pattern . '} /-->',
			'a copy of the section'       => $section,
		);
		// The author, logged in with a wallet that holds nothing, reads their own post.
		$this->log_in_as( 'author' );
		foreach ( $embeds as $label => $embed ) {
			$html = $this->render( self::block( 'census', '' ) . $embed );
			if ( 'a copy of the section' === $label ) {
				// Their own section: they wrote it, so they read it (as editors read their posts).
				$this->assertStringContainsString( 'canary-5d1e', $html, $label );
				continue;
			}
			$this->assertStringNotContainsString( 'canary-5d1e', $html, $label );
			$this->assertStringContainsString( 'sovereign-press-gate', $html, "{$label}: the embedded gate is there, closed." );
		}
	}

	public function test_crafted_proposal_blocks_render_an_honest_message_and_connect_only_where_settings_say(): void {
		$id       = '0x' . str_repeat( 'ab', 32 );
		$json     = static fn( array $value ): string => (string) wp_json_encode( $value );
		$hostile  = array(
			'proposal'  => array(
				$json( array( 'source' => 'elsewhere' ) ),
				$json( array( 'url' => 'javascript:alert(1)' ) ),
				$json( array( 'url' => 'https://evil.example/#/society.eth/proposal/' . $id ) ),
				$json( array( 'url' => 'https://snapshot.org@evil.example/#/society.eth/proposal/' . $id ) ),
				$json( array( 'url' => 'http://127.0.0.1:22/#/society.eth/proposal/' . $id ) ),
				$json( array( 'url' => array( 'https://snapshot.org/' ) ) ),
				$json( array( 'space' => '<script>alert(1)</script>', 'proposalId' => $id ) ),
				$json( array( 'space' => 'evil.example/graphql?', 'proposalId' => $id ) ),
				$json( array( 'space' => 'society.eth', 'proposalId' => str_repeat( '9', 100000 ) ) ),
				$json( array( 'space' => 'society.eth', 'proposalId' => array( $id ) ) ),
				$json( array( 'space' => 'society.eth', 'proposalId' => $id, 'testnet' => 'true' ) ),
				$json( array( 'source' => 'governor', 'chainId' => '31337', 'governor' => '<img src=x onerror=alert(1)>', 'proposalId' => '1' ) ),
				$json( array( 'source' => 'governor', 'chainId' => 1, 'governor' => '0x' . str_repeat( '1', 40 ), 'proposalId' => '1' ) ),
				$json( array( 'source' => 'governor', 'chainId' => array( 31337 ), 'governor' => '0x' . str_repeat( '1', 40 ), 'proposalId' => array( '1' ) ) ),
				$json( array( 'source' => 'governor', 'chainId' => 31337, 'governor' => '0x' . str_repeat( '1', 40 ), 'proposalId' => '99999999999999999999999999999999999999999999999999999999999999999999999999999999' ) ),
				'{"source":"snapshot","space":"society.eth",}',
			),
			'proposals' => array(
				$json( array( 'space' => 'society.eth', 'count' => 100000, 'state' => 'everything' ) ),
				$json( array( 'space' => 'society.eth', 'count' => '5', 'state' => array( 'all' ) ) ),
				$json( array( 'space' => '"><script>alert(1)</script>' ) ),
				$json( array( 'space' => str_repeat( 'a', 100000 ) ) ),
				$json( array( 'source' => 'governor', 'chainId' => 31337, 'governor' => 'not an address' ) ),
				$json( array( 'source' => 'governor', 'chainId' => -1, 'governor' => '0x' . str_repeat( '1', 40 ) ) ),
				'{"count":5,,}',
			),
		);
		foreach ( array( null, 1 ) as $wallet ) {
			$this->reader( $wallet );
			foreach ( $hostile as $name => $attributes ) {
				foreach ( $attributes as $json_attributes ) {
					$html      = $this->render( self::block( $name, $json_attributes ) );
					$processor = new \WP_HTML_Tag_Processor( $html );
					$this->assertTrue( $processor->next_tag( array( 'class_name' => 'wp-block-sovereign-press-' . $name ) ), "{$name} {$json_attributes}" );
				}
			}
		}
		$allowed = array();
		foreach ( array( 'https://hub.snapshot.org/graphql', 'https://testnet.hub.snapshot.org/graphql', self::env( 'SP_RPC_URL' ) ) as $url ) {
			$allowed[] = (string) wp_parse_url( $url, PHP_URL_HOST ) . ':' . (string) wp_parse_url( $url, PHP_URL_PORT );
		}
		$this->assertSame( array(), array_values( array_diff( array_unique( $this->hosts ), $allowed ) ), 'Rendering connected to a host the content chose.' );
	}

	public function test_crafted_census_and_wallet_login_blocks_render_and_redirect_only_on_this_site(): void {
		$json = static fn( array $value ): string => (string) wp_json_encode( $value );
		foreach (
			array(
				$json( array( 'chartDays' => 100000, 'showChart' => 'yes' ) ),
				$json( array( 'chartDays' => '30', 'showPopulation' => array( true ) ) ),
				$json( array( 'chartDays' => -5, 'showTreasury' => null ) ),
				'{"chartDays":,}',
			) as $attributes
		) {
			$this->render( self::block( 'census', $attributes ) );
		}

		foreach ( array( null, 1 ) as $wallet ) {
			$this->reader( $wallet );
			foreach (
				array(
					'javascript:alert(1)',
					'https://evil.example/',
					'evil.example/path',
					'//evil.example/',
					"/\t/evil.example/",
					'"><script>alert(1)</script>',
					str_repeat( '/a', 50000 ),
					array( '/' ),
				) as $redirect
			) {
				$html      = $this->render( self::block( 'wallet-login', $json( array( 'redirectTo' => $redirect, 'showAvatar' => 'false' ) ) ) );
				$this->assertNull( RenderedHtml::first( $html, 'wp-block-sovereign-press-wallet-login__avatar' ), '"false" hides the avatar.' );
				$processor = new \WP_HTML_Tag_Processor( $html );
				$this->assertTrue( $processor->next_tag( array( 'class_name' => 'wp-block-sovereign-press-wallet-login' ) ) );
				$target = (string) $processor->get_attribute( 'data-redirect' );
				// Empty, a path on this site, or a URL of this site.
				$this->assertContains( wp_parse_url( $target, PHP_URL_HOST ), array( null, wp_parse_url( home_url(), PHP_URL_HOST ) ), (string) wp_json_encode( $redirect ) );
				$this->assertMatchesRegularExpression( '#^(/(?![/\\\\])|https?://|$)#', $target, (string) wp_json_encode( $redirect ) );
			}
		}
	}
}
