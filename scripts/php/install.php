<?php
/**
 * Installs WordPress in the site folder given as argv[1], activates Sovereign Press and stores the
 * plugin settings given as JSON in argv[2]. Creates one user per role for tests and demos.
 *
 * Usage: php scripts/php/install.php <site-dir> '<settings-json>'
 */

declare( strict_types=1 );

if ( PHP_SAPI !== 'cli' || $argc < 2 ) {
	fwrite( STDERR, "Usage: php install.php <site-dir> [settings-json]\n" );
	exit( 2 );
}

define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST']   = 'localhost';
$_SERVER['SERVER_NAME'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

// No mail on this machine: skip the welcome e-mail.
add_filter( 'pre_wp_mail', '__return_true' );
if ( ! is_blog_installed() ) {
	wp_install( 'Sovereign Society', 'admin', 'admin@example.org', true, '', 'password' );
}
update_option( 'permalink_structure', '/%postname%/' );
update_option( 'blogdescription', 'The media territory of a network society' );

foreach ( array( 'editor', 'author', 'subscriber' ) as $role ) {
	if ( ! get_user_by( 'login', $role ) ) {
		wp_insert_user(
			array(
				'user_login' => $role,
				'user_pass'  => 'password',
				'user_email' => $role . '@example.org',
				'role'       => $role,
			)
		);
	}
}

if ( ! is_dir( WP_PLUGIN_DIR . '/sovereign-press' ) ) {
	echo 'WordPress ' . get_bloginfo( 'version' ) . " installed (stock, without Sovereign Press).\n";
	exit( 0 );
}
$result = activate_plugin( 'sovereign-press/plugin.php' );
if ( is_wp_error( $result ) ) {
	fwrite( STDERR, 'Activation failed: ' . $result->get_error_message() . "\n" );
	exit( 1 );
}

$settings = json_decode( $argv[2] ?? '{}', true );
if ( is_array( $settings ) && array() !== $settings ) {
	update_option( 'sovereign_press_settings', $settings );
}
echo 'WordPress ' . get_bloginfo( 'version' ) . " installed; Sovereign Press active.\n";
