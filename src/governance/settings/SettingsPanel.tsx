import { PanelBody, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import type { GovernanceSettings } from './types';

interface Props {
	value: GovernanceSettings;
	onChange: ( value: GovernanceSettings ) => void;
}

/**
 * https anywhere, plain http only to this machine (as the server checks it).
 *
 * @param url The URL as typed.
 */
export function isAllowedUrl( url: string ): boolean {
	let parsed: URL;
	try {
		parsed = new URL( url.trim() );
	} catch {
		return false;
	}
	if ( parsed.username || parsed.password ) {
		return false;
	}
	if ( parsed.protocol === 'https:' ) {
		return true;
	}
	return (
		parsed.protocol === 'http:' &&
		/^(localhost|\[::1\]|127(\.\d{1,3}){3})$/.test( parsed.hostname )
	);
}

type UrlKey =
	'hubUrl' | 'sequencerUrl' | 'testnetHubUrl' | 'testnetSequencerUrl';
type KeyKey = 'apiKey' | 'testnetApiKey';

// "DAO proposals": where Snapshot proposals are read and where members' votes are sent.
export function GovernancePanel( { value, onChange }: Props ) {
	const set = ( changes: Partial< GovernanceSettings > ) =>
		onChange( { ...value, ...changes } );
	const urls: Array< { key: UrlKey; label: string; help: string } > = [
		{
			key: 'hubUrl',
			label: __( 'Snapshot hub (GraphQL)', 'sovereign-press' ),
			help: __(
				'Default: https://hub.snapshot.org/graphql',
				'sovereign-press'
			),
		},
		{
			key: 'sequencerUrl',
			label: __( 'Snapshot vote sequencer', 'sovereign-press' ),
			help: __( 'Default: https://seq.snapshot.org/', 'sovereign-press' ),
		},
		{
			key: 'testnetHubUrl',
			label: __( 'Snapshot testnet hub (GraphQL)', 'sovereign-press' ),
			help: __(
				'For proposals on testnet.snapshot.box (s-tn: links). Default: https://testnet.hub.snapshot.org/graphql',
				'sovereign-press'
			),
		},
		{
			key: 'testnetSequencerUrl',
			label: __( 'Snapshot testnet vote sequencer', 'sovereign-press' ),
			help: __(
				'Votes on testnet proposals go here. Default: https://testnet.seq.snapshot.org/',
				'sovereign-press'
			),
		},
	];
	const keys: Array< { key: KeyKey; label: string; help: string } > = [
		{
			key: 'apiKey',
			label: __( 'Snapshot API key (optional)', 'sovereign-press' ),
			help: __(
				'Not needed for most sites. Without a key the hub allows about 100 requests a minute per server; proposals are cached here, so that is usually plenty. The key is sent only to the hub above, never to the testnet hub.',
				'sovereign-press'
			),
		},
		{
			key: 'testnetApiKey',
			label: __(
				'Snapshot testnet API key (optional)',
				'sovereign-press'
			),
			help: __(
				'Only if you read testnet proposals often. Sent only to the testnet hub.',
				'sovereign-press'
			),
		},
	];
	return (
		<PanelBody
			title={ __( 'DAO proposals', 'sovereign-press' ) }
			initialOpen={ false }
		>
			<p className="sovereign-press-settings__intro">
				{ __(
					'This server reads Snapshot proposals from the hub and passes members’ signed votes on to the sequencer; visitors’ browsers never contact either. The defaults are Snapshot’s public services.',
					'sovereign-press'
				) }
			</p>
			<div style={ { display: 'grid', gap: 16 } }>
				{ urls.map( ( field ) => (
					<TextControl
						key={ field.key }
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						type="url"
						label={ field.label }
						help={
							isAllowedUrl( value[ field.key ] )
								? field.help
								: __(
										'Use https (plain http only to this machine, such as http://127.0.0.1:3000/graphql).',
										'sovereign-press'
									)
						}
						value={ value[ field.key ] }
						onChange={ ( url ) => set( { [ field.key ]: url } ) }
					/>
				) ) }
				{ keys.map( ( field ) => (
					<TextControl
						key={ field.key }
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						type="password"
						autoComplete="off"
						label={ field.label }
						help={ field.help }
						value={ value[ field.key ] }
						onChange={ ( key ) =>
							set( { [ field.key ]: key.trim() } )
						}
					/>
				) ) }
			</div>
		</PanelBody>
	);
}
