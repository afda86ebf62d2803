<?php
/**
 * The plugin's settings: one option, one JSON schema, enforced by the REST layer.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Admin;

use SovereignPress\Gating\Rule;

/**
 * Registers `sovereign_press_settings` with a full schema so that /wp/v2/settings refuses bad values
 * before any of our code sees them.
 *
 * @phpstan-type Network array{chainId:int, name:string, rpcUrl:string, explorerUrl:string}
 * @phpstan-type WalletLogin array{enabled:bool, allowedChains:list<int>, autoRegister:bool, newMemberRole:string, usernamePrefix:string, sessionDays:int, rememberMe:bool, passwordLogin:bool, ensChainId:int, walletConnectProjectId:string}
 * @phpstan-type Preset array{id:string, name:string, rule:array<string, mixed>}
 * @phpstan-type Gating array{cacheTtl:int, budgetMs:int, presets:list<Preset>}
 * @phpstan-type SettingsShape array{networks:list<Network>, walletLogin:WalletLogin, gating:Gating, deleteDataOnUninstall:bool}
 *
 * @since 0.1.0
 */
final class Settings {

	public const OPTION = 'sovereign_press_settings';

	/** Largest chain id a browser can hold exactly (2^53 - 1), as EIP-2294 recommends. */
	public const MAX_CHAIN_ID = 9007199254740991;

	private bool $registered = false;

	/** @var array<mixed>|null The stored value get() last sanitized. */
	private ?array $raw = null;

	/** @var SettingsShape|null What it sanitized to. */
	private ?array $clean = null;

