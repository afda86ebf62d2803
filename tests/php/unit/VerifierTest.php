<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\Verifier;

final class VerifierTest extends TestCase {

	/** Signed with hardhat's account #0 by viem (tests/vectors/sample.json has thousands more). */
	private const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

	/**
	 * @return iterable<string, array{0: array<string, mixed>}>
	 */
	public static function spruceid_verification(): iterable {
		foreach ( PublicVectors::json( 'siwe/verification_positive.json' ) as $name => $case ) {
			yield $name => array( $case );
		}
	}

	/**
	 * @dataProvider spruceid_verification
	 *
	 * @param array<string, mixed> $case
	 */
	public function test_accepts_the_siwe_reference_signatures_on_both_paths( array $case ): void {
		$message = new Message(
			$case['domain'],
			$case['address'],
			$case['statement'] ?? null,
			$case['uri'],
			$case['version'],
			$case['chainId'],
			$case['nonce'],
			$case['issuedAt'],
			$case['expirationTime'] ?? null,
			$case['notBefore'] ?? null,
			$case['requestId'] ?? null,
			$case['resources'] ?? null
		);
		$now     = isset( $case['time'] ) ? Message::timestamp( $case['time'] ) : Message::timestamp( $case['issuedAt'] ) + 1;
		$origin  = (string) preg_replace( '~^(\w+://[^/?#]+).*$~', '$1', $case['uri'] );
		$context = new Context( $case['domain'], $origin, array( $case['chainId'] ), $case['nonce'], $now, 0 );

		// Stricter than the reference on one point: a message issued after the verification
		// time is refused (the "expired message" vector is issued in 2022 and checked in 2020).
		if ( Message::timestamp( $case['issuedAt'] ) > $now ) {
			$result = ( new Verifier( Secp256k1::best(), static fn() => null ) )->verify( $message->format(), $case['signature'], $context );
			$this->assertSame( 'issued_in_future', $result->code );
			$context = new Context( $case['domain'], $origin, array( $case['chainId'] ), $case['nonce'], $now, (int) ceil( Message::timestamp( $case['issuedAt'] ) - $now ) );
		}
		foreach ( array( Secp256k1::gmp(), Secp256k1::fallback() ) as $curve ) {
			$result = ( new Verifier( $curve, static fn() => null ) )->verify( $message->format(), $case['signature'], $context );
			$this->assertTrue( $result->valid, $result->code . ' on ' . $curve->backend() );
			$this->assertSame( $case['address'], $result->address );
			$this->assertSame( 'eoa', $result->method );
		}
	}

	/**
	 * A real signature from the committed sample, checked under contexts that differ one at a time.
	 *
	 * @return array{0: string, 1: string, 2: Context}
	 */
	private static function signed(): array {
		$vectors = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/vectors/sample.json' ), true );
		foreach ( $vectors['siwe'] as $vector ) {
			if ( 'valid' === $vector['kind'] && 'valid' === $vector['expect']['outcome'] ) {
				$message = Message::parse( $vector['message'] );
				if ( null !== $message->expiration_time && null === $message->not_before ) {
					$c = $vector['context'];
					return array( $vector['message'], $vector['signature'], new Context( $c['domain'], $c['uri'], $c['chainIds'], $c['nonce'], (float) $c['now'], 0, $c['scheme'] ) );
				}
			}
		}
		self::fail( 'The sample has no valid vector with an expiration time.' );
	}

	private static function with( Context $c, array $changes ): Context {
		$args = array_merge(
			array(
				'domain'    => $c->domain,
				'uri'       => $c->uri,
				'chain_ids' => $c->chain_ids,
				'nonce'     => $c->nonce,
				'now'       => $c->now,
				'skew'      => $c->skew,
				'scheme'    => $c->scheme,
			),
			$changes
		);
		return new Context( ...$args );
	}

	public function test_each_expectation_rejects_with_its_own_code(): void {
		[ $text, $signature, $context ] = self::signed();
		$message  = Message::parse( $text );
		$verifier = new Verifier( Secp256k1::best(), static fn() => null );
		$expires  = Message::timestamp( (string) $message->expiration_time );
		$issued   = Message::timestamp( $message->issued_at );

		$this->assertTrue( $verifier->verify( $text, $signature, $context )->valid );
		$cases = array(
			'domain_mismatch'   => array( 'domain' => 'evil.example' ),
			'scheme_mismatch'   => array( 'scheme' => 'ftp' ),
			'uri_mismatch'      => array( 'uri' => 'https://elsewhere.example' ),
			'chain_not_allowed' => array( 'chain_ids' => array( 999 ) ),
			'nonce_mismatch'    => array( 'nonce' => 'someotherNonce1' ),
			'expired'           => array( 'now' => $expires ),
			'issued_in_future'  => array( 'now' => $issued - 1 ),
		);
		foreach ( $cases as $code => $changes ) {
			$result = $verifier->verify( $text, $signature, self::with( $context, $changes ) );
			$this->assertFalse( $result->valid, $code );
			$this->assertSame( $code, $result->code );
		}
	}

	public function test_clock_skew_is_tolerated_on_each_time_check(): void {
		[ $text, $signature, $context ] = self::signed();
		$verifier = new Verifier( Secp256k1::best(), static fn() => null );
		$expires  = Message::timestamp( (string) Message::parse( $text )->expiration_time );

		$this->assertSame( 'expired', $verifier->verify( $text, $signature, self::with( $context, array( 'now' => $expires + 30 ) ) )->code );
		$this->assertTrue( $verifier->verify( $text, $signature, self::with( $context, array( 'now' => $expires + 30, 'skew' => 60 ) ) )->valid );
	}

	/**
	 * @return iterable<string, array{0: string}>
	 */
	public static function malformed_signatures(): iterable {
		yield 'empty' => array( '0x' );
		yield 'no prefix' => array( str_repeat( 'ab', 65 ) );
		yield 'odd length' => array( '0x' . str_repeat( 'a', 129 ) );
		yield 'not hex' => array( '0x' . str_repeat( 'zz', 65 ) );
	}

	/**
	 * @dataProvider malformed_signatures
	 */
	public function test_malformed_signatures_are_rejected_as_such( string $signature ): void {
		[ $text, , $context ] = self::signed();
		$result = ( new Verifier( Secp256k1::best(), static fn() => null ) )->verify( $text, $signature, $context );
		$this->assertSame( 'signature_malformed', $result->code );
	}

	public function test_a_malformed_message_reports_the_parser_code(): void {
		[ $text, $signature, $context ] = self::signed();
		$result = ( new Verifier( Secp256k1::best(), static fn() => null ) )->verify( str_replace( 'Version: 1', 'Version: 2', $text ), $signature, $context );
		$this->assertSame( 'malformed_version_invalid', $result->code );
		$this->assertNotNull( $result->detail );
	}

	public function test_a_wrapped_signature_without_a_node_for_its_chain_is_refused_clearly(): void {
		[ $text, $signature, $context ] = self::signed();
		$wrapped = $signature . Verifier::ERC6492_SUFFIX;
		$result  = ( new Verifier( Secp256k1::best(), static fn() => null ) )->verify( $text, $wrapped, $context );
		$this->assertSame( 'contract_wallet_unsupported_chain', $result->code );
	}
}
