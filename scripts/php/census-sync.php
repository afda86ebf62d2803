<?php
/**
 * Runs the census job until it is idle, in bounded runs as `wp sovereign-press census sync` does,
 * printing where it ended: for sites without WP-CLI, such as the demo's Playground (`npm start`),
 * the census benchmark and the end-to-end tests.
 *
 * Usage: php scripts/php/census-sync.php <site-dir> [seconds]
 *        or required with WordPress loaded ($sovereign_press_sync_seconds optional).
 *
 * Exit code (CLI): 0 once a snapshot is written, 1 on a job error or when time runs out.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

$sovereign_press_sync_cli = ! defined( 'ABSPATH' );
if ( $sovereign_press_sync_cli ) {
	if ( PHP_SAPI !== 'cli' || $argc < 2 ) {
		fwrite( STDERR, "Usage: php census-sync.php <site-dir> [seconds]\n" );
		exit( 2 );
	}
	$_SERVER['HTTP_HOST'] = 'localhost';
	require rtrim( $argv[1], '/' ) . '/wp-load.php';
	$sovereign_press_sync_seconds = (float) ( $argv[2] ?? 300 );
}

/**
 * @return array{ok:bool, progress:array<string, mixed>|null, message:string}
 */
function sovereign_press_census_sync( float $seconds ): array {
	$job      = \SovereignPress\Plugin::instance()->census_job();
	$until    = microtime( true ) + $seconds;
	$progress = null;
	do {
		$progress = $job->run( 5.0 );
		if ( null !== $progress['error'] ) {
			return array(
				'ok'       => false,
				'progress' => $progress,
				'message'  => 'The census job failed: ' . $progress['error'],
			);
		}
		if ( 'idle' === $progress['phase'] && ! $progress['busy'] ) {
			return array(
				'ok'       => null !== $progress['snapshot'],
				'progress' => $progress,
				'message'  => null !== $progress['snapshot'] ? sprintf( 'Census synced: snapshot %d.', $progress['snapshot'] ) : 'The census counts no token: nothing to sync.',
			);
		}
		if ( $progress['busy'] ) {
			sleep( 1 );
		}
	} while ( microtime( true ) < $until );
	return array(
		'ok'       => false,
		'progress' => $progress,
		'message'  => sprintf( 'The census job was not done after %d s.', (int) $seconds ),
	);
}

// Whatever fails, the caller gets a sentence: a demo whose census cannot sync still starts.
try {
	$sovereign_press_sync = sovereign_press_census_sync( (float) ( $sovereign_press_sync_seconds ?? 300 ) );
} catch ( \Throwable $sovereign_press_error ) {
	$sovereign_press_sync = array(
		'ok'       => false,
		'progress' => null,
		'message'  => 'The census sync failed: ' . $sovereign_press_error->getMessage(),
	);
}
echo $sovereign_press_sync['message'], "\n";
if ( $sovereign_press_sync_cli ) {
	exit( $sovereign_press_sync['ok'] ? 0 : 1 );
}
