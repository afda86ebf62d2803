/**
 * The fields that name a Snapshot space or a Governor, shared by both DAO Proposal blocks.
 */
import {
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { editorData } from '@/gating/editorData';
import { governorProblem } from './input';

export type SourceAttributes = {
	source: 'snapshot' | 'governor';
	space: string;
	testnet: boolean;
	chainId: number;
	governor: string;
};

/**
 * @param root0
 * @param root0.attributes    The block's attributes.
 * @param root0.setAttributes Updates them.
 * @param root0.withSpace     Whether to show the space field (the list block; the proposal
 *                            block has its own Snapshot fields).
 */
export function SourceFields( {
	attributes,
	setAttributes,
	withSpace,
}: {
	attributes: SourceAttributes;
	setAttributes: ( next: Partial< SourceAttributes > ) => void;
	withSpace: boolean;
} ) {
	const networks = editorData().networks;
	return (
		<>
			<SelectControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'Source', 'sovereign-press' ) }
				value={ attributes.source }
				options={ [
					{
						label: __( 'Snapshot', 'sovereign-press' ),
						value: 'snapshot',
					},
					{
						label: __( 'On-chain Governor', 'sovereign-press' ),
						value: 'governor',
					},
				] }
				onChange={ ( source ) =>
					setAttributes( {
						source: source as SourceAttributes[ 'source' ],
					} )
				}
			/>
			{ attributes.source === 'snapshot' && withSpace && (
				<>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'Space', 'sovereign-press' ) }
						help={ __( 'Such as society.eth', 'sovereign-press' ) }
						value={ attributes.space }
						onChange={ ( space ) =>
							setAttributes( { space: space.trim() } )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Snapshot’s testnet hub',
							'sovereign-press'
						) }
						checked={ attributes.testnet }
						onChange={ ( testnet ) => setAttributes( { testnet } ) }
					/>
				</>
			) }
			{ attributes.source === 'governor' && (
				<>
					<SelectControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'Network', 'sovereign-press' ) }
						value={ String( attributes.chainId ) }
						options={ [
							{
								label: __(
									'Choose a network',
									'sovereign-press'
								),
								value: '0',
							},
							...networks.map( ( network ) => ( {
								label: network.name,
								value: String( network.chainId ),
							} ) ),
						] }
						onChange={ ( chainId ) =>
							setAttributes( { chainId: Number( chainId ) } )
						}
					/>
					<TextControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'Governor address', 'sovereign-press' ) }
						value={ attributes.governor }
						help={
							attributes.governor
								? governorProblem( attributes.governor )
								: ''
						}
						onChange={ ( governor ) =>
							setAttributes( { governor: governor.trim() } )
						}
					/>
				</>
			) }
		</>
	);
}
