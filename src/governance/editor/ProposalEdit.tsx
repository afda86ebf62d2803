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
import { usePreview } from './preview';
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
	// Set when a Tally link was pasted: its id is kept, the chain and Governor are asked for.
	const [ fromTally, setFromTally ] = useState( false );
	const pasteUrl = ( url: string ) => {
		const tallyId = tallyProposalId( url );
		if ( tallyId === null ) {
			setAttributes( { url: url.trim() } );
			return;
		}
		setFromTally( true );
		setAttributes( { source: 'governor', url: '', proposalId: tallyId } );
	};
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

	const settings = (
		<SourceFields
			attributes={ attributes }
			setAttributes={ setAttributes }
			snapshot={
				<>
					<TextField
						label={ __( 'Snapshot URL', 'sovereign-press' ) }
						help={ __(
							'Paste the proposal’s address, or leave it empty and enter the space and id.',
							'sovereign-press'
						) }
						value={ attributes.url }
						onChange={ pasteUrl }
					/>
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
	return (
		<EditFrame
			title={ __( 'Proposal', 'sovereign-press' ) }
			settings={ settings }
			note={ tallyNote }
			preview={ usePreview(
				'sovereign-press/proposal',
				checkProposal( attributes )
			) }
			placeholder={ __(
				'DAO Proposal: paste a Snapshot URL, or choose a Governor, in the block settings.',
				'sovereign-press'
			) }
		/>
	);
}
