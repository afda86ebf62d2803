<?php
/**
 * Snapshot's vote sequencer: relays a signed vote and says why one was refused.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

/**
 * Posts a signed envelope `{address, sig, data}` to the sequencer's root and returns its receipt,
 * or throws VoteRejected with a stable reason taken from the sequencer's `error_description`
 * (snapshot-sequencer src/ingestor.ts, src/writer/vote.ts, src/helpers/rateLimit.ts).
 *
 * @since 0.2.0
 */
final class Sequencer {

	/** The sequencer's error texts (their start), and our word for each. */
	public const REASONS = array(
		'not in voting window'        => 'not_in_voting_window',
		'invalid choice'              => 'invalid_choice',
		'no voting power'             => 'no_voting_power',
		'signature validation failed' => 'signature_invalid',
		'wrong timestamp'             => 'wrong_timestamp',
		'too many requests'           => 'rate_limited',
		'failed vote validation'      => 'failed_validation',
		'wrong types'                 => 'wrong_types',
		'wrong domain'                => 'wrong_domain',
		'wrong envelope format'       => 'bad_envelope',
		'too large message'           => 'too_large',
		'too large metadata'          => 'too_large',
		'update in progress'          => 'unreachable',
	);

	/**
	 * @param HttpClient $http    How requests travel.
	 * @param string     $url     Sequencer (its root, such as https://seq.snapshot.org/).
	 * @param float      $timeout Seconds.
	 */
	public function __construct( private HttpClient $http, private string $url, private float $timeout = 10.0 ) {}

	/**
	 * @param array{address:string, sig:string, data:array<string, mixed>} $envelope Signed vote.
	 * @return array{id:string, ipfs:string} The sequencer's receipt.
	 *
	 * @throws VoteRejected Saying why.
	 */
	public function relay( array $envelope ): array {
		try {
			$response = $this->http->post( $this->url, (string) json_encode( $envelope, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ), array(), $this->timeout );
		} catch ( HttpFailure $failure ) {
			throw self::rejected( 'unreachable' );
		}
		$body = strlen( $response['body'] ) <= 65536 ? json_decode( $response['body'], true, 16 ) : null;
		if ( 200 === $response['status'] ) {
			$id   = is_array( $body ) ? ( $body['id'] ?? null ) : null;
			$ipfs = is_array( $body ) ? ( $body['ipfs'] ?? '' ) : null;
			if ( ! is_string( $id ) || 1 !== preg_match( '/^0x[0-9a-fA-F]{64}$/D', $id ) || ! is_string( $ipfs ) || 1 !== preg_match( '/^[0-9A-Za-z]{0,100}$/D', $ipfs ) ) {
				throw self::rejected( 'malformed' );
			}
			return array(
				'id'   => strtolower( $id ),
				'ipfs' => $ipfs,
			);
		}
		$text = is_array( $body ) && is_string( $body['error_description'] ?? null ) ? strtolower( $body['error_description'] ) : '';
		foreach ( self::REASONS as $start => $reason ) {
			if ( str_starts_with( $text, $start ) ) {
				throw self::rejected( $reason );
			}
		}
		if ( 429 === $response['status'] ) {
			throw self::rejected( 'rate_limited' );
		}
		throw self::rejected( $response['status'] >= 500 || '' === $text ? 'unreachable' : 'other' );
	}

	/**
	 * The refusal for a reason, with the sentence the member reads.
	 */
	public static function rejected( string $reason ): VoteRejected {
		$message = match ( $reason ) {
			'not_in_voting_window' => __( 'This proposal is not open for voting right now.', 'sovereign-press' ),
			'invalid_choice' => __( 'Snapshot did not accept this choice for this proposal. Check your selection and vote again.', 'sovereign-press' ),
			'no_voting_power' => __( 'This wallet had no voting power at the proposal\'s snapshot, so it cannot vote on it.', 'sovereign-press' ),
			'signature_invalid' => __( 'Snapshot could not verify the signature. Sign the vote again with the same wallet.', 'sovereign-press' ),
			'wrong_timestamp' => __( 'The vote\'s time is too far from Snapshot\'s clock. Check your device\'s clock and vote again.', 'sovereign-press' ),
			'rate_limited' => __( 'Snapshot is receiving too many votes from this site right now. Wait a minute and vote again.', 'sovereign-press' ),
			'failed_validation' => __( 'This wallet does not meet the space\'s conditions for voting on this proposal.', 'sovereign-press' ),
			'wrong_types', 'wrong_domain', 'bad_envelope' => __( 'Snapshot did not recognise the signed vote\'s format. Reload the page and vote again.', 'sovereign-press' ),
			'too_large' => __( 'The vote is too large for Snapshot. Shorten the reason and vote again.', 'sovereign-press' ),
			'unreachable' => __( 'Snapshot\'s vote service could not be reached. Your vote was not recorded; try again in a moment.', 'sovereign-press' ),
			'malformed' => __( 'Snapshot\'s vote service sent an answer it does not send. Your vote may not have been recorded; reload the page to check.', 'sovereign-press' ),
			default => __( 'Snapshot refused the vote.', 'sovereign-press' ),
		};
		$status = match ( $reason ) {
			'rate_limited' => 429,
			'unreachable', 'malformed' => 502,
			default => 400,
		};
		return new VoteRejected( $reason, $message, $status );
	}
}
