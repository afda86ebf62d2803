import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';
import { PanelBody, TextControl, ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import metadata from './block.json';
import './style.scss';

interface Attributes {
	redirectTo: string;
	showAvatar: boolean;
}

function Edit( {
	attributes,
	setAttributes,
}: {
	attributes: Attributes;
	setAttributes: ( next: Partial< Attributes > ) => void;
} ) {
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

// block.json is the single source of metadata; its JSON type is wider than BlockConfiguration.
registerBlockType(
	metadata as unknown as BlockConfiguration<
		Attributes & Record< string, unknown >
	>,
	{
		edit: Edit as unknown as BlockConfiguration<
			Attributes & Record< string, unknown >
		>[ 'edit' ],
	}
);
