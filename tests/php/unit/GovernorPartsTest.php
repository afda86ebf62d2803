<?php
/**
 * The pure parts of the Governor source: Tally links, descriptions, amounts, event decoding.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Abi;
use SovereignPress\Gating\Amount;
use SovereignPress\Governance\Governor\GovernorLogs;
use SovereignPress\Governance\Governor\GovernorSource;
use SovereignPress\Governance\Governor\TallyUrl;

final class GovernorPartsTest extends TestCase {

	public function test_tally_urls_give_the_slug_and_the_decimal_id(): void {
		$this->assertSame( array( 'slug' => 'arbitrum', 'id' => '123456789012345678901234567890' ), TallyUrl::parse( 'https://www.tally.xyz/gov/arbitrum/proposal/123456789012345678901234567890' ) );
		$this->assertSame( array( 'slug' => 'eip155:1:0xabc', 'id' => '7' ), TallyUrl::parse( ' https://tally.xyz/gov/eip155%3A1%3A0xabc/proposal/007?govId=x ' ) );
		$this->assertSame( '42', TallyUrl::parse( 'https://www.tally.xyz/gov/ens/proposal/42/votes#top' )['id'] ?? null );
		foreach (
			array(
				'https://www.tally.xyz/gov/ens/proposal/0x2a',
				'https://www.tally.xyz/gov/ens/proposal/',
				'https://evil.example/gov/ens/proposal/1',
				'https://www.tally.xyz.evil.example/gov/ens/proposal/1',
				'https://www.tally.xyz/gov/ens/proposal/' . Amount::MAX_UINT256 . '1',
				'https://www.tally.xyz/gov/ens',
				'javascript:alert(1)//www.tally.xyz/gov/ens/proposal/1',
			) as $url
		) {
			$this->assertNull( TallyUrl::parse( $url ), $url );
		}
	}

	public function test_a_description_splits_into_a_title_without_hashes_and_a_body(): void {
		$this->assertSame( array( 'title' => 'Fund the room', 'body' => "Body **bold**\n\n- a" ), GovernorSource::split( "## Fund the room\r\nBody **bold**\r\n\r\n- a\n" ) );
		$this->assertSame( array( 'title' => 'Plain', 'body' => '' ), GovernorSource::split( 'Plain' ) );
		$this->assertSame( "Bad \u{FFFD} byte", GovernorSource::split( "Bad \xff byte" )['title'] );
		$this->assertSame( '&amp; <b>', GovernorSource::split( "# t\n&amp; <b>" )['body'], 'Text stays raw; the view escapes it.' );
		$long = GovernorSource::split( '# ' . str_repeat( 'é', 5000 ) . "\nbody" )['title'];
		$this->assertSame( 2048, mb_strlen( $long, 'UTF-8' ), 'A title as long as a contract likes is cut to what a page shows.' );
		$this->assertStringEndsWith( '…', $long );
	}

	public function test_base_units_become_whole_tokens_without_floats(): void {
		$this->assertSame( '1.5', Amount::whole( '1500000000000000000', 18 ) );
		$this->assertSame( '0.000000000000000001', Amount::whole( '1', 18 ) );
		$this->assertSame( '0', Amount::whole( '0', 18 ) );
		$this->assertSame( '244.4', Amount::whole( '244400000000000000000', 18 ) );
		$this->assertSame( Amount::MAX_UINT256, Amount::whole( Amount::MAX_UINT256, 0 ) );
		$this->assertSame( '115792089237316195423570985008687907853269984665640564039457.584007913129639935', Amount::whole( Amount::MAX_UINT256, 18 ) );
	}

	public function test_proposal_created_logs_decode_id_proposer_timepoints_and_description(): void {
		$this->assertSame( '0x7d84a6263ae0d98d3329bd7b46bb4e8d6f98cd35a7adb45c274c8b7fd5ebd5e0', GovernorLogs::topic( GovernorLogs::PROPOSAL_CREATED ) );
		$this->assertSame( '0xb8e138887d0aa13bab447e82de9d5c1777041ecd21ca36ba824ff1e6c07ddda4', GovernorLogs::topic( GovernorLogs::VOTE_CAST ) );
		$id          = '64370049505585798689628265172997843342360831265302227235068520462320953003819';
		$description = "# Title\nBody";
		$empty_array = Abi::uint( 0 );
		$data        = Amount::to_word( $id )
			. str_pad( (string) hex2bin( '70997970c51812dc3a010c7d01b50e0d17dc79c8' ), 32, "\0", STR_PAD_LEFT );
		$tail_start  = 9 * 32;
		for ( $i = 0; $i < 4; $i++ ) {
			$data .= Abi::uint( $tail_start + 32 * $i );
		}
		$data .= Amount::to_word( '120' ) . Amount::to_word( '170' ) . Abi::uint( $tail_start + 4 * 32 );
		$data .= str_repeat( $empty_array, 4 ) . Abi::uint( strlen( $description ) ) . str_pad( $description, 32, "\0" );
		$log = array(
			'data'        => '0x' . bin2hex( $data ),
			'blockNumber' => '0x77',
		);
		$this->assertSame(
			array(
				'id'          => $id,
				'proposer'    => '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
				'start'       => '120',
				'end'         => '170',
				'description' => $description,
				'block'       => 119,
			),
			GovernorLogs::proposal_created( $log )
		);
		$this->assertNull( GovernorLogs::proposal_created( array( 'data' => '0x' . bin2hex( substr( $data, 0, 300 ) ) ) ), 'Truncated data.' );
		$this->assertNull( GovernorLogs::proposal_created( array( 'data' => 'nope' ) ) );
	}

	public function test_log_ranges_split_into_chunks_newest_first(): void {
		$calls = ( new GovernorLogs( 10 ) )->calls( array( 'address' => '0xabc' ), 5, 30 );
		$this->assertSame(
			array( array( '0x15', '0x1e' ), array( '0xb', '0x14' ), array( '0x5', '0xa' ) ),
			array_map( static fn ( array $c ): array => array( $c[1][0]['fromBlock'], $c[1][0]['toBlock'] ), $calls )
		);
		$this->assertSame( 'eth_getLogs', $calls[0][0] );
		$this->assertSame( '0xabc', $calls[0][1][0]['address'] );
	}
}
