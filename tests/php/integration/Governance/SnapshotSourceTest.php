<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\SourceError;
use SovereignPress\Plugin;

require_once __DIR__ . '/SnapshotTestCase.php';

/**
 * The Snapshot source as the plugin builds it (WordPress HTTP API, settings), against the local
 * Snapshot stand-in: what it reads, in how many requests, and what each failure of the hub gives.
 */
final class SnapshotSourceTest extends SnapshotTestCase {

	/**
	 * @param list<ProposalRef> $refs Refs.
	 * @return array<string, Proposal|SourceError>
	 */
	private static function fetch( array $refs ): array {
		return Plugin::instance()->snapshot_source()->fetch( $refs );
	}

	public function test_reads_three_proposals_in_one_hub_request(): void {
		$refs   = array( self::ref( 'activeSingle' ), self::ref( 'activeBasic' ), self::ref( 'closedPassed' ) );
		$result = self::fetch( $refs );
		$this->assertCount( 1, $this->http_requests );
		$this->assertSame( self::env( 'SP_SNAPSHOT_URL' ) . '/graphql', $this->http_requests[0] );

		$single = $result[ $refs[0]->key() ];
		$this->assertInstanceOf( Proposal::class, $single );
		$this->assertSame( 'active', $single->state );
		$this->assertSame( 'single-choice', $single->type );
		$this->assertSame( 'Demo Society', $single->space_name );
		$this->assertSame( 'SVOTE', $single->symbol );
		$this->assertNotSame( '', $single->title );
		$this->assertStringContainsString( '## Why', $single->body );
		// Seeded votes: wallet #0 (1000) for choice 1, wallet #2 (10) for choice 2.
		$this->assertSame( array( '1000', '10' ), array_slice( array_map( static fn( $c ) => $c->amount, $single->choices ), 0, 2 ) );
		$this->assertEqualsWithDelta( 1000 / 1010, $single->choices[0]->share, 1e-9 );
		$this->assertSame( 2, $single->votes );
		$this->assertSame( 'https://snapshot.box/#/s:society.eth/proposal/' . self::IDS['activeSingle'], $single->link );

		$this->assertSame( 'active', $result[ $refs[1]->key() ]->state );
		$passed = $result[ $refs[2]->key() ];
		$this->assertSame( array( 'passed', '500', '1010' ), array( $passed->state, $passed->quorum, $passed->quorum_votes ) );
	}

	public function test_states_of_closed_pending_legacy_and_testnet_proposals(): void {
		$names  = array( 'closedRejected', 'closedSingle', 'pending', 'legacy', 'activeShutter', 'testnetActive' );
		$result = self::fetch( array_map( static fn( string $name ): ProposalRef => self::ref( $name ), $names ) );
		$states = array();
		foreach ( $names as $name ) {
			$this->assertInstanceOf( Proposal::class, $result[ self::ref( $name )->key() ], $name );
			$states[ $name ] = $result[ self::ref( $name )->key() ]->state;
		}
		$this->assertSame(
			array(
				'closedRejected' => 'rejected',
				'closedSingle'   => 'closed',
				'pending'        => 'pending',
				'legacy'         => 'closed',
				'activeShutter'  => 'active',
				'testnetActive'  => 'active',
			),
			$states
		);
		$this->assertTrue( $result[ self::ref( 'activeShutter' )->key() ]->private );
		$this->assertSame( 'https://testnet.snapshot.box/#/s-tn:society-testnet.eth/proposal/' . self::IDS['testnetActive'], $result[ self::ref( 'testnetActive' )->key() ]->link );
		$this->assertCount( 2, $this->http_requests, 'one request to each hub' );
	}

	public function test_an_unknown_id_or_a_proposal_of_another_space_is_not_found(): void {
		$unknown = ProposalRef::snapshot( 'society.eth', '0x' . str_repeat( '0', 64 ) );
		$other   = ProposalRef::snapshot( 'other.eth', self::IDS['activeSingle'] );
		$result  = self::fetch( array( $unknown, $other, self::ref( 'activeSingle' ) ) );
		$this->assertSame( SourceError::NOT_FOUND, $result[ $unknown->key() ]->reason );
		$this->assertSame( SourceError::NOT_FOUND, $result[ $other->key() ]->reason );
		$this->assertInstanceOf( Proposal::class, $result[ self::ref( 'activeSingle' )->key() ] );
		$this->assertCount( 1, $this->http_requests );
	}

