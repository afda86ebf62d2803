<?php
/**
 * REST: what the editor needs to build gates (a rule's summary and checks, a token's name).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Multicall3;
use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Chain\Networks;
use SovereignPress\Crypto\Address;
use SovereignPress\Gating\Gates;
use SovereignPress\Gating\Rule;
use SovereignPress\Storage\Cache;

/**
 * POST /sovereign-press/v1/gates/summary: the plain-language summary of a rule or preset, or the
 * reason it cannot be saved. GET /sovereign-press/v1/tokens: name, symbol, decimals and standard
 * of a token contract, read in one Multicall3 call, so the editor can label a condition.
 *
 * @since 0.1.0
 */
final class GatesController extends \WP_REST_Controller {

	/** Seconds a token description stays cached. */
	private const TOKEN_TTL = DAY_IN_SECONDS;

	public function __construct( private Gates $gates, private Networks $networks ) {
		$this->namespace = 'sovereign-press/v1';
		$this->rest_base = 'gates';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/gates/summary',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'summary' ),
				'permission_callback' => array( $this, 'permissions_check' ),
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
			)
		);
		register_rest_route(
			$this->namespace,
			'/tokens',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'token' ),
				'permission_callback' => array( $this, 'permissions_check' ),
				'args'                => array(
					'chainId'  => array(
						'description' => __( 'Chain of the contract.', 'sovereign-press' ),
						'type'        => 'integer',
						'minimum'     => 1,
						'maximum'     => NetworkSettings::MAX_CHAIN_ID,
						'required'    => true,
					),
					'contract' => array(
						'description' => __( 'Token contract address.', 'sovereign-press' ),
						'type'        => 'string',
						'pattern'     => '^0x[0-9a-fA-F]{40}$',
						'required'    => true,
					),
				),
			)
		);
	}

	/**
	 * People who write posts build gates.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function permissions_check( $request ): bool|\WP_Error {
		if ( current_user_can( 'edit_posts' ) ) {
			return true;
		}
		return new \WP_Error(
			is_user_logged_in() ? 'rest_forbidden' : 'rest_not_logged_in',
			__( 'Only people who can write posts can build token gates.', 'sovereign-press' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function summary( $request ): \WP_REST_Response|\WP_Error {
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
	 * @param \WP_REST_Request $request Request.
	 */
	public function token( $request ): \WP_REST_Response|\WP_Error {
		$chain     = (int) $request['chainId'];
		$contract  = Address::checksum( (string) $request['contract'] );
		$transport = $this->networks->for_chain( $chain, 5.0 );
		if ( null === $transport ) {
			return new \WP_Error(
				'sovereign_press_unknown_chain',
				/* translators: %d: chain id. */
				sprintf( __( 'Chain %d is not one of the networks in Settings > Sovereign Press.', 'sovereign-press' ), $chain ),
				array( 'status' => 400 )
			);
		}
		$cache  = new Cache( 'tokens', self::TOKEN_TTL );
		$cached = $cache->get( $chain . '|' . $contract );
		if ( null !== $cached ) {
			return new \WP_REST_Response( $cached );
		}
		$interface = static fn( string $id ): array => array(
			'target' => $contract,
			'data'   => Abi::selector( 'supportsInterface(bytes4)' ) . (string) hex2bin( $id ) . str_repeat( "\0", 28 ),
		);
		try {
			[ $name, $symbol, $decimals, $erc721, $erc1155 ] = ( new Multicall3( $transport ) )->aggregate3(
				array(
					array( 'target' => $contract, 'data' => Abi::selector( 'name()' ) ),
					array( 'target' => $contract, 'data' => Abi::selector( 'symbol()' ) ),
					array( 'target' => $contract, 'data' => Abi::selector( 'decimals()' ) ),
					$interface( '80ac58cd' ),
					$interface( 'd9b67a26' ),
				)
			);
		} catch ( RpcException $exception ) {
			return RpcErrors::to_wp_error( $exception );
		}
		$text     = static function ( array $answer ): string {
			if ( ! $answer['success'] || strlen( $answer['data'] ) < 64 ) {
				return '';
			}
			try {
				return sanitize_text_field( Abi::decode_string( '0x' . bin2hex( $answer['data'] ) ) );
			} catch ( \InvalidArgumentException ) {
				return '';
			}
		};
		$yes      = static fn( array $answer ): bool => $answer['success'] && 32 === strlen( $answer['data'] ) && "\1" === $answer['data'][31];
		$standard = match ( true ) {
			$yes( $erc1155 ) => 'erc1155',
			$yes( $erc721 ) => 'erc721',
			$decimals['success'] && 32 === strlen( $decimals['data'] ) && ord( $decimals['data'][31] ) <= 77 && str_repeat( "\0", 31 ) === substr( $decimals['data'], 0, 31 ) => 'erc20',
			default => 'unknown',
		};
		$token = array(
			'chainId'  => $chain,
			'contract' => $contract,
			'name'     => $text( $name ),
			'symbol'   => $text( $symbol ),
			'decimals' => 'erc20' === $standard ? ord( $decimals['data'][31] ) : null,
			'standard' => $standard,
		);
		$cache->set( $chain . '|' . $contract, $token );
		return new \WP_REST_Response( $token );
	}
}
