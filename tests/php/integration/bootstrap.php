<?php
/**
 * Integration tests: a real WordPress 6.8 on MariaDB with the plugin active, prepared by
 * scripts/test-integration.mjs (SP_WP_DIR points at the installed site).
 */

declare( strict_types=1 );

$sp_wp_dir = getenv( 'SP_WP_DIR' );
if ( ! $sp_wp_dir || ! is_file( $sp_wp_dir . '/wp-load.php' ) ) {
	fwrite( STDERR, "SP_WP_DIR must point at an installed WordPress. Run: npm run test:php-integration\n" );
	exit( 1 );
}

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_USE_THEMES', false );
require $sp_wp_dir . '/wp-load.php';

if ( ! is_plugin_active( 'sovereign-press/plugin.php' ) && ! class_exists( \SovereignPress\Plugin::class ) ) {
	fwrite( STDERR, "Sovereign Press is not active in the test site.\n" );
	exit( 1 );
}

// The run on Redis (SP_OBJECT_CACHE=redis) must be on Redis: without the drop-in, it would test the
// transients on the database and pass quietly.
if ( '' !== (string) getenv( 'SP_TEST_REDIS_SOCKET' ) && ! ( wp_using_ext_object_cache() && is_file( WP_CONTENT_DIR . '/object-cache.php' ) ) ) {
	fwrite( STDERR, "SP_TEST_REDIS_SOCKET is set, but WordPress is not using the Redis object cache (wp-content/object-cache.php did not load).\n" );
	exit( 1 );
}

require __DIR__ . '/TestCase.php';

// As in WordPress's own test suite: no Set-Cookie headers from a CLI process that already printed.
add_filter( 'send_auth_cookies', '__return_false' );
