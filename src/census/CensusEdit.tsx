/**
 * The Census block in the editor: which figures to show in the inspector, and in the canvas the
 * server's own rendering of the block (core's block renderer route), so the editor shows the HTML
 * the page will.
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	Notice,
	PanelBody,
	RangeControl,
	Spinner,
	ToggleControl,
} from '@wordpress/components';
import { RawHTML, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { apiRequest } from '@/api/request';

export type CensusAttributes = {
	showPopulation: boolean;
	showChart: boolean;
	chartDays: number;
	showTreasury: boolean;
	showEconomy: boolean;
	showDeclared: boolean;
};

type Preview =
	| { status: 'loading' }
	| { status: 'ready'; html: string }
	| { status: 'error'; message: string };

/** Milliseconds without changes before the preview is asked for. */
const DEBOUNCE_MS = 300;

/**
 * What the block's render.php printed inside its wrapper: the editor's own wrapper (useBlockProps)
 * carries the same classes and styles, so only the content is taken.
 *
 * @param rendered The block as the server rendered it.
 */
export function innerHtml( rendered: string ): string {
	const doc = new DOMParser().parseFromString( rendered, 'text/html' );
	const wrapper = doc.body.firstElementChild;
	return wrapper ? wrapper.innerHTML : rendered;
}

/**
 * The server's rendering of the block with these attributes.
 *
 * @param attributes The block's attributes.
 */
function useServerHtml( attributes: CensusAttributes ): Preview {
	const [ preview, setPreview ] = useState< Preview >( {
		status: 'loading',
	} );
	const query = JSON.stringify( attributes );
	useEffect( () => {
		let current = true;
		const timer = setTimeout( () => {
			apiRequest< { rendered: string } >( {
				path: '/wp/v2/block-renderer/sovereign-press/census?context=edit',
				method: 'POST',
				data: { attributes: JSON.parse( query ) as CensusAttributes },
			} )
				.then( ( answer ) => {
					if ( current ) {
						setPreview( {
							status: 'ready',
							html: innerHtml( answer.rendered ),
						} );
					}
				} )
				.catch( ( error: unknown ) => {
					if ( current ) {
						setPreview( {
							status: 'error',
							message:
								error instanceof Error && error.message
									? error.message
									: __(
											'The census could not be loaded.',
											'sovereign-press'
										),
						} );
					}
				} );
		}, DEBOUNCE_MS );
		return () => {
			current = false;
			clearTimeout( timer );
		};
	}, [ query ] );
	return preview;
}

/**
 * @param root0
 * @param root0.attributes    The block's attributes.
 * @param root0.setAttributes Updates them.
 */
export function CensusEdit( {
	attributes,
	setAttributes,
}: BlockEditProps< CensusAttributes > ) {
	const preview = useServerHtml( attributes );
	const toggles: Array< [ keyof CensusAttributes, string ] > = [
		[ 'showPopulation', __( 'Population', 'sovereign-press' ) ],
		[ 'showChart', __( 'Growth chart', 'sovereign-press' ) ],
		[ 'showTreasury', __( 'Treasury', 'sovereign-press' ) ],
		[ 'showEconomy', __( 'Economy', 'sovereign-press' ) ],
		[ 'showDeclared', __( 'Declared figures', 'sovereign-press' ) ],
	];
	let content;
	switch ( preview.status ) {
		case 'ready':
			// Escaped on the server by Census\CensusBlock, as on the page.
			content = <RawHTML>{ preview.html }</RawHTML>;
			break;
		case 'error':
			content = (
				<Notice status="warning" isDismissible={ false }>
					{ preview.message }
				</Notice>
			);
			break;
		default:
			content = (
				<p role="status">
					<Spinner />
					{ __( 'Loading the census…', 'sovereign-press' ) }
				</p>
			);
	}
	return (
		<div { ...useBlockProps() }>
			<InspectorControls>
				<PanelBody title={ __( 'Figures', 'sovereign-press' ) }>
					{ toggles.map( ( [ name, label ] ) => (
						<ToggleControl
							key={ name }
							__nextHasNoMarginBottom
							label={ label }
							checked={ Boolean( attributes[ name ] ) }
							onChange={ ( checked ) =>
								setAttributes( { [ name ]: checked } )
							}
						/>
					) ) }
					{ attributes.showChart && (
						<RangeControl
							__nextHasNoMarginBottom
							__next40pxDefaultSize
							label={ __(
								'Days in the chart',
								'sovereign-press'
							) }
							value={ attributes.chartDays }
							min={ 2 }
							max={ 366 }
							onChange={ ( days ) =>
								setAttributes( { chartDays: days ?? 90 } )
							}
						/>
					) }
				</PanelBody>
			</InspectorControls>
			{ content }
		</div>
	);
}
