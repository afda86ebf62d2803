<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\ProposalBlocks;
use SovereignPress\Governance\Proposals;
use SovereignPress\Governance\ProposalView;
use SovereignPress\Plugin;
use SovereignPress\Tests\Support\RenderedHtml;

require_once __DIR__ . '/SnapshotTestCase.php';
require_once dirname( __DIR__, 2 ) . '/support/RenderedHtml.php';

/**
 * The DAO Proposal and DAO Proposals blocks on Snapshot proposals, through the real render path:
 * block markup → do_blocks (or the_content) → render.php → the plugin's proposals, cache and view
 * → the Snapshot source → the local stand-in hub (scripts/lib/snapshot-hub.mjs).
 *
 * Each "request" is a new set of services from the plugin's own wiring (Plugin::proposals(),
 * Plugin::proposal_blocks()), as the next page view would have: nothing in memory, the cache
 * shared.
 */
final class SnapshotBlocksTest extends SnapshotTestCase {

	private const FOUNDER_SHORT = '0xf39F…2266';

	/**
	 * What the fixtures render (tests/snapshot/fixtures.mjs): state, choices in the hub's order
	 * with the amounts the seeded votes give (voting power: wallet #0 1000, #2 10), and the total
	 * that shares are of when it is not the sum of the amounts.
	 *
	 * @var array<string, array{state:string, choices:array<string, string>, space:string, total?:int}>
	 */
	private const EXPECTED = array(
		'activeSingle'   => array(
			'state'   => 'active',
			'space'   => 'Demo Society',
			'choices' => array(
				'Adopt the rule'            => '1000',
				'Keep things as they are'   => '10',
				'Send it back to the forum' => '0',
			),
		),
		'activeBasic'    => array(
			'state'   => 'active',
			'space'   => 'Demo Society',
			'choices' => array(
				'For'     => '1000',
				'Against' => '10',
				'Abstain' => '0',
			),
		),
		'activeApproval' => array(
			'state'   => 'active',
			'space'   => 'Demo Society',
			// Each approved choice gets the voter's whole power: shares are of the voters' total.
			'total'   => 1000,
			'choices' => array(
				'Education'      => '1000',
				'Infrastructure' => '1000',
				'Events'         => '0',
				'Research'       => '0',
			),
		),
		'activeRanked'   => array(
			'state'   => 'active',
			'space'   => 'Demo Society',
			'choices' => array(
				'Town hall'         => '0',
				'Library'           => '10',
				'Harbour warehouse' => '0',
			),
		),
		'activeWeighted' => array(
			'state'   => 'active',
			'space'   => 'Demo Society',
			'choices' => array(
				'Newsletter' => '250',
				'Meetups'    => '750',
				'Podcast'    => '0',
			),
		),
		'activeQuadratic' => array(
			'state'   => 'active',
			'space'   => 'Demo Society',
			'choices' => array(
				'Open data portal'    => '5',
				'Translation fund'    => '0',
				'Accessibility audit' => '5',
			),
		),
		'pending'        => array(
			'state'   => 'pending',
			'space'   => 'Demo Society',
			'choices' => array(
				'Demo Society' => '0',
				'Open Society' => '0',
			),
		),
		'closedPassed'   => array(
			'state'   => 'passed',
			'space'   => 'Demo Society',
			'choices' => array(
				'For'     => '1000',
				'Against' => '10',
				'Abstain' => '0',
			),
		),
		'closedRejected' => array(
			'state'   => 'rejected',
			'space'   => 'Demo Society',
			'choices' => array(
				'For'     => '10',
				'Against' => '0',
				'Abstain' => '0',
			),
		),
		'closedSingle'   => array(
			'state'   => 'closed',
			'space'   => 'Demo Society',
			'choices' => array(
				'Blue'   => '10',
				'Green'  => '1000',
				'Orange' => '0',
			),
		),
		'legacy'         => array(
			'state'   => 'closed',
			'space'   => 'Demo Society',
			'choices' => array(
				'Yes' => '1000',
				'No'  => '0',
			),
		),
		'testnetActive'  => array(
			'state'   => 'active',
			'space'   => 'Demo Society (testnet)',
			'choices' => array(
				'Yes' => '10',
				'No'  => '0',
			),
		),
	);

