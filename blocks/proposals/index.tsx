import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import {
	registerBlockType,
	type BlockConfiguration,
	type BlockEditProps,
} from '@wordpress/blocks';
import { PanelBody, RangeControl, SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { governorProblem } from '@/governance/editor/input';
import { usePreview } from '@/governance/editor/preview';
import { ProposalPreview } from '@/governance/editor/ProposalPreview';
import {
	SourceFields,
	type SourceAttributes,
} from '@/governance/editor/SourceFields';
import metadata from './block.json';
import './style.scss';

type Attributes = SourceAttributes & {
	count: number;
	state: 'all' | 'pending' | 'active' | 'closed';
};

function Edit( { attributes, setAttributes }: BlockEditProps< Attributes > ) {
	const snapshot = attributes.source === 'snapshot';
	const ready = snapshot
		? attributes.space !== ''
		: attributes.chainId > 0 && ! governorProblem( attributes.governor );
	const preview = usePreview(
		'sovereign-press/proposals',
		{
			source: attributes.source,
			count: attributes.count,
			state: attributes.state,
			...( snapshot
				? {
						space: attributes.space,
						testnet: attributes.testnet ? '1' : '0',
					}
				: {
						chainId: attributes.chainId,
						governor: attributes.governor,
					} ),
		},
		ready
	);
	return (
		<div { ...useBlockProps() }>
			<InspectorControls>
				<PanelBody title={ __( 'Proposals', 'sovereign-press' ) }>
					<SourceFields
						attributes={ attributes }
						setAttributes={ setAttributes }
						withSpace
					/>
					<RangeControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'How many', 'sovereign-press' ) }
						value={ attributes.count }
						min={ 1 }
						max={ 20 }
						onChange={ ( count ) =>
							setAttributes( { count: count ?? 5 } )
						}
					/>
					<SelectControl
						__nextHasNoMarginBottom
						__next40pxDefaultSize
						label={ __( 'Show', 'sovereign-press' ) }
						value={ attributes.state }
						options={ [
							{
								label: __( 'All proposals', 'sovereign-press' ),
								value: 'all',
							},
							{
								label: __( 'Pending', 'sovereign-press' ),
								value: 'pending',
							},
							{
								label: __( 'Active', 'sovereign-press' ),
								value: 'active',
							},
							{
								label: __( 'Closed', 'sovereign-press' ),
								value: 'closed',
							},
						] }
						onChange={ ( state ) =>
							setAttributes( {
								state: state as Attributes[ 'state' ],
							} )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<ProposalPreview
				state={ preview }
				placeholder={ __(
					'DAO Proposals: choose a Snapshot space or a Governor in the block settings.',
					'sovereign-press'
				) }
			/>
		</div>
	);
}

registerBlockType( metadata as BlockConfiguration< Attributes >, {
	edit: Edit,
} );
