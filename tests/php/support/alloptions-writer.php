<?php
/**
 * Another node's request that saves an autoloaded option, in its own PHP process, held where
 * WordPress core's race on the `alloptions` cache entry lies (Trac #31245):
 *
 *   php alloptions-writer.php OPTION
 *
 * It boots WordPress and saves OPTION (autoloaded, a new value each time). update_option() writes
 * the row, then reads `alloptions` again from the object cache, sets OPTION in that copy and
 * writes the whole copy back. Right after that read it prints "ready" and waits for a line on
 * stdin: whatever another request writes to `alloptions` meanwhile is overwritten by this copy.
 * Then it deletes OPTION again and prints "done".
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define( 'WP_USE_THEMES', false );
require getenv( 'SP_WP_DIR' ) . '/wp-load.php';

$option   = $argv[1];
$reloaded = false;
$held     = false;
// A forced load is the one update_option() makes right before writing its copy back.
add_filter(
	'pre_wp_load_alloptions',
	static function ( $pre, bool $force ) use ( &$reloaded ) {
		$reloaded = $force;
		return $pre;
	},
	10,
	2
);
add_filter(
	'alloptions',
	static function ( array $alloptions ) use ( &$reloaded, &$held ): array {
		if ( $reloaded && ! $held ) {
			$held = true;
			fwrite( STDOUT, "ready\n" );
			fgets( STDIN );
		}
		return $alloptions;
	}
);

update_option( $option, bin2hex( random_bytes( 8 ) ), true );
$ok = $held;
// Only the row goes: the test does not keep it.
remove_all_filters( 'alloptions' );
delete_option( $option );
fwrite( STDOUT, $ok ? "done\n" : "not held\n" );
exit( $ok ? 0 : 1 );
