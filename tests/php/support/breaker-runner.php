<?php
/**
 * One chain read in its own PHP process, for the tests of a circuit breaker shared by processes:
 *
 *   php breaker-runner.php START_AT → eth_blockNumber on chain 31337 through Networks::for_chain,
 *                                      as JSON {ok, code, seconds}
 *
 * START_AT (microtime) lets processes started one after the other begin at the same moment.
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_USE_THEMES', false );
require getenv( 'SP_WP_DIR' ) . '/wp-load.php';

time_sleep_until( max( microtime( true ) + 0.001, (float) $argv[1] ) );

$started = microtime( true );
$code    = '';
try {
	\SovereignPress\Plugin::instance()->networks()->for_chain( 31337, 2.0 )->call( 'eth_blockNumber' );
} catch ( \SovereignPress\Chain\Exception\RpcException $error ) {
	$code = $error->error_code();
}
echo wp_json_encode(
	array(
		'ok'      => '' === $code,
		'code'    => $code,
		'seconds' => microtime( true ) - $started,
	)
);
