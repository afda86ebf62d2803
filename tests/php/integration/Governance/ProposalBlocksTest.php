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
use SovereignPress\Governance\VoteControl;
use SovereignPress\Governance\Ballot;
use SovereignPress\Plugin;
use SovereignPress\Storage\Cache;
use SovereignPress\Tests\Integration\TestCase;
use SovereignPress\Tests\Support\RenderedHtml;

require_once dirname( __DIR__, 2 ) . '/support/RenderedHtml.php';

final class ProposalBlocksTest extends TestCase {

	private const ID_A = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
	private const ID_B = '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

	/** @var array<string, Proposal|SourceError> What the source answers, by key. */
	private array $answers = array();

	/** @var list<list<string>> Keys asked for, one list per fetch(). */
	private array $fetches = array();

	/** @var array<string, list<Proposal>> What latest() answers, by space. */
	private array $listed = array();

	private int $now = 1_800_000_000;

	private ProposalBlocks $original;

	private Proposals $proposals;

	private Source $source;

	private string $suffix;

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
				return $this->test->listed( $listing );
			}

			public function ballot( Proposal $proposal, string $address ): Ballot {
				throw new SourceError( SourceError::UNREACHABLE, 'down' );
			}
		};
		$clock           = fn(): int => $this->now;
		$this->suffix    = wp_generate_password( 8, false );
		$this->source    = $source;
		$this->proposals = $this->proposals_with_scope( 'the sources' );
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
		unset( $_GET[ ProposalBlocks::QUERY_ARG ], $_SERVER['REQUEST_URI'] );
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

	/**
	 * The in-test source's latest().
	 *
	 * @return list<Proposal>
	 */
	public function listed( Listing $listing ): array {
		return $this->listed[ $listing->where->space ] ?? throw new SourceError( SourceError::UNREACHABLE, 'down' );
	}

	private function proposal( string $id, string $body = 'A **plain** body.', string $state = 'active', string $space = 'society.eth' ): Proposal {
		return new Proposal(
			ProposalRef::snapshot( $space, $id ),
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

	public function test_a_settings_save_during_an_outage_keeps_the_last_good_copy(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$ref = ProposalRef::snapshot( 'society.eth', self::ID_A );
		$this->assertInstanceOf( Proposal::class, $this->proposals->get( $ref ) );

		// The hub goes down and an administrator saves the settings (a new cache generation):
		// the page still shows the copy read before, marked with when it was read.
		$this->answers[ $ref->key() ] = new SourceError( SourceError::UNREACHABLE, 'The hub did not answer.' );
		Cache::flush();
		$this->now += 5;
		$html       = $this->render_fresh( self::block( self::ID_A ) );
		$this->assertCount( 2, $this->fetches, 'the source is asked again after the save' );
		$this->assertStringContainsString( 'Fund the', $html );
		$this->assertStringNotContainsString( 'sovereign-press-proposal__placeholder', $html );
		$this->now += Proposals::LIVE_TTL + Proposals::RETRY_TTL;
		$this->assertStringContainsString( 'sovereign-press-proposal__updated', $this->render_fresh( self::block( self::ID_A ) ) );

		// Once the hub answers again, its answer replaces the copy.
		unset( $this->answers[ $ref->key() ] );
		$this->set( $this->proposal( self::ID_A, 'Fund the new garden.' ) );
		$this->now += Proposals::RETRY_TTL + 1;
		$this->assertStringContainsString( 'new garden', $this->render_fresh( self::block( self::ID_A ) ) );
	}

	public function test_a_settings_save_during_an_outage_keeps_the_last_good_list(): void {
		$this->listed['society.eth'] = array( $this->proposal( self::ID_A ), $this->proposal( self::ID_B, 'The **second** one.', 'closed' ) );
		$list                        = '<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->';
		$this->assertSame( 2, substr_count( $this->render_fresh( $list ), 'class="sovereign-press-proposals__item ' ) );

		unset( $this->listed['society.eth'] );
		Cache::flush();
		$this->assertSame( 2, substr_count( $this->render_fresh( $list ), 'class="sovereign-press-proposals__item ' ), 'the last good list, after a settings save' );
	}

	public function test_a_last_good_copy_is_not_shown_for_a_source_the_site_no_longer_has_or_a_proposal_gone(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$this->set( $this->proposal( self::ID_B ) );
		$a = ProposalRef::snapshot( 'society.eth', self::ID_A );
		$b = ProposalRef::snapshot( 'society.eth', self::ID_B );
		$this->proposals->get_many( array( $a, $b ) );

		// The network or hub was removed from the settings (INVALID), and the hub deleted B.
		$this->answers[ $a->key() ] = new SourceError( SourceError::INVALID, 'Not one of this site\'s networks.' );
		$this->answers[ $b->key() ] = new SourceError( SourceError::NOT_FOUND, 'Gone.' );
		Cache::flush();
		$this->now += 5;
		$this->assertInstanceOf( SourceError::class, $this->fresh()->get( $a ), 'no copy for a source the site no longer has' );
		$this->assertInstanceOf( SourceError::class, $this->fresh()->get( $b ) );

		// Later the hub is down: B's copy was replaced by its removal, so it does not come back.
		$this->answers[ $b->key() ] = new SourceError( SourceError::UNREACHABLE, 'down' );
		Cache::flush();
		$this->now += Proposals::MISSING_TTL + 1;
		$this->assertInstanceOf( SourceError::class, $this->fresh()->get( $b ), 'a proposal the hub removed stays removed' );
	}

	public function test_last_good_copies_belong_to_the_sources_they_were_read_from(): void {
		$this->set( $this->proposal( self::ID_A ) );
		$ref = ProposalRef::snapshot( 'society.eth', self::ID_A );
		$this->proposals->get( $ref );

		// The administrator points the site at another hub, which is down: the old hub's copy is
		// not shown as this one's.
		$this->answers[ $ref->key() ] = new SourceError( SourceError::UNREACHABLE, 'down' );
		Cache::flush();
		$moved = $this->proposals_with_scope( 'another hub' );
		$this->assertInstanceOf( SourceError::class, $moved->get( $ref ) );
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

	public function test_the_preview_shows_where_members_vote_and_the_page_keeps_each_readers_vote_area(): void {
		$proposals = $this->proposals;
		$view      = new ProposalView(
			static fn( Proposal $proposal ): bool => $proposals->is_stale( $proposal ),
			static fn( array $addresses ): array => array(),
			static fn( Proposal $proposal ): string => VoteControl::render( $proposal ),
			fn(): int => $this->now
		);
		ProposalBlocks::provide( new ProposalBlocks( new BlockInput( ( new GovernorSource( Plugin::instance()->networks() ) )->ref( ... ) ), $proposals, $view ) );
		$GLOBALS['wp_rest_server'] = null; // The route is registered again with these blocks.
		$this->set( $this->proposal( self::ID_A ) );
		$this->set( $this->proposal( self::ID_B, 'Closed.', 'closed' ) );
		$query = array(
			'space'      => 'society.eth',
			'proposalId' => self::ID_A,
		);
		$modifiers = static function ( string $html ): array {
			$found     = array();
			$processor = new \WP_HTML_Tag_Processor( $html );
			while ( $processor->next_tag( array( 'class_name' => 'sovereign-press-vote' ) ) ) {
				foreach ( $processor->class_list() as $class ) {
					if ( 'sovereign-press-vote' !== $class ) {
						$found[] = $class;
					}
				}
			}
			return $found;
		};

		$this->log_in_as( 'editor' );
		$html = $this->preview( $query )->get_data()['html'];
		$this->assertSame( array( 'is-preview' ), $modifiers( $html ), 'not the editor’s own "link a wallet"' );
		$this->assertStringContainsString( 'Members vote here on the published page.', $html );
		$this->assertStringNotContainsString( 'Link a wallet', $html );
		$this->assertSame( array( 'needs-wallet' ), $modifiers( do_blocks( self::block( self::ID_A ) ) ), 'the page is unchanged' );

		Plugin::instance()->wallets()->link( get_current_user_id(), '0x90F79bf6EB2c4f870365E785982E1f101E93b906', 31337 );
		$this->assertSame( array( 'is-preview' ), $modifiers( $this->preview( $query )->get_data()['html'] ), 'no Vote button in the editor' );
		$this->assertSame( array( 'is-member' ), $modifiers( do_blocks( self::block( self::ID_A ) ) ) );
		$this->assertSame( array( 'is-ended' ), $modifiers( $this->preview( array( 'proposalId' => self::ID_B ) + $query )->get_data()['html'] ), 'what every reader sees stays' );

		wp_set_current_user( 0 );
		$this->assertSame( array( 'is-visitor' ), $modifiers( do_blocks( self::block( self::ID_A ) ) ) );
	}

	public function test_amounts_read_short_with_the_exact_amount_in_the_title(): void {
		$short = array(
			'0'                 => '0',
			'0.004'             => '<0.01',
			'0.005'             => '0.01',
			'0.5'               => '0.5',
			'1.25'              => '1.25',
			'9.999'             => '10',
			'12.7'              => '13',
			'999'               => '999',
			'999.6'             => '1K',
			'1000'              => '1K',
			'1234.5'            => '1.2K',
			'150000'            => '150K',
			'999960'            => '1M',
			'2000000'           => '2M',
			'1500000000'        => '1.5B',
			'not a number'      => '0',
		);
		foreach ( $short as $amount => $want ) {
			$this->assertSame( $want, ProposalView::compact_amount( (string) $amount ), (string) $amount );
		}

		$proposal = Proposal::from_array(
			array_merge(
				$this->proposal( self::ID_A )->to_array(),
				array(
					'choices'      => array( array( 'Yes', '1000', 0.99 ), array( 'No', '0.000001', 0.01 ) ),
					'quorum'       => '2000',
					'quorum_votes' => '1000.000001',
				)
			)
		);
		$this->set( $proposal );
		$html = do_blocks( self::block( self::ID_A ) );
		$this->assertSame( array( '1K SVOTE', '<0.01 SVOTE' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-amount' ) );
		$this->assertSame( array( '1000 SVOTE', '0.000001 SVOTE' ), array_map( static fn( array $e ): string => (string) $e['attributes']['title'], RenderedHtml::elements( $html, 'sovereign-press-proposal__choice-amount' ) ) );
		$quorum = RenderedHtml::first( $html, 'sovereign-press-proposal__quorum-label' );
		$this->assertSame( 'Quorum: 1K of 2K SVOTE', $quorum['text'] );
		$this->assertSame( 'Quorum: 1000.000001 of 2000 SVOTE', $quorum['attributes']['title'] );
	}

	public function test_only_estimated_times_are_marked(): void {
		$fields = array_merge( $this->proposal( self::ID_A )->to_array(), array( 'snapshot' => '1234567' ) );
		$this->set( Proposal::from_array( array_merge( $fields, array( 'estimated' => true ) ) ) );
		$this->set( Proposal::from_array( array_merge( $fields, array( 'ref' => ProposalRef::snapshot( 'society.eth', self::ID_B )->to_array(), 'start' => $this->now + 60, 'state' => 'pending', 'estimated' => true, 'start_estimated' => true ) ) ) );
		$html = do_blocks( self::block( self::ID_A ) );
		$this->assertSame( array( 'Start' => false, 'End' => true ), self::marked( $html ), 'Voting opened at a mined block: only the end is a guess.' );
		$this->assertSame( array( 'Times marked ~ are estimated from block times.' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__estimated' ) );
		$this->assertSame( array( 'Start' => true, 'End' => true ), self::marked( do_blocks( self::block( self::ID_B ) ) ) );
		// Both blocks mined: nothing marked.
		$this->set( Proposal::from_array( $fields ) );
		$this->now += Proposals::LIVE_TTL + 1;
		$html       = $this->render_fresh( self::block( self::ID_A ) );
		$this->assertSame( array( 'Start' => false, 'End' => false ), self::marked( $html ) );
		$this->assertSame( array(), RenderedHtml::texts( $html, 'sovereign-press-proposal__estimated' ) );
	}

	public function test_the_snapshot_row_names_the_block_and_is_left_out_when_it_is_the_start(): void {
		$fields = $this->proposal( self::ID_A )->to_array();
		$this->set( Proposal::from_array( array_merge( $fields, array( 'snapshot' => '19000000' ) ) ) );
		$this->assertSame( number_format_i18n( 19000000 ), self::details( do_blocks( self::block( self::ID_A ) ) )['Snapshot block'] ?? null );
		// A timestamp-clock Governor: the snapshot is the start time, already shown.
		$this->set( Proposal::from_array( array_merge( $fields, array( 'snapshot' => (string) $fields['start'] ) ) ) );
		$this->now += Proposals::LIVE_TTL + 1;
		$this->assertSame( array( 'Start', 'End', 'Votes' ), array_keys( self::details( $this->render_fresh( self::block( self::ID_A ) ) ) ) );
	}

	public function test_a_list_links_each_proposal_to_its_view_on_this_page(): void {
		$a                            = $this->proposal( self::ID_A );
		$b                            = $this->proposal( self::ID_B, 'The **second** one.', 'closed' );
		$this->listed['society.eth']  = array( $a, $b );
		$this->set( $b );
		$_SERVER['REQUEST_URI']       = '/?page_id=7&utm=x';
		$list                         = '<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->';
		$html                         = do_blocks( $list );
		$handles                      = array( ProposalView::handle( $a->ref ), ProposalView::handle( $b->ref ) );
		$this->assertSame(
			array_map( static fn( string $h ): string => '/?page_id=7&utm=x&sp_proposal=' . $h . '#sovereign-press-proposals-' . $h, $handles ),
			array_map( static fn( array $a ): string => (string) $a['attributes']['href'], array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'a' === $e['tag'] ) ) ),
			'Every item opens on this page; no third-party link in the list.'
		);
		$this->assertSame( array(), $this->fetches, 'A list reads no proposal of its own.' );

		// Opened: the same HTML as a DAO Proposal block, after a link back.
		$_GET[ ProposalBlocks::QUERY_ARG ] = $handles[1];
		$_SERVER['REQUEST_URI']            = '/?page_id=7&sp_proposal=' . $handles[1] . '&utm=x';
		$opened                            = do_blocks( $list );
		$this->assertSame( array(), RenderedHtml::elements( $opened, 'sovereign-press-proposals__item' ) );
		$wrapper = RenderedHtml::first( $opened, 'sovereign-press-proposals__opened' );
		$this->assertSame( 'sovereign-press-proposals-' . $handles[1], $wrapper['attributes']['id'] ?? null );
		$back = RenderedHtml::elements( $opened, 'sovereign-press-proposals__back' );
		$this->assertSame( array( 'Back to the list' ), array_column( $back, 'text' ) );
		$anchor = (string) ( RenderedHtml::first( $html, 'sovereign-press-proposals__list' )['attributes']['id'] ?? '' );
		$this->assertStringStartsWith( 'sovereign-press-proposals-list-', $anchor );
		$this->assertSame( '/?page_id=7&utm=x#' . $anchor, $this->href_in( $opened, 'sovereign-press-proposals__back' ), 'Back to where the list is.' );
		$article = RenderedHtml::first( $opened, 'sovereign-press-proposal' );
		$this->assertSame( $b->ref->key(), $article['attributes']['data-proposal'] );
		$this->assertSame( array( array( $b->ref->key() ) ), $this->fetches, 'Read as a DAO Proposal block reads it.' );
		$this->assertSame( 'https://snapshot.box/#/s:society.eth/proposal/' . self::ID_B, $this->href_in( $opened, 'sovereign-press-proposal__footer' ), 'The source link stays in the footer.' );
		$this->assertStringContainsString( '<strong>second</strong>', $opened );
		$single = do_blocks( self::block( self::ID_B ) );
		$this->assertSame( RenderedHtml::elements( $single, 'sovereign-press-proposal' ), RenderedHtml::elements( $opened, 'sovereign-press-proposal' ) );

		// The source cannot answer for it and there is no copy: the list's own.
		$d                                 = $this->proposal( '0x' . str_repeat( 'd', 64 ) );
		$this->listed['society.eth'][]     = $d;
		$this->answers[ $d->ref->key() ]   = new SourceError( SourceError::UNREACHABLE, 'down' );
		$this->now                        += Proposals::LIST_TTL + 1;
		$_GET[ ProposalBlocks::QUERY_ARG ] = ProposalView::handle( $d->ref );
		$html                              = $this->render_fresh( $list );
		$this->assertSame( $d->ref->key(), RenderedHtml::first( $html, 'sovereign-press-proposal' )['attributes']['data-proposal'] ?? null );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-proposal__placeholder' ) );
	}

	public function test_an_argument_that_names_no_listed_proposal_opens_nothing_and_fetches_nothing(): void {
		$this->listed['society.eth'] = array( $this->proposal( self::ID_A ) );
		$list                        = '<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->';
		$other                       = ProposalView::handle( ProposalRef::snapshot( 'society.eth', self::ID_B ) );
		$this->set( $this->proposal( self::ID_B ) );
		foreach ( array( $other, strtoupper( ProposalView::handle( ProposalRef::snapshot( 'society.eth', self::ID_A ) ) ) . 'x', '"><script>alert(1)</script>', self::ID_B ) as $hostile ) {
			$_GET[ ProposalBlocks::QUERY_ARG ] = $hostile;
			$_SERVER['REQUEST_URI']            = '/governance/?sp_proposal=' . rawurlencode( $hostile );
			$html                              = do_blocks( $list );
			$this->assertCount( 1, RenderedHtml::elements( $html, 'sovereign-press-proposals__item' ), $hostile );
			$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-proposal' ), $hostile );
			$this->assertStringNotContainsString( '<script', $html );
			$this->assertStringStartsWith( '/governance/?sp_proposal=' . ProposalView::handle( ProposalRef::snapshot( 'society.eth', self::ID_A ) ) . '#', $this->href_in( $html, 'sovereign-press-proposals__title' ) );
		}
		$this->assertSame( array(), $this->fetches, 'Nothing a URL names is fetched.' );

		// A request URI naming another host: the links stay on this site.
		unset( $_GET[ ProposalBlocks::QUERY_ARG ] );
		$_SERVER['REQUEST_URI'] = '//evil.example/phish';
		$this->assertStringStartsWith( home_url( '/' ) . '?sp_proposal=', $this->href_in( do_blocks( $list ), 'sovereign-press-proposals__title' ) );
	}

	public function test_a_page_with_two_lists_opens_only_in_the_list_that_has_it_in_the_pages_one_fetch(): void {
		$a                             = $this->proposal( self::ID_A );
		$b                             = $this->proposal( self::ID_B, 'Other space.', 'active', 'other.eth' );
		$c                             = $this->proposal( '0x' . str_repeat( 'c', 64 ) );
		$this->listed['society.eth']   = array( $a );
		$this->listed['other.eth']     = array( $b );
		array_map( array( $this, 'set' ), array( $a, $b, $c ) );
		$_GET[ ProposalBlocks::QUERY_ARG ] = ProposalView::handle( $b->ref );
		$_SERVER['REQUEST_URI']            = '/governance/?sp_proposal=' . ProposalView::handle( $b->ref );
		$post = self::factory_post(
			'<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->'
			. '<!-- wp:group --><div class="wp-block-group"><!-- wp:sovereign-press/proposals {"space":"other.eth"} /--></div><!-- /wp:group -->'
			. self::block( '0x' . str_repeat( 'c', 64 ) )
		);
		$this->go_to_post( $post );
		$html = apply_filters( 'the_content', get_post_field( 'post_content', $post ) );
		$this->assertCount( 1, RenderedHtml::elements( $html, 'sovereign-press-proposals__item' ), 'The first list stays a list.' );
		$this->assertSame( array( $b->ref->key(), $c->ref->key() ), array_map( static fn( array $e ): string => (string) $e['attributes']['data-proposal'], array_values( array_filter( RenderedHtml::elements( $html, 'sovereign-press-proposal' ), static fn( array $e ): bool => 'article' === $e['tag'] ) ) ) );
		$this->assertCount( 1, $this->fetches, 'The opened proposal is read with the page\'s other proposals.' );
		$this->assertEqualsCanonicalizing( array( $b->ref->key(), $c->ref->key() ), $this->fetches[0] );
	}

	/**
	 * Whether the start and end times carry the "~" of an estimate.
	 *
	 * @return array<string, bool>
	 */
	private static function marked( string $html ): array {
		$marked = array();
		$label  = '';
		foreach ( RenderedHtml::elements( $html ) as $element ) {
			if ( 'dt' === $element['tag'] ) {
				$label = $element['text'];
			} elseif ( 'dd' === $element['tag'] && in_array( $label, array( 'Start', 'End' ), true ) ) {
				$marked[ $label ] = str_starts_with( $element['text'], '~' );
			}
		}
		return $marked;
	}

	public function test_an_estimate_that_has_passed_on_a_live_proposal_reads_any_moment_now(): void {
		$fields = array_merge(
			$this->proposal( self::ID_A )->to_array(),
			array( 'end' => $this->now - 60, 'estimated' => true, 'end_block' => '1234', 'snapshot' => '1200' )
		);
		$this->set( Proposal::from_array( $fields ) );
		$this->listed['society.eth'] = array( Proposal::from_array( $fields ) );
		$html                        = do_blocks( self::block( self::ID_A ) );
		$this->assertSame( 'Block 1,234 (any moment now)', self::details( $html )['End'] ?? null );
		$list = do_blocks( '<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->' );
		$this->assertSame( array( 'Ends at block 1,234 (any moment now)' ), RenderedHtml::texts( $list, 'sovereign-press-proposals__end' ) );
		$this->assertStringNotContainsString( 'ago', ( self::details( $html )['End'] ?? '' ) . implode( '', RenderedHtml::texts( $list, 'sovereign-press-proposals__end' ) ) );

		// Pending, its snapshot block's estimated time passed: voting opens at the next block.
		$pending = array_merge( $fields, array( 'ref' => ProposalRef::snapshot( 'society.eth', self::ID_B )->to_array(), 'state' => 'pending', 'start' => $this->now - 30, 'start_estimated' => true, 'end' => $this->now + 600 ) );
		$this->set( Proposal::from_array( $pending ) );
		$rows = self::details( do_blocks( self::block( self::ID_B ) ) );
		$this->assertSame( 'Block 1,201 (any moment now)', $rows['Start'] ?? null );
		$this->assertStringStartsWith( '~', $rows['End'] ?? '' );

		// Once over, a past time is a past time.
		$this->set( Proposal::from_array( array_merge( $fields, array( 'ref' => ProposalRef::snapshot( 'society.eth', '0x' . str_repeat( 'e', 64 ) )->to_array(), 'state' => 'defeated' ) ) ) );
		$this->assertStringEndsWith( '(1 minute ago)', self::details( do_blocks( self::block( '0x' . str_repeat( 'e', 64 ) ) ) )['End'] ?? '' );
	}

	public function test_shares_read_with_one_decimal_and_tiny_ones_as_below_a_tenth(): void {
		$fields = array_merge(
			$this->proposal( self::ID_A )->to_array(),
			array( 'choices' => array( array( 'A', '901', 0.901 ), array( 'B', '90', 0.09 ), array( 'C', '9', 0.009 ), array( 'D', '0.004', 0.0004 ), array( 'E', '0', 0.0 ) ) )
		);
		$this->set( Proposal::from_array( $fields ) );
		$this->assertSame( array( '90.1%', '9.0%', '0.9%', '<0.1%', '0.0%' ), RenderedHtml::texts( do_blocks( self::block( self::ID_A ) ), 'sovereign-press-proposal__choice-share' ) );
		$this->listed['society.eth'] = array( Proposal::from_array( $fields ) );
		$this->assertSame( array( '90.1%' ), RenderedHtml::texts( do_blocks( '<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->' ), 'sovereign-press-proposals__share' ) );
	}

	public function test_a_pending_proposal_lists_its_choices_without_results(): void {
		$this->set( Proposal::from_array( array_merge( $this->proposal( self::ID_A )->to_array(), array( 'state' => 'pending', 'start' => $this->now + 60, 'choices' => array( array( 'Yes', '0', 0.0 ), array( 'No', '0', 0.0 ) ), 'quorum_votes' => '0' ) ) ) );
		$html = do_blocks( self::block( self::ID_A ) );
		$this->assertSame( array( 'Yes', 'No' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-label' ) );
		$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__bar' ) );
		$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__choice-share' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-proposal__quorum' ) );
	}

	public function test_the_quorum_says_when_it_is_reached_and_a_rejection_says_when_it_was_missed(): void {
		$fields = $this->proposal( self::ID_A )->to_array();
		$this->set( Proposal::from_array( $fields ) );
		$this->assertSame( array( 'Quorum reached: 1.6K of 1K SVOTE' ), RenderedHtml::texts( do_blocks( self::block( self::ID_A ) ), 'sovereign-press-proposal__quorum-label' ) );

		$missed = array_merge( $fields, array( 'ref' => ProposalRef::snapshot( 'society.eth', self::ID_B )->to_array(), 'state' => 'rejected', 'quorum' => '500', 'quorum_votes' => '10' ) );
		$this->set( Proposal::from_array( $missed ) );
		$html = do_blocks( self::block( self::ID_B ) );
		$this->assertSame( array( 'Quorum: 10 of 500 SVOTE' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__quorum-label' ) );
		$this->assertSame( array( 'quorum not reached' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__why' ) );
		$this->listed['society.eth'] = array( Proposal::from_array( $missed ), Proposal::from_array( array_merge( $missed, array( 'quorum_votes' => '600' ) ) ) );
		$list                        = do_blocks( '<!-- wp:sovereign-press/proposals {"space":"society.eth"} /-->' );
		$this->assertSame( array( 'quorum not reached' ), RenderedHtml::texts( $list, 'sovereign-press-proposal__why' ), 'Rejected with the quorum reached: no reason given.' );
	}

	/**
	 * The dt => dd text of a proposal's details.
	 *
	 * @return array<string, string>
	 */
	private static function details( string $html ): array {
		$rows  = array();
		$label = '';
		foreach ( RenderedHtml::elements( $html ) as $element ) {
			if ( 'dt' === $element['tag'] ) {
				$label = $element['text'];
			} elseif ( 'dd' === $element['tag'] ) {
				$rows[ $label ] = $element['text'];
			}
		}
		return $rows;
	}

	/**
	 * The href of the first link inside the first element with this class.
	 */
	private function href_in( string $html, string $class ): string {
		$processor = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $processor->next_tag( array( 'class_name' => $class ) ), $class );
		$this->assertTrue( $processor->next_tag( 'a' ), $class );
		return (string) $processor->get_attribute( 'href' );
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
	/**
	 * Proposals over this test's source and caches, their last good copies kept for $scope (the
	 * settings of the sources they were read from).
	 */
	private function proposals_with_scope( string $scope ): Proposals {
		$source = $this->source;
		return new Proposals(
			array( ProposalRef::SNAPSHOT => static fn(): Source => $source ),
			new Cache( 'proposals_test_' . $this->suffix, Proposals::KEEP ),
			fn(): int => $this->now,
			new Cache( 'proposals_last_good_test_' . $this->suffix, Proposals::KEEP, $scope )
		);
	}

	private function fresh(): Proposals {
		foreach ( array( 'memory', 'html', 'lists' ) as $name ) {
			( new \ReflectionProperty( Proposals::class, $name ) )->setValue( $this->proposals, array() );
		}
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
