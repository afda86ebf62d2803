import {
	Button,
	Flex,
	Panel,
	PanelBody,
	SnackbarList,
	NoticeList,
	Spinner,
	ToggleControl,
} from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { store as noticesStore } from '@wordpress/notices';

import { toApiError } from '@/api/errors';
import { CensusPanel } from '@/census/settings/SettingsPanel';
import { DEFAULT_CENSUS } from '@/census/settings/types';
import { hasCensusErrors, validateCensus } from '@/census/settings/validate';
import { GatingPanel } from '@/gating/SettingsPanel';
import { validateGatingTimes } from '@/gating/times';
import { GovernancePanel } from '@/governance/settings/SettingsPanel';
import type { Network } from '@/types/networks';
import { validateProxies } from '@/wallet-login/proxies';
import { WalletLoginPanel } from '@/wallet-login/SettingsPanel';

import { NetworkRow } from './NetworkRow';
import { store } from './store';
import type { AdminBootData } from './types';
import { hasErrors, validateNetworks } from './validate';

/** Printed by PHP with the script; the fallback keeps the screen usable without it. */
function bootData(): AdminBootData {
	return (
		window.sovereignPressAdmin ?? {
			memberRoles: { subscriber: 'Subscriber' },
		}
	);
}

const emptyNetwork = (): Network => ( {
	chainId: NaN,
	name: '',
	rpcUrl: '',
	explorerUrl: '',
} );

function Notices() {
	const notices = useSelect(
		( select ) => select( noticesStore ).getNotices(),
		[]
	);
	const { removeNotice } = useDispatch( noticesStore );
	return (
		<>
			<NoticeList
				className="sovereign-press-settings__notices"
				notices={ notices.filter(
					( notice ) => notice.type !== 'snackbar'
				) }
				onRemove={ removeNotice }
			/>
			<SnackbarList
				className="sovereign-press-settings__snackbars"
				notices={ notices.filter(
					( notice ) => notice.type === 'snackbar'
				) }
				onRemove={ removeNotice }
			/>
		</>
	);
}

/** Brings the error notices above the panels into view: Save sits below them all. */
function showNotices() {
	window.scrollTo( { top: 0, behavior: 'smooth' } );
}

