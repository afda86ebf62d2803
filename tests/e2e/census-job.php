<?php
/**
 * Drives the census job of the end-to-end site from outside the browser, as another runner would
 * (WP-Cron, WP-CLI): hold or release its lease, or do one bounded run.
 *
 * Usage: php tests/e2e/census-job.php <site-dir> hold <owner> <seconds>
 *        php tests/e2e/census-job.php <site-dir> release <owner>
 *        php tests/e2e/census-job.php <site-dir> run <seconds>
 *
 * Prints the job's progress (run) or whether the lease was taken (hold) as JSON.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

if ( PHP_SAPI !== 'cli' || $argc < 3 ) {
	fwrite( STDERR, "Usage: php census-job.php <site-dir> hold|release|run …\n" );
	exit( 2 );
}
$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';

$sp_lease = new \SovereignPress\Census\Lease();
switch ( $argv[2] ) {
	case 'hold':
		echo wp_json_encode( $sp_lease->acquire( (string) $argv[3], (int) $argv[4] ) );
		break;
	case 'release':
		$sp_lease->release( (string) $argv[3] );
		echo 'true';
		break;
	case 'run':
		echo wp_json_encode( \SovereignPress\Plugin::instance()->census_job()->run( (float) $argv[3] ) );
		break;
	default:
		fwrite( STDERR, "Unknown command.\n" );
		exit( 2 );
}
