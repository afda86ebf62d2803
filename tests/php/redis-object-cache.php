<?php
/**
 * Test infrastructure, not part of the plugin: a persistent object cache over php-redis, so the
 * integration tests also run on the kind of backend many sites have. scripts/lib/stack.mjs copies
 * it to wp-content/object-cache.php when SP_OBJECT_CACHE=redis, and defines SP_TEST_REDIS_SOCKET
 * (the server's Unix socket) in wp-config.php.
 *
 * Values are PHP-serialized in Redis and kept unserialized in memory for the rest of the request.
 * A Redis key is "{salt}{group}:{blog id}:{key}" (no blog id for global groups, nor on a single
 * site); the group is URL-encoded, so it never contains the ':' that ends it. Non-persistent groups
 * never leave the process. One file, as WordPress loads a drop-in: its length is the object-cache
 * API WordPress expects.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

// phpcs:disable Generic.PHP.ForbiddenFunctions.FoundWithAlternative -- an object cache stores PHP values, objects included.

/**
 * Sets up the cache for this request.
 */
function wp_cache_init() {
	$GLOBALS['wp_object_cache'] = new WP_Object_Cache();
}

function wp_cache_add( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->add( $key, $data, $group, (int) $expire );
}

function wp_cache_add_multiple( array $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->add_multiple( $data, $group, (int) $expire );
}

function wp_cache_replace( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->replace( $key, $data, $group, (int) $expire );
}

function wp_cache_set( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->set( $key, $data, $group, (int) $expire );
}

function wp_cache_set_multiple( array $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->set_multiple( $data, $group, (int) $expire );
}

function wp_cache_get( $key, $group = '', $force = false, &$found = null ) {
	return $GLOBALS['wp_object_cache']->get( $key, $group, $force, $found );
}

function wp_cache_get_multiple( $keys, $group = '', $force = false ) {
	return $GLOBALS['wp_object_cache']->get_multiple( $keys, $group, $force );
}

function wp_cache_delete( $key, $group = '' ) {
	return $GLOBALS['wp_object_cache']->delete( $key, $group );
}

function wp_cache_delete_multiple( array $keys, $group = '' ) {
	return $GLOBALS['wp_object_cache']->delete_multiple( $keys, $group );
}

function wp_cache_incr( $key, $offset = 1, $group = '' ) {
	return $GLOBALS['wp_object_cache']->incr( $key, (int) $offset, $group );
}

function wp_cache_decr( $key, $offset = 1, $group = '' ) {
	return $GLOBALS['wp_object_cache']->incr( $key, -(int) $offset, $group );
}

function wp_cache_flush() {
	return $GLOBALS['wp_object_cache']->flush();
}

function wp_cache_flush_runtime() {
	return $GLOBALS['wp_object_cache']->flush_runtime();
}

function wp_cache_flush_group( $group ) {
	return $GLOBALS['wp_object_cache']->flush_group( $group );
}

function wp_cache_supports( $feature ) {
	return in_array( $feature, array( 'add_multiple', 'set_multiple', 'get_multiple', 'delete_multiple', 'flush_runtime', 'flush_group' ), true );
}

function wp_cache_close() {
	return true;
}

function wp_cache_add_global_groups( $groups ) {
	$GLOBALS['wp_object_cache']->add_global_groups( (array) $groups );
}

function wp_cache_add_non_persistent_groups( $groups ) {
	$GLOBALS['wp_object_cache']->add_non_persistent_groups( (array) $groups );
}

function wp_cache_switch_to_blog( $blog_id ) {
	$GLOBALS['wp_object_cache']->switch_to_blog( (int) $blog_id );
}

/**
 * The cache. Method contracts follow WordPress's own WP_Object_Cache (wp-includes/class-wp-object-cache.php).
 */
final class WP_Object_Cache {

	/** @var int Reads answered (from memory or Redis). */
	public $cache_hits = 0;

	/** @var int Reads that found nothing. */
	public $cache_misses = 0;

