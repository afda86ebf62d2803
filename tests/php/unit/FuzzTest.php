<?php
/**
 * Random and adversarial strings into the EIP-4361 parser and the verifier: every input either
 * parses or raises ParseError / a rejection; PHPUnit turns any warning or notice into a failure.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Message;
use SovereignPress\Siwe\ParseError;
use SovereignPress\Siwe\Verifier;

final class FuzzTest extends TestCase {

	private const SEED_MESSAGE = "example.org wants you to sign in with your Ethereum account:\n"
		. "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n\nSign in.\n\n"
		. "URI: https://example.org/login\nVersion: 1\nChain ID: 1\nNonce: abcdefgh12\n"
		. "Issued At: 2026-01-01T00:00:00Z\nExpiration Time: 2026-01-01T00:10:00Z\nRequest ID: r\nResources:\n- ipfs://x";

	private const TOKENS = array( "\n", "\r", "\0", ' ', ':', '//', '0x', '- ', '@', '[', ']', '%', '%zz', "\u{202e}", "\xff", 'Resources:', 'URI: ', 'Nonce: ', '9999999999999999999999', 'T', 'Z', '+99:99', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' );

	public function test_thirty_thousand_inputs_never_raise_anything_but_parse_errors(): void {
		mt_srand( 4361 );
		$parsed   = 0;
		$refused  = 0;
		$verifier = new Verifier( Secp256k1::best(), static fn() => null );
		$context  = new Context( 'example.org', 'https://example.org', array( 1 ), 'abcdefgh12', 1767225700.0 );

		for ( $i = 0; $i < 30000; $i++ ) {
			$input = $this->mutant( $i );
			try {
				Message::parse( $input );
				++$parsed;
			} catch ( ParseError $error ) {
				$this->assertMatchesRegularExpression( '/^[a-z_]+_(missing|invalid|format|checksum|out_of_range)$/', $error->error_code() );
				++$refused;
			}
			if ( 0 === $i % 100 ) {
				// Through the whole verifier too, with a garbage signature.
				$result = $verifier->verify( $input, '0x' . bin2hex( $this->bytes( mt_rand( 0, 70 ) ) ), $context );
				$this->assertFalse( $result->valid );
			}
		}
		$this->assertSame( 30000, $parsed + $refused );
		$this->assertGreaterThan( 100, $parsed, 'Some mutants stay valid, so the parser is exercised past the first line.' );
	}

	private function mutant( int $i ): string {
		switch ( $i % 4 ) {
			case 0: // Random bytes.
				return $this->bytes( mt_rand( 0, 400 ) );
			case 1: // Random lines of tokens.
				$text = '';
				for ( $j = mt_rand( 1, 40 ); $j > 0; $j-- ) {
					$text .= self::TOKENS[ mt_rand( 0, count( self::TOKENS ) - 1 ) ];
				}
				return $text;
			default: // A valid message with a few edits.
				$text = self::SEED_MESSAGE;
				for ( $j = mt_rand( 0, 3 ); $j > 0; $j-- ) {
					$at   = mt_rand( 0, strlen( $text ) );
					$text = match ( mt_rand( 0, 2 ) ) {
						0 => substr( $text, 0, $at ) . substr( $text, $at + 1 ),
						1 => substr( $text, 0, $at ) . self::TOKENS[ mt_rand( 0, count( self::TOKENS ) - 1 ) ] . substr( $text, $at ),
						default => substr( $text, 0, $at ) . chr( mt_rand( 0, 255 ) ) . substr( $text, $at + 1 ),
					};
				}
				return $text;
		}
	}

	private function bytes( int $length ): string {
		$out = '';
		for ( $k = 0; $k < $length; $k++ ) {
			$out .= chr( mt_rand( 0, 255 ) );
		}
		return $out;
	}
}
