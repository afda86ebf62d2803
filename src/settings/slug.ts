/**
 * An id from a name, for lists whose items the server keys by id: lowercase letters, digits and
 * hyphens, at most `maxLength` characters, and not one of `taken` ("Members" -> "members-2").
 *
 * @param name      What the admin calls the item.
 * @param taken     Ids already in use.
 * @param maxLength Longest base before a "-2" suffix.
 * @param fallback  The base when the name has no letter or digit.
 */
export function uniqueSlug(
	name: string,
	taken: string[],
	maxLength: number,
	fallback: string
): string {
	const base =
		name
			.toLowerCase()
			.normalize( 'NFKD' )
			.replace( /[^a-z0-9]+/g, '-' )
			.replace( /^-+|-+$/g, '' )
			.slice( 0, maxLength )
			.replace( /-+$/, '' ) || fallback;
	let id = base;
	for ( let n = 2; taken.includes( id ); n++ ) {
		id = `${ base }-${ n }`;
	}
	return id;
}
