<?php
/**
 * Snapshot's hub: GraphQL queries and what their failures mean.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

use SovereignPress\Governance\SourceError;

/**
 * Posts one GraphQL query to one hub and gives back its `data`, or a SourceError: UNREACHABLE when
 * no usable answer came (connection, timeout, 401 bad API key, 429 rate limit, 5xx), MALFORMED
 * when the answer is not a GraphQL result. The API key travels in the `x-api-key` header only.
 *
 * @since 0.2.0
 */
final class Hub {

	/** Largest answer read, in bytes. */
	public const MAX_BODY = WpHttpClient::MAX_BODY;

	/**
	 * @param HttpClient $http    How requests travel.
	 * @param string     $url     GraphQL endpoint (`…/graphql`).
	 * @param string     $api_key Optional hub API key.
	 * @param float      $timeout Seconds a query may take.
	 */
	public function __construct(
		private HttpClient $http,
		private string $url,
		private string $api_key = '',
		private float $timeout = 5.0
	) {}

	/**
	 * @param string               $query     GraphQL.
	 * @param array<string, mixed> $variables Its variables.
	 * @return array<string, mixed> The result's `data`.
	 *
	 * @throws SourceError UNREACHABLE or MALFORMED.
	 */
	public function query( string $query, array $variables = array() ): array {
		$headers = '' === $this->api_key ? array() : array( 'x-api-key' => $this->api_key );
		$body    = (string) json_encode(
			array(
				'query'     => $query,
				'variables' => (object) $variables,
			),
			JSON_UNESCAPED_SLASHES
		);
		try {
			$response = $this->http->post( $this->url, $body, $headers, $this->timeout );
		} catch ( HttpFailure $failure ) {
			throw new SourceError(
				SourceError::UNREACHABLE,
				$failure->timed_out
					/* translators: %s: seconds, such as 1.5. */
					? sprintf( __( 'The Snapshot hub did not answer within %s seconds.', 'sovereign-press' ), (string) round( $this->timeout, 2 ) )
					: __( 'The Snapshot hub could not be reached.', 'sovereign-press' ),
				$failure
			);
		}
		$status = $response['status'];
		if ( 401 === $status || 403 === $status ) {
			throw new SourceError( SourceError::UNREACHABLE, __( 'The Snapshot hub refused this site\'s API key. Check the key under Settings > Sovereign Press > DAO proposals, or remove it.', 'sovereign-press' ) );
		}
		if ( 429 === $status ) {
			throw new SourceError( SourceError::UNREACHABLE, __( 'The Snapshot hub is rate-limiting this site (too many requests). Proposals show again shortly; a Snapshot API key in Settings > Sovereign Press > DAO proposals raises the limit.', 'sovereign-press' ) );
		}
		$data = strlen( $response['body'] ) <= self::MAX_BODY ? json_decode( $response['body'], true, 64 ) : null;
		if ( 200 !== $status && ! ( 400 === $status && is_array( $data ) && isset( $data['errors'] ) ) ) {
			/* translators: %d: HTTP status code. */
			throw new SourceError( SourceError::UNREACHABLE, sprintf( __( 'The Snapshot hub answered with HTTP status %d.', 'sovereign-press' ), $status ) );
		}
		if ( ! is_array( $data ) || array_is_list( $data ) && array() !== $data ) {
			throw new SourceError( SourceError::MALFORMED, __( 'The Snapshot hub sent an answer that is not GraphQL JSON.', 'sovereign-press' ) );
		}
		if ( isset( $data['errors'] ) && ! is_array( $data['data'] ?? null ) ) {
			throw new SourceError(
				SourceError::MALFORMED,
				/* translators: %s: the hub's error message. */
				sprintf( __( 'The Snapshot hub refused the query: %s', 'sovereign-press' ), self::error_text( $data['errors'] ) )
			);
		}
		if ( ! is_array( $data['data'] ?? null ) ) {
			throw new SourceError( SourceError::MALFORMED, __( 'The Snapshot hub sent an answer without data.', 'sovereign-press' ) );
		}
		return $data['data'];
	}

	/**
	 * The first GraphQL error's message, printable and short (the hub's text is not trusted).
	 */
	private static function error_text( mixed $errors ): string {
		$message = is_array( $errors ) && is_array( $errors[0] ?? null ) && is_string( $errors[0]['message'] ?? null ) ? $errors[0]['message'] : '';
		$message = (string) preg_replace( '/[^\x20-\x7E]+/', ' ', $message );
		return '' === trim( $message ) ? '?' : substr( trim( $message ), 0, 200 );
	}
}