	/**
	 * JSON schema of the whole option.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, mixed>
	 */
	public static function schema(): array {
		return array(
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'networks'              => array(
					'description' => __( 'EVM networks the site reads from.', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 32,
					'items'       => array(
						'type'                 => 'object',
						'additionalProperties' => false,
						'required'             => array( 'chainId', 'name', 'rpcUrl' ),
						'properties'           => array(
							'chainId'     => array(
								'description' => __( 'EIP-155 chain id.', 'sovereign-press' ),
								'type'        => 'integer',
								'minimum'     => 1,
								'maximum'     => self::MAX_CHAIN_ID,
							),
							'name'        => array(
								'description' => __( 'Name shown to readers.', 'sovereign-press' ),
								'type'        => 'string',
								'minLength'   => 1,
								'maxLength'   => 80,
							),
							'rpcUrl'      => array(
								'description' => __( 'JSON-RPC endpoint (http or https). May contain an API key: only administrators ever see it.', 'sovereign-press' ),
								'type'        => 'string',
								'format'      => 'uri',
								'pattern'     => '^[hH][tT][tT][pP][sS]?://[^\s]+$',
								'maxLength'   => 2048,
							),
							'explorerUrl' => array(
								'description' => __( 'Block explorer base URL (optional).', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => '^([hH][tT][tT][pP][sS]?://[^\s]+)?$',
								'maxLength'   => 2048,
								'default'     => '',
							),
						),
					),
				),
				'walletLogin'           => array(
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
								'maximum' => self::MAX_CHAIN_ID,
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
							'maximum'     => self::MAX_CHAIN_ID,
						),
						'walletConnectProjectId' => array(
							'description' => __( 'WalletConnect (Reown) project id; empty turns WalletConnect off.', 'sovereign-press' ),
							'type'        => 'string',
							'pattern'     => '^([0-9a-f]{32})?$',
						),
					),
				),
				'gating'                => array(
					'description'          => __( 'Token gates.', 'sovereign-press' ),
					'type'                 => 'object',
					'additionalProperties' => false,
					'properties'           => array(
						'cacheTtl' => array(
							'description' => __( 'Seconds a reader\'s holdings are remembered before the chain is asked again (0 asks on every view).', 'sovereign-press' ),
							'type'        => 'integer',
							'minimum'     => 0,
							'maximum'     => 86400,
						),
						'budgetMs' => array(
							'description' => __( 'Milliseconds a page waits for the chain before it shows readers that their holdings could not be checked.', 'sovereign-press' ),
							'type'        => 'integer',
							'minimum'     => 200,
							'maximum'     => 10000,
						),
						'presets'  => array(
							'description' => __( 'Named rules editors can pick.', 'sovereign-press' ),
							'type'        => 'array',
							'maxItems'    => 50,
							'items'       => array(
								'type'                 => 'object',
								'additionalProperties' => false,
								'required'             => array( 'id', 'name', 'rule' ),
								'properties'           => array(
									'id'   => array(
										'type'    => 'string',
										'pattern' => '^[a-z0-9][a-z0-9-]{0,39}$',
									),
									'name' => array(
										'type'      => 'string',
										'minLength' => 1,
										'maxLength' => 80,
									),
									'rule' => Rule::schema(),
								),
							),
						),
					),
				),
				'deleteDataOnUninstall' => array(
					'description' => __( 'Delete the plugin\'s tables and settings when it is uninstalled.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
			),
		);
	}

	/**
	 * @return WalletLogin
	 */
	public static function wallet_login_defaults(): array {
		return array(
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
		);
	}

	/**
	 * @return Gating
	 */
	public static function gating_defaults(): array {
		return array(
			'cacheTtl' => 60,
			'budgetMs' => 1500,
			'presets'  => array(),
		);
	}

	/**
	 * @return SettingsShape
	 */
	public static function defaults(): array {
		return array(
			'networks'              => array(),
			'walletLogin'           => self::wallet_login_defaults(),
			'gating'                => self::gating_defaults(),
			'deleteDataOnUninstall' => false,
		);
	}

	/**
	 * Registers the setting (runs on both init and rest_api_init; registers once).
	 *
	 * @since 0.1.0
	 */
	public function register(): void {
		if ( $this->registered ) {
			return;
		}
		$this->registered = true;
		register_setting(
			'sovereign_press',
			self::OPTION,
			array(
				'type'              => 'object',
				'label'             => __( 'Sovereign Press', 'sovereign-press' ),
				'description'       => __( 'Sovereign Press settings.', 'sovereign-press' ),
				'default'           => self::defaults(),
				'sanitize_callback' => array( $this, 'sanitize' ),
				'show_in_rest'      => array(
					'name'   => self::OPTION,
					'schema' => self::schema(),
				),
			)
		);
	}

	/**
	 * The stored settings merged over the defaults.
	 *
	 * @since 0.1.0
	 *
	 * @return SettingsShape
	 */
	public function get(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		// Read many times per page view (networks, presets): sanitized once per stored value.
		if ( null === $this->clean || $stored !== $this->raw ) {
			$this->clean = $this->sanitize( $stored );
			$this->raw   = $stored;
		}
		return $this->clean;
	}

	/**
	 * Normalises a value on its way into the database, whichever path it comes by
	 * (REST, update_option from code, WP-CLI). Unknown keys and malformed networks are dropped.
	 *
	 * @since 0.1.0
	 *
	 * @param mixed $value Raw value.
	 * @return SettingsShape
	 */
	public function sanitize( mixed $value ): array {
		$value    = is_array( $value ) ? $value : array();
		$clean    = self::defaults();
		$seen_ids = array();
		foreach ( (array) ( $value['networks'] ?? array() ) as $network ) {
			$network = $this->sanitize_network( $network );
			if ( null === $network || isset( $seen_ids[ $network['chainId'] ] ) ) {
				continue;
			}
			$seen_ids[ $network['chainId'] ] = true;
			$clean['networks'][]             = $network;
		}
		$clean['walletLogin']           = $this->sanitize_wallet_login( is_array( $value['walletLogin'] ?? null ) ? $value['walletLogin'] : array() );
		$clean['gating']                = $this->sanitize_gating( is_array( $value['gating'] ?? null ) ? $value['gating'] : array(), array_keys( $seen_ids ) );
		$clean['deleteDataOnUninstall'] = ! empty( $value['deleteDataOnUninstall'] );
		return $clean;
	}

	/**
	 * A preset by id, or null.
	 *
	 * @since 0.1.0
	 *
	 * @return Preset|null
	 */
	public function preset( string $id ): ?array {
		foreach ( $this->get()['gating']['presets'] as $preset ) {
			if ( $preset['id'] === $id ) {
				return $preset;
			}
		}
		return null;
	}

	/**
	 * @param array<string, mixed> $value  Raw gating settings.
	 * @param list<int>            $chains Configured chain ids.
	 * @return Gating
	 */
	private function sanitize_gating( array $value, array $chains ): array {
		$defaults = self::gating_defaults();
		$presets  = array();
		foreach ( (array) ( $value['presets'] ?? array() ) as $preset ) {
			$id   = is_array( $preset ) ? (string) ( $preset['id'] ?? '' ) : '';
			$name = is_array( $preset ) ? trim( sanitize_text_field( (string) ( $preset['name'] ?? '' ) ) ) : '';
			$rule = is_array( $preset ) ? ( $preset['rule'] ?? null ) : null;
			if ( 1 !== preg_match( '/^[a-z0-9][a-z0-9-]{0,39}$/D', $id ) || isset( $presets[ $id ] ) || '' === $name || ! is_array( $rule ) || null !== Rule::problem( $rule, $chains ) ) {
				continue;
			}
			$presets[ $id ] = array(
				'id'   => $id,
				'name' => $name,
				'rule' => Rule::normalize( $rule ),
			);
		}
		return array(
			'cacheTtl' => max( 0, min( 86400, (int) ( $value['cacheTtl'] ?? $defaults['cacheTtl'] ) ) ),
			'budgetMs' => max( 200, min( 10000, (int) ( $value['budgetMs'] ?? $defaults['budgetMs'] ) ) ),
			'presets'  => array_values( $presets ),
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
		foreach ( array( 'manage_options', 'promote_users', 'edit_users', 'create_users', 'activate_plugins', 'unfiltered_html' ) as $capability ) {
			if ( $object->has_cap( $capability ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @param array<string, mixed> $value Raw wallet-login settings.
	 * @return WalletLogin
	 */
	private function sanitize_wallet_login( array $value ): array {
		$defaults = self::wallet_login_defaults();
		$chains   = array();
		foreach ( (array) ( $value['allowedChains'] ?? array() ) as $chain ) {
			$chain = filter_var( $chain, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1, 'max_range' => self::MAX_CHAIN_ID ) ) );
			if ( false !== $chain ) {
				$chains[ $chain ] = $chain;
			}
		}
		$role   = (string) ( $value['newMemberRole'] ?? $defaults['newMemberRole'] );
		$prefix = strtolower( (string) ( $value['usernamePrefix'] ?? $defaults['usernamePrefix'] ) );
		$days   = (int) ( $value['sessionDays'] ?? $defaults['sessionDays'] );
		$wc_id  = strtolower( trim( (string) ( $value['walletConnectProjectId'] ?? '' ) ) );
		return array(
			'enabled'                => (bool) ( $value['enabled'] ?? $defaults['enabled'] ),
			'allowedChains'          => array_values( $chains ),
			'autoRegister'           => (bool) ( $value['autoRegister'] ?? $defaults['autoRegister'] ),
			'newMemberRole'          => self::is_safe_member_role( $role ) ? $role : $defaults['newMemberRole'],
			'usernamePrefix'         => 1 === preg_match( '/^[a-z0-9_\-]{1,20}$/D', $prefix ) ? $prefix : $defaults['usernamePrefix'],
			'sessionDays'            => max( 1, min( 365, $days ) ),
			'rememberMe'             => (bool) ( $value['rememberMe'] ?? $defaults['rememberMe'] ),
			'passwordLogin'          => (bool) ( $value['passwordLogin'] ?? $defaults['passwordLogin'] ),
			'ensChainId'             => max( 0, min( self::MAX_CHAIN_ID, (int) ( $value['ensChainId'] ?? $defaults['ensChainId'] ) ) ),
			'walletConnectProjectId' => 1 === preg_match( '/^[0-9a-f]{32}$/D', $wc_id ) ? $wc_id : '',
		);
	}

	/**
	 * Refuses a /wp/v2/settings update whose networks repeat a chain id, which the JSON schema
	 * cannot express.
	 *
	 * @since 0.1.0
	 *
	 * @param mixed            $response Response so far (a WP_Error stops the request).
	 * @param array<mixed>     $handler  Route handler.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public function validate_rest_update( mixed $response, array $handler, \WP_REST_Request $request ): mixed {
		if ( is_wp_error( $response ) || '/wp/v2/settings' !== $request->get_route() || 'GET' === $request->get_method() ) {
			return $response;
		}
		$value = $request->get_param( self::OPTION );
		if ( ! is_array( $value ) ) {
			return $response;
		}
		$role = $value['walletLogin']['newMemberRole'] ?? null;
		if ( is_string( $role ) && ! self::is_safe_member_role( $role ) ) {
			return new \WP_Error(
				'sovereign_press_unsafe_role',
				sprintf(
					/* translators: %s: role name. */
					__( 'New members cannot get the role "%s": it does not exist or can manage the site.', 'sovereign-press' ),
					$role
				),
				array(
					'status' => 400,
					'params' => array( self::OPTION => 'walletLogin.newMemberRole' ),
				)
			);
		}
		$error = $this->check_presets( $value );
		if ( null !== $error ) {
			return $error;
		}
		if ( ! isset( $value['networks'] ) || ! is_array( $value['networks'] ) ) {
			return $response;
		}
		$ids = array();
		foreach ( $value['networks'] as $index => $network ) {
			$id = is_array( $network ) ? ( $network['chainId'] ?? null ) : null;
			if ( null !== $id && in_array( $id, $ids, true ) ) {
				return new \WP_Error(
					'sovereign_press_duplicate_chain_id',
					sprintf(
						/* translators: 1: chain id, 2: position of the network in the list (starting at 1). */
						__( 'Chain id %1$d is listed twice (network %2$d). Each network needs its own chain id.', 'sovereign-press' ),
						(int) $id,
						(int) $index + 1
					),
					array(
						'status' => 400,
						'params' => array( self::OPTION => 'networks' ),
					)
				);
			}
			$ids[] = $id;
		}
		return $response;
	}

