<?php
/**
 * The economy token's active addresses are kept only as long as the economy figures need them
 * (the last 30 days and a day of margin), so census_activity does not grow with the token's whole
 * history, nor with a token that sprays transfers to fresh addresses.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Store;
use SovereignPress\Storage\Installer;

require_once __DIR__ . '/CensusTestCase.php';

final class CensusActivityTest extends CensusTestCase {

	private const TOKEN = array(
		'id'         => 'eco',
		'name'       => 'Economy',
		'chainId'    => 31337,
		'standard'   => 'erc20',
		'address'    => '0x00000000000000000000000000000000000000e1',
		'tokenId'    => '',
		'minBalance' => '1',
		'startBlock' => 0,
		'membership' => false,
	);

	/**
	 * A day's economy with these addresses.
	 *
	 * @param list<string> $addresses Addresses.
	 * @return array{transfers:int, volume:string, addresses:array<string, true>}
	 */
	private static function day( array $addresses ): array {
		return array(
			'transfers' => count( $addresses ),
			'volume'    => '5',
			'addresses' => array_fill_keys( $addresses, true ),
		);
	}

	private static function rows(): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM %i WHERE source = %s', Installer::tables()['census_activity'], 'eco' ) );
	}

	public function test_active_addresses_older_than_the_economy_window_are_dropped_as_the_scan_moves_on(): void {
		$store = new Store();
		$store->prepare( self::TOKEN, 18 );
		$old     = array();
		$recent  = '0x' . str_repeat( 'c', 40 );
		for ( $i = 0; $i < 50; $i++ ) {
			$old[] = '0x' . str_pad( dechex( 0x1000 + $i ), 40, '0', STR_PAD_LEFT );
		}
		$start = strtotime( '2026-01-01 UTC' );
		$this->assertTrue( $store->apply( 'eco', 0, 9, '0x' . str_repeat( '1', 64 ), array(), array( gmdate( 'Y-m-d', $start ) => self::day( $old ) ), false, 0 ) );
		$this->assertSame( 50, self::rows() );

		// Forty days later: the first day's addresses no longer count toward any figure.
		$later = $start + 40 * DAY_IN_SECONDS;
		$this->assertTrue( $store->apply( 'eco', 10, 19, '0x' . str_repeat( '2', 64 ), array(), array( gmdate( 'Y-m-d', $later ) => self::day( array( $recent ) ) ), false, 0 ) );
		$this->assertSame( 1, self::rows(), 'Only the addresses of the last 31 days are kept.' );
		$this->assertSame( array( 'transfers' => 1, 'volume' => '5', 'activeAddresses' => 1 ), $store->economy( 'eco', 30, $later ) );

		// A day within the window keeps its addresses.
		$this->assertTrue( $store->apply( 'eco', 20, 29, '0x' . str_repeat( '3', 64 ), array(), array( gmdate( 'Y-m-d', $later + 20 * DAY_IN_SECONDS ) => self::day( array( $old[0] ) ) ), false, 0 ) );
		$this->assertSame( 2, self::rows() );
		$this->assertSame( 2, $store->economy( 'eco', 30, $later + 20 * DAY_IN_SECONDS )['activeAddresses'] );
	}
}