	private Redis $redis;

	/** @var array<string, array<int|string, mixed>> Values by group and key (with the blog prefix). */
	private array $cache = array();

	/** @var array<string, true> */
	private array $global_groups = array();

	/** @var array<string, true> */
	private array $non_persistent_groups = array();

	private bool $multisite;

	private string $blog_prefix;

	private string $salt;

	public function __construct() {
		$this->redis = new Redis();
		// Throws when the server is not there: a test run on a missing cache must not pass quietly.
		$this->redis->connect( SP_TEST_REDIS_SOCKET );
		$this->multisite   = is_multisite();
		$this->blog_prefix = $this->multisite ? get_current_blog_id() . ':' : '';
		$this->salt        = defined( 'WP_CACHE_KEY_SALT' ) ? (string) WP_CACHE_KEY_SALT : '';
	}

	public function add( $key, $data, $group = '', int $expire = 0 ): bool {
		if ( wp_suspend_cache_addition() || ! self::valid( $key ) ) {
			return false;
		}
		$group = self::group( $group );
		$id    = $this->id( $key, $group );
		if ( $this->in_memory( $id, $group ) ) {
			return false;
		}
		return $this->store( $id, $data, $group, $expire, 'NX' );
	}

	/**
	 * @param array<int|string, mixed> $data Values by key.
	 * @return array<int|string, bool>
	 */
	public function add_multiple( array $data, $group = '', int $expire = 0 ): array {
		$done = array();
		foreach ( $data as $key => $value ) {
			$done[ $key ] = $this->add( $key, $value, $group, $expire );
		}
		return $done;
	}

	public function replace( $key, $data, $group = '', int $expire = 0 ): bool {
		if ( ! self::valid( $key ) ) {
			return false;
		}
		$group = self::group( $group );
		$id    = $this->id( $key, $group );
		if ( ! $this->persistent( $group ) && ! $this->in_memory( $id, $group ) ) {
			return false;
		}
		return $this->store( $id, $data, $group, $expire, 'XX' );
	}

	public function set( $key, $data, $group = '', int $expire = 0 ): bool {
		if ( ! self::valid( $key ) ) {
			return false;
		}
		$group = self::group( $group );
		return $this->store( $this->id( $key, $group ), $data, $group, $expire, null );
	}

	/**
	 * Writes every value in one round trip (a pipeline).
	 *
	 * @param array<int|string, mixed> $data Values by key.
	 * @return array<int|string, bool>
	 */
	public function set_multiple( array $data, $group = '', int $expire = 0 ): array {
		$group = self::group( $group );
		$ids   = array();
		foreach ( $data as $key => $value ) {
			if ( self::valid( $key ) ) {
				$ids[ $key ] = $this->id( $key, $group );
			}
		}
		$done    = array_fill_keys( array_keys( $data ), false );
		$results = array_fill_keys( array_keys( $ids ), true );
		if ( $this->persistent( $group ) && array() !== $ids ) {
			$pipe = $this->redis->multi( Redis::PIPELINE );
			foreach ( $ids as $key => $id ) {
				$pipe->set( $this->redis_key( $id, $group ), serialize( $data[ $key ] ), self::options( $expire, null ) );
			}
			$results = array_combine( array_keys( $ids ), $pipe->exec() );
		}
		foreach ( $ids as $key => $id ) {
			if ( true === $results[ $key ] ) {
				$this->cache[ $group ][ $id ] = self::copy( $data[ $key ] );
				$done[ $key ]                 = true;
			}
		}
		return $done;
	}

