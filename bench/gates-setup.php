<?php
/**
 * Bench fixtures on a seeded site: a member whose only wallet holds the Citizen NFT, and an open
 * twin of the gated demo letter (same words, no gate) to time against it. Prints their URLs.
 *
 * Usage: php bench/gates-setup.php <site-dir> <holder-address>
 *        php bench/gates-setup.php <site-dir> --flush   (empties the plugin's caches)
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';

if ( '--flush' === ( $argv[2] ?? '' ) ) {
	\SovereignPress\Storage\Cache::flush();
	exit( 0 );
}

$holder = get_user_by( 'login', 'bench-citizen' );
$user_id = $holder ? $holder->ID : wp_insert_user(
	array(
		'user_login' => 'bench-citizen',
		'user_pass'  => 'password',
		'role'       => 'subscriber',
	)
);
\SovereignPress\Plugin::instance()->wallets()->link( (int) $user_id, $argv[2], 31337 );

$letter = get_page_by_path( 'citizens-letter', OBJECT, 'post' );
$twin   = get_page_by_path( 'open-letter', OBJECT, 'post' );
$twin_id = $twin ? $twin->ID : wp_insert_post(
	wp_slash(
		array(
			'post_type'    => 'post',
			'post_name'    => 'open-letter',
			'post_title'   => $letter->post_title . ' (open)',
			'post_content' => $letter->post_content,
			'post_excerpt' => $letter->post_excerpt,
			'post_status'  => 'publish',
			'post_author'  => 1,
		)
	)
);
echo wp_json_encode(
	array(
		'gated' => get_permalink( $letter ),
		'open'  => get_permalink( $twin_id ),
		'home'  => home_url( '/' ),
	)
);
