<?php
/**
 * The public census routes, fuzzed as RouteFuzzTest fuzzes every route, but with a census taken,
 * so that the hostile values reach the code that pages the member list and looks up proofs (before
 * the first snapshot those routes answer 404 at once).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Tests\Integration\RouteFuzzing;

require_once __DIR__ . '/PublishedCensusTestCase.php';
require_once dirname( __DIR__ ) . '/RouteFuzzing.php';

final class CensusRouteFuzzTest extends PublishedCensusTestCase {
	use RouteFuzzing;

	protected function setUp(): void {
		parent::setUp();
		$this->start_fuzzing();
	}

	protected function tearDown(): void {
		$this->stop_fuzzing();
		parent::tearDown();
	}

	public function test_the_census_routes_refuse_hostile_values_with_a_coded_4xx_when_there_is_a_census(): void {
		$census = self::take_census( 5 );
		$table  = array(
			'GET /sovereign-press/v1/census'         => array( self::BASE, array() ),
			'GET /sovereign-press/v1/census/history' => array( self::BASE . '/history', array( 'days' => 30 ) ),
			'GET /sovereign-press/v1/census/members' => array( self::BASE . '/members', array( 'page' => 2, 'per_page' => 2 ) ),
			'GET /sovereign-press/v1/census/proof'   => array( self::BASE . '/proof', array( 'address' => $census['members'][1] ) ),
		);
		foreach ( $table as [ $path, $sound ] ) {
			$this->assertSame( 200, $this->get( substr( $path, strlen( self::BASE ) ), $sound )->get_status(), $path );
		}
		$table['GET /sovereign-press/v1/census/members csv'] = array( self::BASE . '/members', array( 'format' => 'csv' ) );
		[ $count, $faults ] = $this->fuzz( $table, array( '', 'admin' ) );
		$this->assertGreaterThan( 300, $count );
		$this->assertSame( array(), $faults );
		$this->assertOnlyConfiguredHosts();
	}
}
