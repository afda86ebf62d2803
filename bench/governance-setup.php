<?php
/**
 * Bench fixtures on a seeded site: a page with three Snapshot proposal blocks, a page with three
 * Governor proposal blocks, and for each an ordinary twin page holding the same rendered HTML as
 * static content (same words, no proposal blocks) to time against it. Prints their URLs.
 *
 * Usage: php bench/governance-setup.php <site-dir> <pages.json>
 *        php bench/governance-setup.php <site-dir> --flush   (empties the plugin's caches)
 *        php bench/governance-setup.php <site-dir> --expire <pages.json> <snapshot|governor>
 *            (those proposals' entries are no longer fresh, as every 60 s on a live site; what
 *            never changes, such as a Governor's token or a proposal's description, stays cached)
 *
 * pages.json: {"snapshot": [block attributes, …], "governor": [block attributes, …]}.
 */

declare( strict_types=1 );

$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';
require __DIR__ . '/pages.php';

if ( '--flush' === ( $argv[2] ?? '' ) ) {
	\SovereignPress\Storage\Cache::flush();
	exit( 0 );
}

if ( '--expire' === ( $argv[2] ?? '' ) ) {
	$pages = json_decode( (string) file_get_contents( $argv[3] ), true, 512, JSON_THROW_ON_ERROR );
	foreach ( $pages[ $argv[4] ] as $attributes ) {
		$ref = 'governor' === $attributes['source']
			? \SovereignPress\Governance\ProposalRef::governor( (int) $attributes['chainId'], $attributes['governor'], $attributes['proposalId'] )
			: \SovereignPress\Governance\ProposalRef::snapshot( $attributes['space'], $attributes['proposalId'] );
		do_action( 'sovereign_press_proposal_changed', $ref );
	}
	exit( 0 );
}

if ( ! WP_Block_Type_Registry::get_instance()->is_registered( 'sovereign-press/proposal' ) ) {
	fwrite( STDERR, "The block sovereign-press/proposal is not registered: the DAO Proposal block is missing from this checkout.\n" );
	exit( 1 );
}

// The twins hold rendered markup (forms, data attributes): store it as an administrator would.
wp_set_current_user( 1 );
kses_remove_filters();

$pages = json_decode( (string) file_get_contents( $argv[2] ), true, 512, JSON_THROW_ON_ERROR );
$urls  = array();
foreach ( $pages as $name => $blocks ) {
	$content = implode(
		"\n\n",
		array_map(
			static fn( array $attributes ): string => '<!-- wp:sovereign-press/proposal ' . wp_json_encode( $attributes, JSON_UNESCAPED_SLASHES ) . ' /-->',
			$blocks
		)
	);
	$page = upsert_page( "bench-{$name}-proposals", "Three {$name} proposals", $content );

	$rendered = do_blocks( $content );
	$twin     = upsert_page( "bench-{$name}-ordinary", "Three {$name} proposals (ordinary page)", "<!-- wp:html -->\n{$rendered}\n<!-- /wp:html -->" );

	$urls[ $name ]             = get_permalink( $page );
	$urls[ "{$name}Ordinary" ] = get_permalink( $twin );
	$urls[ "{$name}Rendered" ] = $rendered;
}
echo wp_json_encode( $urls );
