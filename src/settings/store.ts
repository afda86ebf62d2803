import { createReduxStore, register } from '@wordpress/data';

import { fetchSettings, storeSettings } from './api';
import type { PluginSettings } from './types';

export const STORE_NAME = 'sovereign-press/settings';

export interface State {
	saved: PluginSettings | null;
	edited: PluginSettings | null;
	isSaving: boolean;
}

type Action =
	| { type: 'RECEIVE_SETTINGS'; settings: PluginSettings }
	| { type: 'EDIT_SETTINGS'; edits: Partial< PluginSettings > }
	| { type: 'SAVE_START' }
	| { type: 'SAVE_FINISH'; settings?: PluginSettings };

export const initialState: State = {
	saved: null,
	edited: null,
	isSaving: false,
};

export function reducer( state: State = initialState, action: Action ): State {
	switch ( action.type ) {
		case 'RECEIVE_SETTINGS':
			return { ...state, saved: action.settings, edited: null };
		case 'EDIT_SETTINGS': {
			const base = state.edited ?? state.saved;
			return base
				? { ...state, edited: { ...base, ...action.edits } }
				: state;
		}
		case 'SAVE_START':
			return { ...state, isSaving: true };
		case 'SAVE_FINISH':
			return action.settings
				? { saved: action.settings, edited: null, isSaving: false }
				: { ...state, isSaving: false };
		default:
			return state;
	}
}

interface ThunkArgs {
	dispatch: ( action: Action ) => void;
	select: { getSettings: () => PluginSettings | null };
}

const actions = {
	receiveSettings: ( settings: PluginSettings ): Action => ( {
		type: 'RECEIVE_SETTINGS',
		settings,
	} ),
	editSettings: ( edits: Partial< PluginSettings > ): Action => ( {
		type: 'EDIT_SETTINGS',
		edits,
	} ),
	/**
	 * Saves the edited settings. Rejects with an ApiError carrying the server's message when the
	 * REST layer refuses a value; the edits stay in the store so nothing typed is lost.
	 */
	saveSettings:
		() =>
		async ( { dispatch, select }: ThunkArgs ): Promise< void > => {
			const settings = select.getSettings();
			if ( ! settings ) {
				return;
			}
			dispatch( { type: 'SAVE_START' } );
			try {
				dispatch( {
					type: 'SAVE_FINISH',
					settings: await storeSettings( settings ),
				} );
			} catch ( error ) {
				dispatch( { type: 'SAVE_FINISH' } );
				throw error;
			}
		},
};

export const selectors = {
	getSettings: ( state: State ): PluginSettings | null =>
		state.edited ?? state.saved,
	hasEdits: ( state: State ): boolean => state.edited !== null,
	isSaving: ( state: State ): boolean => state.isSaving,
};

const resolvers = {
	getSettings:
		() =>
		async ( {
			dispatch,
		}: Pick< ThunkArgs, 'dispatch' > ): Promise< void > => {
			dispatch( actions.receiveSettings( await fetchSettings() ) );
		},
};

export const store = createReduxStore( STORE_NAME, {
	reducer,
	actions,
	selectors,
	resolvers,
} );

register( store );
