/**
 * The slice of @wordpress/block-editor used here; the package ships no type declarations.
 * @param props
 */
declare module '@wordpress/block-editor' {
	import type { ComponentType, ReactNode } from 'react';

	export const InspectorControls: ComponentType< { children?: ReactNode } >;
	export const InnerBlocks: ComponentType< Record< string, unknown > > & {
		Content: ComponentType;
	};
	export function useBlockProps(
		props?: Record< string, unknown >
	): Record< string, unknown >;
}
