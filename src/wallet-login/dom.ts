/**
 * DOM helpers shared by the wallet dialog and the vote panel.
 */

/**
 * A new element with a class and, optionally, its text (never HTML).
 * @param tag
 * @param className
 * @param text
 */
export function element< K extends keyof HTMLElementTagNameMap >(
	tag: K,
	className: string,
	text?: string
): HTMLElementTagNameMap[ K ] {
	const node = document.createElement( tag );
	node.className = className;
	if ( text !== undefined ) {
		node.textContent = text;
	}
	return node;
}
