<?php
/**
 * The settings section of Sign-In with Ethereum.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Settings\Section;
use SovereignPress\Settings\Settings;

/**
 * `walletLogin`: who may sign in with a wallet, what account they get, how long they stay.
 *
 * @phpstan-import-type WalletLogin from Settings
 *
 * @since 0.1.0
 */
final class WalletLoginSettings implements Section {

	public const KEY = 'walletLogin';

	/** @var WalletLogin */
	public const DEFAULTS = array(
		'enabled'                => true,
		'allowedChains'          => array(),
		'autoRegister'           => true,
		'newMemberRole'          => 'subscriber',
		'usernamePrefix'         => 'member-',
		'sessionDays'            => 14,
		'rememberMe'             => true,
		'passwordLogin'          => true,
		'ensChainId'             => 1,
		'walletConnectProjectId' => '',
		'trustedProxies'         => array(),
		'proxyHeader'            => 'X-Forwarded-For',
	);

	/** Trusted proxies a site may list. */
	public const MAX_PROXIES = 50;

	private const HEADER = '^[A-Za-z][A-Za-z0-9-]{0,63}$';

	/** Capabilities that make a role unfit for accounts anyone with a wallet can create. */
	private const ADMIN_CAPABILITIES = array( 'manage_options', 'promote_users', 'edit_users', 'create_users', 'activate_plugins', 'unfiltered_html' );

