import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';

import type { ProposalsAttributes } from '@/governance/editor/check';
import { ProposalsEdit } from '@/governance/editor/ProposalsEdit';
import metadata from './block.json';
import './style.scss';

registerBlockType( metadata as BlockConfiguration< ProposalsAttributes >, {
	edit: ProposalsEdit,
} );
