<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Governance;

use PHPUnit\Framework\TestCase;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Snapshot\Hub;
use SovereignPress\Governance\Snapshot\SnapshotSource;
use SovereignPress\Governance\SourceError;
use SovereignPress\Tests\Support\ScriptedHttp;

/**
 * The Snapshot source from hub answers (tests/php/fixtures/snapshot/proposals.json): one request
 * per hub for a page's proposals, states as snapshot.box derives them, decimal scores, hostile
 * fields refused one proposal at a time.
 */
final class SnapshotSourceTest extends TestCase {

	private const MAIN = 'http://127.0.0.1:1/graphql';
	private const TEST = 'http://127.0.0.1:1/testnet/graphql';

	private ScriptedHttp $http;

	protected function setUp(): void {
		$fixtures   = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/fixtures/snapshot/proposals.json' ), true, 512, JSON_THROW_ON_ERROR );
		$this->http = new ScriptedHttp(
			static function ( string $url, array $body ) use ( $fixtures ): array {
				$all  = self::TEST === $url ? $fixtures['testnet'] : $fixtures['mainnet'];
				$data = array();
				foreach ( $body['variables'] as $name => $ids ) {
					if ( str_starts_with( $name, 'ids' ) ) {
						$data[ 'p' . substr( $name, 3 ) ] = array_values( array_filter( $all, static fn( array $p ): bool => in_array( $p['id'], $ids, true ) ) );
					}
				}
				if ( isset( $body['variables']['spaces'] ) ) {
					$data['proposals'] = array_slice( array_values( array_filter( $all, static fn( array $p ): bool => in_array( $p['space']['id'], $body['variables']['spaces'], true ) && ( ! isset( $body['variables']['state'] ) || $p['state'] === $body['variables']['state'] ) ) ), 0, 3 );
				}
				return array( 'status' => 200, 'body' => (string) json_encode( array( 'data' => $data ) ) );
			}
		);
	}

	private function source(): SnapshotSource {
		return new SnapshotSource( new Hub( $this->http, self::MAIN ), new Hub( $this->http, self::TEST ), static fn(): int => 1770000000 );
	}

	private static function ref( int $n, string $space = 'society.eth', bool $testnet = false ): ProposalRef {
		return ProposalRef::snapshot( $space, '0x' . str_repeat( sprintf( '%02x', $n ), 32 ), $testnet );
	}

	/**
	 * @param list<ProposalRef> $refs Refs.
	 * @return array<string, Proposal|SourceError>
	 */
	private function fetch( array $refs ): array {
		return $this->source()->fetch( $refs );
	}

	public function test_reads_three_proposals_in_one_request_and_the_testnet_one_in_another(): void {
		$refs   = array( self::ref( 1 ), self::ref( 2 ), self::ref( 8 ), self::ref( 16, 'society-test.eth', true ) );
		$result = $this->fetch( $refs );
		$this->assertSame( array_map( static fn( ProposalRef $r ): string => $r->key(), $refs ), array_keys( $result ) );
		$this->assertCount( 2, $this->http->requests );
		$this->assertSame( self::MAIN, $this->http->requests[0]['url'] );
		$this->assertSame( array( $refs[0]->id, $refs[1]->id, $refs[2]->id ), $this->http->requests[0]['body']['variables']['ids0'] );
		$this->assertStringContainsString( 'id_in: $ids0', $this->http->requests[0]['body']['query'] );
		$this->assertSame( self::TEST, $this->http->requests[1]['url'] );
		$this->assertSame( 'Testnet proposal', $result[ $refs[3]->key() ]->title );
		$this->assertSame( 'https://testnet.snapshot.box/#/s-tn:society-test.eth/proposal/' . $refs[3]->id, $result[ $refs[3]->key() ]->link );
	}

