<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Plugin;

require_once __DIR__ . '/SnapshotTestCase.php';

/**
 * POST /sovereign-press/v1/snapshot-votes against the local stand-in's sequencer, which checks
 * what Snapshot's does (envelope, timestamp, domain, types hash, signature, window, choice, power):
 * votes signed by snapshot.js with the demo wallets.
 */
final class SnapshotVotesRestTest extends SnapshotTestCase {

	private const ROUTE = '/sovereign-press/v1/snapshot-votes';

	/** @var list<ProposalRef> */
	private array $changed = array();

	private \Closure $on_change;

	protected function setUp(): void {
		parent::setUp();
		$this->changed   = array();
		$this->on_change = function ( ProposalRef $ref ): void {
			$this->changed[] = $ref;
		};
		add_action( 'sovereign_press_proposal_changed', $this->on_change );
	}

	protected function tearDown(): void {
		remove_action( 'sovereign_press_proposal_changed', $this->on_change );
		parent::tearDown();
	}

	/**
	 * Logs in the subscriber with demo wallets linked.
	 *
	 * @param list<int> $wallets Demo wallet indexes.
	 */
	private function member_with( array $wallets ): void {
		$this->log_in_as( 'subscriber' );
		foreach ( $wallets as $index ) {
			Plugin::instance()->wallets()->link( get_current_user_id(), self::WALLETS[ $index ], 31337 );
		}
	}

	/**
	 * @param array<string, mixed> $vote What to sign (see SnapshotTestCase::sign()).
	 * @param array<string, mixed> $more Other body fields (testnet).
	 */
	private function vote( array $vote, array $more = array() ): \WP_REST_Response {
		return $this->rest( 'POST', self::ROUTE, self::sign( $vote + array( 'space' => 'society.eth' ) ) + $more );
	}

