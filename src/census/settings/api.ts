/**
 * The census sync route, for the settings screen's "Sync now".
 */
import { apiRequest } from '@/api/request';

import type { SyncProgress } from './types';

const PATH = '/sovereign-press/v1/census/sync';

/** Where the sync stands (administrators only). */
export function fetchSyncProgress(): Promise< SyncProgress > {
	return apiRequest< SyncProgress >( { path: PATH } );
}

/**
 * Works on the sync for a few seconds and answers where it stands.
 *
 * @throws ApiError sovereign_press_census_not_configured (409), or sovereign_press_census_sync_failed
 *         (502) with the progress in `data.progress`.
 */
export function postSync(): Promise< SyncProgress > {
	return apiRequest< SyncProgress >( { path: PATH, method: 'POST' } );
}
