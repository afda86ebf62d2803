<?php
/**
 * Composition root: builds the plugin's services and registers every hook.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress;

use SovereignPress\Assets\BuildAssets;
use SovereignPress\Census\CensusSettings;
use SovereignPress\Auth\AcceptedChains;
use SovereignPress\Auth\Avatars;
use SovereignPress\Auth\ClientAddress;
use SovereignPress\Auth\EnsProfile;
use SovereignPress\Auth\LoginScreens;
use SovereignPress\Auth\NonceStore;
use SovereignPress\Auth\PasswordPolicy;
use SovereignPress\Auth\Registration;
use SovereignPress\Auth\Session;
use SovereignPress\Auth\SignedMessages;
use SovereignPress\Auth\SignIn;
use SovereignPress\Auth\SignInLimits;
use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Auth\WalletDialog;
use SovereignPress\Auth\WalletLinks;
use SovereignPress\Auth\WalletLoginBlock;
use SovereignPress\Auth\WalletLoginSettings;
use SovereignPress\Census\CensusBlock;
use SovereignPress\Census\Report;
use SovereignPress\Census\Snapshots;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Chain\Ens;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Siwe\Verifier;
use SovereignPress\Rest\JsonBody;
use SovereignPress\Rest\NoncesController;
use SovereignPress\Rest\SessionsController;
use SovereignPress\Rest\TokensController;
use SovereignPress\Rest\UserData;
use SovereignPress\Rest\WalletsController;
use SovereignPress\Admin\SettingsPage;
use SovereignPress\Chain\ConnectionTest;
use SovereignPress\Chain\CompressedAnswers;
use SovereignPress\Chain\Networks;
use SovereignPress\Chain\Transport;
use SovereignPress\Chain\WpHttpTransport;
use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Rest\NetworksController;
use SovereignPress\Rest\GatesController;
use SovereignPress\Gating\ContentGuard;
use SovereignPress\Gating\GateMeta;
use SovereignPress\Gating\Gates;
use SovereignPress\Gating\GatingSettings;
use SovereignPress\Gating\TokenDescriptions;
use SovereignPress\Settings\DataSettings;
use SovereignPress\Settings\Settings;
use SovereignPress\Gating\Decisions;
use SovereignPress\Gating\Evaluator;
use SovereignPress\Gating\GateColumn;
use SovereignPress\Gating\GatedContentBlock;
use SovereignPress\Gating\GatePanel;
use SovereignPress\Gating\GateValidation;
use SovereignPress\Gating\HoldingsCache;
use SovereignPress\Gating\Notice;
use SovereignPress\Gating\RawContent;
use SovereignPress\Governance\BlockInput;
use SovereignPress\Governance\Governor\GovernorSource;
use SovereignPress\Governance\Markdown;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalBlocks;
use SovereignPress\Governance\Proposals;
use SovereignPress\Governance\ProposalView;
use SovereignPress\Rest\ProposalsController;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Snapshot\GovernanceSettings;
use SovereignPress\Governance\Snapshot\ProposalUrl;
use SovereignPress\Governance\Snapshot\Hub;
use SovereignPress\Governance\Snapshot\Sequencer;
use SovereignPress\Governance\Snapshot\SnapshotSource;
use SovereignPress\Governance\Snapshot\WpHttpClient;
use SovereignPress\Rest\SnapshotVotesController;
use SovereignPress\Governance\Ballots;
use SovereignPress\Governance\Source;
use SovereignPress\Governance\SourceError;
use SovereignPress\Governance\VoteControl;
use SovereignPress\Rest\BallotsController;
use SovereignPress\Rest\CensusSyncController;
use SovereignPress\Census\CensusJob;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Rest\RpcErrors;
use SovereignPress\Census\Cli as CensusCli;
use SovereignPress\Census\Lease;
use SovereignPress\Census\Store as CensusStore;
use SovereignPress\Census\Treasury;
use SovereignPress\Rest\CensusController;
use SovereignPress\Storage\Cache;
use SovereignPress\Storage\Installer;

/**
 * The one place where objects are built and hooks are added. The constructor builds the
 * services; boot() wires each feature's hooks in one method of its own (wire_gating(), ...).
 *
 * @since 0.1.0
 */
