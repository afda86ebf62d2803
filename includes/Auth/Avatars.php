<?php
/**
 * Members' avatars, made on the site: a wallet is never looked up on Gravatar.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * A user's avatar is their ENS avatar record (https) when they have one; otherwise, with a linked
 * wallet, the blockies identicon wallets draw for their first wallet, as an inline SVG. A user
 * with neither a wallet nor an e-mail address (who cannot have a Gravatar) gets the identicon of
 * their username. Everyone else keeps what WordPress gives them.
 *
 * @since 0.1.0
 */
final class Avatars {

	public function __construct( private WalletAccounts $wallets ) {}

	/**
	 * `pre_get_avatar_data`: sets the URL for members, so that WordPress builds no Gravatar URL.
	 * Requests for the default picture (force_default, as Settings > Discussion previews them)
	 * are left alone.
	 *
	 * @param array<string, mixed> $args        Avatar arguments, after WordPress processed them.
	 * @param mixed                $id_or_email User, id, e-mail, post or comment.
	 * @return array<string, mixed>
	 */
	public function avatar_data( array $args, mixed $id_or_email ): array {
		$user = isset( $args['url'] ) || ! empty( $args['force_default'] ) ? null : self::user( $id_or_email );
		if ( null === $user ) {
			return $args;
		}
		$url = (string) get_user_meta( $user->ID, EnsProfile::AVATAR_META, true );
		if ( '' === $url ) {
			$seed = $this->wallets->wallets( $user->ID )[0]['address'] ?? ( '' === $user->user_email ? $user->user_login : '' );
			$url  = '' === $seed ? '' : Blockies::data_url( $seed, (int) $args['size'] );
		}
		if ( '' !== $url ) {
			$args['url']          = $url;
			$args['found_avatar'] = true;
		}
		return $args;
	}

	/**
	 * `get_avatar` (early): WordPress passes the image URL through esc_url(), which turns a data:
	 * URL into an empty src. The tag is printed again with the identicon's URL (base64, so nothing
	 * in it needs escaping) and every other attribute WordPress gave it; the 2x srcset goes, as
	 * an SVG is sharp at any size.
	 *
	 * @param mixed                $html          The avatar's HTML.
	 * @param mixed                $id_or_email   User, id, e-mail, post or comment.
	 * @param mixed                $size          Size.
	 * @param mixed                $default_value Default picture.
	 * @param mixed                $alt           Alternative text.
	 * @param array<string, mixed> $args          Arguments, with the URL.
	 * @return mixed
	 */
	public function inline_image( mixed $html, mixed $id_or_email = null, mixed $size = null, mixed $default_value = null, mixed $alt = null, array $args = array() ): mixed {
		$url  = (string) ( $args['url'] ?? '' );
		$tags = is_string( $html ) ? new \WP_HTML_Tag_Processor( $html ) : null;
		if ( ! str_starts_with( $url, Blockies::DATA_URL_PREFIX ) || null === $tags || ! $tags->next_tag( 'img' ) ) {
			return $html;
		}
		$image = '<img src="' . esc_attr( $url ) . '"';
		foreach ( (array) $tags->get_attribute_names_with_prefix( '' ) as $name ) {
			$value = $tags->get_attribute( $name );
			if ( 'src' !== $name && 'srcset' !== $name ) {
				$image .= true === $value ? " {$name}" : " {$name}=\"" . esc_attr( (string) $value ) . '"';
			}
		}
		return $image . ' />';
	}

	/**
	 * `user_profile_picture_description`: a member's picture does not come from Gravatar, so the
	 * profile screen does not send them there to change it.
	 */
	public function profile_description( string $description, \WP_User $user ): string {
		if ( array() === $this->wallets->wallets( $user->ID ) ) {
			return $description;
		}
		return esc_html__( 'Your ENS name\'s avatar when it has one; otherwise the identicon that wallets draw for your address, made on this site.', 'sovereign-press' );
	}

	/**
	 * The user an avatar request is for, as get_avatar_data() finds them (comments by their author,
	 * or by their e-mail address when the author was not logged in).
	 */
	private static function user( mixed $id_or_email ): ?\WP_User {
		if ( is_object( $id_or_email ) && isset( $id_or_email->comment_ID ) ) {
			$id_or_email = get_comment( $id_or_email );
		}
		if ( $id_or_email instanceof \WP_Comment ) {
			if ( ! is_avatar_comment_type( get_comment_type( $id_or_email ) ) ) {
				return null;
			}
			$id_or_email = (int) $id_or_email->user_id ?: $id_or_email->comment_author_email;
		}
		$user = match ( true ) {
			$id_or_email instanceof \WP_User => $id_or_email,
			$id_or_email instanceof \WP_Post => get_user_by( 'id', (int) $id_or_email->post_author ),
			is_numeric( $id_or_email ) => get_user_by( 'id', absint( $id_or_email ) ),
			is_string( $id_or_email ) && is_email( $id_or_email ) => get_user_by( 'email', $id_or_email ),
			default => false,
		};
		return $user instanceof \WP_User ? $user : null;
	}
}
