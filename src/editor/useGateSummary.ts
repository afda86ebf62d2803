import { useEffect, useState } from '@wordpress/element';

import { describeGate } from '../api/gates';
import type { ApiError } from '../api/errors';
import type { GateRule } from '../types';

export type SummaryState =
	| { status: 'empty' }
	| { status: 'loading' }
	| { status: 'ok'; summary: string }
	| { status: 'invalid'; message: string };

/**
 * The server's summary of a gate, or what is wrong with it, refreshed as the editor types.
 *
 * @param gate
 * @param gate.preset
 * @param gate.rule
 */
export function useGateSummary( gate: {
	preset?: string;
	rule?: GateRule;
} ): SummaryState {
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
				( error: ApiError ) =>
					current &&
					setState( { status: 'invalid', message: error.message } )
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