final class Plugin {

	public const VERSION = '0.4.0';
	public const SLUG    = 'sovereign-press';

	private static ?Plugin $instance = null;

	private Settings $settings;

	private Networks $networks;

	private ?GovernorSource $governor_source = null;

	private NonceStore $nonces;

	private SignInLimits $sign_in_limits;

	private WalletAccounts $wallets;

	private AcceptedChains $accepted_chains;

	private SignIn $sign_in;

	private WalletLinks $wallet_links;

	private PasswordPolicy $passwords;

	private EnsProfile $ens_profile;

	private WalletDialog $wallet_dialog;

	private Gates $gates;

	private Decisions $decisions;

	private Blocks $blocks;

	private BuildAssets $assets;

	/**
	 * @param string $file Absolute path of plugin.php.
	 */
	public function __construct( private string $file ) {
		// The option's sections, in the order they are stored: gate presets and the census are
		// checked against the networks before them.
		$this->settings = new Settings( array( new NetworkSettings(), new WalletLoginSettings(), new GatingSettings(), new GovernanceSettings(), new CensusSettings(), new DataSettings() ) );
		$this->networks = new Networks(
			$this->settings,
			static fn( string $url, float $timeout ): Transport => new WpHttpTransport( $url, self::user_agent(), $timeout )
		);
		$this->nonces    = new NonceStore();
		$this->wallets   = new WalletAccounts();
		$this->gates     = new Gates( $this->settings, $this->networks );
		$this->decisions = new Decisions( $this->gates, fn(): Evaluator => $this->evaluator(), $this->wallets );
		$this->blocks    = new Blocks( $this->dir() . 'build' );
		$this->assets    = new BuildAssets( $file );
		$this->build_auth();
	}
	/**
	 * Wallet login's services. The SIWE verifier is built when a message first needs it:
	 * choosing the math path (and failing without gmp or bcmath) costs nothing on requests that
	 * never sign in.
	 */
	private function build_auth(): void {
		$networks = $this->networks;
		// A contract wallet's code and an ENS resolver are the visitor's choice: their failures
		// do not open the network for everyone.
		$verifier = static fn(): Verifier => new Verifier(
			Secp256k1::best(),
			static fn( int $chain_id ): ?Transport => $networks->for_chain( $chain_id, SignedMessages::RPC_TIMEOUT, true )
		);
		$ens_on_chain = static function ( int $chain_id ) use ( $networks ): ?Ens {
			$transport = $networks->for_chain( $chain_id, EnsProfile::RPC_TIMEOUT, true );
			return null === $transport ? null : new Ens( $transport );
		};

		$this->accepted_chains = new AcceptedChains( $this->settings, $networks );
		$this->sign_in_limits  = new SignInLimits( $this->nonces );
		$this->passwords       = new PasswordPolicy( $this->settings, $this->wallets );
		$this->ens_profile     = new EnsProfile( $this->settings, $ens_on_chain, new Cache( 'ens', EnsProfile::CACHE_TTL ) );
		$this->wallet_dialog   = new WalletDialog( $this->settings, $networks, $this->accepted_chains, $this->assets );
		$messages              = new SignedMessages( $this->settings, $this->nonces, $this->accepted_chains, $this->sign_in_limits, $verifier );
		$this->sign_in         = new SignIn( $messages, $this->wallets, new Registration( $this->settings, $this->wallets ), $this->ens_profile, new Session( $this->settings ) );
		$this->wallet_links    = new WalletLinks( $messages, $this->wallets, $this->ens_profile, $this->passwords );
	}