	public function test_reads_every_field_of_a_proposal(): void {
		$proposal = $this->fetch( array( self::ref( 1 ) ) )[ self::ref( 1 )->key() ];
		$this->assertInstanceOf( Proposal::class, $proposal );
		$this->assertSame( 'Active single choice', $proposal->title );
		$this->assertSame( "## Why\n\nBecause.", $proposal->body );
		$this->assertSame( '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', $proposal->author );
		$this->assertSame( 'active', $proposal->state );
		$this->assertSame( 'single-choice', $proposal->type );
		$this->assertSame( array( 'Red', 'Green', 'Blue' ), array_map( static fn( $c ) => $c->label, $proposal->choices ) );
		$this->assertSame( array( '1.5', '2', '0' ), array_map( static fn( $c ) => $c->amount, $proposal->choices ) );
		$this->assertEqualsWithDelta( 1.5 / 3.5, $proposal->choices[0]->share, 1e-12 );
		$this->assertSame( 'SVOTE', $proposal->symbol );
		$this->assertSame( '12408670', $proposal->snapshot );
		$this->assertSame( array( 1763800000, 1764400000 ), array( $proposal->start, $proposal->end ) );
		$this->assertSame( 'Demo Society', $proposal->space_name );
		$this->assertSame( 2, $proposal->votes );
		$this->assertFalse( $proposal->private );
		$this->assertSame( 1770000000, $proposal->fetched );
		$this->assertSame( 'https://snapshot.box/#/s:society.eth/proposal/' . self::ref( 1 )->id, $proposal->link );
		$this->assertEquals( $proposal, Proposal::from_array( $proposal->to_array() ) );
	}

	public function test_closed_basic_proposals_pass_or_fail_as_snapshot_box_says(): void {
		$expected = array(
			2 => array( 'passed', '400', '450' ),
			3 => array( 'rejected', '400', '310' ),
			4 => array( 'rejected', '100', '450' ),
			5 => array( 'rejected', '0', '400' ),
			6 => array( 'rejected', '100', '120' ),
			7 => array( 'passed', '100', '60' ),
			8 => array( 'closed', '0', '4' ),
		);
		$result   = $this->fetch( array_map( static fn( int $n ): ProposalRef => self::ref( $n ), array_keys( $expected ) ) );
		foreach ( $expected as $n => [ $state, $quorum, $votes ] ) {
			$proposal = $result[ self::ref( $n )->key() ];
			$this->assertSame( array( $state, $quorum, $votes ), array( $proposal->state, $proposal->quorum, $proposal->quorum_votes ), $proposal->title );
			$this->assertTrue( $proposal->is_final() );
		}
		$this->assertCount( 1, $this->http->requests );
	}

	public function test_scores_become_decimal_strings_without_exponents(): void {
		$proposal = $this->fetch( array( self::ref( 9 ) ) )[ self::ref( 9 )->key() ];
		$this->assertSame( array( '10000000000000000000000000', '0.00000015', '0.30000000000000004' ), array_map( static fn( $c ) => $c->amount, $proposal->choices ) );
		foreach ( array( array( 0, '0' ), array( 1, '1' ), array( 1.0, '1' ), array( 0.1, '0.1' ), array( 123456789.125, '123456789.125' ) ) as [ $in, $out ] ) {
			$this->assertSame( $out, SnapshotSource::decimal( $in ) );
		}
		$this->assertStringContainsString( 'E+21', var_export( 1e21, true ), 'PHP prints 1e21 with an exponent' );
		$this->assertSame( '1000000000000000000000', SnapshotSource::decimal( 1e21 ) );
		$this->assertSame( '0.000001', SnapshotSource::decimal( 1e-6 ) );
		$this->assertSame( '12345.678', SnapshotSource::decimal( 12345.678 ) );
	}

	public function test_a_hostile_field_fails_that_proposal_only_and_a_hostile_link_is_replaced(): void {
		$result = $this->fetch( array( self::ref( 11 ), self::ref( 12 ), self::ref( 13 ), self::ref( 99 ) ) );
		$this->assertSame( 'https://snapshot.box/#/s:society.eth/proposal/' . self::ref( 11 )->id, $result[ self::ref( 11 )->key() ]->link );
		$this->assertSame( SourceError::MALFORMED, $result[ self::ref( 12 )->key() ]->reason );
		$this->assertStringContainsString( '"title"', $result[ self::ref( 12 )->key() ]->getMessage() );
		$this->assertSame( SourceError::NOT_FOUND, $result[ self::ref( 13 )->key() ]->reason );
		$this->assertSame( 'This proposal is not in the space society.eth.', $result[ self::ref( 13 )->key() ]->getMessage() );
		$this->assertSame( SourceError::NOT_FOUND, $result[ self::ref( 99 )->key() ]->reason );
		$this->assertCount( 1, $this->http->requests );
	}

