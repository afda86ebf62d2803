<?php
/**
 * REST: sign-in nonces.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Auth\AcceptedChains;
use SovereignPress\Auth\ClientAddress;
use SovereignPress\Auth\NonceCookie;
use SovereignPress\Auth\NonceStore;
use SovereignPress\Auth\SignInLimits;
use SovereignPress\Auth\SiteIdentity;

/**
 * POST /sovereign-press/v1/auth/nonce: a fresh nonce for a sign-in message, with what the message
 * must name (domain, URI, scheme, allowed chains). Public: a visitor asks for one before signing
 * in. Limited per client address (SignInLimits), and bound to the browser that asked by an HttpOnly
 * cookie.
 *
 * @since 0.1.0
 */
final class NoncesController extends Controller {

	public function __construct(
		private NonceStore $nonces,
		private AcceptedChains $chains,
		private ClientAddress $client,
		private SignInLimits $limits
	) {
		$this->rest_base = 'auth/nonce';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					// Public: anyone may start a sign-in (rate-limited in create_item()).
					'permission_callback' => '__return_true',
					'args'                => $this->get_endpoint_args_for_item_schema( \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	public function create_item( $request ): \WP_REST_Response|\WP_Error {
		$client  = $this->client->current();
		$refusal = $this->limits->refuse_nonce( $client );
		if ( null !== $refusal ) {
			return SignInLimits::response( $refusal );
		}
		$issued = $this->nonces->issue( $client );
		NonceCookie::send( $issued['secret'], $this->nonces->ttl() );

		$site     = SiteIdentity::current();
		$response = new \WP_REST_Response(
			array(
				'nonce'    => $issued['nonce'],
				'domain'   => $site->domain,
				'uri'      => $site->origin,
				'scheme'   => $site->scheme,
				'chainIds' => $this->chains->ids(),
			)
		);
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-nonce',
			'type'       => 'object',
			'properties' => array(
				'nonce'    => array(
					'description' => __( 'The nonce the sign-in message must carry: usable once, for a few minutes, by the browser that asked for it.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^[A-Za-z0-9]{24}$',
					'context'     => array( 'view', 'edit' ),
					'readonly'    => true,
				),
				'domain'   => array(
					'description' => __( 'The authority (host and port) the message must name.', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => array( 'view', 'edit' ),
					'readonly'    => true,
				),
				'uri'      => array(
					'description' => __( 'The URI the message must name: this site\'s origin.', 'sovereign-press' ),
					'type'        => 'string',
					'format'      => 'uri',
					'context'     => array( 'view', 'edit' ),
					'readonly'    => true,
				),
				'scheme'   => array(
					'description' => __( 'The scheme the message must name.', 'sovereign-press' ),
					'type'        => 'string',
					'enum'        => array( 'http', 'https' ),
					'context'     => array( 'view', 'edit' ),
					'readonly'    => true,
				),
				'chainIds' => array(
					'description' => __( 'Chains the message may name.', 'sovereign-press' ),
					'type'        => 'array',
					'items'       => array( 'type' => 'integer' ),
					'context'     => array( 'view', 'edit' ),
					'readonly'    => true,
				),
			),
		);
	}
}
