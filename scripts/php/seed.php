<?php
/**
 * Seeds a native-PHP site with the demo content (as npm start does in Playground).
 *
 * Usage: php scripts/php/seed.php <site-dir> <deployment.json>
 */

declare( strict_types=1 );

if ( PHP_SAPI !== 'cli' || $argc < 3 ) {
	fwrite( STDERR, "Usage: php seed.php <site-dir> <deployment.json>\n" );
	exit( 2 );
}
$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';
$sovereign_press_deployment = json_decode( (string) file_get_contents( $argv[2] ), true, 512, JSON_THROW_ON_ERROR );
require __DIR__ . '/seed-demo.php';
echo "Demo content seeded.\n";
