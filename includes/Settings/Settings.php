<?php
/**
 * The plugin's settings: one option, one JSON schema, enforced by the REST layer.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Settings;

/**
 * Registers `sovereign_press_settings` with a full schema so that /wp/v2/settings refuses bad values
 * before any of our code sees them. The option is made of sections that the features contribute
 * (schema, defaults, sanitizing, checks); this model composes them and reads them back typed.
 *
 * @phpstan-type Network array{chainId:int, name:string, rpcUrl:string, explorerUrl:string}
 * @phpstan-type WalletLogin array{enabled:bool, allowedChains:list<int>, autoRegister:bool, newMemberRole:string, usernamePrefix:string, sessionDays:int, rememberMe:bool, passwordLogin:bool, ensChainId:int, walletConnectProjectId:string, trustedProxies:list<string>, proxyHeader:string}
 * @phpstan-type Preset array{id:string, name:string, rule:array<string, mixed>}
 * @phpstan-type Gating array{cacheTtl:int, budgetMs:int, breakerSeconds:int, presets:list<Preset>}
 * @phpstan-type Governance array{hubUrl:string, sequencerUrl:string, testnetHubUrl:string, testnetSequencerUrl:string, apiKey:string, testnetApiKey:string}
 * @phpstan-type CensusToken array{id:string, name:string, chainId:int, standard:'erc20'|'erc721'|'erc1155', address:string, tokenId:string, minBalance:string, startBlock:int, membership:bool}
 * @phpstan-type CensusAsset array{chainId:int, token:string, priceFeed:string, maxAgeSeconds:int}
 * @phpstan-type Census array{tokens:list<CensusToken>, economyToken:string, linkedOnly:bool, publicMembers:bool, confirmations:list<array{chainId:int, blocks:int}>, treasury:list<array{chainId:int, address:string, label:string}>, assets:list<CensusAsset>, declared:list<array{label:string, value:string, note:string}>}
 * @phpstan-type SettingsShape array{networks:list<Network>, walletLogin:WalletLogin, gating:Gating, governance:Governance, census:Census, deleteDataOnUninstall:bool}
 *
 * @since 0.1.0
 */
final class Settings {

	public const OPTION = 'sovereign_press_settings';

	private bool $registered = false;

	/** @var array<mixed>|null The stored value get() last sanitized. */
	private ?array $raw = null;

	/** @var SettingsShape|null What it sanitized to. */
	private ?array $clean = null;

	/**
	 * @param list<Section> $sections In the order they are stored; each one is sanitized after
	 *                                the ones before it, and sees them.
	 */
	public function __construct( private array $sections ) {}

	/**
	 * JSON schema of the whole option.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		$properties = array();
		foreach ( $this->sections as $section ) {
			$properties[ $section->key() ] = $section->schema();
		}
		return array(
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => $properties,
		);
	}

	/**
	 * @since 0.1.0
	 *
	 * @return SettingsShape
	 */
	public function defaults(): array {
		$defaults = array();
		foreach ( $this->sections as $section ) {
			$defaults[ $section->key() ] = $section->defaults();
		}
		/** @var SettingsShape $defaults */
		return $defaults;
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
				'default'           => $this->defaults(),
				'sanitize_callback' => array( $this, 'sanitize' ),
				'show_in_rest'      => array(
					'name'   => self::OPTION,
					'schema' => $this->schema(),
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
	 * The configured EVM networks.
	 *
	 * @since 0.1.0
	 *
	 * @return list<Network>
	 */
	public function networks(): array {
		return $this->get()['networks'];
	}

	/**
	 * Sign-In with Ethereum.
	 *
	 * @since 0.1.0
	 *
	 * @return WalletLogin
	 */
	public function wallet_login(): array {
		return $this->get()['walletLogin'];
	}

	/**
	 * Token gates: cache, time budget and presets.
	 *
	 * @since 0.1.0
	 *
	 * @return Gating
	 */
	public function gating(): array {
		return $this->get()['gating'];
	}

	/**
	 * DAO proposals: Snapshot's hubs, sequencers and API key.
	 *
	 * @since 0.2.0
	 *
	 * @return Governance
	 */
	public function governance(): array {
		return $this->get()['governance'];
	}

	/**
	 * The census: membership tokens, economy token, treasury, confirmations, declared figures.
	 *
	 * @since 0.3.0
	 *
	 * @return Census
	 */
	public function census(): array {
		return $this->get()['census'];
	}

	/**
	 * Whether uninstalling the plugin deletes its data.
	 *
	 * @since 0.1.0
	 */
	public function delete_data_on_uninstall(): bool {
		return $this->get()['deleteDataOnUninstall'];
	}

	/**
	 * Normalises a value on its way into the database, whichever path it comes by
	 * (REST, update_option from code, WP-CLI). Unknown keys are dropped; each section drops or
	 * replaces what it cannot use.
	 *
	 * @since 0.1.0
	 *
	 * @param mixed $value Raw value.
	 * @return SettingsShape
	 */
	public function sanitize( mixed $value ): array {
		$value = is_array( $value ) ? $value : array();
		$clean = array();
		foreach ( $this->sections as $section ) {
			$clean[ $section->key() ] = $section->sanitize( $value[ $section->key() ] ?? null, $clean );
		}
		/** @var SettingsShape $clean */
		return $clean;
	}

	/**
	 * Refuses a /wp/v2/settings update that a section finds unsound in a way the JSON schema
	 * cannot express (a chain id listed twice, a preset whose rule does not hold).
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
		foreach ( $this->sections as $section ) {
			$error = $section->validate( $value, $this->get() );
			if ( null !== $error ) {
				return $error;
			}
		}
		return $response;
	}
}
