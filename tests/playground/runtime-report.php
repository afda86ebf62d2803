<?php
/**
 * Must-use plugin of the PHP-version smoke site only (scripts/test-php-versions.mjs): reports the
 * PHP the site runs on and the signature math the plugin picks there.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

use SovereignPress\Crypto\Secp256k1;

add_action(
	'rest_api_init',
	static function (): void {
		register_rest_route(
			'sovereign-press-smoke/v1',
			'/runtime',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => static fn(): array => array(
					'php'           => PHP_VERSION,
					'gmp'           => extension_loaded( 'gmp' ),
					'bcmath'        => extension_loaded( 'bcmath' ),
					'pluginActive'  => in_array( 'sovereign-press/plugin.php', (array) get_option( 'active_plugins' ), true ),
					// The same choice Plugin makes for the wallet login's verifier.
					'signatureMath' => class_exists( Secp256k1::class ) ? Secp256k1::best()->backend() : null,
				),
			)
		);
	}
);
