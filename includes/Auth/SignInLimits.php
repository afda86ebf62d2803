<?php
/**
 * Sign-in rate limits: what costs the server, not how many members sign in.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

/**
 * Four limits, all counted in the nonce table so that every web node sees the same numbers:
 * nonces an address holds unused (each one a row until it expires), nonces the whole site holds
 * unused (a flood spread over many addresses), verifications an address failed recently (each one
 * a signature recovery, or a call to the chain for a contract wallet), and sign-ins an address
 * completed recently, far above any crowd (each new wallet is a new account and an ENS lookup, so
 * a script with fresh keys must not sign in without end). An honest sign-in consumes its nonce and
 * succeeds, so a crowd behind one address meets none of them. The checks and the writes are not
 * one transaction, so concurrent requests can pass a limit by about the number of PHP workers;
 * that is all.
 *
 * @since 0.4.0
 */
final class SignInLimits {

	/** Nonces one address may hold unused: above any crowd that signs in at once. */
	public const NONCES_PER_ADDRESS = 200;

	/** Nonces the whole site may hold unused at once. */
	public const NONCES_SITE_WIDE = 10000;

	/** Past the site-wide ceiling, nonces one address may still hold unused. */
	public const NONCES_PAST_CEILING = 2;

	/** Failed verifications an address may make per FAILURE_WINDOW seconds. */
	public const FAILURES_PER_ADDRESS = 50;
	public const FAILURE_WINDOW       = 600;

	/** Sign-ins an address may complete per FAILURE_WINDOW seconds: three meetups at once. */
	public const SIGN_INS_PER_ADDRESS = 300;

	public function __construct( private NonceStore $nonces ) {}

	/**
	 * Why an address may not have another nonce now, or null when it may.
	 *
	 * @since 0.4.0
	 */
	public function refuse_nonce( string $client ): ?\WP_Error {
		$limits = self::limits();
		$usage  = $this->nonces->usage( $client, $limits['failureWindow'] );
		$held   = $usage['unused'];
		if (
			$held >= $limits['noncesPerAddress']
			|| $usage['failures'] >= $limits['failuresPerAddress']
			|| $usage['completed'] >= $limits['signInsPerAddress']
		) {
			return self::rate_limited( $limits );
		}
		// Past the site-wide ceiling only addresses that already hold nonces are refused: a flood
		// from a few addresses stops there, while a newcomer (or a dialog opened twice) still signs
		// in, out of a reserve as large as the ceiling; at twice the ceiling (a flood from ever new
		// addresses) everyone waits.
		$site = $this->nonces->unused_site_wide();
		if ( $site >= 2 * $limits['noncesSiteWide'] || ( $held >= self::NONCES_PAST_CEILING && $site >= $limits['noncesSiteWide'] ) ) {
			return new \WP_Error(
				'sovereign_press_sign_in_busy',
				__( 'Too many sign-ins are under way on this site right now. Please try again in a few minutes.', 'sovereign-press' ),
				array(
					'status'     => 503,
					'retryAfter' => $limits['failureWindow'],
				)
			);
		}
		return null;
	}

	/**
	 * Why a verification of a message from this address may not go ahead, or null when it may.
	 *
	 * @since 0.4.0
	 */
	public function refuse_verification( string $client ): ?\WP_Error {
		$limits = self::limits();
		return $this->nonces->usage( $client, $limits['failureWindow'] )['failures'] >= $limits['failuresPerAddress'] ? self::rate_limited( $limits ) : null;
	}

	/**
	 * @param array{failureWindow:int} $limits The limits in force.
	 */
	private static function rate_limited( array $limits ): \WP_Error {
		return new \WP_Error(
			'sovereign_press_rate_limited',
			__( 'Too many sign-in attempts from your network. Please wait a few minutes.', 'sovereign-press' ),
			array(
				'status'     => 429,
				'retryAfter' => $limits['failureWindow'],
			)
		);
	}

	/**
	 * A refusal as a REST response, with the Retry-After header its data names.
	 *
	 * @since 0.4.0
	 */
	public static function response( \WP_Error $refusal ): \WP_REST_Response {
		$response = rest_convert_error_to_response( $refusal );
		$data     = $refusal->get_error_data();
		if ( is_array( $data ) && isset( $data['retryAfter'] ) ) {
			$response->header( 'Retry-After', (string) (int) $data['retryAfter'] );
		}
		return $response;
	}

	/**
	 * The limits in force.
	 *
	 * @return array{noncesPerAddress:int, noncesSiteWide:int, failuresPerAddress:int, failureWindow:int, signInsPerAddress:int}
	 */
	private static function limits(): array {
		$defaults = array(
			'noncesPerAddress'   => self::NONCES_PER_ADDRESS,
			'noncesSiteWide'     => self::NONCES_SITE_WIDE,
			'failuresPerAddress' => self::FAILURES_PER_ADDRESS,
			'failureWindow'      => self::FAILURE_WINDOW,
			'signInsPerAddress'  => self::SIGN_INS_PER_ADDRESS,
		);
		/**
		 * Filters the sign-in rate limits.
		 *
		 * @since 0.4.0
		 *
		 * @param array{noncesPerAddress:int, noncesSiteWide:int, failuresPerAddress:int, failureWindow:int, signInsPerAddress:int} $limits
		 *        Unused nonces per address and site-wide, failed verifications and completed
		 *        sign-ins per address per failureWindow seconds.
		 */
		$limits = (array) apply_filters( 'sovereign_press_sign_in_limits', $defaults );
		foreach ( $defaults as $key => $value ) {
			$defaults[ $key ] = max( 1, (int) ( $limits[ $key ] ?? $value ) );
		}
		return $defaults;
	}
}
