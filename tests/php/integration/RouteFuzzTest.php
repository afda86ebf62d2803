<?php
/**
 * Every argument of every sovereign-press/v1 route, spoiled one at a time with a fixed set of
 * hostile values (wrong types, huge values, deep nesting, invalid UTF-8, null bytes, numbers as
 * strings and back, markup, URLs of other hosts), and whole bodies that are not the JSON object
 * a route reads. Each answer is a coded 4xx with a message, or a 2xx only where the value is one
 * the argument's schema accepts (or the route ignores the argument); never a 5xx, never a PHP
 * warning, notice or deprecation, never an answer WordPress could not encode as JSON, and never
 * a request to a host the input chose.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

require_once __DIR__ . '/RouteAccessTest.php';
require_once __DIR__ . '/RouteFuzzing.php';

final class RouteFuzzTest extends TestCase {
	use RouteFuzzing;

	protected function setUp(): void {
		parent::setUp();
		self::configure_citizens_gate();
		$this->start_fuzzing();
	}

	protected function tearDown(): void {
		$this->stop_fuzzing();
		parent::tearDown();
	}

	public function test_every_argument_of_every_route_refuses_hostile_values_with_a_coded_4xx(): void {
		$table = RouteAccessTest::table();
		$this->assertEqualsCanonicalizing( array_keys( $table ), RouteAccessTest::served(), 'The fuzz covers every route.' );
		[ $count, $faults ] = $this->fuzz( $table, array( 'admin', '' ) );
		$this->assertGreaterThan( 1000, $count );
		$this->assertSame( array(), $faults );
		$this->assertOnlyConfiguredHosts();
	}

	public function test_a_body_that_is_not_a_json_object_is_refused_with_a_coded_4xx(): void {
		$deep   = str_repeat( '[', 600 ) . str_repeat( ']', 600 );
		$bodies = array(
			'not JSON'           => 'message=hello',
			'truncated'          => '{"message":',
			'a list'             => '[1,2,3]',
			'a string'           => '"hello"',
			'a number'           => '1e999',
			'600 levels deep'    => $deep,
			'invalid UTF-8'      => "{\"message\":\"caf\xc3\x28\"}",
			'a null byte'        => "{\"message\":\"a\0b\"}",
			'duplicate keys'     => '{"rpcUrl":"http://127.0.0.1:1/","rpcUrl":"file:///etc/passwd"}',
			'an unpaired escape' => '{"message":"\\ud800"}',
		);
		$faults = array();
		$this->log_in_as( 'admin' );
		foreach ( RouteAccessTest::table() as $key => [ $path ] ) {
			[ $method ] = explode( ' ', $key, 2 );
			if ( 'GET' === $method ) {
				continue;
			}
			foreach ( $bodies as $label => $body ) {
				$response = $this->dispatch( $method, $path, array(), $body );
				$fault    = $this->fault( $response, null, null, 'body' );
				if ( null !== $fault ) {
					$faults[] = "{$key} with {$label}: {$fault}";
				}
			}
		}
		wp_set_current_user( 0 );
		$this->assertSame( array(), $faults );
		$this->assertOnlyConfiguredHosts();
	}

	public function test_a_post_s_gate_and_gated_sections_refuse_hostile_values_with_a_coded_4xx(): void {
		$this->log_in_as( 'author' );
		$faults = array();
		foreach ( self::values() as $label => $value ) {
			$attributes = (string) wp_json_encode( array( 'preset' => $value, 'rule' => $value, 'message' => $value ), JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR );
			foreach (
				array(
					'the gate meta'    => array( 'meta' => array( '_sovereign_press_gate' => $value ) ),
					'the gate\'s rule' => array( 'meta' => array( '_sovereign_press_gate' => array( 'rule' => $value ) ) ),
					'a gated section'  => array( 'content' => '<!-- wp:sovereign-press/gated-content ' . $attributes . ' --><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --><!-- /wp:sovereign-press/gated-content -->' ),
				) as $where => $fields
			) {
				$response = $this->dispatch( 'POST', '/wp/v2/posts', array( 'title' => 'Fuzzed', 'status' => 'draft' ) + $fields );
				$fault    = $this->fault( $response, null, null, $where );
				if ( null !== $fault ) {
					$faults[] = "{$where} = {$label}: {$fault}";
				}
			}
		}
		wp_set_current_user( 0 );
		$this->assertSame( array(), $faults );
	}

	public function test_a_path_parameter_that_breaks_its_pattern_matches_no_route(): void {
		$this->log_in_as( 'admin' );
		foreach ( array( '0x1234', '0x' . str_repeat( 'g', 40 ), '0x' . str_repeat( 'a', 41 ), '..%2F..%2Fetc', rawurlencode( "0x\0" ) ) as $address ) {
			$response = $this->dispatch( 'DELETE', '/sovereign-press/v1/auth/wallets/' . $address, array() );
			$this->assertSame( 404, $response->get_status(), $address );
			$this->assertSame( 'rest_no_route', $response->get_data()['code'], $address );
		}
	}
}
