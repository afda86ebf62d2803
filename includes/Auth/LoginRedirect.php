<?php
/**
 * Where a member goes after a wallet sign-in.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * The rules of a password login on wp-login.php (admin_url() when nothing is asked, the
 * `login_redirect` filter, the profile screen for users who cannot edit posts and would land on
 * the dashboard), with one difference: the answer is always an absolute URL on this site. The
 * browser follows only that answer, so a crafted redirect_to can neither leave the site nor run
 * script (`javascript:`).
 *
 * @since 0.1.0
 */
final class LoginRedirect {

	/** Longer locations are not followed (the default applies), as browsers and servers cap URLs. */
	public const MAX_LENGTH = 2048;

	/**
	 * @param string $requested What the page asked for (wp-login.php's redirect_to, the page the
	 *                          Wallet Login block is on); anything, unchecked.
	 * @return string An absolute URL on this site.
	 */
	public static function for_user( \WP_User $user, string $requested ): string {
		$redirect_to = '' !== $requested ? $requested : admin_url();
		/** This filter is documented in wp-login.php */
		$filtered = apply_filters( 'login_redirect', $redirect_to, $requested, $user );
		$target   = self::on_this_site( is_string( $filtered ) ? $filtered : '' ) ?? admin_url();

		if ( untrailingslashit( $target ) !== untrailingslashit( admin_url() ) ) {
			return $target;
		}
		// As wp-login.php does for the dashboard.
		if ( is_multisite() && ! get_active_blog_for_user( $user->ID ) && ! is_super_admin( $user->ID ) ) {
			return user_admin_url();
		}
		if ( is_multisite() && ! $user->has_cap( 'read' ) ) {
			return get_dashboard_url( $user->ID );
		}
		if ( ! $user->has_cap( 'edit_posts' ) ) {
			return $user->has_cap( 'read' ) ? admin_url( 'profile.php' ) : home_url();
		}
		return $target;
	}

	/**
	 * The location as an absolute URL with this site's origin (home or WordPress address), or null.
	 * Stricter than wp_validate_redirect() alone: only a path from the root or an absolute URL
	 * passes, and nothing with a backslash, a space or a control character, which browsers read
	 * in their own ways ("/\host" is "//host"), nor with user info ("user:pass@host"), nor longer
	 * than MAX_LENGTH.
	 *
	 * @since 0.1.0
	 */
	public static function on_this_site( string $location ): ?string {
		if ( '' === $location || strlen( $location ) > self::MAX_LENGTH || 1 === preg_match( '/[\\\\\x00-\x20\x7f]/', $location ) ) {
			return null;
		}
		if ( str_starts_with( $location, '/' ) && ! str_starts_with( $location, '//' ) ) {
			$location = self::origin( home_url() ) . $location;
		}
		$valid  = wp_validate_redirect( $location, '' );
		$origin = '' === $valid ? null : self::origin( $valid );
		return null !== $origin && in_array( $origin, array( self::origin( home_url() ), self::origin( site_url() ) ), true ) ? $valid : null;
	}

	/**
	 * "scheme://host[:port]" of an absolute http(s) URL without user info, or null.
	 */
	private static function origin( string $url ): ?string {
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) || ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
			return null;
		}
		return strtolower( $parts['scheme'] . '://' . $parts['host'] ) . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
	}
}
