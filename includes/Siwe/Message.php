<?php
/**
 * An EIP-4361 (Sign-In with Ethereum) message: strict parser and formatter.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Siwe;

use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;

/**
 * Follows the spec's ABNF: every line in its place, nothing after the last field, LF line
 * endings only. format() writes what parse() reads: parse( $m->format() ) equals $m.
 *
 * No WordPress calls: unit-tested with plain PHP.
 *
 * @since 0.1.0
 */
final class Message {

	private const HEADER = ' wants you to sign in with your Ethereum account:';

	/** RFC 3986 pieces, as the spec's ABNF spells them. */
	private const UNRESERVED = 'A-Za-z0-9\-._~';
	private const SUB_DELIMS = "!$&'()*+,;=";
	private const PCT        = '%[0-9A-Fa-f]{2}';

	/**
	 * @param list<string> $resources
	 */
	public function __construct(
		public readonly string $domain,
		public readonly string $address,
		public readonly ?string $statement,
		public readonly string $uri,
		public readonly string $version,
		public readonly int $chain_id,
		public readonly string $nonce,
		public readonly string $issued_at,
		public readonly ?string $expiration_time = null,
		public readonly ?string $not_before = null,
		public readonly ?string $request_id = null,
		public readonly ?array $resources = null,
		public readonly ?string $scheme = null
	) {}

	/**
	 * @throws ParseError Naming the first field that breaks the spec.
	 */
	public static function parse( string $text ): self {
		if ( str_contains( $text, "\r" ) ) {
			throw new ParseError( 'structure', 'invalid', 'Lines must end with LF only.' );
		}
		$lines = explode( "\n", $text );
		$i     = 0;
		$next  = static function () use ( &$lines, &$i ): ?string {
			return $lines[ $i++ ] ?? null;
		};

		// Line 1: [scheme "://"] domain " wants you to sign in with your Ethereum account:".
		$first = (string) $next();
		if ( ! str_ends_with( $first, self::HEADER ) ) {
			throw new ParseError( 'structure', 'invalid', 'The first line must end with "' . self::HEADER . '".' );
		}
		$origin = substr( $first, 0, -strlen( self::HEADER ) );
		$scheme = null;
		if ( preg_match( '#^([A-Za-z][A-Za-z0-9+\-.]*)://(.*)$#sD', $origin, $m ) ) {
			$scheme = $m[1];
			$origin = $m[2];
		}
		if ( '' === $origin || ! self::is_authority( $origin ) ) {
			throw new ParseError( 'domain', '' === $origin ? 'missing' : 'invalid', 'The domain must be an RFC 3986 authority (host and optional port).' );
		}

		$address = self::parse_address( (string) $next() );

		// Then: LF statement LF LF, or three empty lines (empty statement), or two (no statement).
		if ( '' !== $next() ) {
			throw new ParseError( 'structure', 'invalid', 'An empty line must follow the address.' );
		}
		$statement = null;
		$line      = $next();
		if ( '' !== $line ) {
			$statement = (string) $line;
			if ( 1 !== preg_match( '/^[A-Za-z0-9 !#$&-;=?@\[\]_~]+$/D', $statement ) ) {
				throw new ParseError( 'statement', 'invalid', 'The statement holds printable ASCII without " % < > \\ ^ ` { | } on one line.' );
			}
			if ( '' !== $next() ) {
				throw new ParseError( 'structure', 'invalid', 'An empty line must follow the statement.' );
			}
		} elseif ( '' === ( $lines[ $i ] ?? null ) ) {
			$statement = '';
			++$i;
		}

		$uri = self::field( $next(), 'URI: ', 'uri' );
		if ( ! self::is_uri( $uri ) ) {
			throw new ParseError( 'uri', 'invalid', 'URI must be an RFC 3986 URI.' );
		}
		$version = self::field( $next(), 'Version: ', 'version' );
		if ( '1' !== $version ) {
			throw new ParseError( 'version', 'invalid', 'Version must be 1.' );
		}
		$chain = self::field( $next(), 'Chain ID: ', 'chain_id' );
		if ( 1 !== preg_match( '/^[0-9]+$/D', $chain ) ) {
			throw new ParseError( 'chain_id', 'invalid', 'Chain ID must be a decimal number.' );
		}
		$chain_id = ltrim( $chain, '0' );
		if ( strlen( $chain_id ) > 16 || (int) $chain_id > 9007199254740991 ) {
			throw new ParseError( 'chain_id', 'out_of_range', 'Chain ID must be at most 2^53 - 1.' );
		}
		$nonce = self::field( $next(), 'Nonce: ', 'nonce' );
		if ( 1 !== preg_match( '/^[A-Za-z0-9]{8,}$/D', $nonce ) ) {
			throw new ParseError( 'nonce', 'invalid', 'Nonce must be at least 8 letters and digits.' );
		}
		$issued_at = self::date_field( $next(), 'Issued At: ', 'issued_at' );

		$optional = array(
			'expiration_time' => 'Expiration Time: ',
			'not_before'      => 'Not Before: ',
			'request_id'      => 'Request ID: ',
		);
		$values = array_fill_keys( array_keys( $optional ), null );
		$line   = $next();
		foreach ( $optional as $key => $label ) {
			if ( null === $line || ! str_starts_with( $line, $label ) ) {
				continue;
			}
			$value = substr( $line, strlen( $label ) );
			if ( 'request_id' === $key ) {
				if ( 1 !== preg_match( '/^' . self::pchar() . '*$/D', $value ) ) {
					throw new ParseError( 'request_id', 'invalid', 'Request ID may hold only URI path characters.' );
				}
			} else {
				$value = self::date_field( $line, $label, $key );
			}
			$values[ $key ] = $value;
			$line           = $next();
		}

		$resources = null;
		if ( 'Resources:' === $line ) {
			$resources = array();
			while ( null !== ( $line = $next() ) ) {
				if ( ! str_starts_with( $line, '- ' ) || ! self::is_uri( substr( $line, 2 ) ) ) {
					throw new ParseError( 'resources', 'invalid', 'Each resource is a line "- " followed by an RFC 3986 URI.' );
				}
				$resources[] = substr( $line, 2 );
			}
		} elseif ( null !== $line ) {
			throw new ParseError( 'structure', 'invalid', 'Unexpected line: fields are out of order, repeated or unknown.' );
		}

		return new self(
			$origin,
			$address,
			$statement,
			$uri,
			$version,
			(int) $chain_id,
			$nonce,
			$issued_at,
			$values['expiration_time'],
			$values['not_before'],
			$values['request_id'],
			$resources,
			$scheme
		);
	}