	/** Titles, start and end offsets from the stand-in's start (fixtures.mjs), in days. */
	private const TIMES = array(
		'activeSingle'    => array( 'Adopt a spending rule for the treasury', -1, 6 ),
		'activeBasic'     => array( 'Fund the community garden', -2, 5 ),
		'activeApproval'  => array( 'Which working groups should get a budget?', -1, 4 ),
		'activeRanked'    => array( 'Rank the venues for the annual assembly', -1, 3 ),
		'activeWeighted'  => array( 'Split the outreach budget', -1, 3 ),
		'activeQuadratic' => array( 'Prioritise the public goods round', -1, 3 ),
		'activeShutter'   => array( 'Elect the treasurer (private vote)', -1, 2 ),
		'pending'         => array( 'Rename the society', 1, 8 ),
		'closedPassed'    => array( 'Adopt the code of conduct', -10, -3 ),
		'closedRejected'  => array( 'Move the assembly online', -12, -5 ),
		'closedSingle'    => array( 'Pick the colour of the membership card', -20, -13 ),
		'legacy'          => array( 'Found the society (legacy proposal)', -400, -393 ),
		'testnetActive'   => array( 'Try the testnet hub', -1, 6 ),
	);

	private ProposalBlocks $original;

	private int $now;

	protected function setUp(): void {
		parent::setUp();
		$this->original = ProposalBlocks::instance();
		$this->now      = time();
		$this->next_request();
	}

	protected function tearDown(): void {
		unset( $_SERVER['REQUEST_URI'], $_GET[ ProposalBlocks::QUERY_ARG ] );
		ProposalBlocks::provide( $this->original );
		parent::tearDown();
	}

	/**
	 * The services a new page view has: nothing in memory, the same cache; the clock at $this->now.
	 */
	private function next_request(): void {
		$clock = fn(): int => $this->now;
		ProposalBlocks::provide( Plugin::instance()->proposal_blocks( Plugin::instance()->proposals( $clock ), $clock ) );
	}

	/**
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private static function block( array $attributes, string $name = 'proposal' ): string {
		return '<!-- wp:sovereign-press/' . $name . ' ' . wp_json_encode( $attributes, JSON_UNESCAPED_SLASHES ) . ' /-->';
	}

	/**
	 * The stand-in's start (proposal times are offsets from it).
	 */
	private static function t0(): int {
		$state = wp_remote_retrieve_body( wp_remote_get( self::env( 'SP_SNAPSHOT_URL' ) . '/__control' ) );
		return (int) json_decode( $state, true )['t0'];
	}

	/**
	 * @return list<string> URLs of requests to a Snapshot hub.
	 */
	private function hub_requests(): array {
		return array_values( array_filter( $this->http_requests, static fn( string $url ): bool => str_ends_with( $url, '/graphql' ) ) );
	}

	/**
	 * The dt => dd pairs of a proposal's details.
	 *
	 * @return array<string, array{text:string, datetime:string}>
	 */
	private static function details( string $html ): array {
		$details = RenderedHtml::first( $html, 'sovereign-press-proposal__details' );
		self::assertNotNull( $details, 'the proposal has details' );
		$rows  = array();
		$label = '';
		foreach ( RenderedHtml::elements( $html ) as $element ) {
			if ( 'dt' === $element['tag'] ) {
				$label = $element['text'];
			} elseif ( 'dd' === $element['tag'] ) {
				$rows[ $label ] = array( 'text' => $element['text'], 'datetime' => '' );
			} elseif ( 'time' === $element['tag'] && isset( $rows[ $label ] ) && '' === $rows[ $label ]['datetime'] ) {
				$rows[ $label ]['datetime'] = (string) $element['attributes']['datetime'];
			}
		}
		return $rows;
	}

