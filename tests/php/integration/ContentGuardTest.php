<?php
/**
 * Token-gated posts on a real WordPress and the local chain: the gate meta over REST, what holders,
 * non-holders and editors read, the holdings cache, and failing closed when the node is down.
 *
 * Demo holdings (scripts/lib/chain.mjs): the citizen (wallet 1) holds Citizen NFT #2, 100 SVOTE and
 * badge 1; the contributor (wallet 2) NFT #3, 10 SVOTE and badge 2; the visitor (wallet 3) nothing.
 * One class for every channel a gated post's words could leave through, so it runs a little long.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Gating\Gates;
use SovereignPress\Plugin;

final class ContentGuardTest extends TestCase {

	private const SECRET = 'Only citizens read that the treasury vote is on Thursday.';

	protected function setUp(): void {
		parent::setUp();
		$this->configure( self::env( 'SP_RPC_URL' ) );
	}

	private function configure( string $rpc_url, int $ttl = 60 ): void {
		self::configure_citizens_gate( $rpc_url, array( 'cacheTtl' => $ttl ) );
		Plugin::instance()->decisions()->reset();
	}

	private static function wallet( int $index ): string {
		return self::deployment()['wallets'][ $index ]['address'];
	}

	/**
	 * A reader with these wallets linked, logged in.
	 *
	 * @param list<int> $wallets Wallet indexes.
	 */
	private function reader( array $wallets ): int {
		$user_id = self::factory_user( 'reader-' . implode( '-', $wallets ) . '-' . wp_generate_password( 6, false ) );
		foreach ( $wallets as $index ) {
			Plugin::instance()->wallets()->link( $user_id, self::wallet( $index ), 31337 );
		}
		wp_set_current_user( $user_id );
		Plugin::instance()->decisions()->reset();
		return $user_id;
	}

	private static function factory_user( string $login ): int {
		$id = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		self::assertIsInt( $id );
		return $id;
	}

	private function gated_post( array $gate, string $excerpt = 'A letter to citizens.' ): int {
		$id = wp_insert_post(
			array(
				'post_title'   => 'Citizens\' letter',
				'post_status'  => 'publish',
				'post_author'  => self::user_id( 'editor' ),
				'post_excerpt' => $excerpt,
				'post_content' => "<!-- wp:paragraph -->\n<p>Open to all: the letter opens.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->\n<p>" . self::SECRET . "</p>\n<!-- /wp:paragraph -->",
				'meta_input'   => array( Gates::META => $gate ),
			)
		);
		$this->assertIsInt( $id );
		return $id;
	}

	private function rendered( int $post_id ): string {
		$response = $this->rest( 'GET', '/wp/v2/posts/' . $post_id );
		$this->assertSame( 200, $response->get_status() );
		return $response->get_data()['content']['rendered'];
	}

	public function test_an_editor_saves_a_gate_over_rest_and_it_comes_back_normalised(): void {
		$this->log_in_as( 'editor' );
		$rule     = array( 'type' => 'any', 'conditions' => array( array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => strtolower( self::deployment()['contracts']['membership'] ) ) ) );
		$response = $this->rest(
			'POST',
			'/wp/v2/posts',
			array(
				'title'  => 'Gated',
				'status' => 'publish',
				'meta'   => array( Gates::META => array( 'rule' => $rule, 'teaser' => 'more' ) ),
			)
		);
		$this->assertSame( 201, $response->get_status(), wp_json_encode( $response->get_data() ) );
		$stored = get_post_meta( $response->get_data()['id'], Gates::META, true );
		$this->assertSame( self::deployment()['contracts']['membership'], $stored['rule']['conditions'][0]['contract'], 'Checksummed.' );
		$this->assertSame( 'more', $stored['teaser'] );
		$this->assertSame( 'post', get_post_meta( $response->get_data()['id'], Gates::FLAG, true ) );
	}

	/**
	 * @return array<string, array{0: array<string, mixed>, 1: string}>
	 */
	public static function malformed_gates(): array {
		$contract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
		return array(
			'unknown chain'      => array( array( 'rule' => array( 'type' => 'erc721', 'chainId' => 999, 'contract' => $contract ) ), 'chain 999 is not one of the networks' ),
			'missing contract'   => array( array( 'rule' => array( 'type' => 'erc20', 'chainId' => 31337, 'amount' => '1' ) ), 'enter the token contract address' ),
			'zero amount'        => array( array( 'rule' => array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => $contract, 'amount' => '0' ) ), 'more than zero' ),
			'empty group'        => array( array( 'rule' => array( 'type' => 'all', 'conditions' => array() ) ), 'at least one condition' ),
			'nested bad address' => array( array( 'rule' => array( 'type' => 'any', 'conditions' => array( array( 'type' => 'member' ), array( 'type' => 'allowlist', 'addresses' => array( '0x1234' ) ) ) ) ), 'Condition 2' ),
			'unknown preset'     => array( array( 'preset' => 'founders' ), 'there is no preset' ),
			'unknown type'       => array( array( 'rule' => array( 'type' => 'karma' ) ), 'meta.' . Gates::META ),
		);
	}

	/**
	 * @dataProvider malformed_gates
	 */
	public function test_rest_refuses_a_malformed_gate_with_a_clear_message_and_keeps_the_post( array $gate, string $expected ): void {
		$this->log_in_as( 'editor' );
		$post_id  = $this->gated_post( array( 'preset' => 'citizens' ) );
		$response = $this->rest( 'POST', '/wp/v2/posts/' . $post_id, array( 'title' => 'Changed', 'meta' => array( Gates::META => $gate ) ) );

		$this->assertSame( 400, $response->get_status() );
		$this->assertContains( $response->get_data()['code'], array( 'sovereign_press_invalid_gate', 'rest_invalid_param' ) );
		$this->assertStringContainsString( $expected, wp_json_encode( $response->get_data(), JSON_UNESCAPED_SLASHES ) );
		$this->assertSame( 'citizens', get_post_meta( $post_id, Gates::META, true )['preset'], 'The gate is unchanged.' );
		if ( 'sovereign_press_invalid_gate' === $response->get_data()['code'] ) {
			$this->assertSame( 'Citizens\' letter', get_post( $post_id )->post_title, 'Nothing was saved.' );
		}
	}

	public function test_a_subscriber_cannot_write_a_gate(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens' ) );
		$this->log_in_as( 'subscriber' );
		$response = $this->rest( 'POST', '/wp/v2/posts/' . $post_id, array( 'meta' => array( Gates::META => array() ) ) );
		$this->assertSame( 403, $response->get_status() );
		$this->assertSame( 'citizens', get_post_meta( $post_id, Gates::META, true )['preset'] );
	}

	public function test_a_holder_reads_a_non_holder_and_a_visitor_get_the_teaser_and_the_notice(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens', 'teaser' => 'more' ) );

		$anonymous = $this->rendered( $post_id );
		$this->assertStringNotContainsString( self::SECRET, $anonymous );
		$this->assertStringContainsString( 'Open to all: the letter opens.', $anonymous );
		$this->assertStringContainsString( 'Readers need 1 Citizen NFT on Local chain.', $anonymous );
		$this->assertStringContainsString( 'data-gate-state="logged-out"', $anonymous );

		$visitor = $this->reader( array( 3 ) );
		$denied  = $this->rendered( $post_id );
		$this->assertStringNotContainsString( self::SECRET, $denied );
		$this->assertStringContainsString( 'data-gate-state="denied"', $denied );

		Plugin::instance()->wallets()->link( $visitor, self::wallet( 2 ), 31337 );
		Plugin::instance()->decisions()->reset();
		$this->assertStringContainsString( self::SECRET, $this->rendered( $post_id ), 'Holdings of a second linked wallet count.' );

		$this->reader( array( 1 ) );
		$this->assertStringContainsString( self::SECRET, $this->rendered( $post_id ) );

		$this->log_in_as( 'editor' );
		$this->assertStringContainsString( self::SECRET, $this->rendered( $post_id ), 'Editors read what they edit.' );
	}

	public function test_teaser_choices(): void {
		$excerpt = $this->gated_post( array( 'preset' => 'citizens', 'teaser' => 'excerpt' ) );
		$none    = $this->gated_post( array( 'preset' => 'citizens', 'teaser' => 'none' ) );

		$this->assertStringContainsString( 'A letter to citizens.', $this->rendered( $excerpt ) );
		$this->assertStringNotContainsString( 'the letter opens', $this->rendered( $excerpt ) );
		$this->assertStringNotContainsString( 'the letter opens', $this->rendered( $none ) );
		$this->assertStringNotContainsString( 'A letter to citizens.', $this->rendered( $none ) );
		$this->assertSame( '', get_the_excerpt( $none ) );
		$this->assertSame( 'A letter to citizens.', get_the_excerpt( $excerpt ) );
	}

	public function test_an_auto_excerpt_never_comes_from_the_gated_body(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens', 'teaser' => 'excerpt' ), '' );
		$this->assertSame( '', get_the_excerpt( $post_id ) );
		$this->reader( array( 1 ) );
		$this->assertStringContainsString( 'the letter opens', get_the_excerpt( $post_id ), 'Holders get the usual automatic excerpt.' );
	}

	public function test_a_gated_content_block_shows_its_blocks_to_holders_only(): void {
		$rule    = array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => self::deployment()['contracts']['badge'], 'tokenId' => '2', 'amount' => '1', 'label' => 'Core badge' );
		$content = '<!-- wp:paragraph --><p>Everyone reads this.</p><!-- /wp:paragraph -->'
			. '<!-- wp:sovereign-press/gated-content ' . wp_json_encode( array( 'rule' => $rule, 'message' => 'For core contributors.' ) ) . ' -->'
			. '<div class="wp-block-sovereign-press-gated-content"><!-- wp:paragraph --><p>' . self::SECRET . '</p><!-- /wp:paragraph --></div>'
			. '<!-- /wp:sovereign-press/gated-content -->';
		$post_id = wp_insert_post( array( 'post_title' => 'Sections', 'post_status' => 'publish', 'post_content' => $content, 'post_author' => self::user_id( 'editor' ) ) );
		$this->assertSame( 'sections', get_post_meta( $post_id, Gates::FLAG, true ) );

		$this->reader( array( 1 ) );
		$html = $this->rendered( $post_id );
		$this->assertStringContainsString( 'Everyone reads this.', $html );
		$this->assertStringNotContainsString( self::SECRET, $html );
		$processor = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => 'sovereign-press-gate' ) ) );
		$this->assertSame( 'denied', $processor->get_attribute( 'data-gate-state' ) );
		$this->assertStringContainsString( 'For core contributors.', $html );
		$this->assertStringContainsString( 'Readers need 1 Core badge #2 on Local chain.', $html );

		$this->reader( array( 2 ) );
		$this->assertStringContainsString( self::SECRET, $this->rendered( $post_id ) );
	}

	public function test_a_token_transferred_away_ends_access_after_the_ttl(): void {
		// 2 s: transient expiry counts whole seconds, so 1 s could lapse at once.
		$this->configure( self::env( 'SP_RPC_URL' ), 2 );
		$post_id = $this->gated_post( array( 'preset' => 'citizens' ) );
		$this->reader( array( 1 ) );
		$this->assertStringContainsString( self::SECRET, $this->rendered( $post_id ) );

		$node     = self::transport();
		$snapshot = $node->call( 'evm_snapshot', array() );
		try {
			$citizen = self::wallet( 1 );
			$data    = '0x23b872dd' . str_pad( substr( strtolower( $citizen ), 2 ), 64, '0', STR_PAD_LEFT ) . str_pad( substr( strtolower( self::wallet( 3 ) ), 2 ), 64, '0', STR_PAD_LEFT ) . str_pad( '2', 64, '0', STR_PAD_LEFT );
			$node->call( 'eth_sendTransaction', array( array( 'from' => $citizen, 'to' => self::deployment()['contracts']['membership'], 'data' => $data ) ) );

			// Each view is a later request: nothing kept in memory.
			Plugin::instance()->decisions()->reset();
			wp_cache_flush_runtime();
			$this->assertStringContainsString( self::SECRET, $this->rendered( $post_id ), 'Within the TTL the cached holding stands.' );

			sleep( 3 );
			Plugin::instance()->decisions()->reset();
			wp_cache_flush_runtime();
			$this->assertStringNotContainsString( self::SECRET, $this->rendered( $post_id ), 'After the TTL the chain is asked again.' );
		} finally {
			$node->call( 'evm_revert', array( $snapshot ) );
		}
	}

	public function test_holdings_are_cached_per_wallet_so_a_warm_view_asks_the_chain_nothing(): void {
		$post_id  = $this->gated_post( array( 'preset' => 'citizens' ) );
		$requests = 0;
		$count    = static function ( $pre ) use ( &$requests ) {
			++$requests;
			return $pre;
		};
		add_filter( 'pre_http_request', $count );
		$this->reader( array( 1 ) );
		$this->rendered( $post_id );
		$cold = $requests;
		Plugin::instance()->decisions()->reset();
		$this->rendered( $post_id );
		$warm = $requests - $cold;

		$this->reader( array( 3 ) );
		$this->rendered( $post_id );
		$other = $requests - $cold - $warm;
		remove_filter( 'pre_http_request', $count );

		$this->assertSame( array( 1, 0, 1 ), array( $cold, $warm, $other ), 'One read cold, none warm, and another reader\'s wallet is not served from the first one\'s answers.' );
	}

	public function test_an_unreachable_node_fails_closed_with_an_honest_message(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens', 'teaser' => 'more' ) );
		$this->configure( self::env( 'SP_FAKE_RPC_URL' ) . '/hang' );
		update_option( Settings::OPTION, array_replace_recursive( get_option( Settings::OPTION ), array( 'gating' => array( 'budgetMs' => 500 ) ) ) );
		$this->reader( array( 1 ) );

		$started = microtime( true );
		$html    = $this->rendered( $post_id );
		$this->assertLessThan( 2.5, microtime( true ) - $started, 'The budget bounds the wait.' );
		$this->assertStringNotContainsString( self::SECRET, $html );
		$this->assertStringContainsString( 'the letter opens', $html, 'The rest of the post still renders.' );
		$this->assertStringContainsString( 'could not verify your holdings right now', $html );
	}

	public function test_a_deleted_preset_keeps_the_post_closed(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens' ) );
		update_option( Settings::OPTION, array_replace( get_option( Settings::OPTION ), array( 'gating' => array( 'presets' => array() ) ) ) );
		$this->reader( array( 1 ) );
		$this->assertStringNotContainsString( self::SECRET, $this->rendered( $post_id ) );
	}

	public function test_rest_hides_the_gate_meta_and_raw_fields_from_readers_and_marks_responses_uncacheable(): void {
		$post_id  = $this->gated_post( array( 'preset' => 'citizens' ) );
		$response = $this->rest( 'GET', '/wp/v2/posts/' . $post_id );
		$this->assertArrayNotHasKey( Gates::META, $response->get_data()['meta'] );
		$this->assertStringContainsString( 'no-store', $response->get_headers()['Cache-Control'] ?? '' );
		$this->assertTrue( $response->get_data()['content']['protected'] );

		$this->log_in_as( 'editor' );
		$response = $this->rest( 'GET', '/wp/v2/posts/' . $post_id );
		$this->assertSame( 'citizens', $response->get_data()['meta'][ Gates::META ]['preset'] );
	}

	public function test_comments_on_a_gated_post_are_for_those_who_can_read_it(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens' ) );
		wp_insert_comment( array( 'comment_post_ID' => $post_id, 'comment_content' => 'Thursday works for me.', 'comment_approved' => 1 ) );

		$this->assertSame( array(), get_comments( array( 'post_id' => $post_id ) ) );
		$this->assertFalse( comments_open( $post_id ) );
		$this->reader( array( 1 ) );
		$this->assertCount( 1, get_comments( array( 'post_id' => $post_id ) ) );
		$this->assertTrue( comments_open( $post_id ) );
	}

	public function test_search_does_not_match_words_of_a_gated_body(): void {
		$this->gated_post( array( 'preset' => 'citizens' ) );
		$anonymous = new \WP_Query( array( 's' => 'treasury vote Thursday' ) );
		$this->assertSame( 0, $anonymous->found_posts );
		$this->log_in_as( 'editor' );
		$editor = new \WP_Query( array( 's' => 'treasury vote Thursday' ) );
		$this->assertSame( 1, $editor->found_posts );
	}

	public function test_summaries_and_token_lookup_for_the_editor(): void {
		$this->log_in_as( 'editor' );
		$rule     = array( 'type' => 'all', 'conditions' => array( self::citizen_nft(), array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => self::deployment()['contracts']['token'], 'amount' => '100', 'label' => 'SVOTE' ) ) );
		$response = $this->rest( 'POST', '/sovereign-press/v1/gates/summary', array( 'rule' => $rule ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'Readers need 1 Citizen NFT on Local chain and 100 SVOTE on Local chain.', $response->get_data()['summary'] );

		$response = $this->rest( 'POST', '/sovereign-press/v1/gates/summary', array( 'rule' => array( 'type' => 'erc20', 'chainId' => 31337 ) ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'sovereign_press_invalid_rule', $response->get_data()['code'] );

		$request  = new \WP_REST_Request( 'GET', '/sovereign-press/v1/tokens' );
		$request->set_query_params( array( 'chainId' => 31337, 'contract' => self::deployment()['contracts']['token'] ) );
		$token = rest_do_request( $request )->get_data();
		$this->assertSame( array( 'SVOTE', 18, 'erc20' ), array( $token['symbol'], $token['decimals'], $token['standard'] ) );
		$request->set_query_params( array( 'chainId' => 31337, 'contract' => self::deployment()['contracts']['membership'] ) );
		$this->assertSame( 'erc721', rest_do_request( $request )->get_data()['standard'] );

		$this->log_in_as( 'subscriber' );
		$this->assertSame( 403, rest_do_request( $request )->get_status() );
	}

	public function test_presets_with_an_unsound_rule_are_refused_by_the_settings_endpoint(): void {
		$this->log_in_as( 'admin' );
		$settings                        = get_option( Settings::OPTION );
		$settings['gating']['presets'][] = array( 'id' => 'core', 'name' => 'Core contributors', 'rule' => array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => self::deployment()['contracts']['badge'], 'amount' => '1' ) );
		$response                        = $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => $settings ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'sovereign_press_invalid_rule', $response->get_data()['code'] );
		$this->assertStringContainsString( 'Core contributors', $response->get_data()['message'] );
	}

	public function test_the_posts_list_shows_a_gate_column(): void {
		$gated = $this->gated_post( array( 'preset' => 'citizens' ) );
		$open  = wp_insert_post( array( 'post_title' => 'Open', 'post_status' => 'publish', 'post_content' => 'Hi' ) );
		$this->assertArrayHasKey( 'sovereign_press_gate', apply_filters( 'manage_posts_columns', array() ) );
		$cell = static function ( int $post_id ): string {
			ob_start();
			do_action( 'manage_posts_custom_column', 'sovereign_press_gate', $post_id );
			return (string) ob_get_clean();
		};
		$this->assertStringContainsString( 'Citizens', $cell( $gated ) );
		$this->assertStringContainsString( 'Readers need 1 Citizen NFT on Local chain.', $cell( $gated ) );
		$this->assertStringContainsString( 'Open to everyone', $cell( $open ) );
	}

	public function test_rest_checks_the_rules_of_gated_content_blocks_and_an_empty_block_stays_closed(): void {
		$this->log_in_as( 'editor' );
		$block = static fn( array $attributes ): string => '<!-- wp:sovereign-press/gated-content ' . wp_json_encode( (object) $attributes ) . ' --><div class="wp-block-sovereign-press-gated-content"><!-- wp:paragraph --><p>' . self::SECRET . '</p><!-- /wp:paragraph --></div><!-- /wp:sovereign-press/gated-content -->';

		$bad      = $block( array( 'rule' => array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => self::deployment()['contracts']['token'], 'amount' => 'lots' ) ) );
		$response = $this->rest( 'POST', '/wp/v2/posts', array( 'title' => 'Bad block', 'status' => 'publish', 'content' => '<!-- wp:group --><div class="wp-block-group">' . $bad . '</div><!-- /wp:group -->' ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'sovereign_press_invalid_gate', $response->get_data()['code'] );
		$this->assertSame( 'Gated Content block 1: the amount must be a number such as 10 or 0.5.', $response->get_data()['message'] );

		$response = $this->rest( 'POST', '/wp/v2/posts', array( 'title' => 'Empty block', 'status' => 'publish', 'content' => $block( array() ) ) );
		$this->assertSame( 201, $response->get_status() );
		$this->reader( array( 1 ) );
		$this->assertStringNotContainsString( self::SECRET, $this->rendered( $response->get_data()['id'] ), 'A block without a rule opens to nobody.' );
	}

	public function test_extenders_can_decide_with_the_gate_decision_filter(): void {
		$post_id = $this->gated_post( array( 'preset' => 'citizens' ) );
		$grant   = static fn( string $decision, array $rule, int $user_id ): string => $user_id === self::user_id( 'subscriber' ) ? 'granted' : $decision;
		add_filter( 'sovereign_press_gate_decision', $grant, 10, 3 );
		$this->log_in_as( 'subscriber' );
		$html = $this->rendered( $post_id );
		remove_filter( 'sovereign_press_gate_decision', $grant, 10 );
		$this->assertStringContainsString( self::SECRET, $html );

		add_filter( 'sovereign_press_gate_decision', '__return_true' );
		Plugin::instance()->decisions()->reset();
		$this->reader( array( 1 ) );
		$html = $this->rendered( $post_id );
		remove_filter( 'sovereign_press_gate_decision', '__return_true' );
		$this->assertStringNotContainsString( self::SECRET, $html, 'Anything but a known decision denies.' );
	}
}
