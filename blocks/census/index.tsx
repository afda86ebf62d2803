import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';

import { CensusEdit, type CensusAttributes } from '@/census/CensusEdit';
import metadata from './block.json';
import './style.scss';

registerBlockType( metadata as BlockConfiguration< CensusAttributes >, {
	edit: CensusEdit,
} );
