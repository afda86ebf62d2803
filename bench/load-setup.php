<?php
/**
 * The load benchmark's fixtures on a seeded site (bench/load.mjs): a member whose wallet holds the
 * Citizen NFT, a member whose wallet holds nothing, and a page with three proposal blocks (the
 * Governor's and Snapshot's). Prints the URLs of the pages under load.
 *
 * Usage: php bench/load-setup.php <site-dir> <holder-address> <non-holder-address> <proposals.json>
 *        php bench/load-setup.php <site-dir> --flush   (empties the plugin's caches)
 *
 * proposals.json: [block attributes, …].
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';
require __DIR__ . '/pages.php';

if ( '--flush' === ( $argv[2] ?? '' ) ) {
	\SovereignPress\Storage\Cache::flush();
	exit( 0 );
}

/**
 * A subscriber named $login (password "password") with $address linked as their wallet.
 */
function bench_member( string $login, string $address ): void {
	$user    = get_user_by( 'login', $login );
	$user_id = $user ? $user->ID : wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => 'password',
			'role'       => 'subscriber',
		)
	);
	if ( is_wp_error( $user_id ) ) {
		fwrite( STDERR, "Could not create the user {$login}: {$user_id->get_error_message()}\n" );
		exit( 1 );
	}
	\SovereignPress\Plugin::instance()->wallets()->link( (int) $user_id, $address, 31337 );
}

bench_member( 'bench-citizen', $argv[2] );
bench_member( 'bench-outsider', $argv[3] );

$blocks  = json_decode( (string) file_get_contents( $argv[4] ), true, 512, JSON_THROW_ON_ERROR );
$content = implode(
	"\n\n",
	array_map(
		static fn( array $attributes ): string => '<!-- wp:sovereign-press/proposal ' . wp_json_encode( $attributes, JSON_UNESCAPED_SLASHES ) . ' /-->',
		$blocks
	)
);
$proposals = upsert_page( 'bench-load-proposals', 'Three proposals', $content );

$find = static fn( string $slug, string $type ): string => (string) get_permalink( get_page_by_path( $slug, OBJECT, $type ) );
echo wp_json_encode(
	array(
		'gated'     => $find( 'citizens-letter', 'post' ),
		'proposals' => (string) get_permalink( $proposals ),
		'census'    => $find( 'census', 'page' ),
		'ordinary'  => $find( 'hello-world', 'post' ),
	)
);
