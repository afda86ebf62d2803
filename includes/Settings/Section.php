<?php
/**
 * One part of the settings option, contributed by the feature that reads it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Settings;

/**
 * A feature owns its section's schema, defaults and checks; the model composes the sections
 * into one option and knows none of their rules.
 *
 * @since 0.1.0
 */
interface Section {

	/**
	 * Key of the section in the stored option (such as "networks").
	 *
	 * @since 0.1.0
	 */
	public function key(): string;

	/**
	 * JSON schema of the section's value, which the REST layer enforces.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, mixed>
	 */
	public function schema(): array;

	/**
	 * The section's value when nothing is stored.
	 *
	 * @since 0.1.0
	 */
	public function defaults(): mixed;

	/**
	 * Normalises the section's value on its way into the database, whichever path it comes by
	 * (REST, update_option from code, WP-CLI).
	 *
	 * @since 0.1.0
	 *
	 * @param mixed                $value    Raw value (null when absent).
	 * @param array<string, mixed> $settings The sections before this one, sanitized already.
	 */
	public function sanitize( mixed $value, array $settings ): mixed;

	/**
	 * Refuses a /wp/v2/settings update for what the JSON schema cannot express.
	 *
	 * @since 0.1.0
	 *
	 * @param array<string, mixed> $sent    The option as the request sent it.
	 * @param array<string, mixed> $current The stored settings.
	 * @return \WP_Error|null A 400 error naming the field, or null when the section is sound.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error;
}
