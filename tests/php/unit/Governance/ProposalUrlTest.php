<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Governance;

use PHPUnit\Framework\TestCase;
use SovereignPress\Governance\Snapshot\ProposalUrl;
use SovereignPress\Governance\SourceError;

/**
 * Every Snapshot link form, and every way an input can fail, from tests/vectors/snapshot-urls.json
 * (the editor's TypeScript runs the same file).
 */
final class ProposalUrlTest extends TestCase {

	/**
	 * @return array<string, mixed>
	 */
	private static function vectors(): array {
		return json_decode( (string) file_get_contents( dirname( __DIR__, 3 ) . '/vectors/snapshot-urls.json' ), true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * @return iterable<string, array{array<string, mixed>}>
	 */
	public static function valid(): iterable {
		foreach ( self::vectors()['valid'] as $vector ) {
			yield $vector['input'] => array( $vector );
		}
	}

	/**
	 * @return iterable<string, array{array<string, mixed>}>
	 */
	public static function invalid(): iterable {
		foreach ( self::vectors()['invalid'] as $vector ) {
			yield json_encode( $vector['input'] ) => array( $vector );
		}
	}

	/**
	 * @return iterable<string, array{array<string, mixed>}>
	 */
	public static function parts(): iterable {
		foreach ( self::vectors()['parts'] as $i => $vector ) {
			yield $i . ' ' . json_encode( array( $vector['space'], $vector['id'] ) ) => array( $vector );
		}
	}

	/**
	 * @dataProvider valid
	 *
	 * @param array<string, mixed> $vector Vector.
	 */
	public function test_reads_the_space_and_id_of_every_link_form( array $vector ): void {
		$ref = ProposalUrl::parse( $vector['input'] );
		$this->assertSame( 'snapshot', $ref->source );
		$this->assertSame( $vector['space'], $ref->space );
		$this->assertSame( $vector['id'], $ref->id );
		$this->assertSame( $vector['testnet'], $ref->testnet );
		$this->assertNull( ProposalUrl::problem( $vector['input'] ) );
	}

	/**
	 * @dataProvider invalid
	 *
	 * @param array<string, mixed> $vector Vector.
	 */
	public function test_refuses_what_is_not_a_proposal_link_saying_why( array $vector ): void {
		$this->assertSame( $vector['problem'], ProposalUrl::problem( $vector['input'] ) );
		try {
			ProposalUrl::parse( $vector['input'] );
			$this->fail( 'Accepted ' . $vector['input'] );
		} catch ( SourceError $error ) {
			$this->assertSame( SourceError::INVALID, $error->reason );
			$this->assertSame( ProposalUrl::message( $vector['problem'] ), $error->getMessage() );
		}
	}

	/**
	 * @dataProvider parts
	 *
	 * @param array<string, mixed> $vector Vector.
	 */
	public function test_reads_a_space_and_id_typed_in( array $vector ): void {
		if ( isset( $vector['problem'] ) ) {
			try {
				ProposalUrl::from_parts( $vector['space'], $vector['id'], $vector['testnet'] );
				$this->fail( 'Accepted ' . json_encode( $vector ) );
			} catch ( SourceError $error ) {
				$this->assertSame( ProposalUrl::message( $vector['problem'] ), $error->getMessage() );
			}
			return;
		}
		$ref = ProposalUrl::from_parts( $vector['space'], $vector['id'], $vector['testnet'] );
		$this->assertSame( $vector['expect'], array( 'space' => $ref->space, 'id' => $ref->id, 'testnet' => $ref->testnet ) );
	}

	public function test_refuses_input_longer_than_any_link(): void {
		$long = self::vectors()['longInput'];
		$url  = 'https://snapshot.box/#/s:society.eth/proposal/0x' . str_repeat( '1', 64 ) . '?' . str_repeat( 'a', $long['length'] );
		$this->assertSame( $long['problem'], ProposalUrl::problem( substr( $url, 0, $long['length'] ) ) );
	}

	public function test_the_messages_say_what_to_do_for_tally_and_on_chain_spaces(): void {
		$this->assertStringContainsString( 'Tally has shut down', ProposalUrl::message( ProposalUrl::TALLY ) );
		$this->assertStringContainsString( 'Governor', ProposalUrl::message( ProposalUrl::ONCHAIN_SPACE ) );
		$this->assertNotSame( ProposalUrl::message( ProposalUrl::BAD_ID ), ProposalUrl::message( ProposalUrl::NO_PROPOSAL ) );
	}

	public function test_a_space_alone_is_lowercased_and_checked(): void {
		$this->assertSame( 'society.eth', ProposalUrl::space( ' Society.ETH ' ) );
		foreach ( array( '', 'a b.eth', 'x:0x12', str_repeat( 'a', 101 ), "so\x01c.eth" ) as $bad ) {
			try {
				ProposalUrl::space( $bad );
				$this->fail( 'Accepted ' . json_encode( $bad ) );
			} catch ( SourceError $error ) {
				$this->assertSame( SourceError::INVALID, $error->reason );
			}
		}
	}
}
