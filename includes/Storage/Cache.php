<?php
/**
 * The plugin's caches: holdings, token descriptions and ENS names, kept for a while.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Storage;

/**
 * One named cache that works, and can be cleared, on any backend.
 *
 * Every key includes the generation; flush() draws a new one, so what was stored under an older
 * one is never read again, wherever it is. With a persistent object cache (Redis, Memcached)
 * entries live in the object-cache group `sovereign_press` and expire there. Without one they are
 * transients, rows in the options table, which WordPress deletes once expired; get_many() reads
 * them in one query.
 *
 * The generation is a random token in an autoloaded option and, with a persistent object cache,
 * also the group's `last_changed` key (wp_cache_get_last_changed(), as core versions its query
 * caches). Without a persistent object cache every request reads the autoloaded options from the
 * database, so the token is exact there and costs no query; a non-autoloaded option would have
 * cost one per request. With one, WordPress keeps all autoloaded options in a single cache entry,
 * `alloptions`, that update_option() reads and writes back whole: a node saving any autoloaded
 * option while another flushes can write back its copy from before the flush (core's race, Trac
 * #31245), and every node then reads the old token although the database holds the new one.
 * `last_changed` is a key of its own that this race cannot bring back, for one GET per request;
 * evicted, it comes back as a new generation (a miss, never a stale answer). flush() renews both:
 * the token is what counts once a site drops its object cache, and what nodes of an earlier build
 * renew during a rolling upgrade. An upgraded site keeps its one option; with an object cache its
 * entries are read again once, under the new generation.
 *
 * @since 0.1.0
 */
final class Cache {

	/** Object-cache group of every entry. */
	public const GROUP = 'sovereign_press';

	/** Option that holds the generation's random token (autoloaded). */
	public const GENERATION_OPTION = 'sovereign_press_cache_generation';

	/** Option that holds the token of lasting entries (autoloaded; drawn once, never renewed). */
	public const LASTING_OPTION = 'sovereign_press_cache_lasting';

	/** Start of every entry's name. */
	private const PREFIX = 'sovereign_press_';

	/**
	 * @param string $name    Which cache (holdings, tokens, ens): part of every entry's name.
	 * @param int    $ttl     Seconds an entry stays; 0 keeps nothing.
	 * @param string|null $lasting When set, entries outlive flush(): their keys carry this scope
	 *                             (what they depend on, such as a fingerprint of their sources'
	 *                             settings) and a token drawn once per install (LASTING_OPTION,
	 *                             dropped on uninstall) instead of the generation. For last good
	 *                             copies a page may show while their source is down, which a
	 *                             settings save elsewhere must not take away.
	 */
	public function __construct( private string $name, private int $ttl, private ?string $lasting = null ) {}

	/**
	 * @return array<mixed>|null
	 */
	public function get( string $key ): ?array {
		return $this->get_many( array( $key ) )[ $key ] ?? null;
	}

