/**
 * Checks the token gates' number fields as the server's schema does (includes/Gating/
 * GatingSettings.php), so an admin sees what is wrong beside the field before saving instead of
 * the REST API's "Invalid parameter(s)". The server stays the authority.
 */
import { __, sprintf } from '@wordpress/i18n';

import type { GatingSettings } from './types';

/** The ranges the server accepts. */
export const CACHE_TTL_MAX = 86400;
export const BUDGET_MS_MIN = 200;
export const BUDGET_MS_MAX = 10000;

export interface GatingErrors {
	cacheTtl?: string;
	budgetMs?: string;
}

/**
 * Problems of the gating number fields; empty when both are within range.
 *
 * @param value The gating settings.
 */
export function validateGatingTimes(
	value: Pick< GatingSettings, 'cacheTtl' | 'budgetMs' >
): GatingErrors {
	const errors: GatingErrors = {};
	if ( value.cacheTtl < 0 || value.cacheTtl > CACHE_TTL_MAX ) {
		errors.cacheTtl = sprintf(
			/* translators: %d: the largest number of seconds (86400, a day). */
			__( 'Enter 0 to %d seconds.', 'sovereign-press' ),
			CACHE_TTL_MAX
		);
	}
	if ( value.budgetMs < BUDGET_MS_MIN || value.budgetMs > BUDGET_MS_MAX ) {
		errors.budgetMs = sprintf(
			/* translators: 1: the fewest milliseconds, 2: the most. */
			__( 'Enter %1$d to %2$d milliseconds.', 'sovereign-press' ),
			BUDGET_MS_MIN,
			BUDGET_MS_MAX
		);
	}
	return errors;
}