	public function get( $key, $group = '', bool $force = false, &$found = null ) {
		$found = false;
		if ( ! self::valid( $key ) ) {
			return false;
		}
		$group = self::group( $group );
		$id    = $this->id( $key, $group );
		if ( ( ! $force || ! $this->persistent( $group ) ) && $this->in_memory( $id, $group ) ) {
			$found = true;
			++$this->cache_hits;
			return self::copy( $this->cache[ $group ][ $id ] );
		}
		if ( $this->persistent( $group ) ) {
			$raw = $this->redis->get( $this->redis_key( $id, $group ) );
			if ( is_string( $raw ) ) {
				$found                        = true;
				$this->cache[ $group ][ $id ] = unserialize( $raw );
				++$this->cache_hits;
				return self::copy( $this->cache[ $group ][ $id ] );
			}
			unset( $this->cache[ $group ][ $id ] );
		}
		++$this->cache_misses;
		return false;
	}

	/**
	 * What memory does not hold comes from Redis in one MGET.
	 *
	 * @param array<int|string> $keys Keys.
	 * @return array<int|string, mixed> Values by key, false where missing.
	 */
	public function get_multiple( $keys, $group = '', bool $force = false ): array {
		$group   = self::group( $group );
		$values  = array();
		$missing = array();
		foreach ( $keys as $key ) {
			$values[ $key ] = false;
			if ( ! self::valid( $key ) ) {
				continue;
			}
			$id = $this->id( $key, $group );
			if ( ( ! $force || ! $this->persistent( $group ) ) && $this->in_memory( $id, $group ) ) {
				++$this->cache_hits;
				$values[ $key ] = self::copy( $this->cache[ $group ][ $id ] );
			} elseif ( $this->persistent( $group ) ) {
				$missing[ $key ] = $id;
			} else {
				++$this->cache_misses;
			}
		}
		if ( array() === $missing ) {
			return $values;
		}
		$raws = $this->redis->mget( array_map( fn( string $id ): string => $this->redis_key( $id, $group ), array_values( $missing ) ) );
		foreach ( array_combine( array_keys( $missing ), $raws ) as $key => $raw ) {
			if ( is_string( $raw ) ) {
				++$this->cache_hits;
				$this->cache[ $group ][ $missing[ $key ] ] = unserialize( $raw );
				$values[ $key ]                            = self::copy( $this->cache[ $group ][ $missing[ $key ] ] );
			} else {
				++$this->cache_misses;
			}
		}
		return $values;
	}

	public function delete( $key, $group = '' ): bool {
		if ( ! self::valid( $key ) ) {
			return false;
		}
		$group   = self::group( $group );
		$id      = $this->id( $key, $group );
		$deleted = $this->in_memory( $id, $group );
		unset( $this->cache[ $group ][ $id ] );
		if ( $this->persistent( $group ) ) {
			$deleted = $this->redis->del( $this->redis_key( $id, $group ) ) > 0 || $deleted;
		}
		return $deleted;
	}

	/**
	 * @param array<int|string> $keys Keys.
	 * @return array<int|string, bool>
	 */
	public function delete_multiple( array $keys, $group = '' ): array {
		$done = array();
		foreach ( $keys as $key ) {
			$done[ $key ] = $this->delete( $key, $group );
		}
		return $done;
	}

	/**
	 * Adds to a number atomically (WATCH / MULTI); a value that is not a number counts as 0, and
	 * the result never goes below 0, as in WordPress's own cache.
	 *
	 * @return int|float|false The new value, or false when the key is missing.
	 */
	public function incr( $key, int $offset = 1, $group = '' ) {
		if ( ! self::valid( $key ) ) {
			return false;
		}
		$group = self::group( $group );
		$id    = $this->id( $key, $group );
		$add   = static fn( $value ) => max( 0, ( is_numeric( $value ) ? $value : 0 ) + $offset );
		if ( ! $this->persistent( $group ) ) {
			if ( ! $this->in_memory( $id, $group ) ) {
				return false;
			}
			$this->cache[ $group ][ $id ] = $add( $this->cache[ $group ][ $id ] );
			return $this->cache[ $group ][ $id ];
		}
		$redis_key = $this->redis_key( $id, $group );
		for ( $attempt = 0; $attempt < 10; $attempt++ ) {
			$this->redis->watch( $redis_key );
			$raw = $this->redis->get( $redis_key );
			if ( ! is_string( $raw ) ) {
				$this->redis->unwatch();
				unset( $this->cache[ $group ][ $id ] );
				return false;
			}
			$value = $add( unserialize( $raw ) );
			if ( is_array( $this->redis->multi()->set( $redis_key, serialize( $value ), array( 'KEEPTTL' ) )->exec() ) ) {
				$this->cache[ $group ][ $id ] = $value;
				return $value;
			}
		}
		return false;
	}

