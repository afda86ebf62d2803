<?php
/**
 * The vote area of a proposal for each reader (visitor, member without a wallet, member), and
 * the member's ballots with the reason each wallet can or cannot vote.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Governance\Ballot;
use SovereignPress\Governance\Ballots;
use SovereignPress\Governance\Choice;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Source;
use SovereignPress\Governance\SourceError;
use SovereignPress\Governance\VoteControl;
use SovereignPress\Plugin;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Rest\BallotsController;
use SovereignPress\Settings\Settings;

final class VoteControlTest extends TestCase {

	private ?Ballots $ballots = null;

	private const WALLET = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

	private const GOVERNOR = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

	private static function proposal( ProposalRef $ref, string $state, bool $private = false, ?int $start = null ): Proposal {
		$governor = ProposalRef::GOVERNOR === $ref->source;
		return new Proposal(
			$ref,
			'Fund the library',
			'Body',
			self::GOVERNOR,
			$state,
			$governor ? 'governor' : 'single-choice',
			array( new Choice( $governor ? 'For' : 'Yes <b>', '10', 0.5 ), new Choice( 'Against', '10', 0.5 ) ),
			'SVOTE',
			'0',
			'20',
			$start,
			null,
			false,
			'12',
			2,
			'https://snapshot.box/#/s:society.eth/proposal/' . $ref->id,
			'Demo Society',
			$private,
			$governor ? 'oz' : '',
			time()
		);
	}

	private static function snapshot_ref(): ProposalRef {
		return ProposalRef::snapshot( 'society.eth', '0x' . str_repeat( 'ab', 32 ) );
	}

	private static function governor_ref(): ProposalRef {
		return ProposalRef::governor( 31337, self::GOVERNOR, '70761723290315339464434236612398574437512745930342094089924069547484577929181' );
	}

	private function member( bool $with_wallet ): int {
		$id = wp_insert_user(
			array(
				'user_login' => 'voter',
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $id );
		if ( $with_wallet ) {
			Plugin::instance()->wallets()->link( $id, self::WALLET, 31337 );
		}
		wp_set_current_user( $id );
		return $id;
	}

	private static function find( string $html, string $class ): ?\WP_HTML_Tag_Processor {
		$tags = new \WP_HTML_Tag_Processor( $html );
		return $tags->next_tag( array( 'class_name' => $class ) ) ? $tags : null;
	}

	public function test_a_visitor_is_asked_to_log_in_with_the_wallet_login_button(): void {
		$html = VoteControl::render( self::proposal( self::snapshot_ref(), 'active' ) );

		$this->assertStringContainsString( 'Log in with your wallet to vote.', $html );
		$button = self::find( $html, 'wp-block-sovereign-press-wallet-login__connect' );
		$this->assertNotNull( $button, $html );
		$this->assertTrue( wp_script_is( 'sovereign-press-wallet-login-view-script', 'enqueued' ) );
		$this->assertNull( self::find( $html, 'sovereign-press-vote__open' ) );
	}

	public function test_a_member_without_a_wallet_is_sent_to_their_profile_to_link_one(): void {
		$this->member( false );
		$html = VoteControl::render( self::proposal( self::governor_ref(), 'active' ) );

		$this->assertStringContainsString( 'Voting needs a wallet linked to your account.', $html );
		$tags = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $tags->next_tag( 'a' ) );
		$this->assertStringContainsString( 'profile.php#sovereign-press-wallets', (string) $tags->get_attribute( 'href' ) );
	}

	public function test_a_member_gets_a_vote_button_with_the_public_data_the_client_needs(): void {
		$this->member( true );
		$html = VoteControl::render( self::proposal( self::governor_ref(), 'active' ) );

		$root = self::find( $html, 'sovereign-press-vote' );
		$this->assertNotNull( $root );
		$data = json_decode( (string) $root->get_attribute( 'data-proposal' ), true );
		$this->assertSame( self::governor_ref()->to_array(), $data['ref'] );
		// The id stays a decimal string, never a number.
		$this->assertIsString( $data['ref']['id'] );
		$this->assertSame( array( 'For', 'Against' ), $data['choices'] );
		$this->assertSame( 'governor', $data['type'] );
		$this->assertSame( 'oz', $data['flavor'] );
		$this->assertSame( array( 'ref', 'type', 'choices', 'symbol', 'flavor', 'network', 'explorerUrl' ), array_keys( $data ) );
		$this->assertNotEmpty( $root->get_attribute( 'data-rest-nonce' ) );
		$this->assertStringNotContainsString( 'rpcUrl', $html );

		$button = self::find( $html, 'sovereign-press-vote__open' );
		$this->assertNotNull( $button );
		$this->assertTrue( $button->get_attribute( 'hidden' ) );
		$this->assertStringContainsString( '<noscript>', $html );
		$this->assertTrue( wp_script_is( 'sovereign-press-governance-vote', 'enqueued' ) );
	}

	public function test_a_member_gets_walletconnect_as_the_login_button_does_once_a_project_id_is_set(): void {
		$this->member( true );
		$attribute = static function (): ?string {
			$root = self::find( VoteControl::render( self::proposal( self::snapshot_ref(), 'active' ) ), 'sovereign-press-vote' );
			$value = $root?->get_attribute( 'data-walletconnect' );
			return is_string( $value ) ? $value : null;
		};
		$this->assertNull( $attribute(), 'Without a project id, nothing of WalletConnect is on the page.' );

		update_option( Settings::OPTION, array( 'walletLogin' => array( 'walletConnectProjectId' => '0123456789abcdef0123456789abcdef' ) + WalletLoginSettings::DEFAULTS ) );
		$config = $attribute();
		$this->assertNotNull( $config );
		$decoded = json_decode( $config, true );
		$this->assertSame( '0123456789abcdef0123456789abcdef', $decoded['projectId'] );
		$this->assertStringStartsWith( Plugin::instance()->url() . 'build/walletconnect.js?ver=', $decoded['script'] );
		$this->assertIsArray( $decoded['networks'] );
		$this->assertStringNotContainsString( 'rpcUrl', $config );
	}

	public function test_choice_labels_reach_the_client_as_text(): void {
		$this->member( true );
		$html = VoteControl::render( self::proposal( self::snapshot_ref(), 'active' ) );

		$this->assertStringNotContainsString( 'Yes <b>', $html );
		$data = json_decode( (string) self::find( $html, 'sovereign-press-vote' )->get_attribute( 'data-proposal' ), true );
		$this->assertSame( 'Yes <b>', $data['choices'][0] );
	}

	public function test_a_private_proposal_is_read_only_with_a_link_to_snapshot(): void {
		$this->member( true );
		$html = VoteControl::render( self::proposal( self::snapshot_ref(), 'active', true ) );

		$this->assertStringContainsString( 'votes stay encrypted until voting ends', $html );
		$this->assertNull( self::find( $html, 'sovereign-press-vote__open' ) );
		$this->assertStringContainsString( 'Vote on Snapshot', $html );
	}

	public function test_proposals_not_open_say_when_voting_opens_or_that_it_ended(): void {
		$this->member( true );
		$start   = time() + 86400;
		$pending = VoteControl::render( self::proposal( self::governor_ref(), 'pending', false, $start ) );
		$this->assertStringContainsString( 'Voting opens', $pending );
		$this->assertStringContainsString( 'datetime="' . gmdate( 'c', $start ) . '"', $pending );
		$this->assertNull( self::find( $pending, 'sovereign-press-vote__open' ) );

		foreach ( array( 'closed', 'defeated', 'executed' ) as $state ) {
			$html = VoteControl::render( self::proposal( self::governor_ref(), $state ) );
			$this->assertStringContainsString( 'Voting has ended.', $html, $state );
			$this->assertNull( self::find( $html, 'sovereign-press-vote__open' ) );
		}
	}

	/**
	 * A source answering from a table of ballots, for the reasons the route gives.
	 *
	 * @param array<string, Ballot> $ballots By address.
	 */
	private static function source( array $ballots ): Source {
		return new class( $ballots ) implements Source {
			/** @param array<string, Ballot> $ballots */
			public function __construct( private array $ballots ) {}
			public function fetch( array $refs ): array {
				return array();
			}
			public function latest( Listing $listing ): array {
				return array();
			}
			public function ballot( Proposal $proposal, string $address ): Ballot {
				return $this->ballots[ $address ] ?? throw new SourceError( SourceError::UNREACHABLE, 'No ballot for this address.' );
			}
		};
	}

	/**
	 * @param Proposal|SourceError $proposal What the proposal lookup answers.
	 * @param array<string, Ballot> $ballots
	 */
	private function route( Proposal|SourceError $proposal, array $ballots ): void {
		$this->ballots = new Ballots(
			Plugin::instance()->wallets(),
			static fn( ProposalRef $ref ): Proposal|SourceError => $proposal,
			static fn( ProposalRef $ref ): Source => self::source( $ballots )
		);
		add_action( 'rest_api_init', array( $this, 'register_route' ), PHP_INT_MAX );
	}

	/**
	 * rest_api_init: the route on this test's Ballots, in place of the plugin's.
	 */
	public function register_route(): void {
		( new BallotsController( $this->ballots ) )->register_routes( true );
	}

	protected function tearDown(): void {
		remove_action( 'rest_api_init', array( $this, 'register_route' ), PHP_INT_MAX );
		parent::tearDown();
	}

	/**
	 * @param array<string, string|int|bool> $query
	 */
	private function get_ballots( array $query ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', '/sovereign-press/v1/ballots' );
		$request->set_query_params( $query );
		return rest_do_request( $request );
	}

	private const GOVERNOR_QUERY = array(
		'source'   => 'governor',
		'chainId'  => 31337,
		'governor' => '0x5fbdb2315678afecb367f032d93f642f64180aa3',
		'id'       => '70761723290315339464434236612398574437512745930342094089924069547484577929181',
	);

	public function test_the_ballots_route_is_for_members_and_checks_its_input(): void {
		$this->route( self::proposal( self::governor_ref(), 'active' ), array() );
		$response = $this->get_ballots( self::GOVERNOR_QUERY );
		$this->assertSame( 401, $response->get_status() );
		$this->assertSame( 'rest_not_logged_in', $response->get_data()['code'] );

		$this->member( true );
		$this->assertSame( 400, $this->get_ballots( array( 'id' => '1' ) )->get_status() );
		$this->assertSame( 400, $this->get_ballots( array( 'source' => 'governor', 'id' => '1.5', 'chainId' => 1, 'governor' => self::GOVERNOR ) )->get_status() );
		$missing = $this->get_ballots( array( 'source' => 'governor', 'id' => '1' ) );
		$this->assertSame( 'sovereign_press_proposal_invalid', $missing->get_data()['code'] );
		$bad_checksum = $this->get_ballots( array( 'governor' => '0x5FBDB2315678afecb367f032d93F642f64180aa3' ) + self::GOVERNOR_QUERY );
		$this->assertSame( 'sovereign_press_proposal_invalid', $bad_checksum->get_data()['code'] );
		$snapshot = $this->get_ballots( array( 'source' => 'snapshot', 'id' => '12' ) );
		$this->assertSame( 'sovereign_press_proposal_invalid', $snapshot->get_data()['code'] );
	}

	public function test_a_governor_vote_already_cast_blocks_voting_again(): void {
		$this->route( self::proposal( self::governor_ref(), 'active' ), array( self::WALLET => new Ballot( self::WALLET, '100', true, 'For' ) ) );
		$this->member( true );
		$response = $this->get_ballots( self::GOVERNOR_QUERY );

		$this->assertSame( 200, $response->get_status() );
		$row = $response->get_data()['ballots'][0];
		$this->assertSame( self::WALLET, $row['address'] );
		$this->assertFalse( $row['canVote'] );
		$this->assertSame( 'already_voted', $row['reason'] );
		$this->assertStringContainsString( 'already voted (For)', $row['message'] );
		$this->assertSame( self::governor_ref()->to_array(), $response->get_data()['ref'] );
		// The panel names the proposal and votes with the source's choices, never with the page's copy.
		$this->assertSame( 'Fund the library', $response->get_data()['title'] );
		$this->assertSame( 'governor', $response->get_data()['type'] );
		$this->assertSame( array( 'For', 'Against' ), $response->get_data()['choices'] );
	}

	public function test_a_snapshot_voter_may_vote_again_and_is_told_their_vote(): void {
		$this->route( self::proposal( self::snapshot_ref(), 'active' ), array( self::WALLET => new Ballot( self::WALLET, '12.5', true, 'Against' ) ) );
		$this->member( true );
		$response = $this->get_ballots(
			array(
				'source' => 'snapshot',
				'space'  => 'society.eth',
				'id'     => '0x' . str_repeat( 'AB', 32 ),
			)
		);
		$row = $response->get_data()['ballots'][0];
		$this->assertTrue( $row['canVote'] );
		$this->assertSame( '', $row['reason'] );
		$this->assertSame( 'You voted Against. Voting again replaces that vote.', $row['message'] );
		// The id is normalised to the reference's lowercase form.
		$this->assertSame( self::snapshot_ref()->id, $response->get_data()['ref']['id'] );
		$this->assertSame( 'single-choice', $response->get_data()['type'] );
		$this->assertSame( array( 'Yes <b>', 'Against' ), $response->get_data()['choices'] );
	}

	public function test_no_power_closed_and_private_each_have_their_reason(): void {
		$cases = array(
			'no_power'   => array( self::proposal( self::governor_ref(), 'active' ), '0' ),
			'not_active' => array( self::proposal( self::governor_ref(), 'succeeded' ), '100' ),
			'private'    => array( self::proposal( self::governor_ref(), 'active', true ), '100' ),
		);
		foreach ( $cases as $reason => list( $proposal, $power ) ) {
			$row = Ballots::row( $proposal, new Ballot( self::WALLET, $power, false, '' ) );
			$this->assertFalse( $row['canVote'], $reason );
			$this->assertSame( $reason, $row['reason'] );
			$this->assertNotSame( '', $row['message'] );
		}
		$this->assertTrue( Ballots::row( self::proposal( self::governor_ref(), 'active' ), new Ballot( self::WALLET, '0.000001', false, '' ) )['canVote'] );
	}

	public function test_refresh_marks_the_cached_proposal_stale_and_nothing_else_does(): void {
		$this->route( self::proposal( self::governor_ref(), 'active' ), array( self::WALLET => new Ballot( self::WALLET, '100', true, 'For' ) ) );
		$this->member( true );
		$changed = array();
		$listen  = static function ( ProposalRef $ref ) use ( &$changed ): void {
			$changed[] = $ref->key();
		};
		add_action( 'sovereign_press_proposal_changed', $listen );
		try {
			$this->get_ballots( self::GOVERNOR_QUERY );
			$this->assertSame( array(), $changed );
			$this->assertSame( 200, $this->get_ballots( array( 'refresh' => true ) + self::GOVERNOR_QUERY )->get_status() );
			$this->assertSame( array( self::governor_ref()->key() ), $changed );
		} finally {
			remove_action( 'sovereign_press_proposal_changed', $listen );
		}
	}

	public function test_an_unreachable_source_is_a_502_with_a_stable_code(): void {
		$this->route( new SourceError( SourceError::UNREACHABLE, 'The hub did not answer.' ), array() );
		$this->member( true );
		$response = $this->get_ballots( self::GOVERNOR_QUERY );
		$this->assertSame( 502, $response->get_status() );
		$this->assertSame( 'sovereign_press_proposal_unreachable', $response->get_data()['code'] );
		$this->assertSame( 'The hub did not answer.', $response->get_data()['message'] );
	}
}
