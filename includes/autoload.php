<?php
/**
 * PSR-4 autoloader for the SovereignPress\ namespace, rooted at includes/.
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
