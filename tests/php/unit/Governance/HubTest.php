<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Governance;

use PHPUnit\Framework\TestCase;
use SovereignPress\Governance\Snapshot\HttpFailure;
use SovereignPress\Governance\Snapshot\Hub;
use SovereignPress\Governance\SourceError;
use SovereignPress\Tests\Support\ScriptedHttp;

/**
 * What each way a hub can fail becomes, with the hub's real error bodies (snapshot-hub
 * src/helpers/utils.ts: `{error, error_description}` for 401 and 429).
 */
final class HubTest extends TestCase {

	private static function failure( ScriptedHttp $http, string $api_key = '' ): SourceError {
		try {
			( new Hub( $http, 'https://hub.example/graphql', $api_key, 1.5 ) )->query( '{ space(id: "x") { id } }' );
		} catch ( SourceError $error ) {
			return $error;
		}
		self::fail( 'The query succeeded.' );
	}

	private static function no_answer( bool $timed_out ): \Closure {
		return static function () use ( $timed_out ): array {
			throw new HttpFailure( $timed_out );
		};
	}

	public function test_posts_the_query_with_the_api_key_header_only_when_set(): void {
		$http = ScriptedHttp::always( 200, '{"data":{"space":null}}' );
		$this->assertSame( array( 'space' => null ), ( new Hub( $http, 'https://hub.example/graphql' ) )->query( 'query Q($id: String!) { space(id: $id) { id } }', array( 'id' => 'x' ) ) );
		( new Hub( $http, 'https://hub.example/graphql', 'k3y', 2.5 ) )->query( '{ x }' );
		$this->assertSame( array(), $http->requests[0]['headers'] );
		$this->assertSame( array( 'id' => 'x' ), $http->requests[0]['body']['variables'] );
		$this->assertSame( array( 'x-api-key' => 'k3y' ), $http->requests[1]['headers'] );
		$this->assertSame( 2.5, $http->requests[1]['timeout'] );
		$this->assertSame( array(), $http->requests[1]['body']['variables'] );
	}

	public function test_no_answer_or_an_http_error_is_unreachable_with_a_clear_message(): void {
		$timeout = self::failure( new ScriptedHttp( self::no_answer( true ) ) );
		$this->assertSame( array( SourceError::UNREACHABLE, 'The Snapshot hub did not answer within 1.5 seconds.' ), array( $timeout->reason, $timeout->getMessage() ) );

		$down = self::failure( new ScriptedHttp( self::no_answer( false ) ) );
		$this->assertSame( array( SourceError::UNREACHABLE, 'The Snapshot hub could not be reached.' ), array( $down->reason, $down->getMessage() ) );

		$key = self::failure( ScriptedHttp::always( 401, '{"error":"unauthorized","error_description":"invalid api key"}' ), 'bad' );
		$this->assertSame( SourceError::UNREACHABLE, $key->reason );
		$this->assertStringContainsString( 'API key', $key->getMessage() );

		$limited = self::failure( ScriptedHttp::always( 429, '{"error":"unauthorized","error_description":"too many requests, refer to https://docs.snapshot.box/tools/api/api-keys#limits"}' ) );
		$this->assertSame( SourceError::UNREACHABLE, $limited->reason );
		$this->assertStringContainsString( 'rate-limiting', $limited->getMessage() );
		$this->assertStringContainsString( 'API key', $limited->getMessage() );

		$server = self::failure( ScriptedHttp::always( 502, '<html>Bad gateway</html>' ) );
		$this->assertSame( array( SourceError::UNREACHABLE, 'The Snapshot hub answered with HTTP status 502.' ), array( $server->reason, $server->getMessage() ) );
	}

	public function test_an_answer_that_is_not_a_graphql_result_is_malformed(): void {
		foreach ( array( '<html>', '', '[1,2]', '"data"', '{"data":"x"}', '{"nodata":{}}', str_repeat( '[', 100 ) . str_repeat( ']', 100 ) ) as $body ) {
			$this->assertSame( SourceError::MALFORMED, self::failure( ScriptedHttp::always( 200, $body ) )->reason, $body );
		}
	}

	public function test_graphql_errors_are_malformed_with_the_hubs_text_made_printable(): void {
		$error = self::failure( ScriptedHttp::always( 400, '{"errors":[{"message":"The `first` argument must not be greater than 1000\u0000<b>"}]}' ) );
		$this->assertSame( SourceError::MALFORMED, $error->reason );
		$this->assertSame( 'The Snapshot hub refused the query: The `first` argument must not be greater than 1000 <b>', $error->getMessage() );
	}
}
