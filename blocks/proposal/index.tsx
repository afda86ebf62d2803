import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import {
	registerBlockType,
	type BlockConfiguration,
	type BlockEditProps,
} from '@wordpress/blocks';
import { Notice, PanelBody, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import {
	governorIdProblem,
	governorProblem,
	snapshotIdProblem,
	tallyProposalId,
} from '@/governance/editor/input';
import { usePreview } from '@/governance/editor/preview';
import { ProposalPreview } from '@/governance/editor/ProposalPreview';
import {
	SourceFields,
	type SourceAttributes,
} from '@/governance/editor/SourceFields';
import metadata from './block.json';
import './style.scss';

type Attributes = SourceAttributes & {
	url: string;
	proposalId: string;
};

/**
 * Whether the attributes name a proposal well enough to ask the server.
 *
 * @param attributes
 */
function complete( attributes: Attributes ): boolean {
	if ( attributes.source === 'governor' ) {
		return (
			attributes.chainId > 0 &&
			! governorProblem( attributes.governor ) &&
			! governorIdProblem( attributes.proposalId )
		);
	}
	return attributes.url !== ''
		? true
		: attributes.space !== '' &&
				! snapshotIdProblem( attributes.proposalId );
}

/**
 * The attributes the preview route takes for this source.
 *
 * @param attributes
 */
function previewQuery(
	attributes: Attributes
): Record< string, string | number | boolean > {
	if ( attributes.source === 'governor' ) {
		return {
			source: 'governor',
			chainId: attributes.chainId,
			governor: attributes.governor,
			proposalId: attributes.proposalId,
		};
	}
	if ( attributes.url !== '' ) {
		return { source: 'snapshot', url: attributes.url };
	}
	return {
		source: 'snapshot',
		space: attributes.space,
		proposalId: attributes.proposalId,
		testnet: attributes.testnet ? '1' : '0',
	};
}

function Edit( { attributes, setAttributes }: BlockEditProps< Attributes > ) {
	const tallyId = tallyProposalId( attributes.url );
	const snapshot = attributes.source === 'snapshot';
	const preview = usePreview(
		'sovereign-press/proposal',
		previewQuery( attributes ),
		complete( attributes ) && ! tallyId
	);
	let idProblem = '';
	if ( attributes.proposalId !== '' ) {
		idProblem = snapshot
			? snapshotIdProblem( attributes.proposalId )
			: governorIdProblem( attributes.proposalId );
	}

	return (
		<div { ...useBlockProps() }>
			<InspectorControls>
				<PanelBody title={ __( 'Proposal', 'sovereign-press' ) }>
					<SourceFields
						attributes={ attributes }
						setAttributes={ setAttributes }
						withSpace={ snapshot && attributes.url === '' }
					/>
					{ snapshot && (
						<TextControl
							__nextHasNoMarginBottom
							__next40pxDefaultSize
							label={ __( 'Snapshot URL', 'sovereign-press' ) }
							help={ __(
								'Paste the proposal’s address, or leave it empty and enter the space and id.',
								'sovereign-press'
							) }
							value={ attributes.url }
							onChange={ ( url ) =>
								setAttributes( { url: url.trim() } )
							}
						/>
					) }
					{ tallyId !== null && (
						<Notice status="info" isDismissible={ false }>
							{ __(
								'Tally has shut down: choose the network and enter the Governor’s address; the proposal id is filled in.',
								'sovereign-press'
							) }
						</Notice>
					) }
					{ tallyId !== null && (
						<button
							type="button"
							className="components-button is-secondary"
							onClick={ () =>
								setAttributes( {
									source: 'governor',
									url: '',
									proposalId: tallyId,
								} )
							}
						>
							{ __(
								'Use as a Governor proposal',
								'sovereign-press'
							) }
						</button>
					) }
					{ ( ! snapshot || attributes.url === '' ) && (
						<TextControl
							__nextHasNoMarginBottom
							__next40pxDefaultSize
							label={ __( 'Proposal id', 'sovereign-press' ) }
							value={ attributes.proposalId }
							help={ idProblem }
							onChange={ ( proposalId ) =>
								setAttributes( {
									proposalId: proposalId.trim(),
								} )
							}
						/>
					) }
				</PanelBody>
			</InspectorControls>
			<ProposalPreview
				state={ preview }
				placeholder={ __(
					'DAO Proposal: paste a Snapshot URL, or choose a Governor, in the block settings.',
					'sovereign-press'
				) }
			/>
		</div>
	);
}

registerBlockType( metadata as BlockConfiguration< Attributes >, {
	edit: Edit,
} );