	public function test_a_members_vote_is_accepted_and_then_shows_in_their_ballot(): void {
		$this->member_with( array( 1 ) );
		$response = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 2 ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertMatchesRegularExpression( '/^0x[0-9a-f]{64}$/', $response->get_data()['id'] );
		$this->assertIsString( $response->get_data()['ipfs'] );
		$this->assertSame( array( self::ref( 'activeSingle' )->key() ), array_map( static fn( ProposalRef $r ): string => $r->key(), $this->changed ) );

		$source   = Plugin::instance()->snapshot_source();
		$proposal = $source->fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ];
		$this->assertInstanceOf( Proposal::class, $proposal );
		$ballot = $source->ballot( $proposal, self::WALLETS[1] );
		$this->assertSame( array( '100', true, $proposal->choices[1]->label ), array( $ballot->power, $ballot->voted, $ballot->choice ) );
		$this->assertSame( '110', $proposal->choices[1]->amount, 'wallet #2 (10) and now wallet #1 (100)' );
	}

	public function test_array_and_string_votes_are_accepted_and_read_back(): void {
		$this->member_with( array( 1 ) );
		$ranked = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeRanked'], 'type' => 'ranked-choice', 'choice' => array( 3, 1, 2 ) ) );
		$this->assertSame( 201, $ranked->get_status(), (string) wp_json_encode( $ranked->get_data() ) );
		$weighted = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeWeighted'], 'type' => 'weighted', 'choice' => array( '1' => 3, '2' => 1 ) ) );
		$this->assertSame( 201, $weighted->get_status(), (string) wp_json_encode( $weighted->get_data() ) );

		$source   = Plugin::instance()->snapshot_source();
		$fetched  = $source->fetch( array( self::ref( 'activeRanked' ), self::ref( 'activeWeighted' ) ) );
		$ranked_p = $fetched[ self::ref( 'activeRanked' )->key() ];
		$labels   = array_map( static fn( $c ) => $c->label, $ranked_p->choices );
		$this->assertSame( '1. ' . $labels[2] . ', 2. ' . $labels[0] . ', 3. ' . $labels[1], $source->ballot( $ranked_p, self::WALLETS[1] )->choice );
		$weighted_p = $fetched[ self::ref( 'activeWeighted' )->key() ];
		$this->assertSame( $weighted_p->choices[0]->label . ' 75%, ' . $weighted_p->choices[1]->label . ' 25%', $source->ballot( $weighted_p, self::WALLETS[1] )->choice );
	}

	public function test_a_wallet_the_member_has_not_linked_is_refused(): void {
		$this->member_with( array( 1 ) );
		$response = $this->vote( array( 'wallet' => 2, 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( array( 403, 'sovereign_press_vote_not_your_wallet' ), array( $response->get_status(), $response->as_error()->get_error_code() ) );
		$this->assertSame( array(), $this->changed );
	}

	public function test_logged_out_visitors_are_refused(): void {
		$response = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( array( 401, 'rest_not_logged_in' ), array( $response->get_status(), $response->as_error()->get_error_code() ) );
	}

	public function test_a_closed_or_pending_proposal_is_refused_before_relaying(): void {
		$this->member_with( array( 1 ) );
		$closed = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['closedSingle'], 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( array( 409, 'sovereign_press_vote_not_active', 'Voting on this proposal has ended.' ), array( $closed->get_status(), $closed->as_error()->get_error_code(), $closed->as_error()->get_error_message() ) );
		$pending = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['pending'], 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( 'Voting on this proposal has not started yet.', $pending->as_error()->get_error_message() );
		$this->assertSame( 0, $this->sequencer_requests() );
	}

	public function test_the_sequencers_refusal_comes_back_with_its_reason(): void {
		$this->member_with( array( 3 ) );
		$response = $this->vote( array( 'wallet' => 3, 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( array( 400, 'sovereign_press_vote_rejected' ), array( $response->get_status(), $response->as_error()->get_error_code() ) );
		$this->assertSame( 'no_voting_power', $response->as_error()->get_error_data()['reason'] );

		$this->member_with( array( 1 ) );
		$choice = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 9 ) );
		$this->assertSame( 'invalid_choice', $choice->as_error()->get_error_data()['reason'] );

		$stale = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 1, 'timestamp' => time() - 8 * DAY_IN_SECONDS ) );
		$this->assertSame( 'wrong_timestamp', $stale->as_error()->get_error_data()['reason'] );
		$this->assertSame( array(), $this->changed );
	}

	public function test_a_tampered_envelope_is_refused_by_the_sequencers_signature_check(): void {
		$this->member_with( array( 1 ) );
		$envelope                            = self::sign( array( 'wallet' => 1, 'space' => 'society.eth', 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 1 ) );
		$envelope['data']['message']['choice'] = 2;
		$response                            = $this->rest( 'POST', self::ROUTE, $envelope );
		$this->assertSame( 'signature_invalid', $response->as_error()->get_error_data()['reason'] ?? '' );
	}

	public function test_envelopes_that_are_not_snapshot_votes_are_refused_here(): void {
		$this->member_with( array( 1 ) );
		$good = self::sign( array( 'wallet' => 1, 'space' => 'society.eth', 'proposal' => self::IDS['activeApproval'], 'type' => 'approval', 'choice' => array( 1 ) ) );

		$from                            = $good;
		$from['data']['message']['from'] = self::WALLETS[2];
		$this->assertSame( 'sovereign_press_vote_invalid', $this->rest( 'POST', self::ROUTE, $from )->as_error()->get_error_code() );

		$domain                              = $good;
		$domain['data']['domain']['version'] = '0.1.3';
		$this->assertSame( 'sovereign_press_vote_invalid', $this->rest( 'POST', self::ROUTE, $domain )->as_error()->get_error_code() );

		$types = $good;
		[ $types['data']['types']['Vote'][5], $types['data']['types']['Vote'][6] ] = array( $good['data']['types']['Vote'][6], $good['data']['types']['Vote'][5] );
		$this->assertSame( 'sovereign_press_vote_invalid', $this->rest( 'POST', self::ROUTE, $types )->as_error()->get_error_code() );

		// Signed as a single-choice vote for an approval proposal.
		$kind = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeApproval'], 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( 'sovereign_press_vote_invalid', $kind->as_error()->get_error_code() );

		$extra              = $good;
		$extra['data']['x'] = 1;
		$this->assertSame( 'rest_invalid_param', $this->rest( 'POST', self::ROUTE, $extra )->as_error()->get_error_code() );

		$unknown = $this->vote( array( 'wallet' => 1, 'proposal' => '0x' . str_repeat( '0', 64 ), 'type' => 'single-choice', 'choice' => 1 ) );
		$this->assertSame( array( 404, 'sovereign_press_vote_proposal_not_found' ), array( $unknown->get_status(), $unknown->as_error()->get_error_code() ) );

		$shutter = $this->vote( array( 'wallet' => 1, 'proposal' => self::IDS['activeShutter'], 'type' => 'single-choice', 'privacy' => 'shutter', 'choice' => '0x' . str_repeat( 'ab', 20 ) ) );
		$this->assertSame( 'sovereign_press_vote_private', $shutter->as_error()->get_error_code() );
		$this->assertSame( 0, $this->sequencer_requests() );
	}

	public function test_a_testnet_vote_goes_to_the_testnet_sequencer(): void {
		$this->member_with( array( 2 ) );
		$response = $this->vote( array( 'wallet' => 2, 'space' => 'society-testnet.eth', 'proposal' => self::IDS['testnetActive'], 'type' => 'single-choice', 'choice' => 1 ), array( 'testnet' => true ) );
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertContains( self::env( 'SP_SNAPSHOT_URL' ) . '/testnet/', $this->http_requests );
		$this->assertSame( 'snapshot:testnet:society-testnet.eth:' . self::IDS['testnetActive'], $this->changed[0]->key() );
	}

	public function test_an_unreachable_sequencer_is_a_clear_refusal(): void {
		$this->member_with( array( 1 ) );
		$envelope = self::sign( array( 'wallet' => 1, 'space' => 'society.eth', 'proposal' => self::IDS['activeSingle'], 'type' => 'single-choice', 'choice' => 1 ) );
		self::configure( array( 'sequencerUrl' => 'http://127.0.0.1:9/' ) );
		$response = $this->rest( 'POST', self::ROUTE, $envelope );
		$this->assertSame( array( 502, 'sovereign_press_vote_rejected', 'unreachable' ), array( $response->get_status(), $response->as_error()->get_error_code(), $response->as_error()->get_error_data()['reason'] ) );
	}

	private function sequencer_requests(): int {
		$response = wp_remote_get( self::env( 'SP_SNAPSHOT_URL' ) . '/__control' );
		return (int) ( json_decode( wp_remote_retrieve_body( $response ), true )['requests']['sequencer'] ?? -1 );
	}
}
