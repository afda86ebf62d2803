<?php
/**
 * Decides whether a signed EIP-4361 message is genuine and meant for this site, now.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Siwe;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Transport;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\Eip191;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Crypto\Signature;

/**
 * Every rejection is a Result with a stable code; the only exception that leaves verify() is an
 * RpcException, when a contract-wallet check could not reach the chain ("try again", never
 * "bad signature").
 *
 * Order: the message is parsed and checked against the context first (cheap), then the
 * signature: an ERC-6492 wrapped signature goes to the universal validator; otherwise EOA
 * recovery; if that does not give the message's address, EIP-1271 isValidSignature on the
 * message's chain.
 *
 * @since 0.1.0
 */
final class Verifier {

	/** Every code a rejection can carry, besides the parser's "{field}_{reason}" codes prefixed with "malformed_". */
	public const REJECTIONS = array(
		'domain_mismatch',
		'scheme_mismatch',
		'uri_mismatch',
		'chain_not_allowed',
		'nonce_mismatch',
		'issued_in_future',
		'expired',
		'not_yet_valid',
		'signature_malformed',
		'signature_invalid',
		'contract_wallet_unsupported_chain',
	);

	/** ERC-6492's magic suffix. */
	public const ERC6492_SUFFIX = '6492649264926492649264926492649264926492649264926492649264926492';

	/** bytes4(keccak256("isValidSignature(bytes32,bytes)")). */
	private const ERC1271_MAGIC = '1626ba7e';

	/**
	 * @param Secp256k1                  $curve      Recovery math.
	 * @param callable(int): ?Transport  $transports Transport to a chain's node, or null when the chain
	 *                                               is not configured.
	 */
	public function __construct( private Secp256k1 $curve, private $transports ) {}

	/**
	 * @param string  $text      The message exactly as signed.
	 * @param string  $signature 0x-prefixed hex.
	 * @param Context $context   What this server expects.
	 *
	 * @throws RpcException When a contract-wallet check cannot reach the chain.
	 */
	public function verify( string $text, string $signature, Context $context ): Result {
		try {
			$message = Message::parse( $text );
		} catch ( ParseError $error ) {
			return Result::rejected( 'malformed_' . $error->error_code(), null, $error->getMessage() );
		}

		$rejection = $this->check_fields( $message, $context );
		if ( null !== $rejection ) {
			return Result::rejected( $rejection, $message );
		}

		try {
			$signature_bytes = Abi::hex_to_bytes( $signature );
		} catch ( \InvalidArgumentException ) {
			return Result::rejected( 'signature_malformed', $message );
		}
		if ( '' === $signature_bytes ) {
			return Result::rejected( 'signature_malformed', $message );
		}

		$hash    = Eip191::hash( $text );
		$address = Address::checksum( $message->address );

		if ( str_ends_with( bin2hex( $signature_bytes ), self::ERC6492_SUFFIX ) ) {
			return $this->verify_with_contract( $message, $address, $hash, $signature_bytes, 'erc6492' );
		}

		$parsed = Signature::from_bytes( $signature_bytes );
		if ( null !== $parsed && Address::equals( (string) $parsed->recover( $hash, $this->curve ), $address ) ) {
			return Result::valid( $message, $address, 'eoa' );
		}
		return $this->verify_with_contract( $message, $address, $hash, $signature_bytes, 'erc1271' );
	}

	/**
	 * The checks EIP-4361 requires of the fields, cheapest first; null when all pass.
	 */
	private function check_fields( Message $message, Context $context ): ?string {
		if ( 0 !== strcasecmp( $message->domain, $context->domain ) ) {
			return 'domain_mismatch';
		}
		if ( 0 !== strcasecmp( $message->scheme ?? 'https', $context->scheme ) ) {
			return 'scheme_mismatch';
		}
		if ( ! self::same_origin( $message->uri, $context->uri ) ) {
			return 'uri_mismatch';
		}
		if ( ! in_array( $message->chain_id, $context->chain_ids, true ) ) {
			return 'chain_not_allowed';
		}
		if ( ! hash_equals( $context->nonce, $message->nonce ) ) {
			return 'nonce_mismatch';
		}
		if ( Message::timestamp( $message->issued_at ) > $context->now + $context->skew ) {
			return 'issued_in_future';
		}
		if ( null !== $message->expiration_time && Message::timestamp( $message->expiration_time ) <= $context->now - $context->skew ) {
			return 'expired';
		}
		if ( null !== $message->not_before && Message::timestamp( $message->not_before ) > $context->now + $context->skew ) {
			return 'not_yet_valid';
		}
		return null;
	}

	/**
	 * A URI belongs to the expected origin when scheme, host and port match.
	 */
	private static function same_origin( string $uri, string $origin ): bool {
		$a = parse_url( $uri );
		$b = parse_url( $origin );
		if ( ! is_array( $a ) || ! is_array( $b ) || ! isset( $a['scheme'], $a['host'], $b['scheme'], $b['host'] ) ) {
			return false;
		}
		$port = static fn( array $p ): int => (int) ( $p['port'] ?? ( 'https' === strtolower( $p['scheme'] ) ? 443 : 80 ) );
		return 0 === strcasecmp( $a['scheme'], $b['scheme'] ) && 0 === strcasecmp( $a['host'], $b['host'] ) && $port( $a ) === $port( $b );
	}

	/**
	 * @throws RpcException When the chain cannot be reached.
	 */
	private function verify_with_contract( Message $message, string $address, string $hash, string $signature, string $method ): Result {
		$transport = ( $this->transports )( $message->chain_id );
		if ( null === $transport ) {
			return Result::rejected( 'erc6492' === $method ? 'contract_wallet_unsupported_chain' : 'signature_invalid', $message );
		}
		$signer = (string) hex2bin( substr( $address, 2 ) );
		try {
			if ( 'erc6492' === $method ) {
				$data   = UniversalValidator::CREATION_CODE . bin2hex( Abi::encode( array( array( 'address', $signer ), array( 'bytes32', $hash ), array( 'bytes', $signature ) ) ) );
				$result = $transport->call( 'eth_call', array( array( 'data' => $data ), 'latest' ) );
				$valid  = is_string( $result ) && 1 === preg_match( '/^0x0*1$/D', $result );
			} else {
				$data   = '0x' . bin2hex( Abi::selector( 'isValidSignature(bytes32,bytes)' ) . Abi::encode( array( array( 'bytes32', $hash ), array( 'bytes', $signature ) ) ) );
				$result = $transport->call( 'eth_call', array( array( 'to' => $address, 'data' => $data ), 'latest' ) );
				$valid  = is_string( $result ) && str_starts_with( strtolower( $result ), '0x' . self::ERC1271_MAGIC );
			}
		} catch ( RpcErrorResponse $error ) {
			// A revert is the contract's answer ("not valid"); any other node error is infrastructure.
			if ( 3 !== $error->rpc_code && false === stripos( $error->rpc_message, 'revert' ) ) {
				throw $error;
			}
			$valid = false;
		}
		return $valid ? Result::valid( $message, $address, $method ) : Result::rejected( 'signature_invalid', $message );
	}
}
