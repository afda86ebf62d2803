<?php
/**
 * Uninstall: removes the plugin's data only when the admin opted in under Settings > Sovereign Press.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/autoload.php';

$sovereign_press_settings = get_option( \SovereignPress\Admin\Settings::OPTION, array() );
if ( ! is_array( $sovereign_press_settings ) || empty( $sovereign_press_settings['deleteDataOnUninstall'] ) ) {
	return;
}

global $wpdb;
foreach ( \SovereignPress\Installer::tables() as $sovereign_press_table ) {
	$wpdb->query( $wpdb->prepare( 'DROP TABLE IF EXISTS %i', $sovereign_press_table ) );
}
delete_option( \SovereignPress\Admin\Settings::OPTION );
delete_option( \SovereignPress\Installer::SCHEMA_VERSION_OPTION );
$wpdb->query(
	$wpdb->prepare( "DELETE FROM {$wpdb->usermeta} WHERE meta_key LIKE %s", $wpdb->esc_like( 'sovereign_press_' ) . '%' )
);
// Token gates: post meta, cached holdings and token descriptions.
delete_post_meta_by_key( \SovereignPress\Gating\Gates::META );
delete_post_meta_by_key( \SovereignPress\Gating\Gates::FLAG );
foreach ( array( '_transient_sp_gate_', '_transient_timeout_sp_gate_', '_transient_sp_token_', '_transient_timeout_sp_token_' ) as $sovereign_press_prefix ) {
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( $sovereign_press_prefix ) . '%' ) );
}
foreach ( \SovereignPress\Installer::CRON_HOOKS as $sovereign_press_hook ) {
	wp_clear_scheduled_hook( $sovereign_press_hook );
}
