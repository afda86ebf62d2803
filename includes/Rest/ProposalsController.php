<?php
/**
 * REST: the DAO Proposal blocks' preview in the editor.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Governance\ProposalBlocks;
use SovereignPress\Governance\SourceError;
use SovereignPress\Governance\VoteControl;

/**
 * GET /sovereign-press/v1/proposals/preview?block&source&…: the HTML a DAO Proposal or DAO
 * Proposals block renders with these attributes (the same as on the page, but for the vote area:
 * see VoteControl::previewing()), or why there is none:
 * sovereign_press_proposal_invalid (400), _not_found (404), _unreachable or _malformed (502).
 * For people who write posts.
 *
 * @since 0.2.0
 */
final class ProposalsController extends Controller {

	private const STATUS = array(
		SourceError::INVALID     => 400,
		SourceError::NOT_FOUND   => 404,
		SourceError::UNREACHABLE => 502,
		SourceError::MALFORMED   => 502,
	);

	public function __construct( private ProposalBlocks $blocks ) {
		$this->rest_base = 'proposals';
	}

	public function register_routes(): void {
		$args          = self::attributes();
		$args['block'] = array(
			'type'    => 'string',
			'enum'    => array( ProposalBlocks::PROPOSAL, ProposalBlocks::LISTING ),
			'default' => ProposalBlocks::PROPOSAL,
		);
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/preview',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => $args,
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ): bool|\WP_Error {
		return Permissions::can( 'edit_posts', __( 'Only people who can write posts can preview proposals.', 'sovereign-press' ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_item( $request ): \WP_REST_Response|\WP_Error {
		$attributes = array();
		foreach ( array_keys( self::attributes() ) as $name ) {
			if ( null !== $request[ $name ] ) {
				$attributes[ $name ] = $request[ $name ];
			}
		}
		try {
			$html = VoteControl::previewing( fn(): string => $this->blocks->preview( (string) $request['block'], $attributes ) );
		} catch ( SourceError $error ) {
			$reason = isset( self::STATUS[ $error->reason ] ) ? $error->reason : SourceError::MALFORMED;
			return new \WP_Error( 'sovereign_press_proposal_' . $reason, $error->getMessage(), array( 'status' => self::STATUS[ $reason ] ) );
		}
		return new \WP_REST_Response( array( 'html' => $html ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-proposal-preview',
			'type'       => 'object',
			'properties' => array(
				'html' => array(
					'description' => __( 'The block as the page shows it.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => array( 'view' ),
					'readonly'    => true,
				),
			),
		);
	}

	/**
	 * The block attributes a preview takes, as query arguments of the same names (checked again
	 * by Governance\BlockInput).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	private static function attributes(): array {
		return array(
			'source'     => array(
				'description' => __( 'Snapshot or an on-chain Governor.', 'sovereign-press' ),
				'type'        => 'string',
				'enum'        => array( 'snapshot', 'governor' ),
			),
			'url'        => array(
				'description' => __( 'A Snapshot proposal URL.', 'sovereign-press' ),
				'type'        => 'string',
				'maxLength'   => 500,
			),
			'space'      => array(
				'description' => __( 'A Snapshot space, such as society.eth.', 'sovereign-press' ),
				'type'        => 'string',
				'maxLength'   => 100,
			),
			'proposalId' => array(
				'description' => __( 'The proposal id: 0x and 64 hex digits on Snapshot, a decimal string on a Governor.', 'sovereign-press' ),
				'type'        => 'string',
				'maxLength'   => 100,
			),
			'testnet'    => array(
				'description' => __( 'Whether the proposal is on Snapshot’s testnet hub.', 'sovereign-press' ),
				'type'        => 'boolean',
			),
			'chainId'    => array(
				'description' => __( 'The Governor’s chain, one of the configured networks.', 'sovereign-press' ),
				'type'        => 'integer',
				'minimum'     => 1,
			),
			'governor'   => array(
				'description' => __( 'The Governor’s address.', 'sovereign-press' ),
				'type'        => 'string',
				'maxLength'   => 42,
			),
			'count'      => array(
				'description' => __( 'How many proposals a list shows.', 'sovereign-press' ),
				'type'        => 'integer',
				'minimum'     => 1,
				'maximum'     => 20,
			),
			'state'      => array(
				'description' => __( 'Which proposals a list shows.', 'sovereign-press' ),
				'type'        => 'string',
				'enum'        => array( 'all', 'pending', 'active', 'closed' ),
			),
		);
	}
}
