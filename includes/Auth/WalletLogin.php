<?php
/**
 * Wallet sign-in, registration and linking, on top of the SIWE verifier.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Chain\Ens;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Networks;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Settings\Settings;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\ParseError;
use SovereignPress\Siwe\Result;
use SovereignPress\Siwe\Verifier;
use SovereignPress\Storage\Cache;

/**
 * Every refusal is a WP_Error with a stable code, an HTTP status and a translated message.
 * The nonce in the message is consumed before the signature is checked, so a message can be
 * used once, whatever the outcome.
 *
 * @phpstan-import-type WalletLogin from Settings
 *
 * @since 0.1.0
 */
final class WalletLogin {

	/** Seconds of clock difference tolerated between the wallet's device and this server. */
	public const CLOCK_SKEW = 60;

	/** Seconds a contract-wallet check may spend on the node. */
	public const RPC_TIMEOUT = 4.0;

	public const WALLET_ONLY_META = 'sovereign_press_wallet_only';
	public const ENS_NAME_META    = 'sovereign_press_ens_name';
	public const ENS_AVATAR_META  = 'sovereign_press_ens_avatar';

	/** Seconds an ENS lookup (found or not) is trusted. */
	public const ENS_CACHE_TTL = 12 * HOUR_IN_SECONDS;

	public function __construct(
		private Settings $settings,
		private Networks $networks,
		private NonceStore $nonces,
		private WalletAccounts $accounts,
		private Secp256k1 $curve
	) {}

	/**
	 * @return WalletLogin
	 */
	public function options(): array {
		return $this->settings->wallet_login();
	}

	/**
	 * The JSON a page gives its wallet script when WalletConnect is on: the project id, the
	 * accepted networks without their RPC URLs, and the URL of build/walletconnect.js. '' when
	 * WalletConnect is off (no project id) or the script is not built.
	 *
	 * @since 0.1.0
	 */
	public function walletconnect_attribute( string $plugin_dir, string $plugin_url ): string {
		$project_id = $this->options()['walletConnectProjectId'];
		$asset_file = $plugin_dir . 'build/walletconnect.asset.php';
		if ( '' === $project_id || ! is_readable( $asset_file ) ) {
			return '';
		}
		$asset    = require $asset_file;
		$allowed  = $this->allowed_chains();
		$networks = array_values( array_filter( $this->networks->public_list(), static fn( array $n ): bool => in_array( $n['chainId'], $allowed, true ) ) );
		return (string) wp_json_encode(
			array(
				'projectId' => $project_id,
				'networks'  => $networks,
				'script'    => add_query_arg( 'ver', $asset['version'], $plugin_url . 'build/walletconnect.js' ),
			)
		);
	}

	/**
	 * Chains a sign-in may name: the allowed list, else every configured network, else mainnet.
	 *
	 * @return list<int>
	 */
	public function allowed_chains(): array {
		$chains = $this->options()['allowedChains'];
		if ( array() === $chains ) {
			$chains = $this->networks->chain_ids();
		}
		return array() === $chains ? array( 1 ) : array_values( $chains );
	}

	/**
	 * This site's authority (host[:port]) and origin, as a sign-in message must name them.
	 *
	 * @return array{domain:string, origin:string, scheme:string}
	 */
	public static function site(): array {
		$parts  = wp_parse_url( home_url() );
		$scheme = strtolower( (string) ( $parts['scheme'] ?? 'https' ) );
		$domain = strtolower( (string) ( $parts['host'] ?? '' ) ) . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
		return array(
			'domain' => $domain,
			'origin' => $scheme . '://' . $domain,
			'scheme' => $scheme,
		);
	}

	/**
	 * Consumes the message's nonce (for the browser that asked for it: see NonceCookie) and
	 * verifies message and signature for this site.
	 *
	 * @return Result|\WP_Error A valid Result, or the reason for refusing.
	 */
	public function verify( string $text, string $signature ): Result|\WP_Error {
		if ( ! $this->options()['enabled'] ) {
			return new \WP_Error( 'sovereign_press_wallet_login_disabled', __( 'Wallet login is turned off on this site.', 'sovereign-press' ), array( 'status' => 403 ) );
		}
		try {
			$message = Message::parse( $text );
		} catch ( ParseError $error ) {
			return self::malformed( $error->field, $error->reason );
		}

		$consumed = $this->nonces->consume( $message->nonce, NonceCookie::read() );
		if ( NonceStore::CONSUMED !== $consumed ) {
			return self::nonce_error( $consumed );
		}
		NonceCookie::clear();

		$site    = self::site();
		$context = new Context( $site['domain'], $site['origin'], $this->allowed_chains(), $message->nonce, microtime( true ), self::CLOCK_SKEW, $site['scheme'] );
		$verifier = new Verifier( $this->curve, fn( int $chain_id ) => $this->networks->for_chain( $chain_id, self::RPC_TIMEOUT ) );
		try {
			$result = $verifier->verify( $text, $signature, $context );
		} catch ( RpcException ) {
			return new \WP_Error(
				'sovereign_press_verification_unavailable',
				__( 'Your wallet is a smart-contract account, and the network could not be reached to check its signature. Please try again in a moment.', 'sovereign-press' ),
				array( 'status' => 503 )
			);
		}
		return $result->valid ? $result : self::rejection( $result );
	}

