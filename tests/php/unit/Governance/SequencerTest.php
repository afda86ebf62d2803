<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Governance;

use PHPUnit\Framework\TestCase;
use SovereignPress\Governance\Snapshot\HttpFailure;
use SovereignPress\Governance\Snapshot\Sequencer;
use SovereignPress\Governance\Snapshot\VoteRejected;
use SovereignPress\Tests\Support\ScriptedHttp;

/**
 * The sequencer's answers (snapshot-sequencer: 200 receipt, 400 `{error: client_error,
 * error_description}`, 429, 503 `update in progress, try later`) and what each becomes.
 */
final class SequencerTest extends TestCase {

	private const ENVELOPE = array(
		'address' => '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
		'sig'     => '0x11',
		'data'    => array( 'message' => array( 'from' => '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' ) ),
	);

	private static function rejection( ScriptedHttp $http ): VoteRejected {
		try {
			( new Sequencer( $http, 'https://seq.example/' ) )->relay( self::ENVELOPE );
		} catch ( VoteRejected $rejected ) {
			return $rejected;
		}
		self::fail( 'The vote was relayed.' );
	}

	public function test_relays_the_envelope_unchanged_and_returns_the_receipt(): void {
		$http    = ScriptedHttp::always( 200, '{"id":"0x' . str_repeat( 'Ab', 32 ) . '","ipfs":"bafkreib","relayer":{"address":"0x1","receipt":"x"}}' );
		$receipt = ( new Sequencer( $http, 'https://seq.example/' ) )->relay( self::ENVELOPE );
		$this->assertSame( array( 'id' => '0x' . str_repeat( 'ab', 32 ), 'ipfs' => 'bafkreib' ), $receipt );
		$this->assertSame( self::ENVELOPE, $http->requests[0]['body'] );
		$this->assertSame( 'https://seq.example/', $http->requests[0]['url'] );
	}

	/**
	 * @return iterable<string, array{int, string, string, int}>
	 */
	public static function refusals(): iterable {
		$client = static fn( string $text ): string => (string) json_encode( array( 'error' => 'client_error', 'error_description' => $text ) );
		yield 'window' => array( 400, $client( 'not in voting window' ), 'not_in_voting_window', 400 );
		yield 'choice' => array( 400, $client( 'invalid choice' ), 'invalid_choice', 400 );
		yield 'power' => array( 400, $client( 'no voting power' ), 'no_voting_power', 400 );
		yield 'signature' => array( 400, $client( 'signature validation failed' ), 'signature_invalid', 400 );
		yield 'timestamp' => array( 400, $client( 'wrong timestamp' ), 'wrong_timestamp', 400 );
		yield 'types' => array( 400, $client( 'wrong types' ), 'wrong_types', 400 );
		yield 'domain' => array( 400, $client( 'wrong domain' ), 'wrong_domain', 400 );
		yield 'envelope' => array( 400, $client( 'wrong envelope format' ), 'bad_envelope', 400 );
		yield 'metadata' => array( 400, $client( 'too large metadata' ), 'too_large', 400 );
		yield 'validation' => array( 400, $client( 'failed vote validation' ), 'failed_validation', 400 );
		yield 'rate limit' => array( 429, '{"error":"client_error","error_description":"too many requests, refer to https://docs.snapshot.org/tools/api/api-keys#limits"}', 'rate_limited', 429 );
		yield 'update' => array( 503, '{"error":"server_error","error_description":"update in progress, try later"}', 'unreachable', 502 );
		yield 'server error' => array( 500, '<html>', 'unreachable', 502 );
		yield 'unknown text' => array( 400, $client( 'something new' ), 'other', 400 );
		yield 'bad receipt' => array( 200, '{"id":"<script>"}', 'malformed', 502 );
	}

	/**
	 * @dataProvider refusals
	 */
	public function test_maps_each_refusal_to_a_stable_reason( int $status, string $body, string $reason, int $our_status ): void {
		$rejected = self::rejection( ScriptedHttp::always( $status, $body ) );
		$this->assertSame( array( $reason, $our_status ), array( $rejected->reason, $rejected->status ) );
		$this->assertNotSame( '', $rejected->getMessage() );
	}

	public function test_no_answer_is_unreachable(): void {
		$http = new ScriptedHttp(
			static function (): array {
				throw new HttpFailure( true );
			}
		);
		$this->assertSame( 'unreachable', self::rejection( $http )->reason );
	}
}
