<?php
/**
 * Runs the census job until it is idle, in bounded runs as `wp sovereign-press census sync` does,
 * printing where it ended: for sites without WP-CLI, such as the demo's Playground (`npm start`),
 * the census benchmark and the end-to-end tests.
 *
 * Usage: php scripts/php/census-sync.php <site-dir> [seconds] [--until=<block>]
 *        or required with WordPress loaded ($sovereign_press_sync_seconds and
 *        $sovereign_press_sync_until optional).
 *
 * --until caps the sync's block on every chain, as `wp sovereign-press census sync --until` does:
 * the snapshot is the census as of that block, filed under that block's day.
 *
 * Exit code (CLI): 0 once a snapshot is written, 1 on a job error or when time runs out.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

$sovereign_press_sync_cli = ! defined( 'ABSPATH' );
if ( $sovereign_press_sync_cli ) {
	$sovereign_press_sync_args = array_slice( $argv ?? array(), 1 );
	foreach ( $sovereign_press_sync_args as $sovereign_press_sync_i => $sovereign_press_sync_arg ) {
		if ( str_starts_with( $sovereign_press_sync_arg, '--until=' ) ) {
			$sovereign_press_sync_until = substr( $sovereign_press_sync_arg, 8 );
			unset( $sovereign_press_sync_args[ $sovereign_press_sync_i ] );
		}
	}
	$sovereign_press_sync_args = array_values( $sovereign_press_sync_args );
	if ( PHP_SAPI !== 'cli' || array() === $sovereign_press_sync_args || ( isset( $sovereign_press_sync_until ) && 1 !== preg_match( '/^\d{1,18}$/D', $sovereign_press_sync_until ) ) ) {
		fwrite( STDERR, "Usage: php census-sync.php <site-dir> [seconds] [--until=<block>]\n" );
		exit( 2 );
	}
	$_SERVER['HTTP_HOST'] = 'localhost';
	require rtrim( $sovereign_press_sync_args[0], '/' ) . '/wp-load.php';
	$sovereign_press_sync_seconds = (float) ( $sovereign_press_sync_args[1] ?? 300 );
}

/**
 * @return array{ok:bool, progress:array<string, mixed>|null, message:string}
 */
function sovereign_press_census_sync( float $seconds, ?int $block = null ): array {
	$job      = \SovereignPress\Plugin::instance()->census_job();
	$until    = microtime( true ) + $seconds;
	$progress = null;
	do {
		$progress = $job->run( 5.0, $block );
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
				'message'  => null !== $progress['snapshot'] ? sprintf( 'Census synced: snapshot %d, as of block #%d.', $progress['snapshot'], ( new \SovereignPress\Census\Snapshots() )->find( (int) $progress['snapshot'] )['block_number'] ?? 0 ) : 'The census counts no token: nothing to sync.',
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
	$sovereign_press_sync = sovereign_press_census_sync( (float) ( $sovereign_press_sync_seconds ?? 300 ), isset( $sovereign_press_sync_until ) ? (int) $sovereign_press_sync_until : null );
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
