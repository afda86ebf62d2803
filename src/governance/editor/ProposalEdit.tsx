/**
 * The DAO Proposal block in the editor: a Snapshot link (or space and id) or a Governor's chain,
 * address and proposal id, checked as typed, and the server's rendering of the proposal.
 */
import type { BlockEditProps } from '@wordpress/blocks';
import { Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { checkProposal, type ProposalAttributes } from './check';
import { TextField } from './controls';
import { governorIdProblem, tallyProposalId } from './input';
import { EditFrame } from './EditFrame';
import { loadingMessage, usePreview } from './preview';
import { SourceFields, SpaceFields } from './SourceFields';

/**
 * @param root0
 * @param root0.attributes    The block's attributes.
 * @param root0.setAttributes Updates them.
 */
export function ProposalEdit( {
	attributes,
	setAttributes,
}: BlockEditProps< ProposalAttributes > ) {
	// Set once a Tally link is used: its id is kept, the chain and Governor are asked for.
	const [ fromTally, setFromTally ] = useState( false );
	const tallyId = tallyProposalId( attributes.url );
	// Tally has shut down; its link names the proposal but not the chain or the Governor.
	const useTally = tallyId !== null && [
		{
			label: __( 'Use as a Governor proposal', 'sovereign-press' ),
			onClick: () => {
				setFromTally( true );
				setAttributes( {
					source: 'governor',
					url: '',
					proposalId: tallyId,
				} );
			},
		},
	];
	const tallyNote = fromTally &&
		attributes.source === 'governor' &&
		( attributes.chainId <= 0 || attributes.governor === '' ) && (
			<Notice status="info" isDismissible={ false }>
				{ __(
					'Tally has shut down; choose the chain and the Governor. The proposal id is filled in from the Tally link.',
					'sovereign-press'
				) }
			</Notice>
		);
	const idField = (
		<TextField
			label={ __( 'Proposal id', 'sovereign-press' ) }
			value={ attributes.proposalId }
			help={
				attributes.source === 'governor' && attributes.proposalId
					? governorIdProblem( attributes.proposalId )
					: ''
			}
			onChange={ ( proposalId ) =>
				setAttributes( { proposalId: proposalId.trim() } )
			}
		/>
	);
	const urlField = ( help?: string ) => (
		<TextField
			type="url"
			help={ help }
			label={ __( 'Snapshot URL', 'sovereign-press' ) }
			placeholder="https://snapshot.box/#/s:…/proposal/0x…"
			value={ attributes.url }
			onChange={ ( url ) => setAttributes( { url: url.trim() } ) }
		/>
	);

	const settings = (
		<SourceFields
			attributes={ attributes }
			setAttributes={ setAttributes }
			snapshot={
				<>
					{ urlField(
						__(
							'Paste the proposal’s address, or leave it empty and enter the space and id.',
							'sovereign-press'
						)
					) }
					{ attributes.url === '' && (
						<>
							<SpaceFields
								attributes={ attributes }
								setAttributes={ setAttributes }
							/>
							{ idField }
						</>
					) }
				</>
			}
			governor={ idField }
		/>
	);
	const block = 'sovereign-press/proposal';
	return (
		<EditFrame
			title={ __( 'Proposal', 'sovereign-press' ) }
			settings={ settings }
			label={ __( 'DAO Proposal', 'sovereign-press' ) }
			instructions={
				attributes.source === 'snapshot'
					? __(
							'Paste a Snapshot proposal’s link, or enter its space and id in the block settings.',
							'sovereign-press'
						)
					: __(
							'Choose the network, then enter the Governor’s address and the proposal id.',
							'sovereign-press'
						)
			}
			start={
				<SourceFields
					attributes={ attributes }
					setAttributes={ setAttributes }
					snapshot={ urlField() }
					governor={ idField }
				/>
			}
			note={ tallyNote }
			actions={ useTally || undefined }
			preview={ usePreview( block, checkProposal( attributes ) ) }
			loading={ loadingMessage( block, attributes.source ) }
		/>
	);
}
