<?php
/**
 * DAO Proposal and DAO Proposals blocks showing Governor proposals from the local chain, through
 * the real render path (do_blocks, the_content with its prefetch) and the real GovernorSource,
 * Proposals cache and ENS lookup: every state, Bravo, a filtered list, one aggregate3 per page,
 * and the RPC down with and without a last good copy.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Crypto\Address;
use SovereignPress\Governance\Governor\GovernorSource;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalBlocks;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Proposals;
use SovereignPress\Governance\ProposalView;
use SovereignPress\Plugin;
use SovereignPress\Settings\Settings;
use SovereignPress\Storage\Cache;
use SovereignPress\Tests\Integration\TestCase;
use SovereignPress\Tests\Support\GovernorChain;
use SovereignPress\Tests\Support\RenderedHtml;

require_once dirname( __DIR__, 2 ) . '/support/GovernorChain.php';
require_once dirname( __DIR__, 2 ) . '/support/RenderedHtml.php';

final class GovernorBlocksTest extends TestCase {

	use GovernorChain;

	private const EXPLORER = 'https://explorer.example.org';

	private int $now;

	/** Cache names: a new request keeps them, a cold one changes them. */
	private string $governor_cache;

	private string $proposals_cache;

	private Proposals $proposals;

	private ProposalBlocks $original;

	protected function setUp(): void {
		parent::setUp();
		$this->original        = ProposalBlocks::instance();
		$this->now             = time();
		$this->governor_cache  = 'governor_test_' . wp_generate_password( 8, false );
		$this->proposals_cache = 'proposals_test_' . wp_generate_password( 8, false );
	}

	protected function tearDown(): void {
		unset( $_SERVER['REQUEST_URI'] );
		ProposalBlocks::provide( $this->original );
		parent::tearDown();
	}

	/**
	 * A new page request: the objects Plugin::wire_governance builds (nothing in memory), over the
	 * same caches, at the test's clock.
	 */
	private function request(): void {
		$clock           = fn(): int => $this->now;
		$governor        = new GovernorSource( Plugin::instance()->networks(), new Cache( $this->governor_cache, GovernorSource::CACHE_TTL ), GovernorSource::LOOK_BACK, GovernorSource::LOG_CHUNK, GovernorSource::TIMEOUT, $clock );
		$proposals       = new Proposals( array( ProposalRef::GOVERNOR => static fn(): GovernorSource => $governor ), new Cache( $this->proposals_cache, Proposals::KEEP ), $clock );
		$this->proposals = $proposals;
		ProposalBlocks::provide( Plugin::instance()->proposal_blocks( $proposals, $clock ) );
	}

	/** A request after the live cache entries expired. */
	private function later(): void {
		$this->now += Proposals::LIVE_TTL + 1;
		$this->request();
	}

	/**
	 * The local chain as the one network, with an explorer or not, and ENS names read from it.
	 */
	private static function configure( string $explorer = '', bool $ens = false, string $rpc_url = '' ): void {
		update_option(
			Settings::OPTION,
			array(
				'networks'    => array( array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => '' !== $rpc_url ? $rpc_url : self::env( 'SP_RPC_URL' ), 'explorerUrl' => $explorer ) ),
				'walletLogin' => array( 'ensChainId' => $ens ? 31337 : 0 ) + WalletLoginSettings::DEFAULTS,
			)
		);
	}

	/**
	 * @param array<string, mixed> $proposal As governance.mjs returned it.
	 */
	private static function block( array $proposal ): string {
		return '<!-- wp:sovereign-press/proposal ' . wp_json_encode( array( 'source' => 'governor', 'chainId' => 31337, 'governor' => $proposal['governor'], 'proposalId' => $proposal['id'] ) ) . ' /-->';
	}

	/**
	 * @param array<string, mixed> $proposal As governance.mjs returned it.
	 */
	private static function ref( array $proposal ): ProposalRef {
		return ProposalRef::governor( 31337, $proposal['governor'], $proposal['id'] );
	}

	/** A proposal that changes nothing when executed. */
	private static function propose( string $governor, int $from, string $description ): array {
		return array( 'op' => 'propose', 'governor' => $governor, 'from' => $from, 'actions' => array( array( 'target' => self::wallet( 0 ), 'data' => '0x' ) ), 'description' => $description );
	}

	/**
	 * The text inside each element carrying a class, in document order.
	 *
	 * @return list<string>
	 */
	private static function texts( string $html, string $class ): array {
		$texts     = array();
		$processor = \WP_HTML_Processor::create_fragment( $html );
		self::assertNotNull( $processor );
		while ( $processor->next_token() ) {
			if ( '#tag' !== $processor->get_token_type() || $processor->is_tag_closer() || ! $processor->has_class( $class ) ) {
				continue;
			}
			$depth = $processor->get_current_depth();
			$text  = '';
			while ( $processor->next_token() && $processor->get_current_depth() >= $depth ) {
				if ( $processor->get_current_depth() === $depth && $processor->is_tag_closer() ) {
					break;
				}
				if ( '#text' === $processor->get_token_type() ) {
					$text .= $processor->get_modifiable_text();
				}
			}
			$texts[] = trim( (string) preg_replace( '/\s+/u', ' ', $text ) );
		}
		return $texts;
	}

	/**
	 * An attribute of each element carrying a class (or of each tag of a name), in document order.
	 *
	 * @param array<string, string> $query next_tag() query.
	 * @return list<string|true|null>
	 */
	private static function attributes( string $html, array $query, string $name ): array {
		$values    = array();
		$processor = new \WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( $query ) ) {
			$values[] = $processor->get_attribute( $name );
		}
		return $values;
	}

	/**
	 * The labels (dt) of the details rows, in document order.
	 *
	 * @return list<string>
	 */
	private static function labels( string $html ): array {
		return array_column( array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'dt' === $e['tag'] ) ), 'text' );
	}

	/**
	 * The text of the details rows with this label, in document order.
	 *
	 * @return list<string>
	 */
	private static function details( string $html, string $label ): array {
		$texts = array();
		$at    = '';
		foreach ( RenderedHtml::elements( $html ) as $element ) {
			if ( 'dt' === $element['tag'] ) {
				$at = $element['text'];
			} elseif ( 'dd' === $element['tag'] && $at === $label ) {
				$texts[] = $element['text'];
			}
		}
		return $texts;
	}

	/**
	 * The rendered proposals: one entry per article, its state badge's class and text.
	 *
	 * @return list<string>
	 */
	private static function states( string $html ): array {
		$classes = self::attributes( $html, array( 'class_name' => 'sovereign-press-proposal__state' ), 'class' );
		$words   = self::texts( $html, 'sovereign-press-proposal__state' );
		return array_map( static fn( $class, string $word ): string => substr( (string) $class, strlen( 'sovereign-press-proposal__state is-' ) ) . ':' . $word, $classes, $words );
	}

	public function test_a_page_shows_an_openzeppelin_proposal_in_every_state(): void {
		self::configure( self::EXPLORER, true );
		$governor              = self::deployment()['contracts']['governor'];
		[ $passing, $failing ] = self::chain(
			array(
				self::propose( $governor, 1, "# Fund the reading room\n\nBuy **chairs**." ),
				self::propose( $governor, 2, 'Close the reading room' ),
			)
		);
		$page = self::block( $passing ) . self::block( $failing );
		$this->request();

		$html = do_blocks( $page );
		$this->assertSame( array( 'pending:Pending', 'pending:Pending' ), self::states( $html ) );
		$this->assertSame( array( 'Fund the reading room', 'Close the reading room' ), self::texts( $html, 'sovereign-press-proposal__title' ) );
		$this->assertSame( array( 'by citizen.society.eth', 'by ' . Address::short( self::wallet( 2 ) ) ), self::texts( $html, 'sovereign-press-proposal__author' ), 'The citizen by ENS name, the other by short address.' );
		$this->assertSame( array( self::wallet( 1 ), self::wallet( 2 ) ), array_values( preg_grep( '/^0x/', array_filter( self::attributes( $html, array( 'tag_name' => 'span' ), 'title' ), 'is_string' ) ) ), 'The full address is in the title.' );
		$pending = $this->proposals->get( self::ref( $passing ) );
		$this->assertInstanceOf( Proposal::class, $pending );
		$this->assertSame( array( gmdate( 'c', (int) $pending->start ), gmdate( 'c', (int) $pending->end ) ), array_slice( self::attributes( $html, array( 'tag_name' => 'time' ), 'datetime' ), 0, 2 ), 'Start and end of the first proposal.' );
		$this->assertSame( array( 'estimated', 'estimated' ), array_slice( self::attributes( $html, array( 'tag_name' => 'abbr' ), 'title' ), 0, 2 ), 'Future blocks: start and end estimated.' );
		$this->assertSame( array( number_format_i18n( (float) $pending->snapshot ) ), array_slice( self::details( $html, 'Snapshot block' ), 0, 1 ), 'The snapshot block, formatted.' );
		$this->assertSame( array_fill( 0, 2, self::EXPLORER . '/address/' . $governor ), self::attributes( $html, array( 'class_name' => 'sovereign-press-proposal__link' ), 'href' ) );
		$this->assertCount( 1, self::attributes( $html, array( 'tag_name' => 'strong' ), 'class' ), 'The body is Markdown.' );

		self::chain(
			array(
				array( 'op' => 'mine', 'blocks' => 2 ),
				array( 'op' => 'vote', 'proposal' => $passing, 'from' => 0, 'support' => 'for' ),
				array( 'op' => 'vote', 'proposal' => $passing, 'from' => 1, 'support' => 'against' ),
				array( 'op' => 'vote', 'proposal' => $passing, 'from' => 2, 'support' => 'abstain' ),
				array( 'op' => 'vote', 'proposal' => $failing, 'from' => 0, 'support' => 'against' ),
				array( 'op' => 'vote', 'proposal' => $failing, 'from' => 1, 'support' => 'for' ),
			)
		);
		$this->later();
		$html = do_blocks( self::block( $passing ) );
		$this->assertSame( array( 'active:Active' ), self::states( $html ) );
		$this->assertSame( array( false, true ), array_map( static fn( string $text ): bool => str_starts_with( $text, '~' ), array_merge( self::details( $html, 'Start' ), self::details( $html, 'End' ) ) ), 'Voting opened at a mined block: only the end is estimated.' );
		$this->assertSame( array( 'For', 'Against', 'Abstain' ), self::texts( $html, 'sovereign-press-proposal__choice-label' ), 'OpenZeppelin order (against, for, abstain) shown as For, Against, Abstain.' );
		$amounts = self::texts( $html, 'sovereign-press-proposal__choice-amount' );
		$this->assertSame( array( '1K SVOTE', '100 SVOTE' ), array_slice( $amounts, 0, 2 ) );
		$this->assertMatchesRegularExpression( '/^[1-9][0-9]* SVOTE$/', $amounts[2], 'The contributor abstained with their power.' );
		$this->assertSame( self::attributes( $html, array( 'class_name' => 'sovereign-press-proposal__choice-amount' ), 'title' ), array_map( static fn( $c ): string => $c->amount . ' SVOTE', $this->proposals->get( self::ref( $passing ) )->choices ), 'The exact amounts in the title.' );
		$shares = self::texts( $html, 'sovereign-press-proposal__choice-share' );
		$this->assertCount( 3, $shares );
		$this->assertMatchesRegularExpression( '/^9[0-9]\.[0-9]%$/', $shares[0], 'For holds about 90%.' );
		$bars = array_map( 'floatval', self::attributes( $html, array( 'tag_name' => 'progress' ), 'value' ) );
		$this->assertCount( 4, $bars, 'three choices and the quorum' );
		$this->assertEqualsWithDelta( 100.0, $bars[0] + $bars[1] + $bars[2], 0.2 );
		$this->assertGreaterThan( $bars[1], $bars[0] );
		$this->assertGreaterThan( $bars[2], $bars[1] );
		$this->assertSame( 100.0, $bars[3], 'The quorum is reached.' );
		$this->assertSame( array( 'Quorum reached: 1K of 244 SVOTE' ), array_map( static fn( string $t ): string => substr( $t, 0, strlen( 'Quorum reached: 1K of 244 SVOTE' ) ), self::texts( $html, 'sovereign-press-proposal__quorum-label' ) ) );
		$this->assertSame( array( 'sovereign-press-proposal__quorum is-reached' ), self::attributes( $html, array( 'tag_name' => 'p', 'class_name' => 'sovereign-press-proposal__quorum' ), 'class' ) );

		self::chain( array( array( 'op' => 'mine', 'blocks' => 51 ) ) );
		$this->later();
		$html = do_blocks( $page );
		$this->assertSame( array( 'succeeded:Succeeded', 'defeated:Defeated' ), self::states( $html ) );
		$this->assertStringNotContainsString( 'title="estimated"', $html, 'Past blocks: real times.' );
		$ended = $this->proposals->get( self::ref( $failing ) );
		$this->assertSame( gmdate( 'c', (int) $ended->end ), self::attributes( $html, array( 'tag_name' => 'time' ), 'datetime' )[3] );

		self::chain( array( array( 'op' => 'queue', 'proposal' => $passing ) ) );
		$this->later();
		$this->assertSame( array( 'queued:Queued' ), self::states( do_blocks( self::block( $passing ) ) ) );

		self::chain(
			array(
				array( 'op' => 'advanceTime', 'seconds' => 61 ),
				array( 'op' => 'execute', 'proposal' => $passing ),
			)
		);
		$this->later();
		$html = do_blocks( self::block( $passing ) );
		$this->assertSame( array( 'executed:Executed' ), self::states( $html ) );
		$this->assertSame( array( '1K SVOTE', '100 SVOTE' ), array_slice( self::texts( $html, 'sovereign-press-proposal__choice-amount' ), 0, 2 ), 'The final tally stays.' );
	}

	public function test_a_timestamp_clock_proposal_shows_dates_without_estimates_or_a_snapshot_block(): void {
		self::configure();
		$governor     = self::deployment()['contracts']['clockGovernor'];
		[ $proposal ] = self::chain( array( self::propose( $governor, 0, '# Shown on the clock' ) ) );
		$this->request();
		$html = do_blocks( self::block( $proposal ) );
		$this->assertSame( array( 'pending:Pending' ), self::states( $html ) );
		$this->assertSame( array(), self::attributes( $html, array( 'tag_name' => 'abbr' ), 'title' ), 'Timepoints are times: nothing estimated.' );
		$this->assertSame( array( 'Start', 'End' ), self::labels( $html ), 'No snapshot block row: the snapshot is the start time, shown already.' );
	}

	public function test_a_governor_bravo_proposal_renders_in_bravo_order_with_its_quorum(): void {
		self::configure();
		$bravo        = self::deployment()['contracts']['bravo'];
		[ $proposal ] = self::chain(
			array(
				self::propose( $bravo, 1, "# Bravo budget\nAdopt the budget." ),
				array( 'op' => 'mine', 'blocks' => 2 ),
			)
		);
		self::chain(
			array(
				array( 'op' => 'vote', 'proposal' => $proposal, 'from' => 0, 'support' => 'for' ),
				array( 'op' => 'vote', 'proposal' => $proposal, 'from' => 1, 'support' => 'against' ),
			)
		);
		$this->request();
		$html = do_blocks( self::block( $proposal ) );
		$this->assertSame( array( 'active:Active' ), self::states( $html ) );
		$this->assertSame( array( 'Bravo budget' ), self::texts( $html, 'sovereign-press-proposal__title' ) );
		$this->assertSame( array( 'Society Governor Bravo' ), self::texts( $html, 'sovereign-press-proposal__space' ) );
		$this->assertSame( array( 'by ' . Address::short( self::wallet( 1 ) ) ), self::texts( $html, 'sovereign-press-proposal__author' ), 'No ENS network: the short address.' );
		$this->assertSame( array( 'For', 'Against', 'Abstain' ), self::texts( $html, 'sovereign-press-proposal__choice-label' ) );
		$this->assertSame( array( '1K SVOTE', '100 SVOTE', '0 SVOTE' ), self::texts( $html, 'sovereign-press-proposal__choice-amount' ), 'Bravo answers for, against, abstain.' );
		$this->assertSame( array( 'Quorum reached: 1K of 100 SVOTE' ), self::texts( $html, 'sovereign-press-proposal__quorum-label' ), 'Bravo: quorumVotes, and only For counts.' );
		$this->assertSame( array(), self::attributes( $html, array( 'class_name' => 'sovereign-press-proposal__link' ), 'href' ), 'No explorer set: no link.' );
	}

	public function test_a_list_of_the_governors_proposals_filtered_by_state(): void {
		self::configure( self::EXPLORER );
		$governor = self::deployment()['contracts']['governor'];
		self::chain(
			array(
				self::propose( $governor, 0, '# Listed and open' ),
				array( 'op' => 'mine', 'blocks' => 2 ),
			)
		);
		$_SERVER['REQUEST_URI'] = '/governance/';
		$list                   = static fn( string $state ): string => '<!-- wp:sovereign-press/proposals ' . wp_json_encode( array( 'source' => 'governor', 'chainId' => 31337, 'governor' => $governor, 'state' => $state, 'count' => 20 ) ) . ' /-->';
		$this->request();

		$active = do_blocks( $list( 'active' ) );
		$this->assertContains( 'Listed and open', self::texts( $active, 'sovereign-press-proposals__title' ) );
		$items = self::attributes( $active, array( 'tag_name' => 'li' ), 'class' );
		$this->assertNotEmpty( $items );
		$this->assertSame( array_fill( 0, count( $items ), 'sovereign-press-proposals__item is-state-active' ), $items );
		$listed = $this->proposals->list( new \SovereignPress\Governance\Listing( ProposalRef::governor( 31337, $governor, '' ), 20, 'active' ) );
		$this->assertIsArray( $listed );
		$this->assertSame(
			array_map( static fn( Proposal $p ): string => '/governance/?sp_proposal=' . ProposalView::handle( $p->ref ) . '#sovereign-press-proposals-' . ProposalView::handle( $p->ref ), $listed ),
			self::attributes( $active, array( 'tag_name' => 'a' ), 'href' ),
			'Each item opens on this page, not at the explorer.'
		);

		// Opened: the proposal in full, with its vote area's place and the explorer link in its footer.
		$open                              = $listed[0];
		$_GET[ ProposalBlocks::QUERY_ARG ] = ProposalView::handle( $open->ref );
		try {
			$opened = do_blocks( $list( 'active' ) );
		} finally {
			unset( $_GET[ ProposalBlocks::QUERY_ARG ] );
		}
		$this->assertSame( array( $open->ref->key() ), self::attributes( $opened, array( 'tag_name' => 'article' ), 'data-proposal' ) );
		$this->assertSame( array( 'Back to the list' ), self::texts( $opened, 'sovereign-press-proposals__back' ) );
		$this->assertSame( array( self::EXPLORER . '/address/' . $governor ), self::attributes( $opened, array( 'class_name' => 'sovereign-press-proposal__link' ), 'href' ) );
		$this->assertSame( array(), self::texts( $opened, 'sovereign-press-proposals__title' ) );

		$closed = do_blocks( $list( 'closed' ) );
		$this->assertNotContains( 'Listed and open', self::texts( $closed, 'sovereign-press-proposals__title' ) );
		foreach ( self::attributes( $closed, array( 'tag_name' => 'li' ), 'class' ) as $class ) {
			$this->assertDoesNotMatchRegularExpression( '/is-state-(pending|active)\b/', (string) $class );
		}
	}

	public function test_a_page_with_three_proposals_reads_the_chain_in_one_aggregate3_once_descriptions_are_cached(): void {
		self::configure();
		$governor  = self::deployment()['contracts']['governor'];
		$proposals = self::chain(
			array(
				self::propose( $governor, 0, '# First of three' ),
				self::propose( $governor, 0, '# Second of three' ),
				self::propose( $governor, 0, '# Third of three' ),
				array( 'op' => 'mine', 'blocks' => 2 ),
			)
		);
		$content  = self::block( $proposals[0] ) . '<!-- wp:group --><div class="wp-block-group">' . self::block( $proposals[1] ) . self::block( $proposals[2] ) . '</div><!-- /wp:group -->';
		$rpc      = self::env( 'SP_RPC_URL' );
		$requests = array();
		$count    = static function ( mixed $pre, array $args, string $url ) use ( $rpc, &$requests ): mixed {
			if ( $url === $rpc ) {
				$body       = json_decode( (string) $args['body'], true );
				// The network's chain id check travels with the first request; the calls are what counts.
				$requests[] = array_values( array_diff( array_is_list( $body ) ? array_column( $body, 'method' ) : array( $body['method'] ), array( 'eth_chainId' ) ) );
			}
			return $pre;
		};
		add_filter( 'pre_http_request', $count, 10, 3 );
		try {
			$this->request();
			$cold = apply_filters( 'the_content', $content );
			$this->assertSame( array( 'First of three', 'Second of three', 'Third of three' ), self::texts( $cold, 'sovereign-press-proposal__title' ) );
			$this->assertSame( array( 'eth_call' ), $requests[0], 'The aggregate3 first.' );
			$this->assertCount( 2, $requests, 'Cold: the aggregate3, then one batch (token, quorums, logs, block times).' );

			// Another page request once the proposals are due again: descriptions and metadata
			// come from the cache, the chain answers one aggregate3.
			$requests = array();
			$this->later();
			$warm = apply_filters( 'the_content', $content );
			$this->assertSame( array( array( 'eth_call' ) ), $requests, 'One aggregate3 for the three.' );
			$this->assertSame( array( 'active:Active', 'active:Active', 'active:Active' ), self::states( $warm ) );

			// Within the freshness window: no request at all.
			$requests = array();
			$this->request();
			apply_filters( 'the_content', $content );
			$this->assertSame( array(), $requests );
		} finally {
			remove_filter( 'pre_http_request', $count, 10 );
		}
	}

	public function test_rpc_down_shows_a_placeholder_without_a_copy_and_the_last_good_copy_with_one(): void {
		$governor     = self::deployment()['contracts']['governor'];
		[ $proposal ] = self::chain( array( self::propose( $governor, 0, '# Read while the node was up' ) ) );
		$dead         = 'http://127.0.0.1:1';

		self::configure( '', false, $dead );
		$this->request();
		$html = do_blocks( self::block( $proposal ) );
		$this->assertSame( array( 'sovereign-press-proposal__placeholder is-reason-unreachable' ), self::attributes( $html, array( 'tag_name' => 'div', 'class_name' => 'sovereign-press-proposal__placeholder' ), 'class' ) );
		$this->assertSame( array( 'This proposal could not be loaded right now.' ), self::texts( $html, 'sovereign-press-proposal__placeholder' ) );

		$this->proposals_cache .= '_copy';
		self::configure();
		$this->request();
		$this->assertSame( array( 'Read while the node was up' ), self::texts( do_blocks( self::block( $proposal ) ), 'sovereign-press-proposal__title' ) );
		$fetched = $this->now;

		// The entry is expired (a change was announced), then the node stops answering (changing
		// the settings instead would start a new cache generation), and the page comes back after
		// the freshness window and the retry pause.
		$this->proposals->expire( self::ref( $proposal ) );
		$rpc  = self::env( 'SP_RPC_URL' );
		$down = static fn( mixed $pre, array $args, string $url ): mixed => $url === $rpc ? new \WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect to 127.0.0.1: Connection refused' ) : $pre;
		add_filter( 'pre_http_request', $down, 10, 3 );
		$this->now += Proposals::LIVE_TTL + Proposals::RETRY_TTL + 1;
		$this->request();
		try {
			$html = do_blocks( self::block( $proposal ) );
		} finally {
			remove_filter( 'pre_http_request', $down, 10 );
		}
		$this->assertSame( array( 'Read while the node was up' ), self::texts( $html, 'sovereign-press-proposal__title' ) );
		$this->assertSame( array(), self::texts( $html, 'sovereign-press-proposal__placeholder' ) );
		$updated = self::texts( $html, 'sovereign-press-proposal__updated' );
		$this->assertCount( 1, $updated );
		$this->assertStringContainsString( 'Last updated', $updated[0] );
		$this->assertContains( gmdate( 'c', $fetched ), self::attributes( $html, array( 'tag_name' => 'time' ), 'datetime' ) );
	}
}
