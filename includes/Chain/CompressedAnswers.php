<?php
/**
 * Compressed answers, decoded no further than the size the request capped them at.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Chain;

/**
 * The plugin caps what it reads of a node's or a hub's answer (limit_response_size), but the
 * WordPress HTTP API decompresses after the cap: cURL decodes the Content-Encoding while reading,
 * then Requests inflates the body again, whole, when it still looks compressed. An answer
 * compressed twice (or, without cURL, once) of a few hundred bytes would expand to gigabytes and
 * end the page with a fatal error. Before Requests parses one of the plugin's capped answers, this
 * inflates any compressed layer itself, stopping one byte past the cap, so what Requests gets is
 * never compressed and never longer than the cap; the caller then refuses it as too large or as
 * not JSON. A JSON answer never starts like a compressed stream, so honest answers pass unchanged.
 * Only the plugin's own requests are touched (their user agent starts with "SovereignPress").
 *
 * @since 0.4.0
 */
final class CompressedAnswers {

	/** Compressed layers decoded at most; an answer with more is refused. */
	private const LAYERS = 3;

	/** Bytes of compressed input inflated at a time (about 256 KiB of output at most). */
	private const STEP = 256;

	/**
	 * requests-requests.before_parse: bounds the decoding of a capped answer the plugin asked for.
	 *
	 * @since 0.4.0
	 *
	 * @param string               $response Raw response: headers, a blank line, the body.
	 * @param string               $url      URL.
	 * @param array<mixed>         $headers  Request headers.
	 * @param mixed                $data     Request body.
	 * @param string               $type     Method.
	 * @param array<string, mixed> $options  Requests options (max_bytes: the cap; useragent).
	 */
	public static function bound( mixed &$response, mixed $url = '', mixed $headers = array(), mixed $data = null, mixed $type = '', mixed $options = array() ): void {
		$limit = is_array( $options ) ? (int) ( $options['max_bytes'] ?? 0 ) : 0;
		$split = is_string( $response ) ? strpos( $response, "\r\n\r\n" ) : false;
		if ( $limit <= 0 || false === $split || ! str_starts_with( (string) ( $options['useragent'] ?? '' ), 'SovereignPress' ) ) {
			return;
		}
		if ( null === self::encoding( substr( $response, $split + 4, 2 ) ) ) {
			return;
		}
		$body     = substr( $response, $split + 4 );
		$response = substr( $response, 0, $split + 4 );
		for ( $layer = 0; null !== self::encoding( $body ); ++$layer ) {
			$body = self::LAYERS === $layer ? '' : self::inflate( $body, $limit );
		}
		$response .= $body;
	}

	/**
	 * The zlib encoding a body starts with (the markers Requests decompresses), or null.
	 */
	private static function encoding( string $body ): ?int {
		if ( str_starts_with( $body, "\x1f\x8b" ) ) {
			return ZLIB_ENCODING_GZIP;
		}
		return in_array( substr( $body, 0, 2 ), array( "\x78\x01", "\x78\x5e", "\x78\x9c", "\x78\xda" ), true ) ? ZLIB_ENCODING_DEFLATE : null;
	}

	/**
	 * The first $limit bytes a compressed body decodes to ('' when it does not decode).
	 */
	private static function inflate( string $body, int $limit ): string {
		$context = inflate_init( (int) self::encoding( $body ) );
		if ( false === $context ) {
			return '';
		}
		$out = '';
		for ( $at = 0; $at < strlen( $body ) && strlen( $out ) < $limit; $at += self::STEP ) {
			// A corrupt stream is the sender's fault, not ours: it decodes to nothing, quietly.
			$more = @inflate_add( $context, substr( $body, $at, self::STEP ) ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged
			if ( false === $more ) {
				return '';
			}
			$out .= $more;
		}
		return strlen( $out ) > $limit ? substr( $out, 0, $limit ) : $out;
	}
}
