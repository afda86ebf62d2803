<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\ParseError;

final class MessageTest extends TestCase {

	private const VALID = "example.org wants you to sign in with your Ethereum account:\n"
		. "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n\n"
		. "Sign in to the society.\n\n"
		. "URI: https://example.org/login\nVersion: 1\nChain ID: 31337\nNonce: abcdefgh12\n"
		. "Issued At: 2026-01-01T00:00:00Z\nExpiration Time: 2026-01-01T00:10:00.000Z\n"
		. "Not Before: 2026-01-01T00:00:00+01:00\nRequest ID: req-1\nResources:\n- ipfs://bafy\n- https://example.org/terms";

	/**
	 * @return iterable<string, array{0: string, 1: array<string, mixed>}>
	 */
	public static function spruceid_positive(): iterable {
		foreach ( PublicVectors::json( 'siwe/parsing_positive.json' ) as $name => $case ) {
			yield $name => array( $case['message'], $case['fields'] );
		}
	}

	/**
	 * @dataProvider spruceid_positive
	 *
	 * @param array<string, mixed> $fields
	 */
	public function test_parses_the_siwe_reference_vectors_field_by_field( string $text, array $fields ): void {
		$message = Message::parse( $text );
		$map     = array(
			'scheme'         => $message->scheme,
			'domain'         => $message->domain,
			'address'        => $message->address,
			'statement'      => $message->statement,
			'uri'            => $message->uri,
			'version'        => $message->version,
			'chainId'        => $message->chain_id,
			'nonce'          => $message->nonce,
			'issuedAt'       => $message->issued_at,
			'expirationTime' => $message->expiration_time,
			'notBefore'      => $message->not_before,
			'requestId'      => $message->request_id,
			'resources'      => $message->resources,
		);
		foreach ( $fields as $key => $expected ) {
			$this->assertSame( $expected, $map[ $key ], $key );
		}
		$this->assertSame( $text, $message->format(), 'format(parse(text)) == text' );
		$this->assertEquals( $message, Message::parse( $message->format() ), 'parse(format(m)) == m' );
	}

	public function test_a_message_with_every_field_round_trips(): void {
		$message = Message::parse( self::VALID );
		$this->assertSame( array( 'ipfs://bafy', 'https://example.org/terms' ), $message->resources );
		$this->assertSame( 'req-1', $message->request_id );
		$this->assertSame( self::VALID, $message->format() );
	}

	public function test_empty_and_absent_statements_are_told_apart(): void {
		$absent = str_replace( "Sign in to the society.\n\n", "\n", self::VALID );
		$empty  = str_replace( "Sign in to the society.\n\n", "\n\n", self::VALID );
		$this->assertNull( Message::parse( $absent )->statement );
		$this->assertSame( '', Message::parse( $empty )->statement );
		$this->assertSame( $empty, Message::parse( $empty )->format() );
	}

	/**
	 * @return iterable<string, array{0: string, 1: string}>
	 */
	public static function malformed(): iterable {
		$v = self::VALID;
		yield 'windows line endings' => array( str_replace( "\n", "\r\n", $v ), 'structure_invalid' );
		yield 'wrong header' => array( str_replace( 'sign in with', 'log in with', $v ), 'structure_invalid' );
		yield 'no domain' => array( substr( $v, strlen( 'example.org' ) ), 'domain_missing' );
		yield 'domain with a space' => array( str_replace( 'example.org wants', 'exam ple.org wants', $v ), 'domain_invalid' );
		yield 'bad checksum' => array( str_replace( '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'[0] . 'x' . 'F39Fd6e51aad88F6F4ce6aB8827279cffFb92266', $v ), 'address_checksum' );
		yield 'short address' => array( str_replace( '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226', $v ), 'address_format' );
		yield 'statement with a quote' => array( str_replace( 'Sign in to', 'Sign "in" to', $v ), 'statement_invalid' );
		yield 'missing URI' => array( str_replace( "URI: https://example.org/login\n", '', $v ), 'uri_missing' );
		yield 'relative URI' => array( str_replace( 'URI: https://example.org/login', 'URI: /login', $v ), 'uri_invalid' );
		yield 'version 2' => array( str_replace( 'Version: 1', 'Version: 2', $v ), 'version_invalid' );
		yield 'chain id in hex' => array( str_replace( 'Chain ID: 31337', 'Chain ID: 0x7a69', $v ), 'chain_id_invalid' );
		yield 'chain id beyond 2^53-1' => array( str_replace( 'Chain ID: 31337', 'Chain ID: 9007199254740992', $v ), 'chain_id_out_of_range' );
		yield 'nonce of 7' => array( str_replace( 'Nonce: abcdefgh12', 'Nonce: abcdefg', $v ), 'nonce_invalid' );
		yield 'nonce with a dash' => array( str_replace( 'Nonce: abcdefgh12', 'Nonce: abcd-efgh', $v ), 'nonce_invalid' );
		yield 'issued at 31 February' => array( str_replace( 'Issued At: 2026-01-01', 'Issued At: 2026-02-31', $v ), 'issued_at_invalid' );
		yield 'issued at without zone' => array( str_replace( 'Issued At: 2026-01-01T00:00:00Z', 'Issued At: 2026-01-01T00:00:00', $v ), 'issued_at_invalid' );
		yield 'expiration hour 24' => array( str_replace( 'Expiration Time: 2026-01-01T00', 'Expiration Time: 2026-01-01T24', $v ), 'expiration_time_invalid' );
		yield 'not before garbage' => array( str_replace( 'Not Before: 2026-01-01T00:00:00+01:00', 'Not Before: soon', $v ), 'not_before_invalid' );
		yield 'request id with a space' => array( str_replace( 'Request ID: req-1', 'Request ID: req 1', $v ), 'request_id_invalid' );
		yield 'resource without dash' => array( str_replace( '- ipfs://bafy', 'ipfs://bafy', $v ), 'resources_invalid' );
		yield 'fields out of order' => array( str_replace( "Version: 1\nChain ID: 31337", "Chain ID: 31337\nVersion: 1", $v ), 'version_missing' );
		yield 'unknown field' => array( str_replace( "\nResources:", "\nColour: blue\nResources:", $v ), 'structure_invalid' );
		yield 'trailing newline' => array( $v . "\n", 'resources_invalid' );
	}

	/**
	 * @dataProvider malformed
	 */
	public function test_a_malformed_message_names_its_field_and_reason( string $text, string $code ): void {
		try {
			Message::parse( $text );
			$this->fail( 'Expected a ParseError.' );
		} catch ( ParseError $error ) {
			$this->assertSame( $code, $error->error_code(), $error->getMessage() );
		}
	}

	public function test_timestamps_honour_zones_and_fractions(): void {
		$this->assertSame( 1767225600.0, Message::timestamp( '2026-01-01T00:00:00Z' ) );
		$this->assertSame( 1767222000.0, Message::timestamp( '2026-01-01T00:00:00+01:00' ) );
		$this->assertSame( 1767225600.5, Message::timestamp( '2026-01-01T00:00:00.5Z' ) );
	}
}
