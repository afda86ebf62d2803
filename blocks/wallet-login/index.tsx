import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import {
	registerBlockType,
	type BlockConfiguration,
	type BlockEditProps,
} from '@wordpress/blocks';
import { PanelBody, TextControl, ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import metadata from './block.json';
import './style.scss';

type Attributes = {
	redirectTo: string;
	showAvatar: boolean;
};

function Edit( { attributes, setAttributes }: BlockEditProps< Attributes > ) {
	return (
		<div { ...useBlockProps() }>
			<InspectorControls>
				<PanelBody title={ __( 'Settings', 'sovereign-press' ) }>
					<TextControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'After login, go to', 'sovereign-press' ) }
						help={ __(
							'A URL on this site. Empty: stay on this page.',
							'sovereign-press'
						) }
						type="url"
						value={ attributes.redirectTo }
						onChange={ ( redirectTo ) =>
							setAttributes( { redirectTo } )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							"Show the member's avatar",
							'sovereign-press'
						) }
						checked={ attributes.showAvatar }
						onChange={ ( showAvatar ) =>
							setAttributes( { showAvatar } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<button
				type="button"
				className="wp-block-sovereign-press-wallet-login__connect wp-element-button"
				disabled
			>
				{ __( 'Log in with wallet', 'sovereign-press' ) }
			</button>
		</div>
	);
}

// block.json is the single source of metadata. Its JSON type does not overlap BlockConfiguration
// enough for a plain cast: @wordpress/blocks types example.attributes as attribute definitions,
// where block.json has example values (showAvatar: true).
registerBlockType( metadata as unknown as BlockConfiguration< Attributes >, {
	edit: Edit,
} );
