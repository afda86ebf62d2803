<?php
/**
 * A stand-in of the part of WP-CLI's API that `Census\Cli` calls (WP-CLI itself is not packaged
 * for Debian, so it cannot run here): `WP_CLI::log/success/warning/error` and
 * `WP_CLI\Utils\make_progress_bar()`, with WP-CLI's signatures. It records what the command
 * printed; `error()` throws, as WP-CLI's exits. Loaded only by the test that needs it, and only
 * when the real WP_CLI class is absent.
 */

declare( strict_types=1 );

namespace {
	if ( ! class_exists( 'WP_CLI' ) ) {
		// phpcs:ignore Generic.Files.OneObjectStructurePerFile.MultipleFound
		final class WP_CLI {

			/** @var list<array{0:string, 1:string}> Kind and text of each line printed. */
			public static array $lines = array();

			public static function log( string $message ): void {
				self::$lines[] = array( 'log', $message );
			}

			public static function success( string $message ): void {
				self::$lines[] = array( 'success', $message );
			}

			public static function warning( string $message ): void {
				self::$lines[] = array( 'warning', $message );
			}

			/** WP-CLI prints "Error: …" and exits with status 1. */
			public static function error( string $message, bool $exit = true ): void {
				self::$lines[] = array( 'error', $message );
				if ( $exit ) {
					throw new \RuntimeException( 'WP_CLI::error: ' . $message );
				}
			}
		}
	}
}

namespace WP_CLI\Utils {
	if ( ! function_exists( 'WP_CLI\Utils\make_progress_bar' ) ) {
		/**
		 * @return object With tick( int $increment = 1 ) and finish(), as cli\progress\Bar has.
		 */
		function make_progress_bar( string $message, int $count ): object {
			return new class( $message, $count ) {
				public int $current = 0;
				public bool $finished = false;

				public function __construct( public string $message, public int $count ) {
					\WP_CLI::$lines[] = array( 'bar', $message . ' ' . $count );
				}

				public function tick( int $increment = 1 ): void {
					$this->current += $increment;
					\WP_CLI::$lines[] = array( 'tick', (string) $this->current );
				}

				public function finish(): void {
					$this->finished = true;
					\WP_CLI::$lines[] = array( 'finish', (string) $this->current );
				}
			};
		}
	}
}
