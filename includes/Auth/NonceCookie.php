<?php
/**
 * The cookie that binds a sign-in nonce to the browser that asked for it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * POST /auth/nonce gives the browser a random secret in an HttpOnly, SameSite=Lax cookie, and the
 * store keeps only its hash with the nonce. A signed message then signs in only the browser that
 * asked for its nonce: one that leaked, or that another browser got someone to sign, is refused.
 * The siwe libraries keep the nonce in the server session for the same reason.
 *
 * Over https the cookie is a `__Host-` cookie (Secure, Path=/, no Domain): browsers refuse such a
 * cookie from any other host, so a sibling subdomain can neither plant its own secret (and sign
 * this browser into the sibling's account) nor replace the secret to block sign-in. Over http
 * (a local site) the prefix is not allowed, and the cookie keeps the REST API's path.
 *
 * @since 0.1.0
 */
final class NonceCookie {

	public static function name(): string {
		return ( is_ssl() ? '__Host-' : '' ) . 'sovereign_press_signin_' . COOKIEHASH;
	}

	/**
	 * The secret this request carries; '' when there is none or it is not one the site issues.
	 */
	public static function read(): string {
		$value = isset( $_COOKIE[ self::name() ] ) ? sanitize_text_field( wp_unslash( $_COOKIE[ self::name() ] ) ) : '';
		return 1 === preg_match( '/^[0-9a-f]{64}$/', $value ) ? $value : '';
	}

	/**
	 * @param int $ttl Seconds: the nonce's lifetime.
	 */
	public static function send( string $secret, int $ttl ): void {
		self::set( $secret, time() + $ttl );
	}

	/**
	 * Removes the cookie once its nonce is used.
	 */
	public static function clear(): void {
		unset( $_COOKIE[ self::name() ] );
		self::set( '', time() - YEAR_IN_SECONDS );
	}

	/**
	 * The cookie's attributes for this request, as setcookie() takes them.
	 *
	 * @since 0.1.0
	 *
	 * @return array{expires:int, path:string, domain:string, secure:bool, httponly:bool, samesite:string}
	 */
	public static function options( int $expires ): array {
		$secure = is_ssl();
		return array(
			'expires'  => $expires,
			// `__Host-` requires Path=/ and no Domain.
			'path'     => $secure ? '/' : self::rest_path(),
			'domain'   => $secure || false === COOKIE_DOMAIN ? '' : (string) COOKIE_DOMAIN,
			'secure'   => $secure,
			'httponly' => true,
			'samesite' => 'Lax',
		);
	}

	private static function set( string $value, int $expires ): void {
		// A command-line caller that has printed already (WP-CLI, tests) cannot set cookies.
		if ( headers_sent() ) {
			return;
		}
		setcookie( self::name(), $value, self::options( $expires ) );
	}

	/**
	 * The REST API's path (/wp-json/, or /index.php without pretty permalinks): the only place
	 * the cookie is needed.
	 */
	private static function rest_path(): string {
		$path = wp_parse_url( rest_url(), PHP_URL_PATH );
		return is_string( $path ) && '' !== $path ? $path : COOKIEPATH;
	}
}
