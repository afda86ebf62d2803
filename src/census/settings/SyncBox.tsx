import { Button, Flex, Notice, ProgressBar } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { toApiError } from '@/api/errors';

import { fetchSyncProgress, postSync } from './api';
import { describeProgress, percent, runSync } from './sync';
import type { SyncProgress } from './types';

interface Props {
	/** Why the button cannot run now (unsaved changes), or undefined. */
	blockedBy?: string;
}

/**
 * "Sync now": shows the stored progress on arrival, then POSTs until the sync is idle. Leaving
 * the page stops asking; the sync keeps its place and the next visit (or WP-Cron) resumes it.
 *
 * @param props
 * @param props.blockedBy
 */
export function SyncBox( { blockedBy }: Props ) {
	const [ progress, setProgress ] = useState< SyncProgress | null >( null );
	const [ available, setAvailable ] = useState( true );
	const [ running, setRunning ] = useState( false );
	const [ error, setError ] = useState< string | null >( null );
	const controller = useRef< AbortController | null >( null );

	useEffect( () => {
		fetchSyncProgress()
			.then( setProgress )
			.catch( ( reason ) => {
				const failure = toApiError( reason );
				if ( failure.status === 404 ) {
					setAvailable( false );
				} else {
					setError( failure.message );
				}
			} );
		return () => controller.current?.abort();
	}, [] );

	if ( ! available ) {
		return null;
	}

	const start = async () => {
		const current = new AbortController();
		controller.current = current;
		setRunning( true );
		setError( null );
		try {
			await runSync( {
				post: postSync,
				onProgress: setProgress,
				signal: current.signal,
			} );
		} catch ( reason ) {
			setError( toApiError( reason ).message );
		} finally {
			setRunning( false );
		}
	};

	const value = progress ? percent( progress ) : null;
	const underWay = progress !== null && progress.phase !== 'idle';
	return (
		<div className="sovereign-press-census__sync">
			<h3>{ __( 'Sync', 'sovereign-press' ) }</h3>
			<p className="sovereign-press-settings__intro">
				{ __(
					'WP-Cron brings the census up to date every hour, a few seconds at a time. Sync now does the same from this page; you may leave it at any time and resume later.',
					'sovereign-press'
				) }
			</p>
			<p aria-live="polite" className="sovereign-press-census__status">
				{ progress
					? describeProgress( progress )
					: __(
							'Reading where the sync stands…',
							'sovereign-press'
						) }
				{ progress?.busy && (
					<>
						{ ' ' }
						{ running
							? __(
									'Another run (WP-Cron or WP-CLI) is working on it; waiting for it.',
									'sovereign-press'
								)
							: __(
									'Another run (WP-Cron or WP-CLI) is working on it.',
									'sovereign-press'
								) }
					</>
				) }
			</p>
			{ ( running || underWay ) && (
				<ProgressBar
					className="sovereign-press-census__progress"
					value={ value ?? undefined }
					aria-label={ __(
						'Census sync progress',
						'sovereign-press'
					) }
				/>
			) }
			{ progress?.updatedAt && (
				<p className="sovereign-press-census__updated">
					{ sprintf(
						/* translators: %s: date and time. */
						__( 'Last worked on: %s', 'sovereign-press' ),
						new Date( progress.updatedAt ).toLocaleString()
					) }
				</p>
			) }
			{ ( error ?? progress?.error ) && (
				<Notice status="error" isDismissible={ false }>
					{ error ?? progress?.error }
				</Notice>
			) }
			<Flex justify="flex-start" gap={ 2 }>
				<Button
					__next40pxDefaultSize
					variant="secondary"
					onClick={ start }
					isBusy={ running }
					disabled={ running || blockedBy !== undefined }
					accessibleWhenDisabled
				>
					{ underWay && ! running
						? __( 'Resume sync', 'sovereign-press' )
						: __( 'Sync now', 'sovereign-press' ) }
				</Button>
				{ running && (
					<Button
						__next40pxDefaultSize
						variant="tertiary"
						onClick={ () => controller.current?.abort() }
					>
						{ __( 'Stop', 'sovereign-press' ) }
					</Button>
				) }
			</Flex>
			{ blockedBy && (
				<p className="sovereign-press-settings__intro">{ blockedBy }</p>
			) }
		</div>
	);
}
