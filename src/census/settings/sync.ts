/**
 * The "Sync now" loop and how its progress reads. Each POST works a few seconds on the server;
 * the loop asks again until the sync is idle, so the page can be left at any time and the sync
 * goes on from where it stood (on the next visit, or with WP-Cron).
 */
import { __, _n, sprintf } from '@wordpress/i18n';

import { isApiError } from '@/api/errors';

import type { SyncProgress } from './types';

export interface SyncLoopOptions {
	/** One POST /census/sync. */
	post: () => Promise< SyncProgress >;
	/** Called with every answer, and with the progress a failed run carries. */
	onProgress: ( progress: SyncProgress ) => void;
	/** Stops the loop between requests (the page was left, the admin pressed Stop). */
	signal?: AbortSignal;
	/** Milliseconds to wait before asking again while another runner holds the sync. */
	busyDelay?: number;
	/** Waits (tests pass one that does not). */
	sleep?: ( ms: number ) => Promise< void >;
}

const wait = ( ms: number ) =>
	new Promise< void >( ( resolve ) => setTimeout( resolve, ms ) );

/**
 * POSTs until the sync is idle and nobody else holds it; resolves with the last progress, or
 * null when stopped before any answer. Rejects with the ApiError of a failed run (after handing
 * its progress, if any, to onProgress).
 *
 * @param options
 * @param options.post
 * @param options.onProgress
 * @param options.signal
 * @param options.busyDelay
 * @param options.sleep
 */
export async function runSync( {
	post,
	onProgress,
	signal,
	busyDelay = 2000,
	sleep = wait,
}: SyncLoopOptions ): Promise< SyncProgress | null > {
	let last: SyncProgress | null = null;
	while ( ! signal?.aborted ) {
		try {
			last = await post();
		} catch ( error ) {
			const progress = isApiError( error )
				? ( error.data?.progress as SyncProgress | undefined )
				: undefined;
			if ( progress ) {
				onProgress( progress );
			}
			throw error;
		}
		onProgress( last );
		if ( last.busy ) {
			// WP-Cron or WP-CLI holds the sync: it works on; ask again shortly.
			await sleep( busyDelay );
			continue;
		}
		if ( last.phase === 'idle' ) {
			return last;
		}
	}
	return last;
}

/**
 * How far the current phase is, from 0 to 100; null when it cannot be told (no total yet).
 *
 * @param progress
 */
export function percent( progress: SyncProgress ): number | null {
	let [ done, total ] = [ 0, 0 ];
	if ( progress.phase === 'scan' ) {
		[ done, total ] = [ progress.scanned, progress.total ];
	} else if ( progress.phase === 'tree' && progress.tree ) {
		[ done, total ] = [ progress.tree.done, progress.tree.total ];
	}
	if ( total <= 0 ) {
		return null;
	}
	return Math.min( 100, Math.floor( ( done / total ) * 100 ) );
}

/**
 * The progress in a sentence for the admin.
 *
 * @param progress
 * @param locale   Number formatting (the page's).
 */
export function describeProgress(
	progress: SyncProgress,
	locale?: string
): string {
	const number = ( value: number ) => value.toLocaleString( locale );
	switch ( progress.phase ) {
		case 'scan':
			return sprintf(
				/* translators: 1: blocks scanned, 2: blocks to scan; each token's blocks count, so a chain's block counts once per census token. */
				__(
					'Scanning the chain: %1$s of %2$s blocks, counted once per census token.',
					'sovereign-press'
				),
				number( progress.scanned ),
				number( progress.total )
			);
		case 'tree':
			return progress.tree
				? sprintf(
						/* translators: 1: members placed in the tree, 2: all members. */
						__(
							'Building the Merkle tree: %1$s of %2$s members.',
							'sovereign-press'
						),
						number( progress.tree.done ),
						number( progress.tree.total )
					)
				: __( 'Building the Merkle tree.', 'sovereign-press' );
		case 'snapshot':
			return __(
				'Reading the treasury and writing the snapshot.',
				'sovereign-press'
			);
		default:
			if ( progress.error ) {
				// An idle sync with an error never began (the node could not be read): the figures
				// published are the last snapshot's, not today's.
				return progress.latest === null
					? __(
							'No snapshot yet: the last sync could not begin.',
							'sovereign-press'
						)
					: sprintf(
							/* translators: 1: number of members, 2: block number. */
							_n(
								'Not up to date: the last sync could not begin. The census still shows %1$s member as of block #%2$s.',
								'Not up to date: the last sync could not begin. The census still shows %1$s members as of block #%2$s.',
								progress.latest.population,
								'sovereign-press'
							),
							number( progress.latest.population ),
							number( progress.latest.block )
						);
			}
			return progress.latest === null
				? __(
						'No snapshot yet: run a sync to count the census.',
						'sovereign-press'
					)
				: sprintf(
						/* translators: 1: number of members, 2: block number. */
						_n(
							'Up to date: %1$s member as of block #%2$s.',
							'Up to date: %1$s members as of block #%2$s.',
							progress.latest.population,
							'sovereign-press'
						),
						number( progress.latest.population ),
						number( progress.latest.block )
					);
	}
}