	public function key(): string {
		return self::KEY;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		return array(
			'description'          => __( 'Sign-In with Ethereum.', 'sovereign-press' ),
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'enabled'                => array(
					'description' => __( 'Members can log in with a wallet.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
				'allowedChains'          => array(
					'description' => __( 'Chain ids a sign-in message may name; empty means every configured network.', 'sovereign-press' ),
					'type'        => 'array',
					'items'       => array(
						'type'    => 'integer',
						'minimum' => 1,
						'maximum' => NetworkSettings::MAX_CHAIN_ID,
					),
					'uniqueItems' => true,
					'maxItems'    => 32,
				),
				'autoRegister'           => array(
					'description' => __( 'Create an account for a wallet the site does not know yet.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
				'newMemberRole'          => array(
					'description' => __( 'Role of accounts created by wallet sign-in.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^[a-z0-9_\\-]+$',
					'maxLength'   => 60,
				),
				'usernamePrefix'         => array(
					'description' => __( 'Usernames of new members: this prefix and the first characters of the address.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^[a-z0-9_\\-]{1,20}$',
				),
				'sessionDays'            => array(
					'description' => __( 'Days a wallet session lasts.', 'sovereign-press' ),
					'type'        => 'integer',
					'minimum'     => 1,
					'maximum'     => 365,
				),
				'rememberMe'             => array(
					'description' => __( 'Keep members logged in after the browser closes.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
				'passwordLogin'          => array(
					'description' => __( 'Members who have linked a wallet may still log in with their password.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
				'ensChainId'             => array(
					'description' => __( 'Network whose ENS names members are shown by (1 for Ethereum mainnet); 0 turns names off.', 'sovereign-press' ),
					'type'        => 'integer',
					'minimum'     => 0,
					'maximum'     => NetworkSettings::MAX_CHAIN_ID,
				),
				'walletConnectProjectId' => array(
					'description' => __( 'WalletConnect (Reown) project id; empty turns WalletConnect off.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^([0-9a-f]{32})?$',
				),
				'trustedProxies'         => array(
					'description' => __( 'Addresses and CIDR ranges of the reverse proxies or load balancers in front of this site; only their forwarded header is believed.', 'sovereign-press' ),
					'type'        => 'array',
					'items'       => array(
						'type'      => 'string',
						'maxLength' => 49,
					),
					'maxItems'    => self::MAX_PROXIES,
				),
				'proxyHeader'            => array(
					'description' => __( 'The header the trusted proxies put the client\'s address in, such as X-Forwarded-For.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => self::HEADER,
				),
			),
		);
	}

	/**
	 * @return WalletLogin
	 */
	public function defaults(): array {
		return self::DEFAULTS;
	}

	/**
	 * Values out of range are clamped; an unsafe role, a malformed prefix or project id fall back.
	 *
	 * @param mixed                $value    Raw wallet-login settings.
	 * @param array<string, mixed> $settings Sections before this one.
	 * @return WalletLogin
	 */
	public function sanitize( mixed $value, array $settings ): array {
		$value    = is_array( $value ) ? $value : array();
		$defaults = self::DEFAULTS;
		$chains   = array();
		foreach ( (array) ( $value['allowedChains'] ?? array() ) as $chain ) {
			$chain = filter_var( $chain, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1, 'max_range' => NetworkSettings::MAX_CHAIN_ID ) ) );
			if ( false !== $chain ) {
				$chains[ $chain ] = $chain;
			}
		}
		$role   = (string) ( $value['newMemberRole'] ?? $defaults['newMemberRole'] );
		$prefix = strtolower( (string) ( $value['usernamePrefix'] ?? $defaults['usernamePrefix'] ) );
		$days   = (int) ( $value['sessionDays'] ?? $defaults['sessionDays'] );
		$wc_id  = strtolower( trim( (string) ( $value['walletConnectProjectId'] ?? '' ) ) );
		$header = trim( (string) ( $value['proxyHeader'] ?? '' ) );
		$ranges = array();
		foreach ( (array) ( $value['trustedProxies'] ?? array() ) as $range ) {
			$range = is_string( $range ) ? trim( $range ) : '';
			if ( ClientAddress::is_range( $range ) && count( $ranges ) < self::MAX_PROXIES ) {
				$ranges[ strtolower( $range ) ] = strtolower( $range );
			}
		}
		return array(
			'enabled'                => (bool) ( $value['enabled'] ?? $defaults['enabled'] ),
			'allowedChains'          => array_values( $chains ),
			'autoRegister'           => (bool) ( $value['autoRegister'] ?? $defaults['autoRegister'] ),
			'newMemberRole'          => self::is_safe_member_role( $role ) ? $role : $defaults['newMemberRole'],
			'usernamePrefix'         => 1 === preg_match( '/^[a-z0-9_\-]{1,20}$/D', $prefix ) ? $prefix : $defaults['usernamePrefix'],
			'sessionDays'            => max( 1, min( 365, $days ) ),
			'rememberMe'             => (bool) ( $value['rememberMe'] ?? $defaults['rememberMe'] ),
			'passwordLogin'          => (bool) ( $value['passwordLogin'] ?? $defaults['passwordLogin'] ),
			'ensChainId'             => max( 0, min( NetworkSettings::MAX_CHAIN_ID, (int) ( $value['ensChainId'] ?? $defaults['ensChainId'] ) ) ),
			'walletConnectProjectId' => 1 === preg_match( '/^[0-9a-f]{32}$/D', $wc_id ) ? $wc_id : '',
			'trustedProxies'         => array_values( $ranges ),
			'proxyHeader'            => 1 === preg_match( '/' . self::HEADER . '/D', $header ) ? $header : $defaults['proxyHeader'],
		);
	}

	/**
	 * Refuses a role for new members that does not exist or can manage the site, and a trusted
	 * proxy that is neither an address nor a CIDR range.
	 *
	 * @param array<string, mixed> $sent    The option as sent.
	 * @param array<string, mixed> $current The stored settings.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error {
		foreach ( (array) ( $sent[ self::KEY ]['trustedProxies'] ?? array() ) as $range ) {
			if ( ! is_string( $range ) || ! ClientAddress::is_range( trim( $range ) ) ) {
				return new \WP_Error(
					'sovereign_press_invalid_proxy',
					sprintf(
						/* translators: %s: what was entered as a trusted proxy. */
						__( '"%s" is not an IP address or a CIDR range (such as 10.0.0.0/8).', 'sovereign-press' ),
						is_string( $range ) ? $range : ''
					),
					array(
						'status' => 400,
						'params' => array( Settings::OPTION => 'walletLogin.trustedProxies' ),
					)
				);
			}
		}
		$role = $sent[ self::KEY ]['newMemberRole'] ?? null;
		if ( ! is_string( $role ) || self::is_safe_member_role( $role ) ) {
			return null;
		}
		return new \WP_Error(
			'sovereign_press_unsafe_role',
			sprintf(
				/* translators: %s: role name. */
				__( 'New members cannot get the role "%s": it does not exist or can manage the site.', 'sovereign-press' ),
				$role
			),
			array(
				'status' => 400,
				'params' => array( Settings::OPTION => 'walletLogin.newMemberRole' ),
			)
		);
	}

	/**
	 * Whether accounts created by wallet sign-in may get this role: it must exist and must not
	 * carry administrative capabilities.
	 *
	 * @since 0.1.0
	 */
	public static function is_safe_member_role( string $role ): bool {
		$object = get_role( $role );
		if ( null === $object ) {
			return false;
		}
		foreach ( self::ADMIN_CAPABILITIES as $capability ) {
			if ( $object->has_cap( $capability ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The roles new members may get, by slug, with their translated names (for the settings screen).
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, string>
	 */
	public static function member_roles(): array {
		$roles = array();
		foreach ( wp_roles()->get_names() as $slug => $name ) {
			if ( self::is_safe_member_role( $slug ) ) {
				$roles[ $slug ] = translate_user_role( $name );
			}
		}
		return $roles;
	}
}
