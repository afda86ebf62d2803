<?php
/**
 * REST: gate summaries for the editor.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Chain\Networks;
use SovereignPress\Gating\Gates;
use SovereignPress\Gating\Rule;

/**
 * POST /sovereign-press/v1/gates/summary: the plain-language summary of a rule or preset and the
 * rule as it will be stored, or the reason it cannot be saved. For people who write posts. POST,
 * as a rule can be larger than a URL should be.
 *
 * @since 0.1.0
 */
final class GatesController extends Controller {

	public function __construct( private Gates $gates, private Networks $networks ) {
		$this->rest_base = 'gates';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base . '/summary',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'summarize' ),
					'permission_callback' => array( $this, 'summarize_permissions_check' ),
					'args'                => array(
						'rule'   => array(
							'description' => __( 'Rule to describe.', 'sovereign-press' ),
						) + Rule::schema(),
						'preset' => array(
							'description' => __( 'Preset to describe, instead of a rule.', 'sovereign-press' ),
							'type'        => 'string',
							'pattern'     => '^[a-z0-9][a-z0-9-]{0,39}$',
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function summarize_permissions_check( $request ): bool|\WP_Error {
		return Permissions::build_gates();
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function summarize( $request ): \WP_REST_Response|\WP_Error {
		$preset = (string) ( $request['preset'] ?? '' );
		if ( '' !== $preset ) {
			if ( null === $this->gates->preset( $preset ) ) {
				return new \WP_Error(
					'sovereign_press_unknown_preset',
					/* translators: %s: preset id. */
					sprintf( __( 'There is no preset "%s" in Settings > Sovereign Press.', 'sovereign-press' ), $preset ),
					array( 'status' => 404 )
				);
			}
			$rule = $this->gates->rule( array( 'preset' => $preset ) );
		} else {
			$rule    = (array) ( $request['rule'] ?? array() );
			$problem = Rule::problem( $rule, $this->networks->chain_ids() );
			if ( null !== $problem ) {
				return new \WP_Error( 'sovereign_press_invalid_rule', $problem, array( 'status' => 400 ) );
			}
			$rule = Rule::normalize( $rule );
		}
		return new \WP_REST_Response(
			array(
				/* translators: %s: what readers must hold, such as "1 Citizen NFT on Local chain". */
				'summary' => sprintf( __( 'Readers need %s.', 'sovereign-press' ), $this->gates->summary( $rule ) ),
				'rule'    => $rule,
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$view         = array( 'view', 'edit' );
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-gate-summary',
			'type'       => 'object',
			'properties' => array(
				'summary' => array(
					'description' => __( 'What readers must hold, as the sentence readers see.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => $view,
					'readonly'    => true,
				),
				'rule'    => array(
					'description' => __( 'The rule as it will be stored (a preset\'s rule, for a preset).', 'sovereign-press' ),
					'context'     => $view,
					'readonly'    => true,
				) + Rule::schema(),
			),
		);
	}
}