	/**
	 * Signs a wallet in: the linked account, or a new one when registration is open.
	 *
	 * @return array{user:\WP_User, created:bool, address:string}|\WP_Error
	 */
	public function sign_in( string $text, string $signature ): array|\WP_Error {
		$result = $this->verify( $text, $signature );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		$address = (string) $result->address;
		$user_id = $this->accounts->find_user_id( $address );
		$created = false;
		if ( null === $user_id ) {
			if ( ! $this->options()['autoRegister'] ) {
				return new \WP_Error( 'sovereign_press_registration_closed', __( 'This wallet is not linked to an account here, and this site does not create accounts for new wallets. Ask an administrator for an invitation.', 'sovereign-press' ), array( 'status' => 403 ) );
			}
			$user_id = $this->register( $address, (int) $result->message?->chain_id );
			if ( is_wp_error( $user_id ) ) {
				return $user_id;
			}
			$created = true;
		}
		$user = get_user_by( 'id', $user_id );
		if ( ! $user instanceof \WP_User ) {
			return new \WP_Error( 'sovereign_press_account_missing', __( 'The account linked to this wallet no longer exists.', 'sovereign-press' ), array( 'status' => 403 ) );
		}
		$this->refresh_ens( $user, $address );
		$this->start_session( $user );

		/**
		 * Fires after a wallet signed in.
		 *
		 * @since 0.1.0
		 *
		 * @param \WP_User $user    The user.
		 * @param string   $address Checksummed address.
		 * @param bool     $created Whether the account was created by this sign-in.
		 */
		do_action( 'sovereign_press_wallet_signed_in', $user, $address, $created );
		return array(
			'user'    => $user,
			'created' => $created,
			'address' => $address,
		);
	}

	/**
	 * Links the signing wallet to a logged-in user.
	 *
	 * @return string|\WP_Error The checksummed address.
	 */
	public function link( int $user_id, string $text, string $signature ): string|\WP_Error {
		$result = $this->verify( $text, $signature );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		try {
			$this->accounts->link( $user_id, (string) $result->address, (int) $result->message?->chain_id );
		} catch ( WalletTaken ) {
			return new \WP_Error( 'sovereign_press_wallet_taken', __( 'This wallet is already linked to another account.', 'sovereign-press' ), array( 'status' => 409 ) );
		}
		$user = get_user_by( 'id', $user_id );
		if ( $user instanceof \WP_User ) {
			$this->refresh_ens( $user, (string) $result->address );
		}
		return (string) $result->address;
	}

	/**
	 * Unlinks a wallet, unless it is the account's last way to log in.
	 */
	public function unlink( int $user_id, string $address ): true|\WP_Error {
		$address = Address::checksum( $address );
		$wallets = array_column( $this->accounts->wallets( $user_id ), 'address' );
		if ( ! in_array( $address, $wallets, true ) ) {
			return new \WP_Error( 'sovereign_press_wallet_not_found', __( 'This wallet is not linked to your account.', 'sovereign-press' ), array( 'status' => 404 ) );
		}
		if ( 1 === count( $wallets ) && ! $this->can_use_password( $user_id, $wallets ) ) {
			return new \WP_Error( 'sovereign_press_last_login_method', __( 'This is the only way you can log in: link another wallet before you remove this one.', 'sovereign-press' ), array( 'status' => 409 ) );
		}
		$this->accounts->unlink( $user_id, $address );
		return true;
	}

