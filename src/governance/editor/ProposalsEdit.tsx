/**
 * The DAO Proposals block in the editor: a Snapshot space or a Governor, how many proposals and
 * which states, and the server's rendering of the list.
 */
import type { BlockEditProps } from '@wordpress/blocks';
import { RangeControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { checkProposals, type ProposalsAttributes } from './check';
import { SelectField } from './controls';
import { EditFrame } from './EditFrame';
import { loadingMessage, usePreview } from './preview';
import { SourceFields, SpaceFields } from './SourceFields';

/**
 * @param root0
 * @param root0.attributes    The block's attributes.
 * @param root0.setAttributes Updates them.
 */
export function ProposalsEdit( {
	attributes,
	setAttributes,
}: BlockEditProps< ProposalsAttributes > ) {
	const settings = (
		<>
			<SourceFields
				attributes={ attributes }
				setAttributes={ setAttributes }
				snapshot={
					<SpaceFields
						attributes={ attributes }
						setAttributes={ setAttributes }
					/>
				}
			/>
			<RangeControl
				__nextHasNoMarginBottom
				__next40pxDefaultSize
				label={ __( 'How many', 'sovereign-press' ) }
				value={ attributes.count }
				min={ 1 }
				max={ 20 }
				onChange={ ( count ) => setAttributes( { count: count ?? 5 } ) }
			/>
			<SelectField
				label={ __( 'Show', 'sovereign-press' ) }
				value={ attributes.state }
				options={ [
					[ 'all', __( 'All proposals', 'sovereign-press' ) ],
					[ 'pending', __( 'Pending', 'sovereign-press' ) ],
					[ 'active', __( 'Active', 'sovereign-press' ) ],
					[ 'closed', __( 'Closed', 'sovereign-press' ) ],
				] }
				onChange={ ( state ) =>
					setAttributes( {
						state: state as ProposalsAttributes[ 'state' ],
					} )
				}
			/>
		</>
	);
	const block = 'sovereign-press/proposals';
	return (
		<EditFrame
			title={ __( 'Proposals', 'sovereign-press' ) }
			settings={ settings }
			label={ __( 'DAO Proposals', 'sovereign-press' ) }
			instructions={
				attributes.source === 'snapshot'
					? __(
							'Enter a Snapshot space to list its latest proposals.',
							'sovereign-press'
						)
					: __(
							'Choose the network and enter the Governor’s address to list its latest proposals.',
							'sovereign-press'
						)
			}
			start={
				<SourceFields
					attributes={ attributes }
					setAttributes={ setAttributes }
					snapshot={
						<SpaceFields
							attributes={ attributes }
							setAttributes={ setAttributes }
						/>
					}
				/>
			}
			preview={ usePreview( block, checkProposals( attributes ) ) }
			loading={ loadingMessage( block, attributes.source ) }
		/>
	);
}
