<?php
/**
 * REST: members' signed Snapshot votes, relayed to Snapshot's sequencer.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Crypto\Address;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\Snapshot\ProposalUrl;
use SovereignPress\Governance\Snapshot\Sequencer;
use SovereignPress\Governance\Snapshot\SnapshotSource;
use SovereignPress\Governance\Snapshot\VoteRejected;
use SovereignPress\Governance\Snapshot\VoteTypes;
use SovereignPress\Governance\SourceError;

/**
 * POST /sovereign-press/v1/snapshot-votes takes the envelope a member's wallet signed
 * (`{address, sig, data: {domain, types, message, primaryType?}}`, as Snapshot's sequencer takes
 * it, plus `testnet` for proposals of Snapshot's testnet hub) and relays it to the configured
 * sequencer, after checking what can be checked here: the signer is one of the member's linked
 * wallets, the message is from that wallet, the domain and types are Snapshot's own, and the
 * proposal exists, is open and takes this kind of vote. Answers 201 `{id, ipfs}` with the
 * sequencer's receipt and fires `sovereign_press_proposal_changed`; every refusal is a WP_Error
 * with a stable code and a sentence for the member.
 *
 * @since 0.2.0
 */
final class SnapshotVotesController extends Controller {

	/** The sequencer refuses bodies longer than this (snapshot-sequencer src/ingestor.ts). */
	public const MAX_ENVELOPE = 100000;

	/**
	 * @param SnapshotSource $source    Reads the proposal voted on.
	 * @param Sequencer      $mainnet   Snapshot's sequencer.
	 * @param Sequencer      $testnet   Snapshot's testnet sequencer.
	 * @param WalletAccounts $wallets   The member's linked wallets.
	 */
	public function __construct( private SnapshotSource $source, private Sequencer $mainnet, private Sequencer $testnet, private WalletAccounts $wallets ) {
		$this->rest_base = 'snapshot-votes';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => self::envelope_args(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * The envelope's JSON schema (snapshot-sequencer src/helpers/envelope.json, narrowed to EVM
	 * votes with snapshot.js's message fields and limits).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function envelope_args(): array {
		$address = array(
			'type'    => 'string',
			'pattern' => '^0x[0-9a-fA-F]{40}$',
		);
		$args = array(
			'address' => array(
				'description' => __( 'The signing wallet.', 'sovereign-press' ),
				'required'    => true,
			) + $address,
			'sig'     => array(
				'description' => __( 'The EIP-712 signature, 0x-prefixed hex.', 'sovereign-press' ),
				'type'        => 'string',
				'required'    => true,
				'pattern'     => '^0x([0-9a-fA-F]{2})+$',
				'maxLength'   => 8192,
			),
			'data'    => array(
				'description'          => __( 'The typed data that was signed.', 'sovereign-press' ),
				'type'                 => 'object',
				'required'             => true,
				'additionalProperties' => false,
				'properties'           => array(
					'domain'      => array(
						'type'                 => 'object',
						'required'             => true,
						'additionalProperties' => false,
						'properties'           => array(
							'name'    => array(
								'type'     => 'string',
								'required' => true,
							),
							'version' => array(
								'type'     => 'string',
								'required' => true,
							),
							'chainId' => array( 'type' => 'integer' ),
						),
					),
					'types'       => array(
						'type'     => 'object',
						'required' => true,
					),
					'primaryType' => array(
						'type' => 'string',
						'enum' => array( 'Vote' ),
					),
					'message'     => array(
						'type'                 => 'object',
						'required'             => true,
						'additionalProperties' => false,
						'properties'           => array(
							'from'      => $address,
							'space'     => array(
								'type'      => 'string',
								'maxLength' => 200,
								'pattern'   => '^[^ ]+$',
							),
							'timestamp' => array(
								'type'    => 'integer',
								'minimum' => 0,
							),
							'proposal'  => array(
								'type'      => 'string',
								'maxLength' => 100,
							),
							'choice'    => array(
								// String first: WordPress would read a string as a comma-separated array.
								'type'     => array( 'string', 'integer', 'array' ),
								'minimum'  => 0,
								'maxItems' => 1000,
								'items'    => array(
									'type'    => 'integer',
									'minimum' => 0,
								),
							),
							'reason'    => array(
								'type'      => 'string',
								'maxLength' => 5000,
							),
							'app'       => array(
								'type'      => 'string',
								'maxLength' => 24,
							),
							'metadata'  => array(
								'type'      => 'string',
								'maxLength' => 2000,
							),
						),
					),
				),
			),
			'testnet' => array(
				'description' => __( 'Whether the proposal is on Snapshot\'s testnet hub.', 'sovereign-press' ),
				'type'        => 'boolean',
				'default'     => false,
			),
		);
		// Every field of snapshot.js's Vote message is signed, so every one must be there.
		foreach ( array_keys( $args['data']['properties']['message']['properties'] ) as $field ) {
			$args['data']['properties']['message']['properties'][ $field ]['required'] = true;
		}
		return $args;
	}

	/**
	 * Logged-in members only (WordPress accepts their cookie on the REST API only with a nonce).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function create_item_permissions_check( $request ): bool|\WP_Error {
		return Permissions::logged_in();
	}

	/**
	 * Checks the vote and relays it.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function create_item( $request ): \WP_REST_Response|\WP_Error {
		$address = Address::checksum( (string) $request['address'] );
		$data    = (array) $request['data'];
		$message = (array) ( $data['message'] ?? array() );
		$mine    = array_column( $this->wallets->wallets( get_current_user_id() ), 'address' );
		if ( ! in_array( $address, array_map( array( Address::class, 'checksum' ), $mine ), true ) ) {
			return new \WP_Error( 'sovereign_press_vote_not_your_wallet', __( 'This wallet is not linked to your account. Link it on your profile, or vote with a wallet you linked.', 'sovereign-press' ), array( 'status' => 403 ) );
		}
		$problem = self::envelope_problem( $address, $data );
		if ( null !== $problem ) {
			return self::invalid( $problem );
		}
		$envelope = array(
			'address' => $address,
			'sig'     => (string) $request['sig'],
			'data'    => $data,
		);
		if ( strlen( (string) json_encode( $envelope, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) ) > self::MAX_ENVELOPE ) {
			return self::invalid( __( 'The vote is too large for Snapshot. Shorten the reason and vote again.', 'sovereign-press' ) );
		}

		try {
			$ref      = ProposalUrl::from_parts( (string) $message['space'], (string) $message['proposal'], (bool) $request['testnet'] );
			$proposal = $this->source->fetch( array( $ref ) )[ $ref->key() ];
		} catch ( SourceError $error ) {
			$proposal = $error;
		}
		if ( $proposal instanceof SourceError ) {
			return match ( $proposal->reason ) {
				SourceError::INVALID => self::invalid( $proposal->getMessage() ),
				SourceError::NOT_FOUND => new \WP_Error( 'sovereign_press_vote_proposal_not_found', $proposal->getMessage(), array( 'status' => 404 ) ),
				default => new \WP_Error( 'sovereign_press_vote_hub_unreachable', $proposal->getMessage(), array( 'status' => 502 ) ),
			};
		}
		$refusal = self::proposal_problem( $proposal, (array) $data['types'] );
		if ( null !== $refusal ) {
			return $refusal;
		}

		try {
			$receipt = ( $ref->testnet ? $this->testnet : $this->mainnet )->relay( $envelope );
		} catch ( VoteRejected $rejected ) {
			return new \WP_Error(
				'sovereign_press_vote_rejected',
				$rejected->getMessage(),
				array(
					'status' => $rejected->status,
					'reason' => $rejected->reason,
				)
			);
		}

		/**
		 * Fires when a member's vote changed a proposal's tally, so caches of it can be refreshed.
		 *
		 * @since 0.2.0
		 *
		 * @param \SovereignPress\Governance\ProposalRef $ref The proposal.
		 */
		do_action( 'sovereign_press_proposal_changed', $ref );
		return new \WP_REST_Response( $receipt, 201 );
	}