	public function test_hostile_field_types_and_sizes_are_refused(): void {
		$good = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/fixtures/snapshot/proposals.json' ), true )['mainnet'][0];
		$ref  = self::ref( 1 );
		$bad  = array(
			'choices'      => array( 'a' => 'x' ),
			'scores'       => array( 1, 2, 3, 4 ),
			'scores_total' => 'NaN',
			'state'        => 'passed',
			'type'         => '<script>',
			'author'       => 'vitalik.eth',
			'snapshot'     => '12e5',
			'votes'        => 1.5,
			'start'        => '1763800000',
			'body'         => str_repeat( 'x', 200001 ),
			'title'        => str_repeat( 'x', 2049 ),
			'symbol'       => array(),
			'quorum'       => -1,
			'space'        => 'society.eth',
		);
		foreach ( $bad as $field => $value ) {
			try {
				SnapshotSource::proposal( array( $field => $value ) + $good, $ref, 0 );
				$this->fail( 'Accepted a bad ' . $field );
			} catch ( SourceError $error ) {
				$this->assertSame( SourceError::MALFORMED, $error->reason, $field );
			}
		}
		$scores = array( 'scores' => array( 'x' ) ) + $good;
		$this->expectException( SourceError::class );
		SnapshotSource::proposal( $scores, $ref, 0 );
	}

	public function test_legacy_ids_null_types_and_shutter_privacy(): void {
		$legacy = ProposalRef::snapshot( 'society.eth', 'QmZ21uS8tVucpaNq2LZCbZUmHhYYXRzdKuyfqCKnyNyEYf' );
		$result = $this->fetch( array( $legacy, self::ref( 10 ) ) );
		$this->assertSame( 'single-choice', $result[ $legacy->key() ]->type );
		$this->assertSame( '12408670', $result[ $legacy->key() ]->snapshot );
		$this->assertSame( 'https://snapshot.org/#/society.eth/proposal/QmZ21uS8tVucpaNq2LZCbZUmHhYYXRzdKuyfqCKnyNyEYf', $result[ $legacy->key() ]->link );
		$this->assertTrue( $result[ self::ref( 10 )->key() ]->private );
		$this->assertSame( array( '0', '0' ), array_map( static fn( $c ) => $c->amount, $result[ self::ref( 10 )->key() ]->choices ) );
	}

	public function test_a_hub_failure_fails_every_proposal_of_that_hub_only(): void {
		$fixtures   = $this->http;
		$this->http = new ScriptedHttp(
			static function ( string $url, array $body ) use ( $fixtures ): array {
				return self::TEST === $url ? array( 'status' => 503, 'body' => 'down' ) : $fixtures->post( $url, (string) json_encode( $body ), array(), 1.0 );
			}
		);
		$result = $this->fetch( array( self::ref( 1 ), self::ref( 16, 'society-test.eth', true ) ) );
		$this->assertInstanceOf( Proposal::class, $result[ self::ref( 1 )->key() ] );
		$this->assertSame( SourceError::UNREACHABLE, $result[ self::ref( 16, 'society-test.eth', true )->key() ]->reason );
	}

	public function test_latest_asks_for_a_spaces_newest_proposals_in_a_state(): void {
		$source = $this->source();
		$list   = $source->latest( new Listing( ProposalRef::snapshot( 'society.eth', '' ), 3, 'closed' ) );
		$this->assertSame( array( 'passed', 'rejected', 'rejected' ), array_map( static fn( Proposal $p ): string => $p->state, $list ) );
		$request = $this->http->requests[0]['body'];
		$this->assertSame( array( 'spaces' => array( 'society.eth' ), 'state' => 'closed' ), $request['variables'] );
		$this->assertStringContainsString( 'proposals(first: 3, skip: 0, where: { space_in: $spaces, state: $state }, orderBy: "created", orderDirection: desc)', $request['query'] );

		$source->latest( new Listing( ProposalRef::snapshot( 'society.eth', '' ), 5, 'all' ) );
		$this->assertSame( array( 'spaces' => array( 'society.eth' ) ), $this->http->requests[1]['body']['variables'] );
		$this->assertStringNotContainsString( '$state', $this->http->requests[1]['body']['query'] );

		$this->expectException( SourceError::class );
		$source->latest( new Listing( ProposalRef::snapshot( 'Not a space!', '' ), 5, 'all' ) );
	}

