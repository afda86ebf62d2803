<?php
/**
 * Governor proposals read from the local chain: OpenZeppelin (block and timestamp clocks) and
 * GovernorBravo, through their whole lifecycle.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Gating\Amount;
use SovereignPress\Governance\Governor\GovernorSource;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\SourceError;
use SovereignPress\Storage\Cache;
use SovereignPress\Tests\Integration\TestCase;
use SovereignPress\Tests\Support\ChainTransports;
use SovereignPress\Tests\Support\CountingTransport;
use SovereignPress\Tests\Support\GovernorChain;

require_once dirname( __DIR__, 2 ) . '/support/ChainTransports.php';
require_once dirname( __DIR__, 2 ) . '/support/CountingTransport.php';
require_once dirname( __DIR__, 2 ) . '/support/GovernorChain.php';

final class GovernorSourceTest extends TestCase {

	use GovernorChain;

	private CountingTransport $counting;

	private function source( bool $cache = true ): GovernorSource {
		$this->counting = new CountingTransport( self::transport() );
		return new GovernorSource(
			new ChainTransports( array( 31337 => $this->counting ) ),
			$cache ? new Cache( 'governor_test_' . bin2hex( random_bytes( 4 ) ), GovernorSource::CACHE_TTL ) : null
		);
	}

	/** The address with one letter's case flipped: a checksum typo. */
	private static function miscased( string $address ): string {
		$at = strcspn( $address, 'abcdefABCDEF', 2 ) + 2;
		return substr( $address, 0, $at ) . ( ctype_upper( $address[ $at ] ) ? strtolower( $address[ $at ] ) : strtoupper( $address[ $at ] ) ) . substr( $address, $at + 1 );
	}

	/**
	 * @param array<string, mixed> $proposal As governance.mjs returned it.
	 */
	private function read( GovernorSource $source, array $proposal ): Proposal {
		$ref    = ProposalRef::governor( 31337, $proposal['governor'], $proposal['id'] );
		$result = $source->fetch( array( $ref ) )[ $ref->key() ];
		self::assertInstanceOf( Proposal::class, $result, $result instanceof SourceError ? $result->reason . ': ' . $result->getMessage() : '' );
		return $result;
	}

	/** @return array<string, string> Label => amount. */
	private static function tally( Proposal $proposal ): array {
		$tally = array();
		foreach ( $proposal->choices as $choice ) {
			$tally[ $choice->label ] = $choice->amount;
		}
		return $tally;
	}

	public function test_an_openzeppelin_proposal_reads_right_from_pending_to_executed(): void {
		$governor = self::deployment()['contracts']['governor'];
		[ $passing, $failing ] = self::chain(
			array(
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 1, 'actions' => array( self::transfer( self::wallet( 2 ), '1' ) ), 'description' => "## Pay the printer\n\nOne **SVOTE** for the printer.\n\n- posters" ),
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 2, 'actions' => array( self::transfer( self::wallet( 2 ), '900' ) ), 'description' => 'Give the contributor 900 SVOTE' ),
			)
		);
		$source = $this->source();

		$pending = $this->read( $source, $passing );
		$this->assertSame( 'pending', $pending->state );
		$this->assertSame( 'Pay the printer', $pending->title );
		$this->assertSame( "One **SVOTE** for the printer.\n\n- posters", $pending->body );
		$this->assertSame( self::wallet( 1 ), $pending->author );
		$this->assertSame( 'oz', $pending->flavor );
		$this->assertSame( 'governor', $pending->type );
		$this->assertSame( 'Society Governor', $pending->space_name );
		$this->assertSame( 'SVOTE', $pending->symbol );
		$this->assertSame( array( 'For' => '0', 'Against' => '0', 'Abstain' => '0' ), self::tally( $pending ) );
		$this->assertTrue( $pending->estimated, 'A snapshot block in the future has an estimated time.' );
		$this->assertSame( (string) ( $passing['blockNumber'] + 1 ), $pending->snapshot );
		$this->assertSame( '244.4', $pending->quorum, 'Pending: the quorum the contract would apply now, quorum(clock() - 1).' );
		$this->assertSame( '', $pending->link, 'Test transports carry no explorer.' );
		$this->assertSame( 'Give the contributor 900 SVOTE', $this->read( $source, $failing )->title );

		self::chain(
			array(
				array( 'op' => 'mine', 'blocks' => 2 ),
				array( 'op' => 'vote', 'proposal' => $passing, 'from' => 0, 'support' => 'for' ),
				array( 'op' => 'vote', 'proposal' => $passing, 'from' => 1, 'support' => 'against', 'reason' => 'Too dear.' ),
				array( 'op' => 'vote', 'proposal' => $passing, 'from' => 2, 'support' => 'abstain' ),
				array( 'op' => 'vote', 'proposal' => $failing, 'from' => 0, 'support' => 'against' ),
				array( 'op' => 'vote', 'proposal' => $failing, 'from' => 2, 'support' => 'for' ),
			)
		);
		$active = $this->read( $source, $passing );
		$this->assertSame( 'active', $active->state );
		$this->assertSame( array( 'For' => '1000', 'Against' => '100', 'Abstain' => '10' ), self::tally( $active ) );
		$this->assertEqualsWithDelta( 1000 / 1110, $active->choices[0]->share, 1e-9 );
		$this->assertSame( '244.4', $active->quorum, '4% of 6110 SVOTE at the snapshot.' );
		$this->assertSame( '1010', $active->quorum_votes, 'For and Abstain count toward the quorum.' );
		$this->assertFalse( $active->estimated && $active->start > time() + 3600, 'The snapshot block is past now.' );
		$this->assertNotNull( $active->start );
		$this->assertGreaterThan( $active->start, $active->end );

		$ballot = $source->ballot( $active, self::wallet( 1 ) );
		$this->assertSame( array( '100', true, 'Against' ), array( $ballot->power, $ballot->voted, $ballot->choice ) );
		$ballot = $source->ballot( $active, self::wallet( 3 ) );
		$this->assertSame( array( '0', false, '' ), array( $ballot->power, $ballot->voted, $ballot->choice ) );
		$ballot = $source->ballot( $this->read( $source, $failing ), self::wallet( 1 ) );
		$this->assertSame( array( '100', false, '' ), array( $ballot->power, $ballot->voted, $ballot->choice ), 'Has power, has not voted on this one.' );

		self::chain( array( array( 'op' => 'mine', 'blocks' => 51 ) ) );
		$this->assertSame( 'succeeded', $this->read( $source, $passing )->state );
		$defeated = $this->read( $source, $failing );
		$this->assertSame( 'defeated', $defeated->state );
		$this->assertTrue( $defeated->is_final() );
		$this->assertFalse( $defeated->estimated, 'Both timepoints are past blocks.' );

		self::chain( array( array( 'op' => 'queue', 'proposal' => $passing ) ) );
		$this->assertSame( 'queued', $this->read( $source, $passing )->state );
		self::chain(
			array(
				array( 'op' => 'advanceTime', 'seconds' => 61 ),
				array( 'op' => 'execute', 'proposal' => $passing ),
			)
		);
		$executed = $this->read( $source, $passing );
		$this->assertSame( 'executed', $executed->state );
		$this->assertSame( array( 'For' => '1000', 'Against' => '100', 'Abstain' => '10' ), self::tally( $executed ) );
	}

	public function test_three_proposals_take_one_aggregate3_when_seen_before_and_two_requests_the_first_time(): void {
		$governor  = self::deployment()['contracts']['governor'];
		$proposals = self::chain(
			array(
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( self::transfer( self::wallet( 1 ), '1' ) ), 'description' => '# One' ),
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( self::transfer( self::wallet( 1 ), '2' ) ), 'description' => '# Two' ),
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( self::transfer( self::wallet( 1 ), '3' ) ), 'description' => '# Three' ),
				array( 'op' => 'mine', 'blocks' => 3 ),
			)
		);
		$refs   = array_map( static fn ( array $p ): ProposalRef => ProposalRef::governor( 31337, $p['governor'], $p['id'] ), array_slice( $proposals, 0, 3 ) );
		$source = $this->source();

		$first = $source->fetch( $refs );
		$this->assertSame( array( 'One', 'Two', 'Three' ), array_map( static fn ( $p ): string => $p->title, array_values( $first ) ) );
		$this->assertSame( 2, $this->counting->requests, 'First read: the aggregate3, then one batch (token, quorums, logs, block times).' );
		$this->assertSame( array( 'eth_call' ), $this->counting->methods[0] );

		$this->counting->requests = 0;
		$this->counting->methods  = array();
		$again                    = $source->fetch( $refs );
		$this->assertSame( 1, $this->counting->requests, 'Seen before: one aggregate3 for all three.' );
		$this->assertSame( array( array( 'eth_call' ) ), $this->counting->methods );
		$this->assertSame( array( 'One', 'Two', 'Three' ), array_map( static fn ( $p ): string => $p->title, array_values( $again ) ) );
		$this->assertSame( $first[ $refs[0]->key() ]->quorum, $again[ $refs[0]->key() ]->quorum );
	}

	public function test_a_governor_bravo_proposal_reads_its_tallies_in_bravo_order(): void {
		$bravo = self::deployment()['contracts']['bravo'];
		[ $proposal ] = self::chain(
			array(
				array( 'op' => 'propose', 'governor' => $bravo, 'from' => 0, 'actions' => array( array( 'target' => self::wallet( 0 ), 'data' => '0x' ) ), 'description' => "# Bravo charter\nAdopt it." ),
				array( 'op' => 'mine', 'blocks' => 2 ),
			)
		);
		$source = $this->source();
		$this->assertSame( 'active', $this->read( $source, $proposal )->state );
		self::chain(
			array(
				array( 'op' => 'vote', 'proposal' => $proposal, 'from' => 0, 'support' => 'for' ),
				array( 'op' => 'vote', 'proposal' => $proposal, 'from' => 1, 'support' => 'against' ),
				array( 'op' => 'vote', 'proposal' => $proposal, 'from' => 2, 'support' => 'abstain' ),
			)
		);
		$active = $this->read( $source, $proposal );
		$this->assertSame( 'bravo', $active->flavor );
		$this->assertSame( 'Society Governor Bravo', $active->space_name );
		$this->assertSame( array( 'Bravo charter', 'Adopt it.' ), array( $active->title, $active->body ) );
		$contributor = $source->ballot( $active, self::wallet( 2 ) );
		$this->assertSame( array( true, 'Abstain' ), array( $contributor->voted, $contributor->choice ) );
		$this->assertSame( array( 'For' => '1000', 'Against' => '100', 'Abstain' => $contributor->power ), self::tally( $active ), 'Bravo returns for, against, abstain.' );
		$this->assertSame( array( '100', '1000' ), array( $active->quorum, $active->quorum_votes ), 'Bravo: quorumVotes, and only For counts.' );
		$this->assertSame( 'SVOTE', $active->symbol );
		$this->assertSame( self::wallet( 0 ), $active->author );

		$ballot = $source->ballot( $active, self::wallet( 1 ) );
		$this->assertSame( array( '100', true, 'Against' ), array( $ballot->power, $ballot->voted, $ballot->choice ) );
		$ballot = $source->ballot( $active, self::wallet( 3 ) );
		$this->assertSame( array( '0', false, '' ), array( $ballot->power, $ballot->voted, $ballot->choice ) );

		self::chain( array( array( 'op' => 'mine', 'blocks' => 1001 ) ) );
		$this->assertSame( 'succeeded', $this->read( $source, $proposal )->state );
		self::chain(
			array(
				array( 'op' => 'queue', 'proposal' => $proposal ),
				array( 'op' => 'advanceTime', 'seconds' => 61 ),
				array( 'op' => 'execute', 'proposal' => $proposal ),
			)
		);
		$this->assertSame( 'executed', $this->read( $this->source( false ), $proposal )->state );
	}

	public function test_a_timestamp_clock_governor_shows_its_timepoints_as_given(): void {
		$governor = self::deployment()['contracts']['clockGovernor'];
		[ $proposal ] = self::chain(
			array( array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( array( 'target' => self::wallet( 0 ), 'data' => '0x' ) ), 'description' => '# On the clock' ) )
		);
		$source  = $this->source();
		$pending = $this->read( $source, $proposal );
		$this->assertSame( 'pending', $pending->state );
		$this->assertSame( 'On the clock', $pending->title );
		$this->assertFalse( $pending->estimated );
		$this->assertSame( (string) $pending->start, $pending->snapshot, 'Timestamp clock: the snapshot is the start time.' );
		$this->assertSame( $pending->start + 3600, $pending->end );
		$this->assertSame( 'SCLOCK', $pending->symbol );

		self::chain(
			array(
				array( 'op' => 'advanceTime', 'seconds' => 61 ),
				array( 'op' => 'vote', 'proposal' => $proposal, 'from' => 1, 'support' => 'for' ),
			)
		);
		$active = $this->read( $source, $proposal );
		$this->assertSame( 'active', $active->state );
		$this->assertSame( '100', self::tally( $active )['For'] );
		$this->assertSame( '44.4', $active->quorum, '4% of 1110 SCLOCK.' );
		self::chain( array( array( 'op' => 'advanceTime', 'seconds' => 3601 ) ) );
		$this->assertSame( 'succeeded', $this->read( $source, $proposal )->state );
	}

	public function test_latest_lists_a_governors_proposals_newest_first_filtered_by_state(): void {
		$governor = self::deployment()['contracts']['clockGovernor'];
		self::chain(
			array(
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( array( 'target' => self::wallet( 1 ), 'data' => '0x' ) ), 'description' => '# Older' ),
				array( 'op' => 'advanceTime', 'seconds' => 61 ),
				array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( array( 'target' => self::wallet( 2 ), 'data' => '0x' ) ), 'description' => '# Newer' ),
			)
		);
		$source = $this->source();
		$where  = ProposalRef::governor( 31337, $governor, '' );
		$titles = static fn ( array $list ): array => array_map( static fn ( Proposal $p ): string => $p->title, $list );

		$this->assertSame( array( 'Newer', 'Older' ), array_slice( $titles( $source->latest( new Listing( $where, 20, 'all' ) ) ), 0, 2 ) );
		$this->assertSame( array( 'Newer' ), $titles( $source->latest( new Listing( $where, 1, 'all' ) ) ) );
		$this->assertSame( array( 'Newer' ), array_slice( $titles( $source->latest( new Listing( $where, 20, 'pending' ) ) ), 0, 1 ) );
		$this->assertSame( 'Older', $titles( $source->latest( new Listing( $where, 20, 'active' ) ) )[0] );
		foreach ( $source->latest( new Listing( $where, 20, 'closed' ) ) as $closed ) {
			$this->assertNotContains( $closed->state, array( 'pending', 'active' ) );
		}
	}

	public function test_unknown_ids_and_contracts_are_not_found_and_a_dead_node_is_unreachable(): void {
		$contracts = self::deployment()['contracts'];
		$source    = $this->source();
		$refs      = array(
			ProposalRef::governor( 31337, $contracts['governor'], '12345' ),
			ProposalRef::governor( 31337, $contracts['bravo'], '999' ),
			ProposalRef::governor( 31337, $contracts['membership'], '1' ),
			ProposalRef::governor( 31337, self::wallet( 3 ), '1' ),
			ProposalRef::governor( 5, $contracts['governor'], '1' ),
		);
		$results = $source->fetch( $refs );
		$reasons = array_map( static fn ( $r ): string => $r instanceof SourceError ? $r->reason : 'proposal', array_values( $results ) );
		$this->assertSame( array( 'not_found', 'not_found', 'not_found', 'not_found', 'invalid' ), $reasons );
		$this->assertNotContains( 'eth_getLogs', array_merge( ...$this->counting->methods ), 'No description is searched for a proposal that does not exist.' );

		$dead    = new GovernorSource( new ChainTransports( array( 31337 => self::transport( 'http://127.0.0.1:1', 1.0 ) ) ) );
		$results = $dead->fetch( array( $refs[0] ) );
		$this->assertSame( SourceError::UNREACHABLE, $results[ $refs[0]->key() ]->reason );
		try {
			$dead->latest( new Listing( ProposalRef::governor( 31337, $contracts['governor'], '' ), 5, 'all' ) );
			$this->fail( 'latest() on a dead node must throw.' );
		} catch ( SourceError $error ) {
			$this->assertSame( SourceError::UNREACHABLE, $error->reason );
		}
	}

	public function test_the_link_is_the_governor_on_the_networks_https_explorer(): void {
		$governor = self::deployment()['contracts']['governor'];
		[ $proposal ] = self::chain(
			array( array( 'op' => 'propose', 'governor' => $governor, 'from' => 0, 'actions' => array( array( 'target' => self::wallet( 0 ), 'data' => '0x' ) ), 'description' => '# Linked' ) )
		);
		$networks = \SovereignPress\Plugin::instance()->networks();
		$link     = function ( string $explorer ) use ( $networks, $proposal ): string {
			update_option(
				\SovereignPress\Settings\Settings::OPTION,
				array( 'networks' => array( array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'explorerUrl' => $explorer ) ) )
			);
			return $this->read( new GovernorSource( $networks ), $proposal )->link;
		};
		$this->assertSame( 'https://explorer.example.org/address/' . $governor, $link( 'https://explorer.example.org/' ) );
		$this->assertSame( 'https://example.org/local/address/' . $governor, $link( 'https://example.org/local' ) );
		$this->assertSame( '', $link( 'http://explorer.example.org' ), 'Only https explorers are linked.' );
		$this->assertSame( '', $link( '' ), 'No explorer, no link.' );
	}

	public function test_block_attributes_are_checked_with_precise_messages(): void {
		$source   = $this->source();
		$governor = self::deployment()['contracts']['governor'];
		$ref      = $source->ref( '31337', strtolower( $governor ), '00042' );
		$this->assertSame( array( 31337, $governor, '42' ), array( $ref->chain_id, $ref->governor, $ref->id ) );
		$this->assertSame( Amount::MAX_UINT256, $source->ref( 31337, $governor, Amount::MAX_UINT256 )->id );
		$this->assertSame( $governor, $source->ref( 31337, '0x' . strtoupper( substr( $governor, 2 ) ), '', true )->governor, 'All uppercase carries no checksum.' );
		$this->assertSame( '', $source->ref( 31337, $governor, 'ignored', true )->id, 'A list names no proposal.' );
		foreach (
			array(
				array( array( 1, $governor, '1' ), 'not one of this site' ),
				array( array( 'x', $governor, '1' ), 'Choose the chain' ),
				array( array( 31337, '0x1234', '1' ), '40 hexadecimal' ),
				array( array( 31337, self::miscased( $governor ), '1' ), 'wrong checksum' ),
				array( array( 31337, $governor, '1.5' ), 'whole number' ),
				array( array( 31337, $governor, '-1' ), 'whole number' ),
				array( array( 31337, $governor, '1e3' ), 'whole number' ),
				array( array( 31337, $governor, Amount::MAX_UINT256 . '0' ), 'whole number' ),
				array( array( 31337, $governor, '115792089237316195423570985008687907853269984665640564039457584007913129639936' ), 'larger than any Governor' ),
				array( array( 31337, $governor, 1.0 ), 'whole number' ),
			) as [ $args, $message ]
		) {
			try {
				$source->ref( ...$args );
				$this->fail( 'Accepted ' . wp_json_encode( $args ) );
			} catch ( SourceError $error ) {
				$this->assertSame( SourceError::INVALID, $error->reason );
				$this->assertStringContainsString( $message, $error->getMessage() );
			}
		}
	}
}
