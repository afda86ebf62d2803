/**
 * The settings store, over apiFetch with a fetch handler that answers as /wp/v2/settings does.
 */
import apiFetch from '@wordpress/api-fetch';
import { createRegistry } from '@wordpress/data';

import { ApiError } from '@/api/errors';
import { DEFAULT_CENSUS } from '@/census/settings/types';
import { store } from '@/settings/store';
import type { PluginSettings } from '@/settings/types';

const saved: PluginSettings = {
	networks: [
		{
			chainId: 31337,
			name: 'Local chain',
			rpcUrl: 'http://127.0.0.1:8545',
			explorerUrl: '',
		},
	],
	walletLogin: {
		enabled: true,
		allowedChains: [],
		autoRegister: true,
		newMemberRole: 'subscriber',
		usernamePrefix: 'member-',
		sessionDays: 14,
		rememberMe: true,
		passwordLogin: true,
		ensChainId: 1,
		walletConnectProjectId: '',
		trustedProxies: [],
		proxyHeader: 'X-Forwarded-For',
	},
	gating: { cacheTtl: 60, budgetMs: 1500, breakerSeconds: 30, presets: [] },
	governance: {
		hubUrl: 'https://hub.snapshot.org/graphql',
		sequencerUrl: 'https://seq.snapshot.org/',
		testnetHubUrl: 'https://testnet.hub.snapshot.org/graphql',
		testnetSequencerUrl: 'https://testnet.seq.snapshot.org/',
		apiKey: '',
		testnetApiKey: '',
	},
	census: DEFAULT_CENSUS,
	deleteDataOnUninstall: false,
};

type Handler = ( options: {
	path?: string;
	method?: string;
	data?: unknown;
} ) => Promise< unknown >;

function withServer( handler: Handler ) {
	apiFetch.setFetchHandler(
		handler as Parameters< typeof apiFetch.setFetchHandler >[ 0 ]
	);
	const registry = createRegistry();
	registry.register( store );
	return registry;
}

async function resolved( registry: ReturnType< typeof createRegistry > ) {
	await registry.resolveSelect( store ).getSettings();
	return registry;
}

describe( 'settings store', () => {
	it( 'loads the saved settings from /wp/v2/settings', async () => {
		const paths: string[] = [];
		const registry = await resolved(
			withServer( async ( { path } ) => {
				paths.push( path ?? '' );
				return { sovereign_press_settings: saved };
			} )
		);
		expect( registry.select( store ).getSettings() ).toEqual( saved );
		expect( registry.select( store ).hasEdits() ).toBe( false );
		expect( paths ).toEqual( [
			expect.stringMatching( /^\/wp\/v2\/settings(\?|$)/ ),
		] );
	} );

	it( 'keeps edits apart from the saved value until they are saved', async () => {
		const registry = await resolved(
			withServer( async () => ( { sovereign_press_settings: saved } ) )
		);
		registry
			.dispatch( store )
			.editSettings( { deleteDataOnUninstall: true } );

		expect(
			registry.select( store ).getSettings()?.deleteDataOnUninstall
		).toBe( true );
		expect( registry.select( store ).getSettings()?.networks ).toEqual(
			saved.networks
		);
		expect( registry.select( store ).hasEdits() ).toBe( true );
	} );

	it( 'saves the edited settings and takes the server answer as the new saved value', async () => {
		let posted: unknown;
		const registry = await resolved(
			withServer( async ( { method, data } ) => {
				if ( method === 'POST' ) {
					posted = data;
					return {
						sovereign_press_settings: {
							...saved,
							deleteDataOnUninstall: true,
						},
					};
				}
				return { sovereign_press_settings: saved };
			} )
		);
		registry
			.dispatch( store )
			.editSettings( { deleteDataOnUninstall: true } );
		await registry.dispatch( store ).saveSettings();

		expect( posted ).toEqual( {
			sovereign_press_settings: { ...saved, deleteDataOnUninstall: true },
		} );
		expect( registry.select( store ).hasEdits() ).toBe( false );
		expect( registry.select( store ).isSaving() ).toBe( false );
		expect(
			registry.select( store ).getSettings()?.deleteDataOnUninstall
		).toBe( true );
	} );

	it( 'rejects with the server message and loses nothing typed when a save is refused', async () => {
		const registry = await resolved(
			withServer( async ( { method } ) => {
				if ( method === 'POST' ) {
					throw {
						code: 'sovereign_press_duplicate_chain_id',
						message: 'Chain id 31337 is listed twice (network 2).',
						data: { status: 400 },
					};
				}
				return { sovereign_press_settings: saved };
			} )
		);
		const twice = [
			...saved.networks,
			{ ...saved.networks[ 0 ]!, name: 'Again' },
		];
		registry.dispatch( store ).editSettings( { networks: twice } );

		await expect(
			registry.dispatch( store ).saveSettings()
		).rejects.toEqual(
			new ApiError(
				'sovereign_press_duplicate_chain_id',
				'Chain id 31337 is listed twice (network 2).',
				400,
				{ status: 400 }
			)
		);
		expect( registry.select( store ).getSettings()?.networks ).toEqual(
			twice
		);
		expect( registry.select( store ).isSaving() ).toBe( false );
	} );
} );