	/**
	 * The message text, as wallets display and sign it.
	 */
	public function format(): string {
		$text = ( null !== $this->scheme ? $this->scheme . '://' : '' ) . $this->domain . self::HEADER . "\n" . $this->address . "\n\n";
		if ( null !== $this->statement ) {
			$text .= $this->statement . "\n";
		}
		$text .= "\nURI: {$this->uri}\nVersion: {$this->version}\nChain ID: {$this->chain_id}\nNonce: {$this->nonce}\nIssued At: {$this->issued_at}";
		if ( null !== $this->expiration_time ) {
			$text .= "\nExpiration Time: {$this->expiration_time}";
		}
		if ( null !== $this->not_before ) {
			$text .= "\nNot Before: {$this->not_before}";
		}
		if ( null !== $this->request_id ) {
			$text .= "\nRequest ID: {$this->request_id}";
		}
		if ( null !== $this->resources ) {
			$text .= "\nResources:";
			foreach ( $this->resources as $resource ) {
				$text .= "\n- {$resource}";
			}
		}
		return $text;
	}

	/**
	 * Seconds since the epoch of an RFC 3339 date-time (fractions kept).
	 */
	public static function timestamp( string $date_time ): float {
		$date = \DateTimeImmutable::createFromFormat( 'Y-m-d\TH:i:s.uP', self::normalise_date( $date_time ) );
		if ( false === $date ) {
			throw new \InvalidArgumentException( 'Not an RFC 3339 date-time.' );
		}
		return (float) $date->format( 'U.u' );
	}

	private static function field( ?string $line, string $label, string $field ): string {
		if ( null === $line || ! str_starts_with( $line, $label ) ) {
			throw new ParseError( $field, 'missing', sprintf( 'Expected a line starting with "%s".', $label ) );
		}
		return substr( $line, strlen( $label ) );
	}

