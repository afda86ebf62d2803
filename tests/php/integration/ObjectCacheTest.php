<?php
/**
 * The object-cache contract WordPress relies on, checked on whichever cache the run has: core's
 * in-memory one, or the Redis drop-in (tests/php/redis-object-cache.php) in the run with
 * SP_OBJECT_CACHE=redis, where entries must also outlive the request.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

final class ObjectCacheTest extends TestCase {

	private const GROUP = 'sp-test';

	/**
	 * As a later request sees the cache: with a persistent one, from the backend.
	 */
	private static function later_request(): void {
		if ( wp_using_ext_object_cache() ) {
			wp_cache_flush_runtime();
		}
	}

	public function test_the_run_is_on_the_backend_it_names(): void {
		$socket = (string) getenv( 'SP_TEST_REDIS_SOCKET' );
		$this->assertSame( '' !== $socket, (bool) wp_using_ext_object_cache(), 'A persistent object cache exactly when the run names a Redis socket.' );
		if ( '' === $socket ) {
			return;
		}
		$this->assertTrue( wp_cache_set( 'probe', 'in redis', self::GROUP ) );
		$redis = new \Redis();
		$redis->connect( $socket );
		$keys = $redis->keys( '*' . self::GROUP . ':probe' );
		$redis->close();
		$this->assertCount( 1, $keys, 'What the cache stores is in the Redis server at SP_TEST_REDIS_SOCKET.' );
	}

	public function test_values_keep_their_type_and_false_is_a_value(): void {
		$post        = new \stdClass();
		$post->title = 'Letter';
		foreach ( array( 'false' => false, 'zero' => 0, 'string' => '5', 'list' => array( 1, '2' ), 'object' => $post ) as $key => $value ) {
			$this->assertTrue( wp_cache_set( $key, $value, self::GROUP ) );
		}
		$post->title = 'Changed after set';
		self::later_request();

		$found = null;
		$this->assertFalse( wp_cache_get( 'false', self::GROUP, false, $found ) );
		$this->assertTrue( $found, 'A stored false is found.' );
		$this->assertFalse( wp_cache_get( 'missing', self::GROUP, false, $found ) );
		$this->assertFalse( $found );
		$this->assertSame( array( 0, '5', array( 1, '2' ) ), array( wp_cache_get( 'zero', self::GROUP ), wp_cache_get( 'string', self::GROUP ), wp_cache_get( 'list', self::GROUP ) ) );
		$object        = wp_cache_get( 'object', self::GROUP );
		$object->title = 'Changed after get';
		$this->assertSame( 'Letter', wp_cache_get( 'object', self::GROUP )->title, 'Objects are copies.' );
	}

	public function test_add_replace_delete(): void {
		$this->assertFalse( wp_cache_replace( 'k', 1, self::GROUP ), 'Nothing to replace.' );
		$this->assertTrue( wp_cache_add( 'k', 1, self::GROUP ) );
		self::later_request();
		$this->assertFalse( wp_cache_add( 'k', 2, self::GROUP ), 'Already there.' );
		$this->assertTrue( wp_cache_replace( 'k', 3, self::GROUP ) );
		self::later_request();
		$this->assertSame( 3, wp_cache_get( 'k', self::GROUP ) );
		$this->assertTrue( wp_cache_delete( 'k', self::GROUP ) );
		$this->assertFalse( wp_cache_delete( 'k', self::GROUP ) );
		self::later_request();
		$this->assertFalse( wp_cache_get( 'k', self::GROUP ) );
	}

	public function test_incr_and_decr_never_go_below_zero(): void {
		$this->assertFalse( wp_cache_incr( 'n', 1, self::GROUP ), 'A missing number is not created.' );
		wp_cache_set( 'n', 5, self::GROUP );
		$this->assertSame( 7, wp_cache_incr( 'n', 2, self::GROUP ) );
		self::later_request();
		$this->assertSame( 7, wp_cache_get( 'n', self::GROUP ) );
		$this->assertSame( 0, wp_cache_decr( 'n', 10, self::GROUP ) );
		wp_cache_set( 'word', 'abc', self::GROUP );
		$this->assertSame( 1, wp_cache_incr( 'word', 1, self::GROUP ), 'Not a number: counts from 0.' );
	}

	public function test_multiple_operations_report_per_key(): void {
		$this->assertSame( array( 'a' => true, 'b' => true ), wp_cache_set_multiple( array( 'a' => 1, 'b' => 2 ), self::GROUP ) );
		$this->assertSame( array( 'b' => false, 'c' => true ), wp_cache_add_multiple( array( 'b' => 9, 'c' => 3 ), self::GROUP ) );
		self::later_request();
		$this->assertSame( array( 'a' => 1, 'x' => false, 'c' => 3, 'b' => 2 ), wp_cache_get_multiple( array( 'a', 'x', 'c', 'b' ), self::GROUP ) );
		$this->assertSame( array( 'a' => true, 'x' => false ), wp_cache_delete_multiple( array( 'a', 'x' ), self::GROUP ) );
		self::later_request();
		$this->assertSame( array( 'a' => false, 'b' => 2 ), wp_cache_get_multiple( array( 'a', 'b' ), self::GROUP ) );
	}

	public function test_groups_are_separate_and_flush_one_at_a_time(): void {
		wp_cache_set( 'k', 'one', self::GROUP );
		wp_cache_set( 'k', 'two', self::GROUP . '-other' );
		wp_cache_set( 'k', 'default' );
		$this->assertTrue( wp_cache_supports( 'flush_group' ) );
		$this->assertTrue( wp_cache_flush_group( self::GROUP ) );
		self::later_request();
		$this->assertSame( array( false, 'two', 'default' ), array( wp_cache_get( 'k', self::GROUP ), wp_cache_get( 'k', self::GROUP . '-other' ), wp_cache_get( 'k', '' ) ) );
	}

	public function test_only_persistent_groups_outlive_the_request_and_entries_expire(): void {
		$persistent = wp_using_ext_object_cache();
		wp_cache_add_non_persistent_groups( array( self::GROUP . '-local' ) );
		wp_cache_set( 'k', 'kept', self::GROUP );
		wp_cache_set( 'k', 'this request only', self::GROUP . '-local' );
		wp_cache_set( 'short', 'gone soon', self::GROUP, 1 );
		wp_cache_flush_runtime();
		$this->assertSame( $persistent ? 'kept' : false, wp_cache_get( 'k', self::GROUP ) );
		$this->assertFalse( wp_cache_get( 'k', self::GROUP . '-local' ) );
		if ( ! $persistent ) {
			return;
		}
		$this->assertSame( 'gone soon', wp_cache_get( 'short', self::GROUP ) );
		sleep( 2 );
		$this->assertSame( 'gone soon', wp_cache_get( 'short', self::GROUP ), 'Within a request, memory answers.' );
		$this->assertFalse( wp_cache_get( 'short', self::GROUP, true ), 'Forced, the backend answers: expired.' );

		wp_cache_flush();
		$this->assertFalse( wp_cache_get( 'k', self::GROUP, true ) );
	}
}
