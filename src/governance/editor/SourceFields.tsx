/**
 * The fields that name a Snapshot space or a Governor, shared by both DAO Proposal blocks.
 */
import { ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

import { editorData } from '@/gating/editorData';
import type { SourceAttributes } from './check';
import { SelectField, TextField } from './controls';
import { governorProblem } from './input';

/**
 * @param root0
 * @param root0.attributes    The block's attributes.
 * @param root0.setAttributes Updates them.
 * @param root0.snapshot      The Snapshot fields below the source.
 * @param root0.governor      What follows the Governor's network and address.
 */
export function SourceFields( {
	attributes,
	setAttributes,
	snapshot,
	governor,
}: {
	attributes: SourceAttributes;
	setAttributes: ( next: Partial< SourceAttributes > ) => void;
	snapshot: ReactNode;
	governor?: ReactNode;
} ) {
	const networks = editorData().networks;
	return (
		<>
			<SelectField
				label={ __( 'Source', 'sovereign-press' ) }
				value={ attributes.source }
				options={ [
					[ 'snapshot', __( 'Snapshot', 'sovereign-press' ) ],
					[
						'governor',
						__( 'On-chain Governor', 'sovereign-press' ),
					],
				] }
				onChange={ ( source ) =>
					setAttributes( {
						source: source as SourceAttributes[ 'source' ],
					} )
				}
			/>
			{ attributes.source === 'snapshot' && snapshot }
			{ attributes.source === 'governor' && (
				<>
					<SelectField
						label={ __( 'Network', 'sovereign-press' ) }
						value={ String( attributes.chainId ) }
						options={ [
							[
								'0',
								__( 'Choose a network', 'sovereign-press' ),
							],
							...networks.map(
								( network ): [ string, string ] => [
									String( network.chainId ),
									network.name,
								]
							),
						] }
						onChange={ ( chainId ) =>
							setAttributes( { chainId: Number( chainId ) } )
						}
					/>
					<TextField
						label={ __( 'Governor address', 'sovereign-press' ) }
						value={ attributes.governor }
						help={
							attributes.governor
								? governorProblem( attributes.governor )
								: ''
						}
						onChange={ ( next ) =>
							setAttributes( { governor: next.trim() } )
						}
					/>
					{ governor }
				</>
			) }
		</>
	);
}

/**
 * A Snapshot space and whether it is on the testnet hub.
 *
 * @param root0
 * @param root0.attributes    The block's attributes.
 * @param root0.setAttributes Updates them.
 */
export function SpaceFields( {
	attributes,
	setAttributes,
}: {
	attributes: SourceAttributes;
	setAttributes: ( next: Partial< SourceAttributes > ) => void;
} ) {
	return (
		<>
			<TextField
				label={ __( 'Space', 'sovereign-press' ) }
				help={ __( 'Such as society.eth', 'sovereign-press' ) }
				value={ attributes.space }
				onChange={ ( space ) =>
					setAttributes( { space: space.trim() } )
				}
			/>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Snapshot’s testnet hub', 'sovereign-press' ) }
				checked={ attributes.testnet }
				onChange={ ( testnet ) => setAttributes( { testnet } ) }
			/>
		</>
	);
}
