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

// "DAO proposals": where Snapshot proposals are read and where members' votes are sent.
export function GovernancePanel( { value, onChange }: Props ) {
	const set = ( changes: Partial< GovernanceSettings > ) =>
		onChange( { ...value, ...changes } );
	const urlHelp = ( help: string, url: string ) =>
		isAllowedUrl( url )
			? help
			: __(
					'Use https (plain http only to this machine, such as http://127.0.0.1:3000/graphql).',
					'sovereign-press'
				);
	return (
		<PanelBody
			title={ __( 'DAO proposals', 'sovereign-press' ) }
			initialOpen={ false }
		>
			<p className="sovereign-press-settings__intro">
				{ __(
					'Snapshot proposals are read from the hub on this server, never from visitors’ browsers; members’ signed votes are sent to the sequencer. The defaults are Snapshot’s public services.',
					'sovereign-press'
				) }
			</p>
			<div style={ { display: 'grid', gap: 16 } }>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="url"
					label={ __( 'Snapshot hub (GraphQL)', 'sovereign-press' ) }
					help={ urlHelp(
						__(
							'Default: https://hub.snapshot.org/graphql',
							'sovereign-press'
						),
						value.hubUrl
					) }
					value={ value.hubUrl }
					onChange={ ( hubUrl ) => set( { hubUrl } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="url"
					label={ __( 'Snapshot vote sequencer', 'sovereign-press' ) }
					help={ urlHelp(
						__(
							'Default: https://seq.snapshot.org/',
							'sovereign-press'
						),
						value.sequencerUrl
					) }
					value={ value.sequencerUrl }
					onChange={ ( sequencerUrl ) => set( { sequencerUrl } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="url"
					label={ __(
						'Snapshot testnet hub (GraphQL)',
						'sovereign-press'
					) }
					help={ urlHelp(
						__(
							'For proposals on testnet.snapshot.box (s-tn: links).',
							'sovereign-press'
						),
						value.testnetHubUrl
					) }
					value={ value.testnetHubUrl }
					onChange={ ( testnetHubUrl ) => set( { testnetHubUrl } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="url"
					label={ __(
						'Snapshot testnet vote sequencer',
						'sovereign-press'
					) }
					help={ urlHelp(
						__(
							'Votes on testnet proposals go here.',
							'sovereign-press'
						),
						value.testnetSequencerUrl
					) }
					value={ value.testnetSequencerUrl }
					onChange={ ( testnetSequencerUrl ) =>
						set( { testnetSequencerUrl } )
					}
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="password"
					autoComplete="off"
					label={ __(
						'Snapshot API key (optional)',
						'sovereign-press'
					) }
					help={ __(
						'Not needed for most sites. Without a key the hub allows about 100 requests a minute per server; proposals are cached here, so that is usually plenty. The key is sent only to the hub above, never to the testnet hub.',
						'sovereign-press'
					) }
					value={ value.apiKey }
					onChange={ ( apiKey ) => set( { apiKey: apiKey.trim() } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					type="password"
					autoComplete="off"
					label={ __(
						'Snapshot testnet API key (optional)',
						'sovereign-press'
					) }
					help={ __(
						'Only if you read testnet proposals often. Sent only to the testnet hub.',
						'sovereign-press'
					) }
					value={ value.testnetApiKey }
					onChange={ ( testnetApiKey ) =>
						set( { testnetApiKey: testnetApiKey.trim() } )
					}
				/>
			</div>
		</PanelBody>
	);
}
