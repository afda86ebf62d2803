<?php
/**
 * Merges settings into the plugin's option, section by section (each given section's keys
 * replace the stored ones, the rest stays), as an administrator saving those fields would.
 *
 * Usage: php tests/scale/fault-settings.php <site-dir> '{"gating":{"cacheTtl":0}}'
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';

$sp_changes  = json_decode( $argv[2], true, 512, JSON_THROW_ON_ERROR );
$sp_settings = (array) get_option( \SovereignPress\Settings\Settings::OPTION, array() );
foreach ( $sp_changes as $sp_section => $sp_values ) {
	$sp_settings[ $sp_section ] = array_merge( (array) ( $sp_settings[ $sp_section ] ?? array() ), (array) $sp_values );
}
update_option( \SovereignPress\Settings\Settings::OPTION, $sp_settings );
