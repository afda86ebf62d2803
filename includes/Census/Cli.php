<?php
/**
 * WP-CLI: `wp sovereign-press census sync`.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

/**
 * Runs the census sync from the command line, slice after slice, with a progress bar of the blocks
 * scanned, until the snapshot is written.
 *
 * @since 0.3.0
 */
final class Cli {

	/** Seconds per run of the job: each stores where it stands, so Ctrl-C loses little. */
	private const SLICE_SECONDS = 20.0;

	public function __construct( private CensusJob $job ) {}

	/**
	 * Brings the census up to date: scans every configured token to the confirmed head, builds the
	 * Merkle tree of the members, reads the treasury and writes the snapshot of that block's day.
	 *
	 * ## OPTIONS
	 *
	 * [--once]
	 * : Run one bounded slice (as WP-Cron does) and print where the sync stands.
	 *
	 * [--until=<block>]
	 * : Count up to this block at most (on every chain): the snapshot is the census as of that
	 * block, filed under its day. A sync under way to later blocks begins again.
	 *
	 * ## EXAMPLES
	 *
	 *     wp sovereign-press census sync
	 *     wp sovereign-press census sync --once
	 *     wp sovereign-press census sync --until=21000000
	 *
	 * @since 0.3.0
	 *
	 * @param list<string>          $args       Positional arguments (none).
	 * @param array<string, string> $assoc_args Options.
	 */
	public function sync( array $args, array $assoc_args ): void {
		unset( $args );
		$until = null;
		if ( isset( $assoc_args['until'] ) ) {
			if ( 1 !== preg_match( '/^\d{1,18}$/D', (string) $assoc_args['until'] ) ) {
				\WP_CLI::error( __( '--until takes a block number, such as --until=21000000.', 'sovereign-press' ) );
			}
			$until = (int) $assoc_args['until'];
		}
		if ( isset( $assoc_args['once'] ) ) {
			$this->report( $this->job->run( self::SLICE_SECONDS, $until ) );
			return;
		}
		$bar    = null;
		$shown  = 0;
		$waited = false;
		while ( true ) {
			$progress = $this->job->run( self::SLICE_SECONDS, $until );
			if ( null !== $progress['error'] ) {
				\WP_CLI::error( $progress['error'] );
			}
			if ( $progress['busy'] && ! $waited ) {
				\WP_CLI::log( __( 'Another census sync is running; waiting for it…', 'sovereign-press' ) );
				$waited = true;
			}
			if ( null === $bar && $progress['total'] > 0 ) {
				$bar = \WP_CLI\Utils\make_progress_bar( __( 'Blocks scanned', 'sovereign-press' ), $progress['total'] );
			}
			if ( null !== $bar && $progress['scanned'] > $shown ) {
				$bar->tick( $progress['scanned'] - $shown );
				$shown = $progress['scanned'];
			}
			if ( 'idle' === $progress['phase'] && ! $progress['busy'] ) {
				break;
			}
			if ( $progress['busy'] ) {
				sleep( 1 );
			}
		}
		if ( null !== $bar ) {
			$bar->finish();
		}
		$this->report( $progress );
	}

	/**
	 * @param array<string, mixed> $progress CensusJob::progress().
	 */
	private function report( array $progress ): void {
		if ( null !== $progress['error'] ) {
			\WP_CLI::error( $progress['error'] );
		}
		if ( $progress['busy'] ) {
			\WP_CLI::warning( __( 'Another census sync is running.', 'sovereign-press' ) );
		}
		\WP_CLI::success(
			sprintf(
				/* translators: 1: phase of the sync (idle, scan, tree or snapshot), 2: blocks scanned, 3: blocks to scan, 4: id of the latest snapshot. */
				__( 'Census: %1$s, %2$d of %3$d blocks scanned, latest snapshot #%4$d.', 'sovereign-press' ),
				$progress['phase'],
				$progress['scanned'],
				$progress['total'],
				(int) $progress['snapshot']
			)
		);
	}
}
