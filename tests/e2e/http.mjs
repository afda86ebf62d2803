/**
 * A cookie-keeping HTTP client for the test site: what a browser sends, without the browser, for
 * checks that read raw responses (feeds, REST, XML-RPC, sitemaps).
 */
import { BASE_URL } from './browser.mjs';

export class Session {
	cookies = new Map();

	constructor( baseUrl = BASE_URL ) {
		this.baseUrl = baseUrl;
	}

	async request( path, { method = 'GET', body, headers = {} } = {} ) {
		const response = await fetch( new URL( path, this.baseUrl ), {
			method,
			body,
			redirect: 'manual',
			headers: {
				...headers,
				cookie: [ ...this.cookies ].map( ( [ name, value ] ) => `${ name }=${ value }` ).join( '; ' ),
			},
		} );
		for ( const line of response.headers.getSetCookie() ) {
			const [ pair ] = line.split( ';' );
			const [ name, value ] = pair.split( '=' );
			if ( /expires=Thu, 01 Jan 1970|max-age=0/i.test( line ) || value === 'deleted' ) {
				this.cookies.delete( name );
			} else {
				this.cookies.set( name, value );
			}
		}
		return { status: response.status, headers: response.headers, text: await response.text() };
	}

	/** Password login through wp-login.php, as a browser would. */
	async logIn( user, password = 'password' ) {
		this.cookies.set( 'wordpress_test_cookie', 'WP%20Cookie%20check' );
		const response = await this.request( '/wp-login.php', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams( { log: user, pwd: password, testcookie: '1', redirect_to: '/wp-admin/' } ).toString(),
		} );
		if ( response.status !== 302 ) {
			throw new Error( `Login as ${ user } failed (HTTP ${ response.status }).` );
		}
		this.nonce = ( await this.request( '/wp-admin/admin-ajax.php?action=rest-nonce' ) ).text.trim();
		return this;
	}

	/** A cookie-authenticated REST call (JSON in, JSON out). */
	async rest( path, { method = 'GET', data } = {} ) {
		const response = await this.request( `/wp-json${ path }`, {
			method,
			body: data === undefined ? undefined : JSON.stringify( data ),
			headers: { 'content-type': 'application/json', 'x-wp-nonce': this.nonce ?? '' },
		} );
		return { ...response, json: JSON.parse( response.text ) };
	}
}
