/**
 * The inspector controls of the DAO Proposal blocks, with the sizes the editor now defaults to.
 */
import { SelectControl, TextControl } from '@wordpress/components';
import type { ComponentProps } from 'react';

/**
 * @param props TextControl's props.
 */
export function TextField( props: ComponentProps< typeof TextControl > ) {
	return (
		<TextControl
			__nextHasNoMarginBottom
			__next40pxDefaultSize
			{ ...props }
		/>
	);
}

/**
 * @param root0
 * @param root0.label    Label.
 * @param root0.value    Selected value.
 * @param root0.options  Choices, as [ value, label ] pairs.
 * @param root0.onChange Called with the chosen value.
 */
export function SelectField( {
	label,
	value,
	options,
	onChange,
}: {
	label: string;
	value: string;
	options: [ string, string ][];
	onChange: ( value: string ) => void;
} ) {
	return (
		<SelectControl
			__nextHasNoMarginBottom
			__next40pxDefaultSize
			label={ label }
			value={ value }
			options={ options.map( ( [ option, text ] ) => ( {
				value: option,
				label: text,
			} ) ) }
			onChange={ onChange }
		/>
	);
}