	private static function date_field( ?string $line, string $label, string $field ): string {
		$value = self::field( $line, $label, $field );
		if ( ! self::is_date_time( $value ) ) {
			throw new ParseError( $field, 'invalid', 'Expected an RFC 3339 date-time, such as 2026-01-31T12:00:00Z.' );
		}
		return $value;
	}

	private static function parse_address( string $value ): string {
		try {
			$checksummed = Address::parse( $value );
		} catch ( InvalidAddress $error ) {
			throw new ParseError( 'address', $error->reason, $error->getMessage() );
		}
		// Keep the message's own spelling (all-lower or all-upper) so that format() is faithful.
		return $value === $checksummed ? $checksummed : $value;
	}

	/**
	 * RFC 3339 date-time, with a real calendar date and time.
	 */
	private static function is_date_time( string $value ): bool {
		if ( 1 !== preg_match( '/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+\-](\d{2}):(\d{2}))$/D', $value, $m ) ) {
			return false;
		}
		[ , $year, $month, $day, $hour, $minute, $second ] = array_map( 'intval', array_slice( $m, 0, 7 ) );
		if ( ! checkdate( $month, $day, $year ) || $hour > 23 || $minute > 59 || $second > 60 ) {
			return false;
		}
		return ! isset( $m[9] ) || ( (int) $m[9] <= 23 && (int) $m[10] <= 59 );
	}

	private static function normalise_date( string $value ): string {
		$value = strtoupper( $value );
		if ( 1 === preg_match( '/^(.*T\d{2}:\d{2}):60(.*)$/D', $value, $m ) ) {
			$value = $m[1] . ':59' . $m[2]; // A leap second counts as the second before it.
		}
		if ( 1 !== preg_match( '/^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+\-]\d{2}:\d{2})$/D', $value, $m ) ) {
			return $value;
		}
		$fraction = substr( str_pad( ltrim( $m[2] ?? '', '.' ), 6, '0' ), 0, 6 );
		return $m[1] . '.' . $fraction . ( 'Z' === $m[3] ? '+00:00' : $m[3] );
	}

	private static function pchar(): string {
		return '(?:[' . self::UNRESERVED . preg_quote( self::SUB_DELIMS, '/' ) . ':@]|' . self::PCT . ')';
	}

	/**
	 * RFC 3986 authority: [ userinfo "@" ] host [ ":" port ].
	 */
	private static function is_authority( string $value ): bool {
		$userinfo = '(?:[' . self::UNRESERVED . preg_quote( self::SUB_DELIMS, '/' ) . ':]|' . self::PCT . ')*';
		$reg_name = '(?:[' . self::UNRESERVED . preg_quote( self::SUB_DELIMS, '/' ) . ']|' . self::PCT . ')*';
		$ip_lit   = '\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[' . self::UNRESERVED . preg_quote( self::SUB_DELIMS, '/' ) . ':]+)\]';
		if ( 1 !== preg_match( '/^(?:' . $userinfo . '@)?(' . $ip_lit . '|' . $reg_name . ')(?::[0-9]*)?$/D', $value, $m ) ) {
			return false;
		}
		return ! str_starts_with( $m[1], '[' ) || str_starts_with( $m[1], '[v' ) || false !== filter_var( substr( $m[1], 1, -1 ), FILTER_VALIDATE_IP, FILTER_FLAG_IPV6 );
	}

	/**
	 * RFC 3986 URI: scheme ":" hier-part [ "?" query ] [ "#" fragment ].
	 */
	private static function is_uri( string $value ): bool {
		$pchar = self::pchar();
		if ( 1 !== preg_match( '/^([A-Za-z][A-Za-z0-9+\-.]*):([^?#]*)(?:\?((?:' . $pchar . '|[\/?])*))?(?:#((?:' . $pchar . '|[\/?])*))?$/D', $value, $m ) ) {
			return false;
		}
		$hier = $m[2];
		if ( str_starts_with( $hier, '//' ) ) {
			$rest      = substr( $hier, 2 );
			$slash     = strpos( $rest, '/' );
			$authority = false === $slash ? $rest : substr( $rest, 0, $slash );
			$path      = false === $slash ? '' : substr( $rest, $slash );
			return self::is_authority( $authority ) && 1 === preg_match( '/^(?:\/' . $pchar . '*)*$/D', $path );
		}
		return 1 === preg_match( '/^(?:\/?(?:' . $pchar . '+(?:\/' . $pchar . '*)*)?)?$/D', $hier );
	}
}
