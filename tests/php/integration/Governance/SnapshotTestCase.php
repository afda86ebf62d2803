<?php
/**
 * What the Snapshot integration tests share: the local stand-in (scripts/lib/snapshot-hub.mjs)
 * and its fixtures (tests/snapshot/fixtures.mjs), settings pointing at it, votes signed by
 * snapshot.js with the demo wallets.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\ProposalRef;
use SovereignPress\Settings\Settings;
use SovereignPress\Tests\Integration\TestCase;

abstract class SnapshotTestCase extends TestCase {

	/** Ids of tests/snapshot/fixtures.mjs (FIXTURES.<name>.id; see tests/snapshot/README.md). */
	protected const IDS = array(
		'activeSingle'   => '0xe9ff14fe8b77cf832ae3a2f8ddf17b8f932633d8b4a77bf2c736e8bd0d7b5040',
		'activeBasic'    => '0x03f768363c234cd2a763c67f9d29799867cc513d24e00d19c64c6a88c431b5c4',
		'activeApproval' => '0x11b09179d159abb03dfcdfd29fe5d6db8bebf73e0df74d2015ccd605c40b91eb',
		'activeRanked'   => '0xf4c33e977651abaa1e3fa1d093ce077b1c9ebc26dd146091bb62cf36cc5da72e',
		'activeWeighted' => '0xaad446788d9f7768db23157f2750cff37e0fb739876cc18bf6344783d9a90349',
		'activeQuadratic' => '0xd2d9b1b0079fb5a275b189ba1ee14ab9cfd4bb5b4ce2a0bacf7dc8d3075c1bfb',
		'activeShutter'  => '0xe43a36c403c9fe6683423b8932773b9530a9abb5fd49bd45e9c5238dc82f1315',
		'pending'        => '0xa7c5c7d87050b6d9ba3d9d7770fe06b64c0cd2aa48f3c770ecf564f7cc562f8b',
		'closedPassed'   => '0x947416e4165e8ba04e6aa94377254ec788154ca215417ab4df62fb773d3e4574',
		'closedRejected' => '0x0de73eb0d219ece1b0251b11abb1f27d51f788975eb242e7511f2ea1a806af13',
		'closedSingle'   => '0x0f670e9a7db0bd68bd94a37b597c5c0db061bdb303066721710dbe0725437e34',
		'legacy'         => 'QmWbpCtwdLzxuLKnMW4Vv4MPFd2pdPX71YBKPasfZxqLUS',
		'testnetActive'  => '0x12439ba6c0b968f08f1902346ad4461ddfecdd3f26ba18cdc8b9480bc54ca6f9',
		'xss'            => '0xf9281f18ac3f09d48fc1091ee32d889aaf3a733068eae60522174e5ffff879de',
	);

	/** Demo wallets #0..#3 (scripts/lib/chain.mjs); the stand-in gives #0 1000, #1 100, #2 10, #3 0. */
	protected const WALLETS = array(
		'0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
		'0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
		'0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
		'0x90F79bf6EB2c4f870365E785982E1f101E93b906',
	);

	/** @var list<string> URLs of the HTTP requests WordPress made during the test. */
	protected array $http_requests = array();

	private \Closure $count;

	protected function setUp(): void {
		parent::setUp();
		self::control( array( 'reset' => true ) );
		self::configure();
		$this->http_requests = array();
		$this->count         = function ( $response, string $context, string $class, array $args, string $url ): void {
			if ( ! str_contains( $url, '/__control' ) ) {
				$this->http_requests[] = $url;
			}
		};
		add_action( 'http_api_debug', $this->count, 10, 5 );
	}

	protected function tearDown(): void {
		remove_action( 'http_api_debug', $this->count );
		self::control( array( 'reset' => true ) );
		parent::tearDown();
	}

	/**
	 * Points the governance settings at the stand-in.
	 *
	 * @param array<string, mixed> $governance Other governance settings (apiKey).
	 * @param array<string, mixed> $gating     Gating settings (budgetMs: how long a page waits).
	 */
	protected static function configure( array $governance = array(), array $gating = array() ): void {
		$url = self::env( 'SP_SNAPSHOT_URL' );
		update_option(
			Settings::OPTION,
			array(
				'governance' => $governance + array(
					'hubUrl'              => $url . '/graphql',
					'sequencerUrl'        => $url . '/',
					'testnetHubUrl'       => $url . '/testnet/graphql',
					'testnetSequencerUrl' => $url . '/testnet/',
				),
				'gating'     => $gating,
			)
		);
	}

	/**
	 * Sets the stand-in's fault mode (down, slow, malformed, ok) or resets it.
	 *
	 * @param array<string, mixed> $body Control body.
	 * @return array<string, mixed>
	 */
	protected static function control( array $body ): array {
		$response = wp_remote_post(
			self::env( 'SP_SNAPSHOT_URL' ) . '/__control',
			array(
				'headers' => array( 'Content-Type' => 'application/json' ),
				'body'    => (string) wp_json_encode( $body ),
				'timeout' => 5,
			)
		);
		self::assertIsArray( $response, 'The Snapshot stand-in is not answering.' );
		return (array) json_decode( wp_remote_retrieve_body( $response ), true );
	}

	protected static function ref( string $name ): ProposalRef {
		return match ( $name ) {
			'testnetActive' => ProposalRef::snapshot( 'society-testnet.eth', self::IDS[ $name ], true ),
			'xss'           => ProposalRef::snapshot( 'mischief.eth', self::IDS[ $name ] ),
			default         => ProposalRef::snapshot( 'society.eth', self::IDS[ $name ] ),
		};
	}

	/**
	 * A DAO Proposal block naming a fixture by space and id, as typed in the editor.
	 */
	protected static function proposal_block( string $name ): string {
		$ref        = self::ref( $name );
		$attributes = array(
			'space'      => $ref->space,
			'proposalId' => $ref->id,
		) + ( $ref->testnet ? array( 'testnet' => true ) : array() );
		return '<!-- wp:sovereign-press/proposal ' . wp_json_encode( $attributes ) . ' /-->';
	}

	/**
	 * A vote signed by snapshot.js's Client712 with a demo wallet (tests/php/support/sign-snapshot-vote.mjs).
	 *
	 * @param array<string, mixed> $vote wallet, space, proposal, type, choice; privacy, timestamp.
	 * @return array<string, mixed> The envelope the client would post.
	 */
	protected static function sign( array $vote ): array {
		$script = dirname( __DIR__, 2 ) . '/support/sign-snapshot-vote.mjs';
		$output = array();
		$status = 1;
		exec( 'node ' . escapeshellarg( $script ) . ' ' . escapeshellarg( (string) wp_json_encode( $vote ) ) . ' 2>&1', $output, $status );
		self::assertSame( 0, $status, implode( "\n", $output ) );
		return json_decode( implode( "\n", $output ), true, 64, JSON_THROW_ON_ERROR );
	}
}
