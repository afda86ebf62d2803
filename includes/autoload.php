<?php
/**
 * Autoloaders: the SovereignPress\ namespace (PSR-4, rooted at includes/), and the libraries
 * bundled in vendor/ by scripts/get-vendor.sh (Debian's /usr/share/php layout under vendor/php/,
 * where a namespace is its folder).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'SovereignPress\\';
		if ( ! str_starts_with( $class_name, $prefix ) ) {
			return;
		}
		$file = __DIR__ . '/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_file( $file ) ) {
			require $file;
		}
	}
);

if ( is_dir( dirname( __DIR__ ) . '/vendor/php' ) ) {
	spl_autoload_register(
		static function ( string $class_name ): void {
			// The bundled libraries' namespaces, and nothing else: a site's own copy of a library
			// under another prefix is never shadowed.
			static $prefixes = array( 'League\\CommonMark\\', 'League\\Config\\', 'Dflydev\\DotAccessData\\', 'Nette\\', 'Psr\\EventDispatcher\\' );
			foreach ( $prefixes as $prefix ) {
				if ( str_starts_with( $class_name, $prefix ) ) {
					$root = dirname( __DIR__ ) . '/vendor/php/';
					$file = $root . str_replace( '\\', '/', $class_name ) . '.php';
					if ( is_file( $file ) ) {
						// Once: a few Nette files declare a class of another name than theirs.
						require_once $file;
						return;
					}
					// Nette keeps a namespace's exception classes together in its exceptions.php.
					$exceptions = $root . str_replace( '\\', '/', substr( $class_name, 0, (int) strrpos( $class_name, '\\' ) ) ) . '/exceptions.php';
					if ( str_starts_with( $class_name, 'Nette\\' ) && is_file( $exceptions ) ) {
						require_once $exceptions;
					}
					return;
				}
			}
		}
	);
	// symfony/deprecation-contracts' trigger_deprecation(), which League\Config calls.
	if ( ! function_exists( 'trigger_deprecation' ) && is_file( dirname( __DIR__ ) . '/vendor/php/Symfony/Contracts/Deprecation/function.php' ) ) {
		require_once dirname( __DIR__ ) . '/vendor/php/Symfony/Contracts/Deprecation/function.php';
	}
}
