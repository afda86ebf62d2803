<?php
/**
 * REST: the logged-in member's ballots on one proposal.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;
use SovereignPress\Governance\Ballots;
use SovereignPress\Governance\Choice;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\SourceError;

/**
 * GET /sovereign-press/v1/ballots?source=snapshot&space=…&id=…[&testnet=1] or
 * ?source=governor&chainId=…&governor=…&id=… answers, for each wallet linked to the member, the
 * voting power at the proposal's snapshot, the vote already cast, and whether it can vote (with a
 * stable reason and a sentence when it cannot), with the proposal's title, voting type and choice
 * labels as the source gives them (the panel names the proposal and votes with these, never with
 * what the page says). Logged-in members only: it reads their wallets.
 * With `refresh`, sent once a member's Governor vote is mined, the proposal's cached copy is
 * marked stale first (`sovereign_press_proposal_changed`), so the page shows the new tally.
 *
 * @since 0.2.0
 */
final class BallotsController extends Controller {

	public function __construct( private Ballots $ballots ) {
		$this->rest_base = 'ballots';
	}

	/**
	 * @param bool $override Replace a route already registered (a test's own Ballots).
	 */
	public function register_routes( bool $override = false ): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
					'args'                => self::args(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			),
			$override
		);
	}

	/**
	 * The proposal reference, as ProposalRef::to_array() names its fields.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public static function ref_args(): array {
		return array(
			'source'   => array(
				'description' => __( 'Where the proposal lives.', 'sovereign-press' ),
				'type'        => 'string',
				'enum'        => array( ProposalRef::SNAPSHOT, ProposalRef::GOVERNOR ),
				'required'    => true,
			),
			'id'       => array(
				'description' => __( 'Proposal id: a Snapshot id (0x and 64 hex digits, or Qm…), or a Governor proposal id in decimal.', 'sovereign-press' ),
				'type'        => 'string',
				'pattern'     => '^(0x[0-9a-fA-F]{64}|Qm[1-9A-HJ-NP-Za-km-z]{44}|0|[1-9][0-9]{0,77})$',
				'required'    => true,
			),
			'space'    => array(
				'description' => __( 'Snapshot space id.', 'sovereign-press' ),
				'type'        => 'string',
				'pattern'     => '^[a-zA-Z0-9._:-]{1,64}$',
			),
			'testnet'  => array(
				'description' => __( 'Whether the proposal is on Snapshot\'s testnet hub.', 'sovereign-press' ),
				'type'        => 'boolean',
				'default'     => false,
			),
			'chainId'  => array(
				'description' => __( 'Chain id of the Governor.', 'sovereign-press' ),
				'type'        => 'integer',
				'minimum'     => 1,
				'maximum'     => 9007199254740991,
			),
			'governor' => array(
				'description' => __( 'Governor contract address.', 'sovereign-press' ),
				'type'        => 'string',
				'pattern'     => '^0x[0-9a-fA-F]{40}$',
			),
		);
	}

	/**
	 * The route's arguments: the reference, and `refresh` once the member's vote is in.
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function args(): array {
		return self::ref_args() + array(
			'refresh' => array(
				'description' => __( 'The member\'s vote was just mined: read the proposal again instead of a cached copy.', 'sovereign-press' ),
				'type'        => 'boolean',
				'default'     => false,
			),
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ): bool|\WP_Error {
		return Permissions::logged_in();
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_items( $request ): \WP_REST_Response|\WP_Error {
		$ref = self::ref_from( $request );
		if ( is_wp_error( $ref ) ) {
			return $ref;
		}
		if ( $request['refresh'] ) {
			// A Governor vote changes the tally without the site relaying it (Snapshot votes go
			// through the relay, which says so itself). Members only, and one read per call.
			/** This action is documented in includes/Rest/SnapshotVotesController.php */
			do_action( 'sovereign_press_proposal_changed', $ref );
		}
		try {
			$result = $this->ballots->for_user( get_current_user_id(), $ref );
		} catch ( SourceError $error ) {
			return self::source_error( $error );
		}
		return new \WP_REST_Response(
			array(
				'ref'     => $ref->to_array(),
				'state'   => $result['proposal']->state,
				'title'   => $result['proposal']->title,
				'type'    => $result['proposal']->type,
				'choices' => array_map( static fn( Choice $choice ): string => $choice->label, $result['proposal']->choices ),
				'ballots' => $result['ballots'],
			)
		);
	}

	/**
	 * A SourceError as sovereign_press_proposal_{reason}: 400 for input, 404 unknown, 502 otherwise.
	 */
	public static function source_error( SourceError $error ): \WP_Error {
		$status = array(
			SourceError::INVALID   => 400,
			SourceError::NOT_FOUND => 404,
		)[ $error->reason ] ?? 502;
		return new \WP_Error( 'sovereign_press_proposal_' . $error->reason, $error->getMessage(), array( 'status' => $status ) );
	}

	/**
	 * The reference the request names; a 400 WP_Error when a field its source needs is missing.
	 *
	 * @param \WP_REST_Request $request Request, its args already checked against ref_args().
	 */
	public static function ref_from( \WP_REST_Request $request ): ProposalRef|\WP_Error {
		$id = (string) $request['id'];
		if ( ProposalRef::SNAPSHOT === $request['source'] ) {
			$space = strtolower( (string) $request['space'] );
			if ( '' === $space || 1 !== preg_match( '/^(0x[0-9a-fA-F]{64}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/', $id ) ) {
				return self::invalid( __( 'A Snapshot proposal needs its space and a Snapshot proposal id.', 'sovereign-press' ) );
			}
			return ProposalRef::snapshot( $space, str_starts_with( $id, '0x' ) ? strtolower( $id ) : $id, (bool) $request['testnet'] );
		}
		if ( 1 !== preg_match( '/^(0|[1-9][0-9]*)$/', $id ) || null === $request['chainId'] || null === $request['governor'] ) {
			return self::invalid( __( 'A Governor proposal needs its chain, the Governor\'s address and a decimal proposal id.', 'sovereign-press' ) );
		}
		try {
			$governor = Address::parse( (string) $request['governor'] );
		} catch ( InvalidAddress $e ) {
			return self::invalid( __( 'The Governor address has a wrong checksum.', 'sovereign-press' ) );
		}
		return ProposalRef::governor( (int) $request['chainId'], $governor, $id );
	}

	private static function invalid( string $message ): \WP_Error {
		return new \WP_Error( 'sovereign_press_proposal_invalid', $message, array( 'status' => 400 ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$read_only = static fn( array $property ): array => $property + array(
			'context'  => array( 'view' ),
			'readonly' => true,
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-ballots',
			'type'       => 'object',
			'properties' => array(
				'ref'     => $read_only(
					array(
						'description' => __( 'The proposal.', 'sovereign-press' ),
						'type'        => 'object',
					)
				),
				'state'   => $read_only(
					array(
						'description' => __( 'The proposal\'s state.', 'sovereign-press' ),
						'type'        => 'string',
					)
				),
				'title'   => $read_only(
					array(
						'description' => __( 'The proposal\'s title, as the source gives it: the vote panel names the proposal with this, not with the page.', 'sovereign-press' ),
						'type'        => 'string',
					)
				),
				'type'    => $read_only(
					array(
						'description' => __( 'The proposal\'s voting type (single-choice, approval, governor…).', 'sovereign-press' ),
						'type'        => 'string',
					)
				),
				'choices' => $read_only(
					array(
						'description' => __( 'The choice labels, in the source\'s order: the vote panel shows these, not what the page says.', 'sovereign-press' ),
						'type'        => 'array',
						'items'       => array( 'type' => 'string' ),
					)
				),
				'ballots' => $read_only(
					array(
						'description' => __( 'One entry per wallet linked to the member.', 'sovereign-press' ),
						'type'        => 'array',
						'items'       => array(
							'type'       => 'object',
							'properties' => array(
								'address' => array( 'type' => 'string' ),
								'power'   => array(
									'type'        => 'string',
									'description' => __( 'Voting power at the proposal\'s snapshot, in whole tokens (a decimal string).', 'sovereign-press' ),
								),
								'voted'   => array( 'type' => 'boolean' ),
								'choice'  => array( 'type' => 'string' ),
								'canVote' => array( 'type' => 'boolean' ),
								'reason'  => array(
									'type' => 'string',
									'enum' => array( '', Ballots::NOT_ACTIVE, Ballots::NO_POWER, Ballots::ALREADY_VOTED, Ballots::PRIVATE ),
								),
								'message' => array( 'type' => 'string' ),
							),
						),
					)
				),
			),
		);
	}
}