	public function test_every_proposal_type_renders_in_full_from_typed_input(): void {
		$t0 = self::t0();
		foreach ( self::EXPECTED as $name => $expected ) {
			$html    = do_blocks( self::proposal_block( $name ) );
			$article = RenderedHtml::first( $html, 'sovereign-press-proposal' );
			$this->assertNotNull( $article, $name . ': ' . $html );
			$this->assertSame( 'article', $article['tag'] );
			$this->assertSame( self::ref( $name )->key(), $article['attributes']['data-proposal'], $name );
			$this->assertContains( 'is-state-' . $expected['state'], explode( ' ', (string) $article['attributes']['class'] ), $name );

			$this->assertSame( array( self::TIMES[ $name ][0] ), RenderedHtml::texts( $html, 'sovereign-press-proposal__title' ), $name );
			$this->assertSame( array( $expected['space'] ), RenderedHtml::texts( $html, 'sovereign-press-proposal__space' ), $name );
			$this->assertSame( array( 'by ' . self::FOUNDER_SHORT ), RenderedHtml::texts( $html, 'sovereign-press-proposal__author' ), $name );
			$badge = RenderedHtml::first( $html, 'sovereign-press-proposal__state' );
			$this->assertSame( ucfirst( $expected['state'] ), $badge['text'], $name );
			$this->assertContains( 'is-' . $expected['state'], explode( ' ', (string) $badge['attributes']['class'] ), $name );

			// Choices in the hub's order, each with its amount, percentage and bar (before voting
			// opens, the choices only).
			$total = $expected['total'] ?? array_sum( array_map( 'floatval', $expected['choices'] ) );
			$this->assertSame( array_keys( $expected['choices'] ), RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-label' ), $name );
			if ( 'pending' === $expected['state'] ) {
				$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__bar' ), $name );
				$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__choice-amount' ), $name );
				$expected['choices'] = array();
			}
			$amounts = RenderedHtml::elements( $html, 'sovereign-press-proposal__choice-amount' );
			$this->assertSame(
				array_map( static fn( string $amount ): string => $amount . ( 'testnetActive' === $name ? ' tSVOTE' : ' SVOTE' ), array_values( $expected['choices'] ) ),
				array_map( static fn( array $element ): string => (string) $element['attributes']['title'], $amounts ),
				$name
			);
			$shares = array_map( static fn( string $amount ): float => $total > 0 ? (float) $amount / $total * 100 : 0.0, array_values( $expected['choices'] ) );
			$this->assertSame(
				array_map( static fn( float $share ): string => $share > 0 && $share < 0.05 ? '<0.1%' : number_format_i18n( $share, 1 ) . '%', $shares ),
				RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-share' ),
				$name
			);
			$bars = array_values( array_filter( RenderedHtml::elements( $html, 'sovereign-press-proposal__bar' ), static fn( array $bar ): bool => 'Quorum' !== $bar['attributes']['aria-label'] ) );
			$this->assertSame( array_keys( $expected['choices'] ), array_map( static fn( array $bar ): string => (string) $bar['attributes']['aria-label'], $bars ), $name );
			foreach ( $bars as $i => $bar ) {
				$this->assertSame( 'progress', $bar['tag'] );
				$this->assertSame( '100', $bar['attributes']['max'] );
				$this->assertEqualsWithDelta( $shares[ $i ], (float) $bar['attributes']['value'], 0.05, $name );
			}

			// Start, end (as <time datetime>) and the snapshot block.
			$details = self::details( $html );
			$this->assertSame( gmdate( 'c', $t0 + self::TIMES[ $name ][1] * DAY_IN_SECONDS ), $details['Start']['datetime'], $name );
			$this->assertSame( gmdate( 'c', $t0 + self::TIMES[ $name ][2] * DAY_IN_SECONDS ), $details['End']['datetime'], $name );
			$this->assertMatchesRegularExpression( self::TIMES[ $name ][1] > 0 ? '/\(in [^)]+\)$/' : '/\([^)]+ ago\)$/', $details['Start']['text'], $name );
			$this->assertSame( number_format_i18n( 19000000 ), $details['Snapshot block']['text'], $name );
			$this->assertSame( '19,000,000', $details['Snapshot block']['text'], $name );

			// The source: Snapshot's own https UI, the testnet one for the testnet hub.
			$link = RenderedHtml::first( $html, 'sovereign-press-proposal__link' );
			$this->assertSame(
				'testnetActive' === $name
					? 'https://testnet.snapshot.box/#/s-tn:society-testnet.eth/proposal/' . self::IDS[ $name ]
					: 'https://snapshot.box/#/s:society.eth/proposal/' . self::IDS[ $name ],
				$link['attributes']['href'],
				$name
			);
			$this->assertSame( array(), RenderedHtml::texts( $html, 'sovereign-press-proposal__updated' ), $name );
		}
	}

	public function test_quorum_progress_of_basic_proposals(): void {
		$html = do_blocks( self::proposal_block( 'closedPassed' ) . self::proposal_block( 'closedRejected' ) . self::proposal_block( 'activeSingle' ) );
		$quorums = RenderedHtml::elements( $html, 'sovereign-press-proposal__quorum' );
		$this->assertCount( 2, $quorums, 'single-choice without a quorum shows none' );
		$this->assertSame( array( 'Quorum reached: 1K of 500 SVOTE', 'Quorum: 10 of 500 SVOTE' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__quorum-label' ) );
		$this->assertSame( array( 'quorum not reached' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__why' ), 'Said next to the rejected one only.' );
		$this->assertContains( 'is-reached', explode( ' ', (string) $quorums[0]['attributes']['class'] ) );
		$this->assertNotContains( 'is-reached', explode( ' ', (string) $quorums[1]['attributes']['class'] ) );
		$bars = array_values( array_filter( RenderedHtml::elements( $html, 'sovereign-press-proposal__bar' ), static fn( array $bar ): bool => 'Quorum' === $bar['attributes']['aria-label'] ) );
		$this->assertSame( array( '100', '2' ), array_map( static fn( array $bar ): string => (string) $bar['attributes']['value'], $bars ) );
	}

	public function test_a_private_proposal_shows_its_choices_without_results(): void {
		$html = do_blocks( self::proposal_block( 'activeShutter' ) );
		$this->assertSame( array( 'Alice', 'Bob' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-label' ) );
		$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__choice-amount' ) );
		$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__bar' ) );
		$this->assertCount( 1, RenderedHtml::elements( $html, 'sovereign-press-proposal__private' ) );
	}

	public function test_every_pasted_link_form_renders_the_same_proposal(): void {
		$id    = self::IDS['activeSingle'];
		$typed = do_blocks( self::proposal_block( 'activeSingle' ) );
		$forms = array(
			'https://snapshot.box/#/s:society.eth/proposal/' . $id,
			'https://snapshot.box/#/s:society.eth/proposal/' . $id . '/votes',
			'https://snapshot.box/#/s:society.eth/proposal/' . $id . '/discussion',
			'https://snapshot.org/#/society.eth/proposal/' . $id,
			'https://v1.snapshot.box/#/society.eth/proposal/' . $id,
			'  https://snapshot.box/#/s:Society.eth/proposal/0x' . strtoupper( substr( $id, 2 ) ) . "\n",
		);
		foreach ( $forms as $url ) {
			$html = do_blocks( self::block( array( 'url' => $url ) ) );
			$this->assertSame( self::ref( 'activeSingle' )->key(), RenderedHtml::first( $html, 'sovereign-press-proposal' )['attributes']['data-proposal'] ?? null, $url );
			$this->assertSame( $typed, $html, $url );
		}

		$testnet = do_blocks( self::proposal_block( 'testnetActive' ) );
		$html    = do_blocks( self::block( array( 'url' => 'https://testnet.snapshot.box/#/s-tn:society-testnet.eth/proposal/' . self::IDS['testnetActive'] . '/votes' ) ) );
		$this->assertSame( self::ref( 'testnetActive' )->key(), RenderedHtml::first( $html, 'sovereign-press-proposal' )['attributes']['data-proposal'] );
		$this->assertSame( $testnet, $html );

		$legacy = do_blocks( self::proposal_block( 'legacy' ) );
		$this->assertSame( array( self::TIMES['legacy'][0] ), RenderedHtml::texts( $legacy, 'sovereign-press-proposal__title' ) );
		foreach ( array( 'https://snapshot.org/#/society.eth/proposal/', 'https://snapshot.box/#/s:society.eth/proposal/' ) as $prefix ) {
			$this->assertSame( $legacy, do_blocks( self::block( array( 'url' => $prefix . self::IDS['legacy'] ) ) ), $prefix );
		}
		$this->assertCount( 3, $this->hub_requests(), 'one per proposal: the blocks share what they read' );
	}

	public function test_hostile_proposal_text_renders_inert(): void {
		$html    = do_blocks( self::proposal_block( 'xss' ) );
		$article = RenderedHtml::first( $html, 'sovereign-press-proposal' );
		$this->assertNotNull( $article, $html );
		$tags = RenderedHtml::elements( $html );
		$this->assertGreaterThan( 20, count( $tags ) );
		foreach ( $tags as $tag ) {
			$this->assertNotContains( $tag['tag'], array( 'script', 'svg', 'math', 'iframe', 'object', 'embed', 'style', 'base', 'form', 'img' ), 'no active element: ' . $tag['tag'] );
			foreach ( $tag['attributes'] as $name => $value ) {
				$this->assertStringStartsNotWith( 'on', strtolower( $name ), "no event handler on <{$tag['tag']}>" );
				$this->assertNotSame( 'style', $name, "no style attribute on <{$tag['tag']}>" );
				if ( is_string( $value ) ) {
					$this->assertDoesNotMatchRegularExpression( '/(?:java|vb)script\s*:|^\s*data\s*:/i', $value, "{$name} on <{$tag['tag']}>" );
				}
			}
			if ( 'a' === $tag['tag'] && isset( $tag['attributes']['href'] ) ) {
				// The source's page (https), or this site (the vote area's log-in link).
				$href = (string) $tag['attributes']['href'];
				$this->assertTrue( 1 === preg_match( '#^(?:https://|\#)#', $href ) || str_starts_with( $href, home_url( '/' ) ), $href );
			}
		}
		// What was markup in the hub's text is text on the page.
		$this->assertSame( array( 'XSS <script>alert("title")</script> payloads' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__title' ) );
		$this->assertSame( array( 'Mischief <b>Lab</b>' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__space' ) );
		$this->assertSame( array( 'Yes <img src=x onerror=alert(1)>', 'No' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-label' ) );
		$body = RenderedHtml::texts( $html, 'sovereign-press-proposal__body' )[0] ?? '';
		$this->assertStringContainsString( 'Harmless title', $body );
		$this->assertStringContainsString( "<script>alert('entities')</script> & \"quoted\"", $body, 'entities stay text' );
		$this->assertStringContainsString( 'click me', $body );
	}

	public function test_lists_a_spaces_proposals_by_state(): void {
		$names = array(
			'all'     => array_keys( array_diff_key( self::TIMES, array( 'testnetActive' => true ) ) ),
			'active'  => array( 'activeSingle', 'activeBasic', 'activeApproval', 'activeRanked', 'activeWeighted', 'activeQuadratic', 'activeShutter' ),
			'pending' => array( 'pending' ),
			'closed'  => array( 'closedPassed', 'closedRejected', 'closedSingle', 'legacy' ),
		);
		$states = array(
			'active'  => array( 'active' ),
			'pending' => array( 'pending' ),
			'closed'  => array( 'closed', 'passed', 'rejected' ),
			'all'     => array( 'active', 'pending', 'closed', 'passed', 'rejected' ),
		);
		$_SERVER['REQUEST_URI'] = '/governance/';
		foreach ( $names as $state => $expected ) {
			$html  = do_blocks( self::block( array( 'space' => 'society.eth', 'state' => $state, 'count' => 20 ), 'proposals' ) );
			$items = RenderedHtml::elements( $html, 'sovereign-press-proposals__item' );
			$this->assertCount( count( $expected ), $items, $state . ': ' . $html );
			foreach ( $items as $item ) {
				$classes = explode( ' ', (string) $item['attributes']['class'] );
				$this->assertNotEmpty( array_intersect( array_map( static fn( string $s ): string => 'is-state-' . $s, $states[ $state ] ), $classes ), $state );
			}
			$links = array_map(
				static fn( array $a ): string => (string) $a['attributes']['href'],
				array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'a' === $e['tag'] ) )
			);
			$want = array_map( static fn( string $name ): string => '/governance/?sp_proposal=' . ProposalView::handle( self::ref( $name ) ) . '#sovereign-press-proposals-' . ProposalView::handle( self::ref( $name ) ), $expected );
			sort( $links );
			sort( $want );
			$this->assertSame( $want, $links, $state );
			$titles = RenderedHtml::texts( $html, 'sovereign-press-proposals__title' );
			foreach ( $expected as $name ) {
				$this->assertContains( self::TIMES[ $name ][0], $titles, $state );
			}
		}

		$two = do_blocks( self::block( array( 'space' => 'society.eth', 'count' => 2 ), 'proposals' ) );
		$this->assertCount( 2, RenderedHtml::elements( $two, 'sovereign-press-proposals__item' ) );
	}

	public function test_a_listed_proposal_opens_on_the_page_read_with_the_pages_other_proposals(): void {
		$handle                            = ProposalView::handle( self::ref( 'closedPassed' ) );
		$_GET[ ProposalBlocks::QUERY_ARG ] = $handle;
		$_SERVER['REQUEST_URI']            = '/governance/?sp_proposal=' . $handle;
		$content                           = self::proposal_block( 'activeSingle' ) . "\n" . self::block( array( 'space' => 'society.eth', 'count' => 20 ), 'proposals' ) . "\n" . self::block( array( 'space' => 'society-testnet.eth', 'testnet' => true ), 'proposals' );
		$html                              = apply_filters( 'the_content', $content );
		$articles                          = array_values( array_filter( RenderedHtml::elements( $html, 'sovereign-press-proposal' ), static fn( array $e ): bool => 'article' === $e['tag'] ) );
		$this->assertSame( array( self::ref( 'activeSingle' )->key(), self::ref( 'closedPassed' )->key() ), array_map( static fn( array $e ): string => (string) $e['attributes']['data-proposal'], $articles ) );
		$this->assertCount( 1, RenderedHtml::elements( $html, 'sovereign-press-proposals__item' ), 'The testnet list, which does not hold it, stays a list.' );
		$this->assertSame( array( 'Back to the list' ), RenderedHtml::texts( $html, 'sovereign-press-proposals__back' ) );
		$this->assertSame( array( self::TIMES['closedPassed'][0] ), array_slice( RenderedHtml::texts( $html, 'sovereign-press-proposal__title' ), 1 ) );
		$this->assertSame( 'https://snapshot.box/#/s:society.eth/proposal/' . self::IDS['closedPassed'], RenderedHtml::elements( $html, 'sovereign-press-proposal__link' )[1]['attributes']['href'] ?? null, 'The source link is in the opened proposal\'s footer.' );
		$this->assertCount( 3, $this->hub_requests(), 'Cold: the two lists, then one request for both proposals.' );

		$this->next_request();
		$this->http_requests = array();
		$this->assertSame( $html, apply_filters( 'the_content', $content ) );
		$this->assertSame( array(), $this->http_requests, 'warm: no request' );
	}

	public function test_a_page_with_three_proposals_asks_the_hub_once_then_not_at_all(): void {
		$content = self::proposal_block( 'activeSingle' ) . "\n" . self::proposal_block( 'closedPassed' ) . "\n<!-- wp:group -->\n<div class=\"wp-block-group\">" . self::proposal_block( 'pending' ) . "</div>\n<!-- /wp:group -->";
		$cold    = apply_filters( 'the_content', $content );
		$this->assertCount( 3, RenderedHtml::elements( $cold, 'sovereign-press-proposal' ) );
		$this->assertSame( array( self::env( 'SP_SNAPSHOT_URL' ) . '/graphql' ), $this->http_requests, 'cold: one request, to the hub' );

		$this->next_request();
		$this->http_requests = array();
		$warm                = apply_filters( 'the_content', $content );
		$this->assertSame( array(), $this->http_requests, 'warm: no request' );
		$this->assertSame( $cold, $warm );
	}

	/**
	 * @return array<string, array{0:array<string, mixed>, 1:string, 2:string}>
	 */
	public static function failures(): array {
		return array(
			'hub down'       => array( array( 'mode' => 'down' ), 'unreachable', 'The Snapshot hub could not be reached.' ),
			'hub slow'       => array( array( 'mode' => 'slow', 'delayMs' => 3000 ), 'unreachable', 'The Snapshot hub did not answer within 0.5 seconds.' ),
			'malformed JSON' => array( array( 'mode' => 'malformed' ), 'malformed', 'The Snapshot hub sent an answer that is not GraphQL JSON.' ),
		);
	}

	/**
	 * @dataProvider failures
	 *
	 * @param array<string, mixed> $mode        Stand-in fault.
	 * @param string               $reason_code SourceError reason.
	 * @param string               $message     What editors read.
	 */
	public function test_a_failing_hub_shows_a_placeholder_without_a_copy( array $mode, string $reason_code, string $message ): void {
		self::configure( array(), array( 'budgetMs' => 500 ) );
		self::control( $mode );
		$started = microtime( true );
		$html    = do_blocks( self::proposal_block( 'activeSingle' ) );
		$this->assertLessThan( 1.5, microtime( true ) - $started );
		$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal' ) );
		$placeholder = RenderedHtml::first( $html, 'sovereign-press-proposal__placeholder' );
		$this->assertNotNull( $placeholder, $html );
		$this->assertContains( 'is-reason-' . $reason_code, explode( ' ', (string) $placeholder['attributes']['class'] ) );
		$this->assertSame( 'status', $placeholder['attributes']['role'] );
		$this->assertSame( 'This proposal could not be loaded right now.', $placeholder['text'], 'visitors read no details' );

		// Editors read why (the failure is remembered for RETRY_TTL: no second wait).
		$this->log_in_as( 'editor' );
		$this->next_request();
		$this->http_requests = array();
		$reason              = RenderedHtml::texts( do_blocks( self::proposal_block( 'activeSingle' ) ), 'sovereign-press-proposal__reason' );
		$this->assertSame( array(), $this->hub_requests() );
		$this->assertSame( array( $message ), $reason );
	}

	/**
	 * @dataProvider failures
	 *
	 * @param array<string, mixed> $mode Stand-in fault.
	 */
	public function test_a_failing_hub_shows_the_last_good_copy_with_when_it_was_read( array $mode ): void {
		self::configure( array(), array( 'budgetMs' => 500 ) );
		$fresh = do_blocks( self::proposal_block( 'activeSingle' ) );
		$this->assertSame( array(), RenderedHtml::elements( $fresh, 'sovereign-press-proposal__updated' ) );

		self::control( $mode );
		$this->now += Proposals::LIVE_TTL + Proposals::RETRY_TTL + 60;
		$this->next_request();
		$this->http_requests = array();
		$html                = do_blocks( self::proposal_block( 'activeSingle' ) );
		$this->assertCount( 1, $this->hub_requests(), 'it tried the hub' );
		$this->assertSame( array( self::TIMES['activeSingle'][0] ), RenderedHtml::texts( $html, 'sovereign-press-proposal__title' ) );
		$this->assertSame( array( 'Adopt the rule', 'Keep things as they are', 'Send it back to the forum' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__choice-label' ) );
		$updated = RenderedHtml::first( $html, 'sovereign-press-proposal__updated' );
		$this->assertNotNull( $updated, $html );
		$this->assertStringStartsWith( 'The source cannot be reached right now. Last updated ', $updated['text'] );
		$this->assertStringContainsString( 'ago', $updated['text'] );

		// The next page within RETRY_TTL does not wait for the hub again.
		$this->next_request();
		$this->http_requests = array();
		$again               = do_blocks( self::proposal_block( 'activeSingle' ) );
		$this->assertSame( array(), $this->hub_requests() );
		$this->assertNotNull( RenderedHtml::first( $again, 'sovereign-press-proposal__updated' ) );
	}

	public function test_an_unknown_proposal_is_not_found_and_editors_read_why(): void {
		$unknown = self::block( array( 'space' => 'society.eth', 'proposalId' => '0x' . str_repeat( '0', 64 ) ) );
		$html    = do_blocks( $unknown );
		$placeholder = RenderedHtml::first( $html, 'sovereign-press-proposal__placeholder' );
		$this->assertNotNull( $placeholder, $html );
		$this->assertContains( 'is-reason-not_found', explode( ' ', (string) $placeholder['attributes']['class'] ) );
		$this->assertSame( 'This proposal could not be found.', $placeholder['text'] );
		$this->assertSame( array(), RenderedHtml::elements( $html, 'sovereign-press-proposal__reason' ) );

		$this->log_in_as( 'editor' );
		$this->next_request();
		$html = do_blocks( $unknown );
		$this->assertSame( array( 'Snapshot has no proposal with this id.' ), RenderedHtml::texts( $html, 'sovereign-press-proposal__reason' ) );

		// A link that is not a proposal: editors read what is wrong with it.
		$html = do_blocks( self::block( array( 'url' => 'https://snapshot.box/#/s:society.eth' ) ) );
		$this->assertContains( 'is-reason-invalid', explode( ' ', (string) RenderedHtml::first( $html, 'sovereign-press-proposal__placeholder' )['attributes']['class'] ) );
		$this->assertCount( 1, RenderedHtml::texts( $html, 'sovereign-press-proposal__reason' ) );
	}
}
