<?php
/**
 * Uninstall: removes the plugin's data only when the admin opted in under Settings > Sovereign Press.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/autoload.php';

$sovereign_press_settings = get_option( \SovereignPress\Settings\Settings::OPTION, array() );
if ( ! is_array( $sovereign_press_settings ) || empty( $sovereign_press_settings['deleteDataOnUninstall'] ) ) {
	return;
}

global $wpdb;
foreach ( \SovereignPress\Storage\Installer::tables() as $sovereign_press_table ) {
	$wpdb->query( $wpdb->prepare( 'DROP TABLE IF EXISTS %i', $sovereign_press_table ) );
}
delete_option( \SovereignPress\Settings\Settings::OPTION );
delete_option( \SovereignPress\Storage\Installer::SCHEMA_VERSION_OPTION );
delete_option( \SovereignPress\Census\Snapshots::VERSION_OPTION );
wp_cache_delete( 'last_changed', \SovereignPress\Census\Snapshots::GROUP );
// User meta through the metadata API, so a persistent object cache forgets it too.
$sovereign_press_user_keys = $wpdb->get_col(
	$wpdb->prepare( "SELECT DISTINCT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $wpdb->esc_like( 'sovereign_press_' ) . '%' )
);
foreach ( $sovereign_press_user_keys as $sovereign_press_key ) {
	delete_metadata( 'user', 0, $sovereign_press_key, '', true );
}
// Token gates: post meta.
delete_post_meta_by_key( \SovereignPress\Gating\Gates::META );
delete_post_meta_by_key( \SovereignPress\Gating\Gates::FLAG );
// The networks' circuit breaker records (rows only on a site without an object cache).
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( \SovereignPress\Chain\Networks::BREAKER_PREFIX ) . '%' ) );
// Cached holdings, token descriptions and ENS names, with or without an object cache.
\SovereignPress\Storage\Cache::uninstall();
foreach ( \SovereignPress\Storage\Installer::CRON_HOOKS as $sovereign_press_hook ) {
	wp_clear_scheduled_hook( $sovereign_press_hook );
}