	/**
	 * Builds the plugin once and registers its hooks.
	 *
	 * @since 0.1.0
	 */
	public static function boot( string $file ): self {
		if ( null === self::$instance ) {
			self::$instance = new self( $file );
			self::$instance->register_hooks();
		}
		return self::$instance;
	}

	/**
	 * The booted instance, for integration code (tests, WP-CLI) that needs the services.
	 *
	 * @since 0.1.0
	 */
	public static function instance(): self {
		if ( null === self::$instance ) {
			throw new \LogicException( 'Sovereign Press has not been booted.' );
		}
		return self::$instance;
	}

	/**
	 * What the plugin calls itself in outbound requests: "SovereignPress/{version}; {home URL}".
	 * Read when a transport is built, so a home_url filter added later still counts.
	 *
	 * @since 0.1.0
	 */
	private static function user_agent(): string {
		return 'SovereignPress/' . self::VERSION . '; ' . home_url( '/' );
	}

	public function settings(): Settings {
		return $this->settings;
	}

	public function networks(): Networks {
		return $this->networks;
	}

	public function wallets(): WalletAccounts {
		return $this->wallets;
	}

	public function ens_profile(): EnsProfile {
		return $this->ens_profile;
	}

	public function gates(): Gates {
		return $this->gates;
	}

	public function decisions(): Decisions {
		return $this->decisions;
	}

	public function blocks(): Blocks {
		return $this->blocks;
	}

	/**
	 * The gate evaluator, built when a request first decides a gate: it reads the chain through
	 * the networks, keeps answers for the cache lifetime the settings hold then, and waits no
	 * longer than their time budget.
	 */
	private function evaluator(): Evaluator {
		$gating = $this->settings->gating();
		return new Evaluator( $this->networks, new HoldingsCache( new Cache( 'holdings', $gating['cacheTtl'] ) ), $gating['budgetMs'] / 1000 );
	}

	/**
	 * Snapshot proposals through the configured hubs. A page waits for the hub no longer than for
	 * the chain (the gates' time budget) unless the caller gives a timeout.
	 *
	 * @since 0.2.0
	 *
	 * @param float|null $timeout Seconds a hub request may take.
	 */
	public function snapshot_source( ?float $timeout = null ): SnapshotSource {
		$governance = $this->settings->governance();
		$timeout  ??= $this->settings->gating()['budgetMs'] / 1000;
		$http       = new WpHttpClient( self::user_agent() );
		return new SnapshotSource(
			new Hub( $http, $governance['hubUrl'], $governance['apiKey'], $timeout ),
			new Hub( $http, $governance['testnetHubUrl'], $governance['testnetApiKey'], $timeout )
		);
	}

	/**
	 * The vote relay: it reads the proposal with a longer wait than a page, since a member is
	 * waiting on purpose.
	 */
	private function snapshot_votes_controller(): SnapshotVotesController {
		$governance = $this->settings->governance();
		$http       = new WpHttpClient( self::user_agent() );
		return new SnapshotVotesController(
			$this->snapshot_source( 5.0 ),
			new Sequencer( $http, $governance['sequencerUrl'] ),
			new Sequencer( $http, $governance['testnetSequencerUrl'] ),
			$this->wallets
		);
	}

	public function file(): string {
		return $this->file;
	}

	public function dir(): string {
		return plugin_dir_path( $this->file );
	}

	public function url(): string {
		return plugin_dir_url( $this->file );
	}

	/**
	 * Loads translations from languages/ (WordPress.org language packs take precedence).
	 */
	public function load_textdomain(): void {
		load_plugin_textdomain( 'sovereign-press', false, dirname( plugin_basename( $this->file ) ) . '/languages' );
	}

	private function register_hooks(): void {
		$this->wire_core();
		$this->wire_admin();
		$this->wire_rest();
		$this->wire_gating();
		$this->wire_auth();
		$this->wire_governance();
		$this->wire_census_indexer();
		$this->wire_census_admin();
		$this->wire_census_block();
	}

