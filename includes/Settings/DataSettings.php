<?php
/**
 * The settings section that decides what uninstalling does to the plugin's data.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Settings;

/**
 * `deleteDataOnUninstall`: read by uninstall.php, which runs without the plugin booted and so
 * reads the stored option itself.
 *
 * @since 0.1.0
 */
final class DataSettings implements Section {

	public const KEY = 'deleteDataOnUninstall';

	public function key(): string {
		return self::KEY;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		return array(
			'description' => __( 'Delete the plugin\'s tables and settings when it is uninstalled.', 'sovereign-press' ),
			'type'        => 'boolean',
		);
	}

	public function defaults(): bool {
		return false;
	}

	/**
	 * @param mixed                $value    Raw value.
	 * @param array<string, mixed> $settings Sections before this one.
	 */
	public function sanitize( mixed $value, array $settings ): bool {
		return ! empty( $value );
	}

	/**
	 * @param array<string, mixed> $sent    The option as sent.
	 * @param array<string, mixed> $current The stored settings.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error {
		return null;
	}
}