	/**
	 * What is wrong with the signed data itself, as a sentence; null when nothing is.
	 *
	 * @param array<string, mixed> $data The envelope's data.
	 */
	private static function envelope_problem( string $address, array $data ): ?string {
		$message = (array) $data['message'];
		if ( ! Address::equals( (string) $message['from'], $address ) ) {
			return __( 'The vote was signed for another address than the wallet that sends it.', 'sovereign-press' );
		}
		$domain = (array) $data['domain'];
		if ( VoteTypes::DOMAIN['name'] !== $domain['name'] || VoteTypes::DOMAIN['version'] !== $domain['version'] ) {
			return __( 'The vote is not signed for Snapshot (its EIP-712 domain must be "snapshot", version 0.1.4).', 'sovereign-press' );
		}
		if ( null === VoteTypes::kind_of( (array) $data['types'] ) ) {
			return __( 'The vote is not signed with Snapshot\'s Vote types.', 'sovereign-press' );
		}
		return null;
	}

	/**
	 * Why this proposal cannot take this vote now; null when it can.
	 *
	 * @param array<string, mixed> $types The envelope's types.
	 */
	private static function proposal_problem( Proposal $proposal, array $types ): ?\WP_Error {
		if ( 'active' !== $proposal->state ) {
			return new \WP_Error(
				'sovereign_press_vote_not_active',
				'pending' === $proposal->state
					? __( 'Voting on this proposal has not started yet.', 'sovereign-press' )
					: __( 'Voting on this proposal has ended.', 'sovereign-press' ),
				array(
					'status' => 409,
					'state'  => $proposal->state,
				)
			);
		}
		if ( $proposal->private ) {
			return new \WP_Error( 'sovereign_press_vote_private', __( 'Votes on this proposal are encrypted with Shutter until it closes, which this site cannot do. Vote on Snapshot itself.', 'sovereign-press' ), array( 'status' => 400 ) );
		}
		if ( VoteTypes::kind_of( $types ) !== VoteTypes::kind_for( $proposal->type, $proposal->private ) ) {
			return self::invalid( __( 'The vote is signed with the types of another kind of proposal. Reload the page and vote again.', 'sovereign-press' ) );
		}
		return null;
	}

	private static function invalid( string $message ): \WP_Error {
		return new \WP_Error( 'sovereign_press_vote_invalid', $message, array( 'status' => 400 ) );
	}

	/**
	 * The sequencer's receipt.
	 *
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-snapshot-vote',
			'type'       => 'object',
			'properties' => array(
				'id'   => array(
					'description' => __( 'The vote\'s id on Snapshot.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => array( 'view' ),
					'readonly'    => true,
				),
				'ipfs' => array(
					'description' => __( 'Where Snapshot pinned the vote on IPFS.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => array( 'view' ),
					'readonly'    => true,
				),
			),
		);
	}
}
