<?php
/**
 * Reads the public test vectors in ../shared/vectors (see their README for sources and licences).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

final class SharedVectors {

	public static function path( string $relative ): string {
		$dir = getenv( 'SP_SHARED_VECTORS' ) ?: dirname( __DIR__, 4 ) . '/shared/vectors';
		$file = $dir . '/' . $relative;
		if ( ! is_file( $file ) ) {
			throw new \RuntimeException( "Shared vector file {$file} is missing (set SP_SHARED_VECTORS)." );
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
