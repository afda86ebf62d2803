<?php
/**
 * One census runner in its own PHP process, for the tests of runners started at once:
 *
 *   php census-runner.php job START_AT        → the plugin's CensusJob::run(30), progress as JSON
 *   php census-runner.php scan START_AT TARGET → Indexer::scan of every token to TARGET without
 *                                                 the lease (the checkpoint's compare-and-swap alone)
 *
 * START_AT (microtime) lets processes started one after the other begin at the same moment.
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_USE_THEMES', false );
require getenv( 'SP_WP_DIR' ) . '/wp-load.php';

[ , $mode, $start_at ] = $argv;
time_sleep_until( max( microtime( true ) + 0.001, (float) $start_at ) );

$plugin = \SovereignPress\Plugin::instance();
if ( 'job' === $mode ) {
	echo wp_json_encode( $plugin->census_job()->run( 30.0 ) );
	exit( 0 );
}
$census  = $plugin->settings()->census();
$indexer = new \SovereignPress\Census\Indexer( new \SovereignPress\Census\Store(), $census['economyToken'] );
$results = array();
foreach ( $census['tokens'] as $token ) {
	$results[] = $indexer->scan( $token, $plugin->networks()->for_chain( (int) $token['chainId'], 10.0 ), microtime( true ) + 60, (int) $argv[3] );
}
echo wp_json_encode( $results );