	/**
	 * Whether the user can log in with a password: not an account created by wallet sign-in, and
	 * (for users with wallets) the site keeps password login available.
	 *
	 * @param list<mixed>|null $wallets The user's wallets, when the caller has read them already.
	 */
	public function can_use_password( int $user_id, ?array $wallets = null ): bool {
		if ( get_user_meta( $user_id, self::WALLET_ONLY_META, true ) ) {
			return false;
		}
		return $this->options()['passwordLogin'] || array() === ( $wallets ?? $this->accounts->wallets( $user_id ) );
	}

	/**
	 * `authenticate` filter (priority 30): refuses passwords for members with a wallet when the
	 * site turned password login off for them.
	 *
	 * @param \WP_User|\WP_Error|null $user     Result so far.
	 * @param string                  $username Username or e-mail.
	 * @param string                  $password Password.
	 * @return \WP_User|\WP_Error|null
	 */
	public function refuse_password_login( $user, $username, $password ) {
		if ( $user instanceof \WP_User && '' !== (string) $password && ! $this->can_use_password( $user->ID ) ) {
			return new \WP_Error( 'sovereign_press_password_login_disabled', __( 'Please log in with your wallet.', 'sovereign-press' ) );
		}
		return $user;
	}

	/**
	 * @return int|\WP_Error
	 */
	private function register( string $address, int $chain_id ): int|\WP_Error {
		$options  = $this->options();
		$base     = $options['usernamePrefix'] . strtolower( substr( $address, 2, 6 ) );
		$username = $base;
		for ( $n = 2; username_exists( $username ); $n++ ) {
			$username = $base . '-' . $n;
		}
		/**
		 * Filters the username of an account created by wallet sign-in.
		 *
		 * @since 0.1.0
		 *
		 * @param string $username Proposed username.
		 * @param string $address  Checksummed address.
		 */
		$username = (string) apply_filters( 'sovereign_press_new_member_username', $username, $address );
		$user_id  = wp_insert_user(
			array(
				'user_login'   => $username,
				'user_pass'    => wp_generate_password( 40, true, true ),
				'display_name' => self::short_address( $address ),
				'nickname'     => self::short_address( $address ),
				'role'         => WalletLoginSettings::is_safe_member_role( $options['newMemberRole'] ) ? $options['newMemberRole'] : 'subscriber',
			)
		);
		if ( is_wp_error( $user_id ) ) {
			return new \WP_Error( 'sovereign_press_registration_failed', __( 'Your account could not be created. Please try again.', 'sovereign-press' ), array( 'status' => 500 ) );
		}
		update_user_meta( $user_id, self::WALLET_ONLY_META, 1 );
		try {
			$this->accounts->link( $user_id, $address, $chain_id );
		} catch ( WalletTaken ) {
			// A concurrent sign-in of the same wallet registered first: keep that account.
			require_once ABSPATH . 'wp-admin/includes/user.php';
			wp_delete_user( $user_id );
			return (int) $this->accounts->find_user_id( $address );
		}

		/**
		 * Fires after an account was created for a wallet.
		 *
		 * @since 0.1.0
		 *
		 * @param int    $user_id New user.
		 * @param string $address Checksummed address.
		 */
		do_action( 'sovereign_press_wallet_registered', $user_id, $address );
		return $user_id;
	}

	/**
	 * The wallet's verified ENS name and avatar, cached; null when there is none, when names are
	 * off, or when the node cannot be reached (a sign-in never fails over a display name).
	 *
	 * @return array{name:string, avatar:?string}|null
	 */
	public function ens( string $address ): ?array {
		$chain_id  = $this->options()['ensChainId'];
		$transport = $chain_id > 0 ? $this->networks->for_chain( $chain_id, 2.0 ) : null;
		if ( null === $transport ) {
			return null;
		}
		$cache  = new Cache( 'ens', self::ENS_CACHE_TTL );
		$key    = $chain_id . '|' . strtolower( $address );
		$cached = $cache->get( $key );
		if ( null !== $cached ) {
			return $cached['found'] ? $cached['ens'] : null;
		}
		try {
			$ens = ( new Ens( $transport ) )->lookup( $address );
		} catch ( RpcException ) {
			return null;
		}
		$cache->set( $key, array( 'found' => null !== $ens, 'ens' => $ens ) );
		return $ens;
	}

