<?php
/**
 * Members' avatars never come from a third party: a wallet's blockies identicon, inline, unless
 * the member set an ENS avatar. Users without a wallet keep what WordPress gives them.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Auth\Blockies;
use SovereignPress\Auth\EnsProfile;
use SovereignPress\Auth\Registration;
use SovereignPress\Plugin;

final class AvatarsTest extends TestCase {

	private const WALLET = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

	/**
	 * A member as wallet sign-in creates them: no e-mail, wallet-only, one linked wallet.
	 */
	private function wallet_member( string $address = self::WALLET ): int {
		$id = wp_insert_user(
			array(
				'user_login' => 'member-' . strtolower( substr( $address, 2, 6 ) ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $id );
		update_user_meta( $id, Registration::WALLET_ONLY_META, 1 );
		Plugin::instance()->wallets()->link( $id, $address, 31337 );
		return $id;
	}

	public function test_a_wallet_member_gets_the_blockie_of_their_wallet_everywhere(): void {
		$id       = $this->wallet_member();
		$expected = Blockies::data_url( self::WALLET, 96 );

		$this->assertSame( $expected, get_avatar_url( $id ) );
		$this->assertSame( $expected, get_avatar_url( get_user_by( 'id', $id ) ) );
		$this->assertSame( Blockies::data_url( self::WALLET, 48 ), get_avatar_url( $id, array( 'size' => 48 ) ) );

		$post = self::factory_post( $id );
		$this->assertSame( $expected, get_avatar_url( $post ) );
		$comment = wp_insert_comment(
			array(
				'comment_post_ID' => $post->ID,
				'user_id'         => $id,
				'comment_content' => 'Hello',
			)
		);
		$this->assertSame( $expected, get_avatar_url( get_comment( $comment ) ) );

		// The REST API (users' avatar_urls, GET /auth/me) hands out the same URLs.
		wp_set_current_user( $id );
		$me = $this->rest( 'GET', '/sovereign-press/v1/auth/me' )->get_data();
		$this->assertSame( $expected, $me['user']['avatarUrl'] );
		$user = $this->rest( 'GET', "/wp/v2/users/{$id}" )->get_data();
		$this->assertSame( Blockies::data_url( self::WALLET, 24 ), $user['avatar_urls']['24'] );
		$this->assertSame( $expected, $user['avatar_urls']['96'] );
	}

	public function test_get_avatar_prints_the_inline_image_with_wordpress_attributes(): void {
		$id   = $this->wallet_member();
		$html = (string) get_avatar( $id, 40, '', 'Ada', array( 'class' => 'wp-block-sovereign-press-wallet-login__avatar', 'extra_attr' => 'data-test="1"' ) );

		$tags = new \WP_HTML_Tag_Processor( $html );
		$this->assertTrue( $tags->next_tag( 'img' ), $html );
		$this->assertSame( Blockies::data_url( self::WALLET, 40 ), $tags->get_attribute( 'src' ) );
		$this->assertNull( $tags->get_attribute( 'srcset' ), 'An SVG needs no 2x variant.' );
		$this->assertSame( 'Ada', $tags->get_attribute( 'alt' ) );
		$this->assertSame( '40', $tags->get_attribute( 'width' ) );
		$this->assertSame( '40', $tags->get_attribute( 'height' ) );
		$this->assertSame( '1', $tags->get_attribute( 'data-test' ) );
		$this->assertSame( 'avatar avatar-40 photo wp-block-sovereign-press-wallet-login__avatar', $tags->get_attribute( 'class' ) );
		$this->assertFalse( $tags->next_tag(), 'One tag only.' );
		$this->assertStringNotContainsString( 'gravatar', $html );
	}

	public function test_a_user_with_an_email_who_links_a_wallet_gets_the_blockie_too(): void {
		$editor = self::user_id( 'editor' );
		$this->assertStringContainsString( 'gravatar.com', (string) get_avatar_url( $editor ), 'Without a wallet, WordPress decides.' );

		Plugin::instance()->wallets()->link( $editor, '0x90F79bf6EB2c4f870365E785982E1f101E93b906', 31337 );
		$this->assertSame( Blockies::data_url( '0x90F79bf6EB2c4f870365E785982E1f101E93b906', 96 ), get_avatar_url( $editor ) );
		$this->assertSame( Blockies::data_url( '0x90F79bf6EB2c4f870365E785982E1f101E93b906', 96 ), get_avatar_url( 'editor@example.org' ), 'Looked up by e-mail too.' );
	}

	public function test_the_first_linked_wallet_draws_it(): void {
		$id = $this->wallet_member();
		Plugin::instance()->wallets()->link( $id, '0x90F79bf6EB2c4f870365E785982E1f101E93b906', 31337 );
		$this->assertSame( Blockies::data_url( self::WALLET, 96 ), get_avatar_url( $id ) );
	}

	public function test_an_ens_avatar_comes_first(): void {
		$id = $this->wallet_member();
		update_user_meta( $id, EnsProfile::AVATAR_META, 'https://example.org/citizen.png' );
		$this->assertSame( 'https://example.org/citizen.png', get_avatar_url( $id ) );
		$this->assertStringContainsString( "src='https://example.org/citizen.png'", (string) get_avatar( $id ) );
	}

	public function test_a_user_without_wallet_or_email_is_not_sent_to_gravatar(): void {
		$id = wp_insert_user(
			array(
				'user_login' => 'no-email',
				'user_pass'  => wp_generate_password(),
			)
		);
		$this->assertIsInt( $id );
		$url = (string) get_avatar_url( $id );
		$this->assertStringStartsWith( Blockies::DATA_URL_PREFIX, $url );
	}

	public function test_requests_for_the_default_picture_and_hidden_avatars_are_left_to_wordpress(): void {
		$id = $this->wallet_member();
		$this->assertStringContainsString( 'gravatar.com', (string) get_avatar_url( $id, array( 'force_default' => true ) ), 'Settings > Discussion previews the default pictures.' );

		update_option( 'show_avatars', '0' );
		$this->assertFalse( get_avatar( $id ) );
	}

	public function test_the_profile_screen_says_where_the_picture_comes_from(): void {
		$id = $this->wallet_member();
		$description = (string) apply_filters( 'user_profile_picture_description', 'Gravatar', get_user_by( 'id', $id ) );
		$this->assertStringNotContainsString( 'Gravatar', $description );
		$this->assertStringContainsString( 'wallet', $description );
		$this->assertSame( 'Gravatar', apply_filters( 'user_profile_picture_description', 'Gravatar', get_user_by( 'id', self::user_id( 'editor' ) ) ) );
	}

	private static function factory_post( int $author ): \WP_Post {
		$post = get_post(
			wp_insert_post(
				array(
					'post_title'  => 'By a member',
					'post_status' => 'publish',
					'post_author' => $author,
				)
			)
		);
		self::assertInstanceOf( \WP_Post::class, $post );
		return $post;
	}
}
