<?php
/**
 * Plugin Name:       Sovereign Press
 * Plugin URI:        https://github.com/sovereign-press/sovereign-press
 * Description:       Turns a self-hosted WordPress site into the media territory of an online community: wallet login, token-gated posts, DAO proposals and an on-chain census.
 * Version:           0.4.0
 * Requires at least: 6.6
 * Requires PHP:      8.1
 * Author:            Sovereign Press contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       sovereign-press
 * Domain Path:       /languages
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

if ( version_compare( PHP_VERSION, '8.1', '<' ) ) {
	// The header already stops activation on older PHP; this guards a copied-in install.
	return;
}

require_once __DIR__ . '/includes/autoload.php';

register_activation_hook( __FILE__, array( \SovereignPress\Storage\Installer::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( \SovereignPress\Storage\Installer::class, 'deactivate' ) );

\SovereignPress\Plugin::boot( __FILE__ );