	/**
	 * @return iterable<string, array{int, mixed, string}>
	 */
	public static function votes(): iterable {
		yield 'single choice' => array( 1, 2, 'Green' );
		yield 'basic' => array( 2, 2, 'Against' );
		yield 'approval' => array( 11, array( 1, 3 ), 'A, C' );
		yield 'ranked' => array( 14, array( 2, 1, 3 ), '1. B, 2. A, 3. C' );
		yield 'weighted' => array( 9, array( '1' => 3, '3' => 2 ), 'A 60%, C 40%' );
		yield 'quadratic as a JSON string' => array( 15, '{"2":1,"1":1}', 'B 50%, A 50%' );
		yield 'out of range' => array( 1, 7, '' );
		yield 'wrong shape' => array( 11, 'A', '' );
		yield 'shutter' => array( 10, '0xabcdef', '' );
	}

	/**
	 * @dataProvider votes
	 */
	public function test_a_ballot_reads_power_and_vote_in_one_request( int $n, mixed $choice, string $text ): void {
		$proposal = $this->fetch( array( self::ref( $n ) ) )[ self::ref( $n )->key() ];
		$voter    = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
		$http     = ScriptedHttp::always(
			200,
			(string) json_encode(
				array(
					'data' => array(
						'vp'    => array( 'vp' => 1234.5, 'vp_state' => 'final' ),
						'votes' => array( array( 'id' => '0x' . str_repeat( '9', 64 ), 'choice' => $choice, 'vp' => 1234.5, 'created' => 1763900000 ) ),
					),
				)
			)
		);
		$ballot   = ( new SnapshotSource( new Hub( $http, self::MAIN ), new Hub( $http, self::TEST ) ) )->ballot( $proposal, $voter );
		$this->assertCount( 1, $http->requests );
		$this->assertSame( array( 'voter' => $voter, 'space' => 'society.eth', 'proposal' => self::ref( $n )->id ), $http->requests[0]['body']['variables'] );
		$this->assertStringContainsString( 'vp(voter: $voter, space: $space, proposal: $proposal)', $http->requests[0]['body']['query'] );
		$this->assertStringContainsString( 'votes(first: 1, where: { proposal: $proposal, voter: $voter })', $http->requests[0]['body']['query'] );
		$this->assertSame( array( $voter, '1234.5', true, $text ), array( $ballot->address, $ballot->power, $ballot->voted, $ballot->choice ) );
	}

	public function test_a_ballot_without_a_vote_or_with_a_bad_answer(): void {
		$proposal = $this->fetch( array( self::ref( 1 ) ) )[ self::ref( 1 )->key() ];
		$http     = ScriptedHttp::always( 200, '{"data":{"vp":{"vp":0,"vp_state":"final"},"votes":[]}}' );
		$ballot   = ( new SnapshotSource( new Hub( $http, self::MAIN ), new Hub( $http, self::TEST ) ) )->ballot( $proposal, '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' );
		$this->assertSame( array( '0', false, '' ), array( $ballot->power, $ballot->voted, $ballot->choice ) );

		$http = ScriptedHttp::always( 200, '{"data":{"vp":{"vp":"lots"},"votes":[]}}' );
		try {
			( new SnapshotSource( new Hub( $http, self::MAIN ), new Hub( $http, self::TEST ) ) )->ballot( $proposal, '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' );
			$this->fail( 'Accepted a voting power that is not a number' );
		} catch ( SourceError $error ) {
			$this->assertSame( SourceError::MALFORMED, $error->reason );
		}
	}
}
