/**
 * Where the browser goes after a sign-in: only the URL the server returned (it applies
 * wp-login.php's rules and keeps to this site), and only when it is on this page's origin, as a
 * second lock. Never a URL from the page or the request: `location.assign( 'javascript:…' )` runs
 * script, and a crafted redirect_to would send the visitor anywhere.
 */

/**
 * The URL when it is an absolute http(s) URL on this page's origin, else null.
 * @param url What the server answered.
 */
export function sameOriginUrl( url: unknown ): string | null {
	if ( typeof url !== 'string' || url === '' ) {
		return null;
	}
	let parsed: URL;
	try {
		// No base: a relative or scheme-less answer is not one the server gives.
		parsed = new URL( url );
	} catch {
		return null;
	}
	const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
	return web && parsed.origin === window.location.origin ? parsed.href : null;
}

/**
 * Goes where the server said, or reloads this page when its answer is missing or not same-origin.
 * @param redirect The `redirect` of POST /auth/verify.
 */
export function followSignInRedirect( redirect: unknown ): void {
	const target = sameOriginUrl( redirect );
	if ( target ) {
		window.location.assign( target );
	} else {
		window.location.reload();
	}
}
