<?php
/**
 * Router for the load benchmark: tests/e2e/router.php, with each response's length sent as
 * Content-Length. PHP's built-in server otherwise ends a response only by closing the connection,
 * which load generators that read responses by their length (autocannon) never see as an end;
 * nginx or Apache in front of php-fpm send the length or chunks.
 */

ob_start(
	static function ( string $buffer, int $phase ): string {
		if ( ( $phase & PHP_OUTPUT_HANDLER_FINAL ) && ! headers_sent() ) {
			header( 'Content-Length: ' . strlen( $buffer ) );
		}
		return $buffer;
	}
);
$sp_routed = require dirname( __DIR__ ) . '/tests/e2e/router.php';
if ( false === $sp_routed ) {
	// A static file, which the server sends itself.
	ob_end_clean();
}
return $sp_routed;