	/**
	 * Refuses presets whose rule is unsound or whose id repeats, naming the preset.
	 *
	 * @param array<string, mixed> $value Settings sent.
	 */
	private function check_presets( array $value ): ?\WP_Error {
		$presets = $value['gating']['presets'] ?? null;
		if ( ! is_array( $presets ) ) {
			return null;
		}
		$networks = is_array( $value['networks'] ?? null ) ? $value['networks'] : $this->get()['networks'];
		$chains   = array_values( array_filter( array_map( static fn( $network ) => is_array( $network ) ? ( $network['chainId'] ?? null ) : null, $networks ), 'is_int' ) );
		$ids      = array();
		foreach ( $presets as $preset ) {
			$id   = is_array( $preset ) ? (string) ( $preset['id'] ?? '' ) : '';
			$name = is_array( $preset ) ? (string) ( $preset['name'] ?? $id ) : '';
			if ( isset( $ids[ $id ] ) ) {
				return new \WP_Error(
					'sovereign_press_duplicate_preset',
					/* translators: %s: preset id. */
					sprintf( __( 'Two presets have the id "%s". Each preset needs its own.', 'sovereign-press' ), $id ),
					array(
						'status' => 400,
						'params' => array( self::OPTION => 'gating.presets' ),
					)
				);
			}
			$ids[ $id ] = true;
			$problem    = Rule::problem( is_array( $preset ) ? ( $preset['rule'] ?? null ) : null, $chains );
			if ( null !== $problem ) {
				return new \WP_Error(
					'sovereign_press_invalid_rule',
					/* translators: 1: preset name, 2: what is wrong with its rule. */
					sprintf( __( 'Preset "%1$s": %2$s', 'sovereign-press' ), $name, $problem ),
					array(
						'status' => 400,
						'params' => array( self::OPTION => 'gating.presets' ),
					)
				);
			}
		}
		return null;
	}

	/**
	 * @param mixed $network Raw network.
	 * @return Network|null
	 */
	private function sanitize_network( mixed $network ): ?array {
		if ( ! is_array( $network ) ) {
			return null;
		}
		$chain_id = filter_var( $network['chainId'] ?? null, FILTER_VALIDATE_INT, array( 'options' => array( 'min_range' => 1 ) ) );
		$rpc_url  = trim( (string) ( $network['rpcUrl'] ?? '' ) );
		$name     = trim( sanitize_text_field( (string) ( $network['name'] ?? '' ) ) );
		if ( false === $chain_id || $chain_id > self::MAX_CHAIN_ID || '' === $name || ! self::is_http_url( $rpc_url ) ) {
			return null;
		}
		$explorer = trim( (string) ( $network['explorerUrl'] ?? '' ) );
		return array(
			'chainId'     => $chain_id,
			'name'        => $name,
			'rpcUrl'      => $rpc_url,
			'explorerUrl' => self::is_http_url( $explorer ) ? untrailingslashit( $explorer ) : '',
		);
	}

	private static function is_http_url( string $url ): bool {
		return 1 === preg_match( '#^https?://\S+$#iD', $url ) && false !== wp_parse_url( $url, PHP_URL_HOST );
	}
}