	public function test_hub_down_is_unreachable(): void {
		self::control( array( 'mode' => 'down' ) );
		$error = self::fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ];
		$this->assertSame( SourceError::UNREACHABLE, $error->reason );
		$this->assertSame( 'The Snapshot hub could not be reached.', $error->getMessage() );
	}

	public function test_a_slow_hub_costs_the_page_no_more_than_the_time_budget(): void {
		self::configure( array(), array( 'budgetMs' => 500 ) );
		self::control( array( 'mode' => 'slow', 'delayMs' => 4000 ) );
		$started = microtime( true );
		$error   = self::fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ];
		$elapsed = microtime( true ) - $started;
		$this->assertSame( SourceError::UNREACHABLE, $error->reason );
		$this->assertSame( 'The Snapshot hub did not answer within 0.5 seconds.', $error->getMessage() );
		$this->assertLessThan( 1.5, $elapsed );
	}

	public function test_malformed_hub_json_is_malformed(): void {
		self::control( array( 'mode' => 'malformed' ) );
		$error = self::fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ];
		$this->assertSame( SourceError::MALFORMED, $error->reason );
	}

	public function test_a_refused_api_key_is_unreachable_and_a_key_is_sent_in_the_header(): void {
		self::configure( array( 'apiKey' => 'not-the-key' ) );
		$error = self::fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ];
		$this->assertSame( SourceError::UNREACHABLE, $error->reason );
		$this->assertStringContainsString( 'API key', $error->getMessage() );
		$this->assertSame( 'not-the-key', $this->last_api_key() );
	}

	public function test_the_main_hubs_api_key_is_not_sent_to_the_testnet_hub(): void {
		self::configure( array( 'apiKey' => 'main-hub-key' ) );
		$result = self::fetch( array( self::ref( 'testnetActive' ) ) );
		$this->assertInstanceOf( Proposal::class, $result[ self::ref( 'testnetActive' )->key() ] );
		$this->assertSame( array( self::env( 'SP_SNAPSHOT_URL' ) . '/testnet/graphql' ), $this->http_requests );
		$this->assertNull( $this->last_api_key() );
	}

	public function test_the_testnet_hub_gets_its_own_api_key_and_only_it(): void {
		self::configure( array( 'testnetApiKey' => 'testnet-hub-key' ) );
		$error = self::fetch( array( self::ref( 'testnetActive' ) ) )[ self::ref( 'testnetActive' )->key() ];
		$this->assertSame( 'testnet-hub-key', $this->last_api_key() );
		$this->assertSame( SourceError::UNREACHABLE, $error->reason, 'the stand-in accepts no key' );

		self::control( array( 'reset' => true ) );
		$this->assertInstanceOf( Proposal::class, self::fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ] );
		$this->assertNull( $this->last_api_key() );
	}

	public function test_a_rate_limited_hub_says_so_and_suggests_an_api_key(): void {
		// The stand-in has no rate limit: the hub's real 429 answer, through the WordPress HTTP API.
		$limit = static fn( $pre, array $args, string $url ) => str_ends_with( $url, '/graphql' )
			? array(
				'headers'  => array( 'content-type' => 'application/json' ),
				'body'     => '{"error":"unauthorized","error_description":"too many requests, refer to https://docs.snapshot.box/tools/api/api-keys#limits"}',
				'response' => array( 'code' => 429, 'message' => 'Too Many Requests' ),
				'cookies'  => array(),
				'filename' => null,
			)
			: $pre;
		add_filter( 'pre_http_request', $limit, 10, 3 );
		try {
			$error = self::fetch( array( self::ref( 'activeSingle' ) ) )[ self::ref( 'activeSingle' )->key() ];
		} finally {
			remove_filter( 'pre_http_request', $limit );
		}
		$this->assertSame( SourceError::UNREACHABLE, $error->reason );
		$this->assertStringContainsString( 'rate-limiting', $error->getMessage() );
		$this->assertStringContainsString( 'API key', $error->getMessage() );
	}

	public function test_latest_lists_a_spaces_newest_proposals_in_a_state(): void {
		$source = Plugin::instance()->snapshot_source();
		$closed = $source->latest( new Listing( ProposalRef::snapshot( 'society.eth', '' ), 10, 'closed' ) );
		$this->assertNotEmpty( $closed );
		foreach ( $closed as $proposal ) {
			$this->assertContains( $proposal->state, array( 'closed', 'passed', 'rejected' ) );
			$this->assertSame( 'society.eth', $proposal->ref->space );
		}
		$ids = array_map( static fn( Proposal $p ): string => $p->ref->id, $closed );
		$this->assertContains( self::IDS['closedPassed'], $ids );
		$this->assertNotContains( self::IDS['activeSingle'], $ids );

		$two = $source->latest( new Listing( ProposalRef::snapshot( 'society.eth', '' ), 2, 'all' ) );
		$this->assertCount( 2, $two );
		$this->assertCount( 2, $this->http_requests );
	}

	private function last_api_key(): ?string {
		$response = wp_remote_get( self::env( 'SP_SNAPSHOT_URL' ) . '/__control' );
		return json_decode( wp_remote_retrieve_body( $response ), true )['lastApiKey'] ?? null;
	}
}
