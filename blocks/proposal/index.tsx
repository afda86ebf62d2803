import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';

import type { ProposalAttributes } from '@/governance/editor/check';
import { ProposalEdit } from '@/governance/editor/ProposalEdit';
import metadata from './block.json';
import './style.scss';

registerBlockType( metadata as BlockConfiguration< ProposalAttributes >, {
	edit: ProposalEdit,
} );
