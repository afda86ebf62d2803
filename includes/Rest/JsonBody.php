<?php
/**
 * REST: request bodies our routes can read.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

/**
 * Refuses a JSON body that is a bare string, number or boolean on a sovereign-press/v1 route.
 * WordPress parses such a body, then walks it as if it were an object while sanitizing the
 * arguments, which raises a PHP warning before any route sees it; a JSON object, a list or no
 * body at all reach the route as before.
 *
 * @since 0.4.0
 */
final class JsonBody {

	/**
	 * rest_pre_dispatch: a 400 for a scalar JSON body on our routes.
	 *
	 * @since 0.4.0
	 *
	 * @param mixed            $result  A response another filter answered, or null.
	 * @param mixed            $server  The REST server.
	 * @param \WP_REST_Request $request The request.
	 * @return mixed
	 */
	public static function refuse_scalar( mixed $result, mixed $server, mixed $request ): mixed {
		if ( null !== $result || ! $request instanceof \WP_REST_Request || ! str_starts_with( $request->get_route(), '/sovereign-press/v1/' ) ) {
			return $result;
		}
		$json = $request->get_json_params();
		if ( null === $json || is_array( $json ) ) {
			return $result;
		}
		return new \WP_Error(
			'sovereign_press_body_not_object',
			__( 'The request body must be a JSON object.', 'sovereign-press' ),
			array( 'status' => 400 )
		);
	}
}