	/**
	 * The entries found, in one round trip: one wp_cache_get_multiple() with an object cache, one
	 * query without (instead of two per transient).
	 *
	 * @param list<string> $keys Keys.
	 * @return array<string, array<mixed>> By key.
	 */
	public function get_many( array $keys ): array {
		if ( $this->ttl <= 0 || array() === $keys ) {
			return array();
		}
		$names = $this->names( $keys );
		$found = array();
		if ( wp_using_ext_object_cache() ) {
			foreach ( wp_cache_get_multiple( array_keys( $names ), self::GROUP ) as $name => $value ) {
				if ( is_array( $value ) ) {
					$found[ $names[ $name ] ] = $value;
				}
			}
			return $found;
		}
		global $wpdb;
		$options = array();
		foreach ( array_keys( $names ) as $name ) {
			$options[] = '_transient_' . $name;
			$options[] = '_transient_timeout_' . $name;
		}
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				"SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN (" . implode( ',', array_fill( 0, count( $options ), '%s' ) ) . ')',
				$options
			),
			OBJECT_K
		);
		$now  = time();
		foreach ( $names as $name => $key ) {
			$value   = $rows[ '_transient_' . $name ]->option_value ?? null;
			$expires = (int) ( $rows[ '_transient_timeout_' . $name ]->option_value ?? 0 );
			if ( null !== $value && $expires > $now ) {
				$value = maybe_unserialize( $value );
				if ( is_array( $value ) ) {
					$found[ $key ] = $value;
				}
			}
		}
		return $found;
	}

	/**
	 * @param array<mixed> $value Entry.
	 */
	public function set( string $key, array $value ): void {
		$this->set_many( array( $key => $value ) );
	}

	/**
	 * @param array<string, array<mixed>> $values Entries by key.
	 */
	public function set_many( array $values ): void {
		if ( $this->ttl <= 0 || array() === $values ) {
			return;
		}
		$entries = array();
		foreach ( $this->names( array_map( 'strval', array_keys( $values ) ) ) as $name => $key ) {
			$entries[ $name ] = $values[ $key ];
		}
		if ( wp_using_ext_object_cache() ) {
			wp_cache_set_multiple( $entries, self::GROUP, $this->ttl );
			return;
		}
		foreach ( $entries as $name => $value ) {
			set_transient( $name, $value, $this->ttl );
		}
	}

	/**
	 * Forgets every entry of every cache, on any backend: a new generation.
	 *
	 * @since 0.1.0
	 */
	public static function flush(): void {
		update_option( self::GENERATION_OPTION, bin2hex( random_bytes( 8 ) ), true );
		if ( wp_using_ext_object_cache() ) {
			wp_cache_set_last_changed( self::GROUP );
		}
	}

	/**
	 * Removes what the caches stored (uninstall). Without the generation nothing stored under it is
	 * read again (a new install draws a new one); an object cache that can empty a group empties
	 * ours (one that cannot loses the group's last_changed); transient rows go from the options
	 * table, where a site without an object cache (now or earlier) has them, with those of the
	 * names earlier builds used (sp_gate_, sp_token_).
	 *
	 * @since 0.1.0
	 */
	public static function uninstall(): void {
		global $wpdb;
		delete_option( self::GENERATION_OPTION );
		delete_option( self::LASTING_OPTION );
		if ( wp_cache_supports( 'flush_group' ) ) {
			wp_cache_flush_group( self::GROUP );
		} else {
			wp_cache_delete( 'last_changed', self::GROUP );
		}
		$patterns = array();
		foreach ( array( '_transient_', '_transient_timeout_' ) as $kind ) {
			foreach ( array( self::PREFIX, 'sp_gate_', 'sp_token_' ) as $prefix ) {
				$patterns[] = $wpdb->esc_like( $kind . $prefix ) . '%';
			}
		}
		$wpdb->query(
			$wpdb->prepare(
				"DELETE FROM {$wpdb->options} WHERE " . implode( ' OR ', array_fill( 0, count( $patterns ), 'option_name LIKE %s' ) ),
				$patterns
			)
		);
	}

	/**
	 * Entry names of this generation (well within the 172 characters a transient name may have).
	 *
	 * @param list<string> $keys Keys.
	 * @return array<string, string> Keys by name.
	 */
	private function names( array $keys ): array {
		$generation = null === $this->lasting ? self::generation() : 'lasting|' . self::lasting_token() . '|' . $this->lasting;
		$names      = array();
		foreach ( $keys as $key ) {
			$names[ self::PREFIX . $this->name . '_' . md5( $generation . '|' . $key ) ] = $key;
		}
		return $names;
	}

	/**
	 * The token of lasting entries: drawn on first use, removed only by uninstall, so that entries
	 * a backend cannot empty are never read by a later install.
	 */
	private static function lasting_token(): string {
		$token = get_option( self::LASTING_OPTION );
		if ( is_string( $token ) && '' !== $token ) {
			return $token;
		}
		$token = bin2hex( random_bytes( 8 ) );
		if ( add_option( self::LASTING_OPTION, $token, '', true ) ) {
			return $token;
		}
		// Another request drew it first (or this one's copy of the options is older than the row).
		global $wpdb;
		return (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", self::LASTING_OPTION ) );
	}

	/**
	 * The current generation: the option's token, and the group's last_changed with a persistent
	 * object cache (see the class docblock).
	 */
	private static function generation(): string {
		$token = get_option( self::GENERATION_OPTION );
		if ( ! is_string( $token ) || '' === $token ) {
			self::flush();
			$token = (string) get_option( self::GENERATION_OPTION );
		}
		if ( wp_using_ext_object_cache() ) {
			$token .= '|' . wp_cache_get_last_changed( self::GROUP );
		}
		return $token;
	}
}