	/**
	 * Empties memory and every key under this cache's salt.
	 */
	public function flush(): bool {
		$this->cache = array();
		$this->delete_matching( '*' );
		return true;
	}

	public function flush_runtime(): bool {
		$this->cache = array();
		return true;
	}

	/**
	 * Empties one group, for every blog.
	 */
	public function flush_group( $group ): bool {
		$group = self::group( $group );
		unset( $this->cache[ $group ] );
		if ( $this->persistent( $group ) ) {
			$this->delete_matching( rawurlencode( $group ) . ':*' );
		}
		return true;
	}

	/**
	 * @param list<string> $groups Groups shared by every blog of a network.
	 */
	public function add_global_groups( array $groups ): void {
		$this->global_groups += array_fill_keys( $groups, true );
	}

	/**
	 * @param list<string> $groups Groups kept for this request only.
	 */
	public function add_non_persistent_groups( array $groups ): void {
		$this->non_persistent_groups += array_fill_keys( $groups, true );
	}

	public function switch_to_blog( int $blog_id ): void {
		$this->blog_prefix = $this->multisite ? $blog_id . ':' : '';
	}

	private function store( string $id, $data, string $group, int $expire, ?string $condition ): bool {
		if ( $this->persistent( $group ) && true !== $this->redis->set( $this->redis_key( $id, $group ), serialize( $data ), self::options( $expire, $condition ) ) ) {
			return false;
		}
		$this->cache[ $group ][ $id ] = self::copy( $data );
		return true;
	}

	/**
	 * Deletes the keys under this cache's salt that match a glob pattern (safe characters only).
	 */
	private function delete_matching( string $pattern ): void {
		$cursor = null;
		$match  = addcslashes( $this->salt, '*?[]\\' ) . $pattern;
		do {
			$keys = $this->redis->scan( $cursor, $match, 1000 );
			if ( is_array( $keys ) && array() !== $keys ) {
				$this->redis->unlink( $keys );
			}
		} while ( $cursor > 0 );
	}

	/**
	 * @return array<int|string, int|string> SET options: an expiry in seconds, NX or XX.
	 */
	private static function options( int $expire, ?string $condition ): array {
		$options = $expire > 0 ? array( 'EX' => $expire ) : array();
		if ( null !== $condition ) {
			$options[] = $condition;
		}
		return $options;
	}

	private function id( $key, string $group ): string {
		return ( $this->multisite && ! isset( $this->global_groups[ $group ] ) ? $this->blog_prefix : '' ) . $key;
	}

	private function redis_key( string $id, string $group ): string {
		return $this->salt . rawurlencode( $group ) . ':' . $id;
	}

	private function persistent( string $group ): bool {
		return ! isset( $this->non_persistent_groups[ $group ] );
	}

	private function in_memory( string $id, string $group ): bool {
		return isset( $this->cache[ $group ] ) && array_key_exists( $id, $this->cache[ $group ] );
	}

	private static function group( $group ): string {
		return '' === (string) $group ? 'default' : (string) $group;
	}

	/**
	 * Objects are copied on the way in and out, so a caller's later change never reaches the cache.
	 */
	private static function copy( $value ) {
		return is_object( $value ) ? clone $value : $value;
	}

	private static function valid( $key ): bool {
		if ( is_int( $key ) || ( is_string( $key ) && '' !== trim( $key ) ) ) {
			return true;
		}
		_doing_it_wrong( __METHOD__, 'Cache key must be an integer or a non-empty string.', '6.1.0' );
		return false;
	}
}
