<?php
/**
 * The lease: one holder at a time, renewed by its holder, free again when released or when a run
 * that died let it expire; and the hourly WP-Cron sync that takes it.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Lease;
use SovereignPress\Census\Snapshots;
use SovereignPress\Settings\Settings;
use SovereignPress\Storage\Installer;

require_once __DIR__ . '/CensusTestCase.php';

final class CensusLeaseTest extends CensusTestCase {

	public function test_one_holder_at_a_time_until_it_releases_or_its_lease_expires(): void {
		global $wpdb;
		$lease = new Lease();
		$this->assertTrue( $lease->acquire( 'first', 60 ) );
		$this->assertFalse( $lease->acquire( 'second', 60 ), 'Taken.' );
		$this->assertTrue( $lease->renew( 'first', 60 ), 'Its holder renews it.' );
		$this->assertSame( 'first', $lease->owner() );
		$lease->release( 'second' );
		$this->assertSame( 'first', $lease->owner(), 'Only the holder gives it back.' );
		$lease->release( 'first' );
		$this->assertTrue( $lease->acquire( 'second', 60 ) );

		// The holder died: its lease runs out and the next runner takes it.
		$wpdb->query( $wpdb->prepare( 'UPDATE %i SET lease_until = %s WHERE name = %s', Installer::tables()['census_state'], gmdate( 'Y-m-d H:i:s', time() - 1 ), 'lease' ) );
		$this->assertSame( '', $lease->owner() );
		$this->assertTrue( $lease->acquire( 'third', 60 ) );
		$this->assertFalse( $lease->renew( 'second', 60 ), 'The dead run lost it.' );
	}

	public function test_a_job_finding_the_lease_taken_returns_busy_and_changes_nothing(): void {
		$t            = self::deploy_tokens();
		$this->census = self::census_over( $t, $t['block'] );
		$this->assertTrue( ( new Lease() )->acquire( 'someone-else', 60 ) );
		$progress = $this->job()->run( 10 );
		$this->assertTrue( $progress['busy'] );
		$this->assertSame( 'idle', $progress['phase'] );
		$this->assertNull( ( new \SovereignPress\Census\Store() )->source( 'nft' ) );
	}

	public function test_the_hourly_cron_event_syncs_with_the_sites_settings(): void {
		$saved = get_option( Settings::OPTION );
		try {
			$t = self::deploy_tokens();
			self::send( self::actor( 0 ), $t['nft'], 'mint(address,uint256)', array( array( 'address', self::actor( 1 ) ), array( 'uint', '1' ) ) );
			update_option(
				Settings::OPTION,
				array(
					'networks' => array( array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => (string) getenv( 'SP_RPC_URL' ), 'explorerUrl' => '' ) ),
					'census'   => self::census_over( $t, $t['block'] ),
				)
			);
			$this->assertNotFalse( wp_next_scheduled( Installer::CENSUS_HOOK ), 'Scheduled hourly.' );
			do_action( Installer::CENSUS_HOOK );
			$snapshot = ( new Snapshots() )->latest();
			$this->assertNotNull( $snapshot );
			$this->assertSame( 1, $snapshot['population'] );
			$this->assertMatchesRegularExpression( '/^0x[0-9a-f]{64}$/', $snapshot['root'], 'The tree builder ran too.' );
			$this->assertFalse( wp_next_scheduled( Installer::CENSUS_HOOK, array( 'continue' ) ), 'Nothing left: no follow-up run.' );
		} finally {
			update_option( Settings::OPTION, $saved );
		}
	}
}
