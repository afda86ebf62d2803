<?php
/**
 * Outage bench settings on a seeded site: the gates' settings merged with the JSON given, and every
 * network's circuit breaker closed again (its records removed, as without an object cache).
 *
 * Usage: php bench/outage-setup.php <site-dir> '{"cacheTtl":0,"breakerSeconds":30}'
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';

global $wpdb;
$settings           = get_option( \SovereignPress\Settings\Settings::OPTION, array() );
$settings['gating'] = array_replace( \SovereignPress\Plugin::instance()->settings()->gating(), json_decode( $argv[2], true, 8, JSON_THROW_ON_ERROR ) );
update_option( \SovereignPress\Settings\Settings::OPTION, $settings );
$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( \SovereignPress\Chain\Networks::BREAKER_PREFIX ) . '%' ) );
