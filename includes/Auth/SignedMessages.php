<?php
/**
 * Checks a signed sign-in message against this site, for sign-in and for linking.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcUnavailable;
use SovereignPress\Settings\Settings;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\ParseError;
use SovereignPress\Siwe\Result;
use SovereignPress\Siwe\Verifier;

/**
 * The nonce in the message is consumed (for the browser that asked for it: see NonceCookie)
 * before the signature is checked, so a message can be used once, whatever the outcome; a message
 * that fails the check, or whose check the node could not answer, counts against the address its
 * nonce was issued to (SignInLimits). Every refusal is a WP_Error with a stable code, an HTTP
 * status and a translated message.
 *
 * @since 0.1.0
 */
final class SignedMessages {

	/** Seconds of clock difference tolerated between the wallet's device and this server. */
	public const CLOCK_SKEW = 60;

	/** Seconds a contract-wallet check may spend on the node. */
	public const RPC_TIMEOUT = 4.0;

	private ?Verifier $verifier = null;

	/**
	 * @param \Closure(): Verifier $make_verifier Builds the verifier when a message first needs
	 *                                            it: choosing the math path costs nothing on
	 *                                            requests that never sign in.
	 */
	public function __construct(
		private Settings $settings,
		private NonceStore $nonces,
		private AcceptedChains $chains,
		private SignInLimits $limits,
		private \Closure $make_verifier
	) {}

	/**
	 * @since 0.1.0
	 *
	 * @return Result|\WP_Error A valid Result, or the reason for refusing.
	 */
	public function verify( string $text, string $signature ): Result|\WP_Error {
		if ( ! $this->settings->wallet_login()['enabled'] ) {
			return new \WP_Error( 'sovereign_press_wallet_login_disabled', __( 'Wallet login is turned off on this site.', 'sovereign-press' ), array( 'status' => 403 ) );
		}
		try {
			$message = Message::parse( $text );
		} catch ( ParseError $error ) {
			return self::malformed( $error->field, $error->reason );
		}

		$consumed = $this->nonces->consume( $message->nonce, NonceCookie::read() );
		if ( NonceStore::CONSUMED !== $consumed['state'] ) {
			return self::nonce_error( $consumed['state'] );
		}
		NonceCookie::clear();
		// Past this point a message costs a signature check, or a call to the chain.
		$refusal = $this->limits->refuse_verification( $consumed['client'] );
		if ( null !== $refusal ) {
			return $refusal;
		}

		// The nonce as the site issued it, so the verifier compares the message with the store.
		$site            = SiteIdentity::current();
		$context         = new Context( $site->domain, $site->origin, $this->chains->ids(), $consumed['nonce'], microtime( true ), self::CLOCK_SKEW, $site->scheme );
		$this->verifier ??= ( $this->make_verifier )();
		try {
			$result = $this->verifier->verify( $text, $signature, $context );
		} catch ( RpcException $error ) {
			// The call was made (unless the network was already known to be down): it cost as
			// much as a failed check, and a wallet's own code can make it fail on purpose.
			if ( ! $error instanceof RpcUnavailable ) {
				$this->nonces->fail( $consumed['nonce'] );
			}
			return new \WP_Error(
				'sovereign_press_verification_unavailable',
				__( 'Your wallet is a smart-contract account, and the network could not be reached to check its signature. Please try again in a moment.', 'sovereign-press' ),
				array( 'status' => 503 )
			);
		}
		if ( $result->valid ) {
			return $result;
		}
		$this->nonces->fail( $consumed['nonce'] );
		return self::rejection( $result );
	}

	private static function malformed( string $field, string $reason ): \WP_Error {
		return new \WP_Error(
			'sovereign_press_siwe_malformed',
			sprintf(
				/* translators: %s: field of the sign-in message, such as "nonce". */
				__( 'The sign-in message is not valid (%s). Please start again.', 'sovereign-press' ),
				str_replace( '_', ' ', $field )
			),
			array(
				'status' => 400,
				'field'  => $field,
				'reason' => $reason,
			)
		);
	}

	private static function nonce_error( string $state ): \WP_Error {
		return match ( $state ) {
			NonceStore::USED => new \WP_Error( 'sovereign_press_nonce_used', __( 'This sign-in request was already used. Please start again.', 'sovereign-press' ), array( 'status' => 409 ) ),
			NonceStore::EXPIRED => new \WP_Error( 'sovereign_press_nonce_expired', __( 'This sign-in request has expired. Please start again.', 'sovereign-press' ), array( 'status' => 400 ) ),
			NonceStore::NOT_YOURS => new \WP_Error( 'sovereign_press_nonce_not_yours', __( 'This sign-in request was started in another browser, or a newer one replaced it. Please start again in this browser.', 'sovereign-press' ), array( 'status' => 403 ) ),
			default => new \WP_Error( 'sovereign_press_nonce_unknown', __( 'This sign-in request was not issued by this site. Please start again.', 'sovereign-press' ), array( 'status' => 400 ) ),
		};
	}

	private static function rejection( Result $result ): \WP_Error {
		if ( str_starts_with( $result->code, 'malformed_' ) ) {
			return self::malformed( 'message', $result->code );
		}
		$messages = array(
			'domain_mismatch'                   => __( 'This message asks to sign in to another site.', 'sovereign-press' ),
			'scheme_mismatch'                   => __( 'This message asks to sign in to another site.', 'sovereign-press' ),
			'uri_mismatch'                      => __( 'This message asks to sign in to another site.', 'sovereign-press' ),
			'chain_not_allowed'                 => __( 'This site does not accept sign-ins on that network. Switch networks in your wallet and try again.', 'sovereign-press' ),
			'issued_in_future'                  => __( 'The message is dated in the future. Check your device\'s clock.', 'sovereign-press' ),
			'expired'                           => __( 'The message has expired. Please start again.', 'sovereign-press' ),
			'not_yet_valid'                     => __( 'The message is not valid yet. Check your device\'s clock.', 'sovereign-press' ),
			'signature_malformed'               => __( 'The signature is not in a format this site understands.', 'sovereign-press' ),
			'signature_invalid'                 => __( 'The signature does not match the wallet in the message.', 'sovereign-press' ),
			'contract_wallet_unsupported_chain' => __( 'Smart-contract wallets can sign in only on networks this site is configured for.', 'sovereign-press' ),
			'nonce_mismatch'                    => __( 'This sign-in request was not issued by this site. Please start again.', 'sovereign-press' ),
		);
		return new \WP_Error(
			'sovereign_press_siwe_' . $result->code,
			$messages[ $result->code ] ?? __( 'The sign-in could not be verified.', 'sovereign-press' ),
			array( 'status' => 'signature_invalid' === $result->code ? 401 : 400 )
		);
	}
}
