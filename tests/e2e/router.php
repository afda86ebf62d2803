<?php
/**
 * Router for PHP's built-in server: static files as they are, everything else through WordPress
 * (pretty permalinks, /wp-json/), the way a web server's rewrite rules would.
 */

$sp_path = (string) parse_url( $_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH );
$sp_file = $_SERVER['DOCUMENT_ROOT'] . $sp_path;

if ( '/' !== $sp_path && is_file( $sp_file ) ) {
	if ( str_ends_with( $sp_file, '.php' ) ) {
		$_SERVER['SCRIPT_NAME']     = $sp_path;
		$_SERVER['SCRIPT_FILENAME'] = $sp_file;
		chdir( dirname( $sp_file ) );
		require $sp_file;
		return true;
	}
	return false;
}
if ( is_dir( $sp_file ) && is_file( rtrim( $sp_file, '/' ) . '/index.php' ) ) {
	if ( ! str_ends_with( $sp_path, '/' ) ) {
		header( 'Location: ' . $sp_path . '/', true, 301 );
		return true;
	}
	$_SERVER['SCRIPT_NAME']     = $sp_path . 'index.php';
	$_SERVER['SCRIPT_FILENAME'] = $sp_file . 'index.php';
	chdir( $sp_file );
	require $sp_file . 'index.php';
	return true;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