export function SettingsApp() {
	const { settings, hasEdits, isSaving } = useSelect( ( select ) => {
		const selectors = select( store );
		return {
			settings: selectors.getSettings(),
			hasEdits: selectors.hasEdits(),
			isSaving: selectors.isSaving(),
		};
	}, [] );
	const { editSettings, saveSettings } = useDispatch( store );
	const { createSuccessNotice, createErrorNotice, removeAllNotices } =
		useDispatch( noticesStore );
	const [ showErrors, setShowErrors ] = useState( false );

	if ( ! settings ) {
		return <Spinner />;
	}

	const errors = validateNetworks( settings.networks );
	// A site upgraded from a version without the census has no census section until it saves.
	const census = settings.census ?? DEFAULT_CENSUS;
	const censusErrors = validateCensus( census, settings.networks );
	const proxyErrors = validateProxies( settings.walletLogin );
	const gatingErrors = validateGatingTimes( settings.gating );
	const setNetworks = ( networks: Network[] ) => editSettings( { networks } );

	const save = async () => {
		removeAllNotices();
		// One message for the first section that needs attention, in screen order.
		let problem = '';
		if ( hasErrors( errors ) ) {
			problem = __(
				'Some networks need attention before they can be saved.',
				'sovereign-press'
			);
		} else if ( proxyErrors.trustedProxies !== undefined ) {
			problem = __(
				'The trusted proxies under Wallet login need attention before they can be saved.',
				'sovereign-press'
			);
		} else if ( proxyErrors.proxyHeader !== undefined ) {
			problem = __(
				'The forwarded address header under Wallet login needs attention before it can be saved.',
				'sovereign-press'
			);
		} else if ( Object.keys( gatingErrors ).length > 0 ) {
			problem = __(
				'The times under Token gates need attention before they can be saved.',
				'sovereign-press'
			);
		} else if ( hasCensusErrors( censusErrors ) ) {
			problem = __(
				'Some census settings need attention before they can be saved.',
				'sovereign-press'
			);
		}
		if ( problem !== '' ) {
			setShowErrors( true );
			createErrorNotice( problem );
			showNotices();
			return;
		}
		try {
			await saveSettings();
			setShowErrors( false );
			createSuccessNotice( __( 'Settings saved.', 'sovereign-press' ), {
				type: 'snackbar',
			} );
		} catch ( error ) {
			createErrorNotice( toApiError( error ).message );
			showNotices();
		}
	};

	return (
		<div className="sovereign-press-settings__app">
			<Notices />
			<Panel>
				<PanelBody
					title={ __( 'Networks', 'sovereign-press' ) }
					initialOpen
				>
					<p className="sovereign-press-settings__intro">
						{ __(
							'The EVM chains this site reads from. Use your own node or any JSON-RPC provider; the URL stays on this server.',
							'sovereign-press'
						) }
					</p>
					{ settings.networks.length === 0 && (
						<p className="sovereign-press-settings__empty">
							{ __(
								'No network yet. Add one to start.',
								'sovereign-press'
							) }
						</p>
					) }
					{ settings.networks.map( ( network, index ) => (
						<NetworkRow
							// Rows have no stable id until saved; the position is the identity.
							key={ index }
							index={ index }
							network={ network }
							errors={ errors[ index ] ?? {} }
							showErrors={ showErrors }
							onChange={ ( changed ) =>
								setNetworks(
									settings.networks.map( ( n, i ) =>
										i === index ? changed : n
									)
								)
							}
							onRemove={ () =>
								setNetworks(
									settings.networks.filter(
										( _, i ) => i !== index
									)
								)
							}
						/>
					) ) }
					<Button
						__next40pxDefaultSize
						variant="secondary"
						onClick={ () =>
							setNetworks( [
								...settings.networks,
								emptyNetwork(),
							] )
						}
					>
						{ __( 'Add network', 'sovereign-press' ) }
					</Button>
				</PanelBody>
				<WalletLoginPanel
					value={ settings.walletLogin }
					networks={ settings.networks }
					memberRoles={ bootData().memberRoles }
					errors={ proxyErrors }
					showErrors={ showErrors }
					onChange={ ( walletLogin ) =>
						editSettings( { walletLogin } )
					}
				/>
				<GatingPanel
					value={ settings.gating }
					networks={ settings.networks }
					errors={ gatingErrors }
					showErrors={ showErrors }
					onChange={ ( gating ) => editSettings( { gating } ) }
				/>
				<GovernancePanel
					value={ settings.governance }
					onChange={ ( governance ) =>
						editSettings( { governance } )
					}
				/>
				<CensusPanel
					value={ census }
					networks={ settings.networks }
					errors={ censusErrors }
					showErrors={ showErrors }
					hasEdits={ hasEdits }
					onChange={ ( changed ) =>
						editSettings( { census: changed } )
					}
				/>
				<PanelBody
					title={ __( 'Data', 'sovereign-press' ) }
					initialOpen={ false }
				>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Delete all Sovereign Press data when the plugin is uninstalled',
							'sovereign-press'
						) }
						help={ __(
							'Off by default: uninstalling keeps linked wallets and settings so a reinstall loses nothing.',
							'sovereign-press'
						) }
						checked={ settings.deleteDataOnUninstall }
						onChange={ ( deleteDataOnUninstall ) =>
							editSettings( { deleteDataOnUninstall } )
						}
					/>
				</PanelBody>
			</Panel>
			<Flex
				justify="flex-start"
				className="sovereign-press-settings__actions"
			>
				<Button
					__next40pxDefaultSize
					variant="primary"
					onClick={ save }
					isBusy={ isSaving }
					disabled={ isSaving || ! hasEdits }
				>
					{ __( 'Save changes', 'sovereign-press' ) }
				</Button>
			</Flex>
		</div>
	);
}