	/**
	 * Schema and cron, settings, translations, caches and block registration.
	 */
	private function wire_core(): void {
		add_action( 'plugins_loaded', array( Installer::class, 'maybe_upgrade' ) );
		add_action( 'init', array( $this->settings, 'register' ) );
		add_action( 'init', array( $this->blocks, 'register' ) );
		add_action( 'admin_notices', array( $this->blocks, 'admin_notice' ) );
		add_action( 'init', array( $this, 'load_textdomain' ) );
		add_action( 'rest_api_init', array( $this->settings, 'register' ) );
		add_filter( 'rest_request_before_callbacks', array( $this->settings, 'validate_rest_update' ), 10, 3 );
		add_action( Installer::CLEANUP_HOOK, array( Installer::class, 'cleanup' ) );
		add_action( 'update_option_' . Settings::OPTION, array( Cache::class, 'flush' ) );
		// Capped answers from nodes and hubs are never decompressed past their cap.
		add_action( 'requests-requests.before_parse', array( CompressedAnswers::class, 'bound' ), 10, 6 );
	}

	/**
	 * Settings > Sovereign Press.
	 */
	private function wire_admin(): void {
		$settings_page = new SettingsPage(
			$this->assets,
			static fn(): array => array( 'memberRoles' => WalletLoginSettings::member_roles() )
		);
		add_action( 'admin_menu', array( $settings_page, 'add_menu' ) );
		add_action( 'admin_enqueue_scripts', array( $settings_page, 'enqueue' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( $this->file ), array( $settings_page, 'action_links' ) );
	}

	/**
	 * The sovereign-press/v1 routes.
	 */
	private function wire_rest(): void {
		add_filter( 'rest_pre_dispatch', array( JsonBody::class, 'refuse_scalar' ), 10, 3 );
		add_action(
			'rest_api_init',
			function (): void {
				$users       = new UserData( $this->wallets, $this->passwords );
				$controllers = array(
					new NoncesController( $this->nonces, $this->accepted_chains, new ClientAddress( $this->settings ), $this->sign_in_limits ),
					new SessionsController( $this->sign_in, $users ),
					new WalletsController( $this->wallet_links, $users ),
					new GatesController( $this->gates, $this->networks ),
					new TokensController( new TokenDescriptions( $this->networks, new Cache( 'tokens', TokenDescriptions::TTL ) ) ),
					new NetworksController( new ConnectionTest( $this->networks ), $this->networks ),
					$this->snapshot_votes_controller(),
				);
				foreach ( $controllers as $controller ) {
					$controller->register_routes();
				}
			}
		);
	}

	/**
	 * Token gates: the gate meta and its flag, every channel that carries a post's words, the
	 * Gated Content block, and the editors' screens.
	 */
	private function wire_gating(): void {
		$meta       = new GateMeta( $this->gates, $this->networks );
		$validation = new GateValidation( $this->gates, $this->networks );
		$notice     = new Notice( $this->gates, $this->decisions, $this->settings );
		$guard      = new ContentGuard( $this->gates, $this->decisions, $notice );
		$block      = new GatedContentBlock( $this->gates, $this->decisions, $notice );
		$raw        = new RawContent( $guard, $block );
		$column     = new GateColumn( $this->gates );
		$panel      = new GatePanel( $this->assets, $this->gates, $this->networks );

		GatedContentBlock::provide( $block );

		add_action( 'init', array( $meta, 'register' ), 20 );
		add_action( 'save_post', array( $meta, 'refresh_flag' ) );
		foreach ( array( 'added_post_meta', 'updated_post_meta', 'deleted_post_meta' ) as $meta_hook ) {
			add_action( $meta_hook, array( $meta, 'meta_changed' ), 10, 3 );
		}

		// Sections rendered in the_content are the post's; elsewhere, what renders them says whose.
		add_filter( 'the_content', array( $block, 'enter_content' ), PHP_INT_MIN );
		add_filter( 'the_content', array( $block, 'leave_content' ), PHP_INT_MAX );
		add_filter( 'the_content', array( $guard, 'filter_content' ), 1 );
		// Same priority, added after: sections of the content or of the teaser ContentGuard left.
		add_filter( 'the_content', array( $block, 'filter_unrendered' ), 1 );
		add_filter( 'the_content', array( $guard, 'finish_content' ), PHP_INT_MAX );
		// First, so that other render_block filters only ever see a decided section.
		add_filter( 'render_block', array( $block, 'filter_block' ), PHP_INT_MIN, 3 );
		add_filter( 'get_the_excerpt', array( $guard, 'filter_excerpt' ), PHP_INT_MAX, 2 );
		add_filter( 'the_posts', array( $guard, 'prefetch' ), 10, 2 );
		add_filter( 'render_block_data', array( $block, 'enter_block' ) );
		add_filter( 'render_block', array( $block, 'leave_block' ), PHP_INT_MAX, 2 );
		add_filter( 'render_block_data', array( $raw, 'enter_block' ) );
		add_filter( 'render_block', array( $raw, 'leave_block' ), PHP_INT_MAX, 2 );
		add_filter( 'the_posts', array( $raw, 'filter_posts' ), PHP_INT_MAX );
		add_filter( 'get_post_metadata', array( $raw, 'filter_footnotes' ), PHP_INT_MAX, 3 );
		add_action( 'wp', array( $guard, 'send_headers' ) );
		add_filter( 'posts_search', array( $guard, 'filter_search' ), 10, 2 );
		add_filter( 'the_comments', array( $guard, 'filter_comments' ) );
		add_filter( 'comments_array', array( $guard, 'filter_comments' ) );
		add_filter( 'get_comment_text', array( $guard, 'filter_comment_text' ), PHP_INT_MAX, 2 );
		add_filter( 'get_comment_excerpt', array( $guard, 'filter_comment_text' ), PHP_INT_MAX, 2 );
		add_filter( 'comments_open', array( $guard, 'filter_comments_open' ), PHP_INT_MAX, 2 );
		add_filter( 'rest_request_after_callbacks', array( $block, 'filter_rest_templates' ), PHP_INT_MAX, 2 );
		add_action(
			'rest_api_init',
			static function () use ( $validation, $guard, $block ): void {
				// Every post type shown in REST, registered by now.
				foreach ( get_post_types( array( 'show_in_rest' => true ) ) as $type ) {
					add_filter( "rest_pre_insert_{$type}", array( $validation, 'validate_rest' ), 10, 2 );
					add_filter( "rest_prepare_{$type}", array( $guard, 'filter_rest' ), PHP_INT_MAX, 3 );
					add_filter( "rest_prepare_{$type}", array( $block, 'filter_rest' ), PHP_INT_MAX, 2 );
				}
			}
		);

		add_filter( 'manage_posts_columns', array( $column, 'add_column' ) );
		add_filter( 'manage_pages_columns', array( $column, 'add_column' ) );
		add_action( 'manage_posts_custom_column', array( $column, 'render_column' ), 10, 2 );
		add_action( 'manage_pages_custom_column', array( $column, 'render_column' ), 10, 2 );
		add_action( 'enqueue_block_editor_assets', array( $panel, 'enqueue' ) );
	}

	/**
	 * Wallet login: password policy, wallets of deleted users, avatars, login and profile screens.
	 */
	private function wire_auth(): void {
		WalletLoginBlock::provide( new WalletLoginBlock( $this->wallets, $this->wallet_dialog ) );
		add_filter( 'authenticate', array( $this->passwords, 'refuse_password_login' ), 30, 3 );
		add_action( 'deleted_user', array( $this->wallets, 'delete_user' ) );
		$avatars = new Avatars( $this->wallets );
		add_filter( 'pre_get_avatar_data', array( $avatars, 'avatar_data' ), 10, 2 );
		add_filter( 'get_avatar', array( $avatars, 'inline_image' ), 1, 6 );
		add_filter( 'user_profile_picture_description', array( $avatars, 'profile_description' ), 10, 2 );

		$screens = new LoginScreens( $this->settings, $this->assets, $this->wallet_dialog, $this->wallets, $this->passwords );
		add_action( 'login_enqueue_scripts', array( $screens, 'enqueue_login' ) );
		add_action( 'login_form', array( $screens, 'render_login_button' ) );
		add_action( 'show_user_profile', array( $screens, 'render_profile_section' ) );
		add_action( 'user_profile_update_errors', array( $screens, 'allow_empty_email' ), 10, 3 );
	}

	/**
	 * The on-chain Governor source, one per request (it checks Governor block attributes too).
	 */
	private function governor_source(): GovernorSource {
		return $this->governor_source ??= new GovernorSource( $this->networks, new Cache( 'governor', GovernorSource::CACHE_TTL ) );
	}

	/**
	 * Proposals through their sources and the proposal cache. Boot builds the one pages use; a
	 * new one starts with nothing in memory, as the next request does.
	 *
	 * @since 0.2.0
	 *
	 * @param \Closure(): int|null $clock Unix time (tests move it).
	 */
	public function proposals( ?\Closure $clock = null ): Proposals {
		// The Governor source does no I/O until asked; the Snapshot one is built when a page first
		// shows one of its proposals.
		$sources = array(
			'governor' => fn(): GovernorSource => $this->governor_source(),
			'snapshot' => fn(): SnapshotSource => $this->snapshot_source(),
		);
		// Last good copies belong to the hubs and networks they were read from. The stored option
		// as it is: built at boot, before translations may load (Settings::get() fills defaults).
		$stored = get_option( Settings::OPTION );
		$scope  = md5( (string) wp_json_encode( is_array( $stored ) ? array( $stored['networks'] ?? null, $stored['governance'] ?? null ) : null ) );
		return new Proposals( $sources, new Cache( 'proposals', Proposals::KEEP ), $clock, new Cache( 'proposals_last_good', Proposals::KEEP, $scope ) );
	}

	/**
	 * What the DAO Proposal blocks render with, reading through these proposals.
	 *
	 * @since 0.2.0
	 *
	 * @param Proposals             $proposals Proposals (see proposals()).
	 * @param \Closure(): int|null $clock     Unix time (tests move it).
	 */
	public function proposal_blocks( Proposals $proposals, ?\Closure $clock = null ): ProposalBlocks {
		$ens  = $this->ens_profile;
		$view = new ProposalView(
			static fn( Proposal $proposal ): bool => $proposals->is_stale( $proposal ),
			static fn( array $addresses ): array => array_map( static fn( ?array $found ): ?string => $found['name'] ?? null, $ens->lookup_many( $addresses ) ),
			static fn( Proposal $proposal ): string => VoteControl::render( $proposal ),
			$clock,
			static fn( Proposal $proposal ): string => $proposals->body_html( $proposal )
		);
		return new ProposalBlocks( new BlockInput( $this->governor_source()->ref( ... ), static fn( string $url ): ProposalRef => ProposalUrl::parse( $url ) ), $proposals, $view );
	}

	/**
	 * DAO proposals: the DAO Proposal and DAO Proposals blocks, their cache and page prefetch,
	 * the editor's preview route, the vote area and the member's ballots.
	 */
	private function wire_governance(): void {
		$proposals = $this->proposals();
		ProposalBlocks::provide( $this->proposal_blocks( $proposals ) );
		VoteControl::provide( new VoteControl( $this->wallets, $this->networks, $this->assets, $this->wallet_dialog ) );
		$ballots = new Ballots(
			$this->wallets,
			static fn( ProposalRef $ref ): Proposal|SourceError => $proposals->get( $ref ),
			fn( ProposalRef $ref ): Source => ProposalRef::GOVERNOR === $ref->source ? $this->governor_source() : $this->snapshot_source()
		);

		// Before do_blocks (9): every proposal of the post in one read per source. Through
		// instance(), like render.php, so the blocks and the prefetch share one cache in memory.
		add_filter( 'the_content', static fn( mixed $content ): mixed => ProposalBlocks::instance()->prefetch_content( $content ), 8 );
		add_action( 'sovereign_press_proposal_changed', array( $proposals, 'expire' ) );
		add_action( 'admin_notices', array( Markdown::class, 'admin_notice' ) );
		add_action(
			'rest_api_init',
			static function () use ( $ballots ): void {
				( new ProposalsController( ProposalBlocks::instance() ) )->register_routes();
				( new BallotsController( $ballots ) )->register_routes();
			}
		);
	}

	/**
	 * The census sync every runner uses (WP-Cron, WP-CLI, the admin's Sync button).
	 *
	 * @since 0.3.0
	 */
	public function census_job(): CensusJob {
		$settings = $this->settings;
		$networks = $this->networks;
		$treasury = new Treasury( $networks );
		return new CensusJob(
			static fn(): array => $settings->census(),
			static fn( int $chain_id ): ?Transport => $networks->for_chain( $chain_id, CensusJob::RPC_TIMEOUT ),
			new CensusStore(),
			new Lease(),
			new Snapshots(),
			new TreeBuilder(),
			static fn( array $census, array $blocks ): array => $treasury->read( $census, $blocks ),
			static fn( RpcException $error ): string => RpcErrors::to_wp_error( $error )->get_error_message()
		);
	}

	/**
	 * The census indexer: an hourly WP-Cron sync in bounded runs (another at once while work
	 * remains) and `wp sovereign-press census sync`.
	 */
	private function wire_census_indexer(): void {
		add_action(
			Installer::CENSUS_HOOK,
			function (): void {
				$progress = $this->census_job()->run( CensusJob::CRON_SECONDS );
				if ( 'idle' !== $progress['phase'] && null === $progress['error'] && ! $progress['busy'] ) {
					wp_schedule_single_event( time(), Installer::CENSUS_HOOK, array( 'continue' ) );
				}
			}
		);
		add_action(
			'init',
			static function (): void {
				if ( ! wp_next_scheduled( Installer::CENSUS_HOOK ) ) {
					wp_schedule_event( time(), 'hourly', Installer::CENSUS_HOOK );
				}
			}
		);
		if ( defined( 'WP_CLI' ) && WP_CLI ) {
			\WP_CLI::add_command( 'sovereign-press census', new CensusCli( $this->census_job() ) );
		}
	}

	/**
	 * The census in Settings > Sovereign Press: the Sync now route. The job is built when a
	 * request needs it.
	 */
	private function wire_census_admin(): void {
		add_action(
			'rest_api_init',
			function (): void {
				( new CensusSyncController( fn() => $this->census_job(), $this->settings ) )->register_routes();
			}
		);
	}

	/**
	 * The published census: the public census routes (the members CSV streamed as it is read)
	 * and the Census block, each reading the latest snapshot through a Census\Report built when
	 * it first needs one (nothing is built on requests that show no census).
	 */
	private function wire_census_block(): void {
		$settings = $this->settings;
		$networks = $this->networks;
		$report   = static fn(): Report => new Report( new Snapshots(), new TreeBuilder(), $settings, $networks, new Cache( 'census', Report::TTL ) );
		CensusBlock::provide( new CensusBlock( $report ) );
		add_action(
			'rest_api_init',
			static function () use ( $report ): void {
				$controller = new CensusController( $report() );
				$controller->register_routes();
				add_filter( 'rest_pre_serve_request', array( $controller, 'serve_csv' ), 10, 3 );
			}
		);
	}
}
