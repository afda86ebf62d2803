<?php
/**
 * The settings model composes what the features contribute, so a new feature adds a section
 * without touching the model's rules.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Plugin;
use SovereignPress\Settings\Section;
use SovereignPress\Settings\Settings;

final class SettingsSectionsTest extends TestCase {

	/**
	 * A section that stores a whole number and refuses one value, as a feature's would.
	 */
	private static function counter( string $key, int $refused = -1 ): Section {
		return new class( $key, $refused ) implements Section {

			/** @var list<array<string, mixed>> What sanitize() saw of the sections before it. */
			public array $seen = array();

			public function __construct( private string $name, private int $refused ) {}

			public function key(): string {
				return $this->name;
			}

			public function schema(): array {
				return array(
					'type'    => 'integer',
					'minimum' => 0,
				);
			}

			public function defaults(): int {
				return 0;
			}

			public function sanitize( mixed $value, array $settings ): int {
				$this->seen[] = $settings;
				return max( 0, (int) $value );
			}

			public function validate( array $sent, array $current ): ?\WP_Error {
				return ( $sent[ $this->name ] ?? null ) === $this->refused
					? new \WP_Error( 'refused_' . $this->name, 'No.', array( 'status' => 400 ) )
					: null;
			}
		};
	}

	public function test_the_option_is_made_of_the_sections_in_their_order(): void {
		$settings = new Settings( array( self::counter( 'first' ), self::counter( 'second' ) ) );

		$schema = $settings->schema();
		$this->assertSame( 'object', $schema['type'] );
		$this->assertFalse( $schema['additionalProperties'] );
		$this->assertSame( array( 'first', 'second' ), array_keys( $schema['properties'] ) );
		$this->assertSame( array( 'first' => 0, 'second' => 0 ), $settings->defaults() );
	}

	public function test_a_section_is_sanitized_after_the_ones_before_it_and_sees_them(): void {
		$first    = self::counter( 'first' );
		$second   = self::counter( 'second' );
		$settings = new Settings( array( $first, $second ) );

		$clean = $settings->sanitize( array( 'second' => '7', 'first' => -3, 'unknown' => true ) );

		$this->assertSame( array( 'first' => 0, 'second' => 7 ), $clean, 'Stored in section order, clamped, unknown keys dropped.' );
		$this->assertSame( array( array() ), $first->seen );
		$this->assertSame( array( array( 'first' => 0 ) ), $second->seen );
		$this->assertSame( array( 'first' => 0, 'second' => 0 ), $settings->sanitize( 'not an array' ) );
	}

	public function test_the_first_section_that_refuses_an_update_decides(): void {
		$settings = new Settings( array( self::counter( 'first', 1 ), self::counter( 'second', 2 ) ) );
		$update   = static function ( string $method, string $route, array $value ) use ( $settings ): mixed {
			$request = new \WP_REST_Request( $method, $route );
			$request->set_param( Settings::OPTION, $value );
			return $settings->validate_rest_update( null, array(), $request );
		};

		$this->assertSame( 'refused_second', $update( 'POST', '/wp/v2/settings', array( 'second' => 2 ) )->get_error_code() );
		$this->assertSame( 'refused_first', $update( 'POST', '/wp/v2/settings', array( 'first' => 1, 'second' => 2 ) )->get_error_code() );
		$this->assertNull( $update( 'POST', '/wp/v2/settings', array( 'first' => 2, 'second' => 1 ) ) );
		$this->assertNull( $update( 'GET', '/wp/v2/settings', array( 'first' => 1 ) ), 'Reads are not checked.' );
		$this->assertNull( $update( 'POST', '/wp/v2/posts', array( 'first' => 1 ) ), 'Other routes are not checked.' );
	}

	public function test_the_plugin_stores_networks_wallet_login_gating_governance_census_and_the_uninstall_choice(): void {
		$settings = Plugin::instance()->settings();

		$this->assertSame( array( 'networks', 'walletLogin', 'gating', 'governance', 'census', 'deleteDataOnUninstall' ), array_keys( $settings->defaults() ) );
		$this->assertSame( array_keys( $settings->defaults() ), array_keys( $settings->schema()['properties'] ) );
		$this->assertSame( array_keys( $settings->defaults() ), array_keys( $settings->get() ) );
	}
}
