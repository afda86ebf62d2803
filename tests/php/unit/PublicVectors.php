<?php
/**
 * Reads the public test vectors committed in tests/vectors/public (see its README for sources and
 * licences).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

final class PublicVectors {

	public static function path( string $relative ): string {
		$file = dirname( __DIR__, 2 ) . '/vectors/public/' . $relative;
		if ( ! is_file( $file ) ) {
			throw new \RuntimeException( "Public vector file {$file} is missing." );
		}
		return $file;
	}

	/**
	 * @return array<mixed>
	 */
	public static function json( string $relative ): array {
		return json_decode( (string) file_get_contents( self::path( $relative ) ), true, 512, JSON_THROW_ON_ERROR );
	}
}
