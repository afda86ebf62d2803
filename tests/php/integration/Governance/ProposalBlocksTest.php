<?php
/**
 * The DAO Proposal blocks rendered through do_blocks and the_content, and the proposal cache
 * behind them: fresh and stale copies, placeholders, the page prefetch, expiry on a change.
 *
 * The source here is a small in-test Source: these tests' subject is what Governance\Proposals
 * and the blocks do with a source's answers (caching, placeholders, batching), which a real hub
 * or chain cannot be made to answer on cue. The real sources are tested on the real stand-ins by
 * their own tests.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\BlockInput;
use SovereignPress\Governance\Choice;
use SovereignPress\Governance\Governor\GovernorSource;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalBlocks;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Proposals;
use SovereignPress\Governance\ProposalView;
use SovereignPress\Governance\Source;
use SovereignPress\Governance\SourceError;
use SovereignPress\Governance\Ballot;
use SovereignPress\Plugin;
use SovereignPress\Storage\Cache;
use SovereignPress\Tests\Integration\TestCase;

final class ProposalBlocksTest extends TestCase {

	private const ID_A = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
	private const ID_B = '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

	/** @var array<string, Proposal|SourceError> What the source answers, by key. */
	private array $answers = array();

	/** @var list<list<string>> Keys asked for, one list per fetch(). */
	private array $fetches = array();

	private int $now = 1_800_000_000;

	private ProposalBlocks $original;

	private Proposals $proposals;

	protected function setUp(): void {
		parent::setUp();
		$this->original = ProposalBlocks::instance();
		$test           = $this;
		$source         = new class( $test ) implements Source {
			public function __construct( private ProposalBlocksTest $test ) {}

			public function fetch( array $refs ): array {
				return $this->test->answer( $refs );
			}

			public function latest( Listing $listing ): array {
				throw new SourceError( SourceError::UNREACHABLE, 'down' );
			}

			public function ballot( Proposal $proposal, string $address ): Ballot {
				throw new SourceError( SourceError::UNREACHABLE, 'down' );
			}
		};
		$clock           = fn(): int => $this->now;
		$this->proposals = new Proposals( array( ProposalRef::SNAPSHOT => static fn(): Source => $source ), new Cache( 'proposals_test_' . wp_generate_password( 8, false ), Proposals::KEEP ), $clock );
		$proposals       = $this->proposals;
		$view            = new ProposalView(
			static fn( Proposal $proposal ): bool => $proposals->is_stale( $proposal ),
			static fn( array $addresses ): array => array(),
			static fn( Proposal $proposal ): string => '',
			$clock
		);
		ProposalBlocks::provide( new ProposalBlocks( new BlockInput( ( new GovernorSource( Plugin::instance()->networks() ) )->ref( ... ) ), $proposals, $view ) );
		add_action( 'sovereign_press_proposal_changed', array( $proposals, 'expire' ) );
	}

	protected function tearDown(): void {
		remove_action( 'sovereign_press_proposal_changed', array( $this->proposals, 'expire' ) );
		ProposalBlocks::provide( $this->original );
		parent::tearDown();
	}

	/**
	 * The in-test source's fetch().
	 *
	 * @param list<ProposalRef> $refs Refs.
	 * @return array<string, Proposal|SourceError>
	 */
	public function answer( array $refs ): array {
		$this->fetches[] = array_map( static fn( ProposalRef $ref ): string => $ref->key(), $refs );
		$answers         = array();
		foreach ( $refs as $ref ) {
			$answers[ $ref->key() ] = $this->answers[ $ref->key() ] ?? new SourceError( SourceError::NOT_FOUND, 'No such proposal.' );
		}
		return $answers;
	}

	private function proposal( string $id, string $body = 'A **plain** body.', string $state = 'active' ): Proposal {
		return new Proposal(
			ProposalRef::snapshot( 'society.eth', $id ),
			'Fund the <b>node</b> & "ops"',
			$body,
			'0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
			$state,
			'single-choice',
			array( new Choice( 'Yes <i>please</i>', '1234.5', 0.75 ), new Choice( 'No', '411.5', 0.25 ) ),
			'SVOTE',
			'1000',
			'1646',
			$this->now - 3600,
			$this->now + 86400,
			false,
			'123456',
			7,
			'https://snapshot.box/#/s:society.eth/proposal/' . $id,
			'Demo Society',
			false,
			'',
			$this->now
		);
	}

	private static function block( string $id ): string {
		return '<!-- wp:sovereign-press/proposal {"space":"society.eth","proposalId":"' . $id . '"} /-->';
	}

	private function set( Proposal $proposal ): void {
		$this->answers[ $proposal->ref->key() ] = $proposal;
	}

	public function test_renders_a_proposal_readable_without_scripts(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$html = do_blocks( self::block( self::ID_A ) );
		$tags = MarkdownTest::tags( $html );
		$this->assertNotContains( 'script', array_column( $tags, 'tag' ) );
		$this->assertStringContainsString( 'Fund the &lt;b&gt;node&lt;/b&gt; &amp; &quot;ops&quot;', $html );
		$this->assertStringContainsString( '<strong>plain</strong>', $html );
		$this->assertStringContainsString( 'Yes &lt;i&gt;please&lt;/i&gt;', $html );
		$processor = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => 'wp-block-sovereign-press-proposal' ) ) );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => 'sovereign-press-proposal' ) ) );
		$this->assertSame( 'ARTICLE', $processor->get_tag() );
		$this->assertTrue( $processor->has_class( 'is-state-active' ) );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => 'sovereign-press-proposal__state' ) ) );
		$bars = array_values( array_filter( $tags, static fn( array $t ): bool => 'progress' === $t['tag'] ) );
		$this->assertSame( array( '75', '25', '100' ), array_map( static fn( array $t ): string => $t['attributes']['value'], $bars ), 'two choices and the reached quorum' );
		$this->assertSame( 'Yes <i>please</i>', $bars[0]['attributes']['aria-label'] );
		$links = array_values( array_filter( $tags, static fn( array $t ): bool => 'a' === $t['tag'] ) );
		$this->assertSame( 'https://snapshot.box/#/s:society.eth/proposal/' . self::ID_A, end( $links )['attributes']['href'] );
		$times = array_values( array_filter( $tags, static fn( array $t ): bool => 'time' === $t['tag'] ) );
		$this->assertSame( gmdate( 'c', $this->now + 86400 ), $times[1]['attributes']['datetime'] );
		$this->assertStringNotContainsString( 'sovereign-press-proposal__updated', $html, 'fresh: no "last updated" line' );
	}

	public function test_hostile_bodies_and_links_render_inert(): void {
		$proposal = Proposal::from_array( array_merge( $this->proposal( self::ID_A, "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n<svg onload=alert(1)></svg>\n\n![remote](https://tracker.example/p.png)" )->to_array(), array( 'link' => 'javascript:alert(1)' ) ) );
		$this->set( $proposal );
		$html = do_blocks( self::block( self::ID_A ) );
		foreach ( MarkdownTest::tags( $html ) as $tag ) {
			$this->assertNotContains( $tag['tag'], array( 'script', 'svg', 'img' ), $html );
			foreach ( $tag['attributes'] as $name => $value ) {
				$this->assertStringStartsNotWith( 'on', $name );
				if ( 'href' === $name ) {
					$this->assertMatchesRegularExpression( '#^https?://#', (string) $value );
				}
			}
		}
		$this->assertStringContainsString( 'href="https://tracker.example/p.png"', $html, 'the image is a link, not loaded' );
	}

	public function test_a_page_reads_its_proposals_in_one_fetch(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$this->set( $this->proposal( self::ID_B ) );
		$post = self::factory_post( self::block( self::ID_A ) . '<!-- wp:group --><div class="wp-block-group">' . self::block( self::ID_B ) . '</div><!-- /wp:group -->' );
		$this->go_to_post( $post );
		$html = apply_filters( 'the_content', get_post_field( 'post_content', $post ) );
		$this->assertSame( 2, substr_count( $html, 'class="sovereign-press-proposal ' ) );
		$this->assertCount( 1, $this->fetches, 'one fetch for the page' );
		$this->assertCount( 2, $this->fetches[0] );
	}

	public function test_fresh_then_stale_then_last_good_copy_when_the_source_fails(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$ref = ProposalRef::snapshot( 'society.eth', self::ID_A );
		$this->assertInstanceOf( Proposal::class, $this->proposals->get( $ref ) );
		$this->assertCount( 1, $this->fetches );

		// Within LIVE_TTL another request reads the cache.
		$this->now += Proposals::LIVE_TTL - 1;
		$this->assertInstanceOf( Proposal::class, $this->fresh()->get( $ref ) );
		$this->assertCount( 1, $this->fetches );

		// Past it, the source is asked again; it is down: the last good copy, marked.
		$this->now += 2;
		$this->answers[ $ref->key() ] = new SourceError( SourceError::UNREACHABLE, 'The hub did not answer.' );
		$html                         = $this->render_fresh( self::block( self::ID_A ) );
		$this->assertCount( 2, $this->fetches );
		$this->assertStringContainsString( 'Fund the', $html );
		$this->assertStringNotContainsString( 'sovereign-press-proposal__placeholder', $html );

		// The failure is remembered for RETRY_TTL; past freshness + retry the copy says when it was read.
		$this->now += Proposals::RETRY_TTL + 1;
		$html       = $this->render_fresh( self::block( self::ID_A ) );
		$this->assertCount( 3, $this->fetches );
		$this->assertStringContainsString( 'sovereign-press-proposal__updated', $html );
		$this->now += 5;
		$this->render_fresh( self::block( self::ID_A ) );
		$this->assertCount( 3, $this->fetches, 'no new attempt within RETRY_TTL' );
	}

	public function test_a_final_proposal_stays_fresh_for_a_day(): void {
		$this->set( $this->proposal( self::ID_A, 'Done.', 'closed' ) );
		$ref = ProposalRef::snapshot( 'society.eth', self::ID_A );
		$this->proposals->get( $ref );
		$this->now += Proposals::FINAL_TTL - 10;
		$this->fresh()->get( $ref );
		$this->assertCount( 1, $this->fetches );
		$this->now += 20;
		$this->fresh()->get( $ref );
		$this->assertCount( 2, $this->fetches );
	}

	public function test_placeholder_without_a_copy_says_why_to_editors_only(): void {
		$this->answers[ ProposalRef::snapshot( 'society.eth', self::ID_A )->key() ] = new SourceError( SourceError::UNREACHABLE, 'The hub did not answer.' );
		$html = $this->render_fresh( self::block( self::ID_A ) );
		$this->assertStringContainsString( 'This proposal could not be loaded right now.', $html );
		$this->assertStringNotContainsString( 'The hub did not answer.', $html );
		$this->log_in_as( 'editor' );
		$html = $this->render_fresh( self::block( self::ID_A ) );
		$this->assertStringContainsString( 'The hub did not answer.', $html );

		$html = $this->render_fresh( self::block( self::ID_B ) );
		$this->assertStringContainsString( 'This proposal could not be found.', $html );
		$this->render_fresh( self::block( self::ID_B ) );
		$this->assertCount( 2, $this->fetches, 'not found is remembered for a while' );
	}

	public function test_hostile_attributes_are_refused_before_any_fetch(): void {
		$this->log_in_as( 'editor' );
		foreach ( array(
			'{"space":"society.eth","proposalId":"0x123"}',
			'{"space":"<script>","proposalId":"' . self::ID_A . '"}',
			'{"source":"governor","chainId":31337,"governor":"0xnot","proposalId":"1"}',
			'{"source":"governor","chainId":31337,"governor":"0x5FbDB2315678afecb367f032d93F642f64180aa3","proposalId":"1e3"}',
		) as $attributes ) {
			$html = do_blocks( '<!-- wp:sovereign-press/proposal ' . $attributes . ' /-->' );
			$this->assertStringContainsString( 'is-reason-invalid', $html, $attributes );
		}
		$this->assertSame( array(), $this->fetches );
	}

	public function test_a_change_expires_the_entry(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$ref = ProposalRef::snapshot( 'society.eth', self::ID_A );
		$this->proposals->get( $ref );
		do_action( 'sovereign_press_proposal_changed', $ref );
		$this->fresh()->get( $ref );
		$this->assertCount( 2, $this->fetches );
	}

	public function test_preview_route_permissions_and_errors(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$query = array(
			'space'      => 'society.eth',
			'proposalId' => self::ID_A,
		);
		$this->assertSame( 401, $this->preview( $query )->get_status() );
		$this->log_in_as( 'subscriber' );
		$this->assertSame( 403, $this->preview( $query )->get_status() );
		$this->log_in_as( 'editor' );
		$ok = $this->preview( $query );
		$this->assertSame( 200, $ok->get_status() );
		$this->assertStringContainsString( 'class="sovereign-press-proposal ', $ok->get_data()['html'] );
		$bad = $this->preview( array( 'proposalId' => '0x1' ) + $query );
		$this->assertSame( 400, $bad->get_status() );
		$this->assertSame( 'sovereign_press_proposal_invalid', $bad->as_error()->get_error_code() );
		$missing = $this->preview( array( 'proposalId' => self::ID_B ) + $query );
		$this->assertSame( 404, $missing->get_status() );
		$this->assertSame( 'sovereign_press_proposal_not_found', $missing->as_error()->get_error_code() );
		$this->answers[ ProposalRef::snapshot( 'society.eth', '0x' . str_repeat( 'c', 64 ) )->key() ] = new SourceError( SourceError::UNREACHABLE, 'down' );
		$down = $this->preview( array( 'proposalId' => '0x' . str_repeat( 'c', 64 ) ) + $query );
		$this->assertSame( 502, $down->get_status() );
		$this->assertSame( 'sovereign_press_proposal_unreachable', $down->as_error()->get_error_code() );
		$this->assertSame( 400, $this->preview( array( 'source' => 'nope' ) + $query )->get_status(), 'the schema refuses it' );
	}

	/**
	 * @param array<string, string> $query Query arguments.
	 */
	private function preview( array $query ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/proposals/preview' );
		$request->set_query_params( $query );
		return rest_do_request( $request );
	}

	/**
	 * The service as the next request has it: nothing in memory, the same cache.
	 */
	private function fresh(): Proposals {
		$memory = new \ReflectionProperty( Proposals::class, 'memory' );
		$memory->setValue( $this->proposals, array() );
		return $this->proposals;
	}

	private function render_fresh( string $blocks ): string {
		$this->fresh();
		return do_blocks( $blocks );
	}

	private static function factory_post( string $content ): int {
		return (int) wp_insert_post(
			array(
				'post_title'   => 'Governance',
				'post_content' => $content,
				'post_status'  => 'publish',
				'post_type'    => 'page',
			)
		);
	}

	private function go_to_post( int $post_id ): void {
		$GLOBALS['post'] = get_post( $post_id );
		setup_postdata( $GLOBALS['post'] );
	}
}
