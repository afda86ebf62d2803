<?php
/**
 * What an anonymous visitor can make the site do through the public census routes: no answer a
 * visitor shapes (an address to prove, a page size, a number of days) becomes a stored cache
 * entry of its own, so a visitor walking through addresses or page sizes cannot fill the options
 * table (or evict the object cache) a row per request.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

require_once __DIR__ . '/PublishedCensusTestCase.php';

final class CensusVisitorLimitsTest extends PublishedCensusTestCase {

	/**
	 * Census cache entries stored as transients (the options table, without an object cache).
	 */
	private static function stored_entries(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM %i WHERE option_name LIKE %s', $wpdb->options, $wpdb->esc_like( '_transient_sovereign_press_census_' ) . '%' ) );
	}

	public function test_visitor_chosen_addresses_page_sizes_and_days_store_no_entry_each(): void {
		if ( wp_using_ext_object_cache() ) {
			$this->markTestSkipped( 'Counts transient rows: the run without an object cache.' );
		}
		$census = self::take_census( 30 );
		// The answers every page shows (the figures, a year of history) may be kept.
		$this->assertSame( 200, $this->get( '' )->get_status() );
		$this->assertSame( 200, $this->get( '/history' )->get_status() );
		$before = self::stored_entries();

		for ( $i = 0; $i < 40; $i++ ) {
			// Addresses no one holds, members, page sizes and day counts: each its own question.
			$this->assertSame( 404, $this->get( '/proof', array( 'address' => '0x' . sha1( 'stranger ' . $i ) ) )->get_status() );
			$this->assertSame( 200, $this->get( '/proof', array( 'address' => $census['members'][ $i % 30 ] ) )->get_status() );
			$this->assertSame( 200, $this->get( '/members', array( 'per_page' => 1 + $i ) )->get_status() );
			$this->assertSame( 200, $this->get( '/history', array( 'days' => 1 + $i ) )->get_status() );
		}

		$this->assertLessThanOrEqual( $before + 2, self::stored_entries(), '160 visitor-shaped requests stored at most the two entries a census page needs' );
	}
}
