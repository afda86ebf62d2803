import { useEffect, useState } from '@wordpress/element';

import { toApiError } from '@/api/errors';

import { describeGate } from './api';
import { asGroup, clean } from './rules';
import type { GateRule } from './types';

export type SummaryState =
	| { status: 'empty' }
	| { status: 'loading' }
	| { status: 'ok'; summary: string }
	| { status: 'invalid'; message: string };

/**
 * The server's summary of a gate (its preset, or else its rule), or what is wrong with it,
 * refreshed as the editor types. A rule without conditions has no summary yet.
 *
 * @param value
 * @param value.preset
 * @param value.rule
 */
export function useGateSummary( value: {
	preset?: string;
	rule?: GateRule | Record< string, never >;
} ): SummaryState {
	const group = asGroup( value.rule );
	const gate: { preset?: string; rule?: GateRule } = value.preset
		? { preset: value.preset }
		: { rule: group.conditions.length ? clean( group ) : undefined };
	const [ state, setState ] = useState< SummaryState >( { status: 'empty' } );
	const key = JSON.stringify( gate );
	useEffect( () => {
		if ( ! gate.preset && ! gate.rule ) {
			setState( { status: 'empty' } );
			return;
		}
		let current = true;
		setState( { status: 'loading' } );
		const timer = setTimeout( () => {
			describeGate( gate ).then(
				( result ) =>
					current &&
					setState( { status: 'ok', summary: result.summary } ),
				( error: unknown ) =>
					current &&
					setState( {
						status: 'invalid',
						message: toApiError( error ).message,
					} )
			);
		}, 350 );
		return () => {
			current = false;
			clearTimeout( timer );
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the gate's value.
	}, [ key ] );
	return state;
}