	/**
	 * Shows the member by their ENS name: the display name follows it unless the member chose
	 * another one, and the avatar record is kept for Avatars.
	 */
	private function refresh_ens( \WP_User $user, string $address ): void {
		$ens = $this->ens( $address );
		if ( null === $ens ) {
			return;
		}
		$previous = (string) get_user_meta( $user->ID, self::ENS_NAME_META, true );
		update_user_meta( $user->ID, self::ENS_NAME_META, $ens['name'] );
		update_user_meta( $user->ID, self::ENS_AVATAR_META, (string) $ens['avatar'] );
		$chosen_by_member = ! in_array( $user->display_name, array( self::short_address( $address ), $previous ), true );
		if ( ! $chosen_by_member && $user->display_name !== $ens['name'] ) {
			wp_update_user(
				array(
					'ID'           => $user->ID,
					'display_name' => $ens['name'],
				)
			);
			$user->display_name = $ens['name'];
		}
	}

	private function start_session( \WP_User $user ): void {
		$options = $this->options();
		$expire  = static fn(): int => $options['sessionDays'] * DAY_IN_SECONDS;
		add_filter( 'auth_cookie_expiration', $expire, 99 );
		wp_set_current_user( $user->ID );
		wp_set_auth_cookie( $user->ID, $options['rememberMe'], is_ssl() );
		remove_filter( 'auth_cookie_expiration', $expire, 99 );
		/** This action is documented in wp-includes/user.php */
		do_action( 'wp_login', $user->user_login, $user );
	}

	/**
	 * "0xf39F…2266".
	 */
	public static function short_address( string $address ): string {
		return substr( $address, 0, 6 ) . '…' . substr( $address, -4 );
	}

	private static function malformed( string $field, string $reason ): \WP_Error {
		return new \WP_Error(
			'sovereign_press_siwe_malformed',
			sprintf(
				/* translators: %s: field of the sign-in message, such as "nonce". */
				__( 'The sign-in message is not valid (%s). Please start again.', 'sovereign-press' ),
				str_replace( '_', ' ', $field )
			),
			array(
				'status' => 400,
				'field'  => $field,
				'reason' => $reason,
			)
		);
	}

	private static function nonce_error( string $state ): \WP_Error {
		return match ( $state ) {
			NonceStore::USED => new \WP_Error( 'sovereign_press_nonce_used', __( 'This sign-in request was already used. Please start again.', 'sovereign-press' ), array( 'status' => 409 ) ),
			NonceStore::EXPIRED => new \WP_Error( 'sovereign_press_nonce_expired', __( 'This sign-in request has expired. Please start again.', 'sovereign-press' ), array( 'status' => 400 ) ),
			NonceStore::NOT_YOURS => new \WP_Error( 'sovereign_press_nonce_not_yours', __( 'This sign-in request was started in another browser, or a newer one replaced it. Please start again in this browser.', 'sovereign-press' ), array( 'status' => 403 ) ),
			default => new \WP_Error( 'sovereign_press_nonce_unknown', __( 'This sign-in request was not issued by this site. Please start again.', 'sovereign-press' ), array( 'status' => 400 ) ),
		};
	}

	private static function rejection( Result $result ): \WP_Error {
		if ( str_starts_with( $result->code, 'malformed_' ) ) {
			return self::malformed( 'message', $result->code );
		}
		$messages = array(
			'domain_mismatch'                   => __( 'This message asks to sign in to another site.', 'sovereign-press' ),
			'scheme_mismatch'                   => __( 'This message asks to sign in to another site.', 'sovereign-press' ),
			'uri_mismatch'                      => __( 'This message asks to sign in to another site.', 'sovereign-press' ),
			'chain_not_allowed'                 => __( 'This site does not accept sign-ins on that network. Switch networks in your wallet and try again.', 'sovereign-press' ),
			'issued_in_future'                  => __( 'The message is dated in the future. Check your device\'s clock.', 'sovereign-press' ),
			'expired'                           => __( 'The message has expired. Please start again.', 'sovereign-press' ),
			'not_yet_valid'                     => __( 'The message is not valid yet. Check your device\'s clock.', 'sovereign-press' ),
			'signature_malformed'               => __( 'The signature is not in a format this site understands.', 'sovereign-press' ),
			'signature_invalid'                 => __( 'The signature does not match the wallet in the message.', 'sovereign-press' ),
			'contract_wallet_unsupported_chain' => __( 'Smart-contract wallets can sign in only on networks this site is configured for.', 'sovereign-press' ),
			'nonce_mismatch'                    => __( 'This sign-in request was not issued by this site. Please start again.', 'sovereign-press' ),
		);
		return new \WP_Error(
			'sovereign_press_siwe_' . $result->code,
			$messages[ $result->code ] ?? __( 'The sign-in could not be verified.', 'sovereign-press' ),
			array( 'status' => 'signature_invalid' === $result->code ? 401 : 400 )
		);
	}
}
