import {
	CheckboxControl,
	PanelBody,
	SelectControl,
	TextareaControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { Network } from '@/types/networks';

import { proxyLines, type ProxyErrors } from './proxies';
import type { WalletLoginSettings } from './types';

interface Props {
	value: WalletLoginSettings;
	networks: Network[];
	/** Roles new members may get: slug => translated name. */
	memberRoles: Record< string, string >;
	/** Problems of the proxy fields (validateProxies), shown once a save was tried. */
	errors: ProxyErrors;
	showErrors: boolean;
	onChange: ( value: WalletLoginSettings ) => void;
}

export function WalletLoginPanel( {
	value,
	networks,
	memberRoles,
	errors,
	showErrors,
	onChange,
}: Props ) {
	const set = ( changes: Partial< WalletLoginSettings > ) =>
		onChange( { ...value, ...changes } );
	// The field keeps what is typed (blank lines too); the setting gets the entries.
	const [ proxyText, setProxyText ] = useState( () =>
		value.trustedProxies.join( '\n' )
	);
	const fieldError = ( field: keyof ProxyErrors ) =>
		showErrors ? errors[ field ] : undefined;
	const toggleChain = ( chainId: number, checked: boolean ) =>
		set( {
			allowedChains: checked
				? [ ...value.allowedChains, chainId ]
				: value.allowedChains.filter( ( id ) => id !== chainId ),
		} );

	return (
		<PanelBody
			title={ __( 'Wallet login', 'sovereign-press' ) }
			initialOpen={ false }
		>
			<div className="sovereign-press-settings__stack">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Members can log in with their wallet',
						'sovereign-press'
					) }
					checked={ value.enabled }
					onChange={ ( enabled ) => set( { enabled } ) }
				/>
				<fieldset>
					<legend className="sovereign-press-settings__legend">
						{ __(
							'Networks accepted for sign-in',
							'sovereign-press'
						) }
					</legend>
					{ networks.length === 0 && (
						<p className="sovereign-press-settings__empty">
							{ __(
								'No network configured: sign-ins must name Ethereum mainnet (chain 1).',
								'sovereign-press'
							) }
						</p>
					) }
					{ networks.map( ( network ) => (
						<CheckboxControl
							__nextHasNoMarginBottom
							key={ network.chainId }
							label={ `${ network.name } (${ network.chainId })` }
							checked={ value.allowedChains.includes(
								network.chainId
							) }
							onChange={ ( checked ) =>
								toggleChain( network.chainId, checked )
							}
						/>
					) ) }
					<p className="components-base-control__help">
						{ __(
							'None checked: every network above is accepted.',
							'sovereign-press'
						) }
					</p>
				</fieldset>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Create an account for a new wallet',
						'sovereign-press'
					) }
					help={ __(
						'Off: only wallets already linked to an account can log in.',
						'sovereign-press'
					) }
					checked={ value.autoRegister }
					onChange={ ( autoRegister ) => set( { autoRegister } ) }
				/>
				<SelectControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Role of new members', 'sovereign-press' ) }
					value={ value.newMemberRole }
					options={ Object.entries( memberRoles ).map(
						( [ slug, name ] ) => ( { value: slug, label: name } )
					) }
					onChange={ ( newMemberRole ) => set( { newMemberRole } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Username prefix', 'sovereign-press' ) }
					help={ __(
						'New members get this prefix and the start of their address, such as member-3c44cd.',
						'sovereign-press'
					) }
					value={ value.usernamePrefix }
					onChange={ ( usernamePrefix ) => set( { usernamePrefix } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __( 'Session length (days)', 'sovereign-press' ) }
					type="number"
					min={ 1 }
					max={ 365 }
					value={ String( value.sessionDays ) }
					onChange={ ( days ) =>
						set( { sessionDays: Number( days ) } )
					}
				/>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Keep members logged in after the browser closes',
						'sovereign-press'
					) }
					checked={ value.rememberMe }
					onChange={ ( rememberMe ) => set( { rememberMe } ) }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __(
						'WalletConnect project id',
						'sovereign-press'
					) }
					help={ __(
						'Optional. With a Reown project id, members can also sign in with mobile wallets through WalletConnect, whose relay Reown runs. Empty: browser wallets only, and nothing leaves this site.',
						'sovereign-press'
					) }
					value={ value.walletConnectProjectId }
					onChange={ ( walletConnectProjectId ) =>
						set( {
							walletConnectProjectId: walletConnectProjectId
								.trim()
								.toLowerCase(),
						} )
					}
				/>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Members with a wallet may still log in with a password',
						'sovereign-press'
					) }
					help={ __(
						'Users without a linked wallet, such as administrators, always keep their password.',
						'sovereign-press'
					) }
					checked={ value.passwordLogin }
					onChange={ ( passwordLogin ) => set( { passwordLogin } ) }
				/>
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Trusted proxies', 'sovereign-press' ) }
					help={
						fieldError( 'trustedProxies' ) ??
						__(
							'One IP address or CIDR range per line: the load balancers or reverse proxies in front of this site. Sign-in limits count visitors by the address these proxies forward; from anyone else the header is ignored. Empty: every visitor is counted by the address that connects.',
							'sovereign-press'
						)
					}
					className={
						fieldError( 'trustedProxies' ) ? 'has-error' : undefined
					}
					rows={ 3 }
					value={ proxyText }
					onChange={ ( text ) => {
						setProxyText( text );
						set( { trustedProxies: proxyLines( text ) } );
					} }
				/>
				<TextControl
					__next40pxDefaultSize
					__nextHasNoMarginBottom
					label={ __(
						'Forwarded address header',
						'sovereign-press'
					) }
					help={
						fieldError( 'proxyHeader' ) ??
						__(
							"The header the trusted proxies put the visitor's address in, as a comma-separated list: X-Forwarded-For, X-Real-IP or CF-Connecting-IP, for instance, but not the standard Forwarded header, which is not understood. The right-most address that is not a trusted proxy is the visitor's.",
							'sovereign-press'
						)
					}
					className={
						fieldError( 'proxyHeader' ) ? 'has-error' : undefined
					}
					value={ value.proxyHeader }
					onChange={ ( proxyHeader ) =>
						set( { proxyHeader: proxyHeader.trim() } )
					}
				/>
			</div>
		</PanelBody>
	);
}
