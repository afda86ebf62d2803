<?php
/**
 * The census benchmark's steps on a seeded site (bench/census.mjs). Each prints JSON.
 *
 * Usage: php bench/census-setup.php <site-dir> configure <json>
 *            The census counts only the BulkToken ({...deployment, bulk: {address, startBlock,
 *            confirmations}}), treasury the demo timelock; every census table is emptied, so the
 *            next sync starts from nothing.
 *        php bench/census-setup.php <site-dir> sync
 *            Runs the census job until idle in runs of 0.25 s: {ok, message, seconds, scanSeconds,
 *            runs, baseBytes (WordPress loaded), peakBytes (allocated from the system), usedBytes
 *            (in use), phaseBytes (peak in use by the phase a run began in; PHP 8.2+, where the
 *            peak can be reset between runs), progress}. scanSeconds: until the first statement of
 *            the tree phase (the run that ends the scan goes on into the tree until its deadline).
 *        php bench/census-setup.php <site-dir> replay <filters.json> <rpc-url>
 *            Fetches the logs of each eth_getLogs filter through the plugin's transport, in turn:
 *            {seconds, requests, logs}.
 *        php bench/census-setup.php <site-dir> pages
 *            A page with the Census block and an ordinary twin holding its rendered HTML as static
 *            content: {census, ordinary, rendered}.
 */

declare( strict_types=1 );

use SovereignPress\Chain\WpHttpTransport;
use SovereignPress\Storage\Installer;

$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';
require __DIR__ . '/pages.php';
wp_set_current_user( 1 );

switch ( $argv[2] ?? '' ) {
	case 'configure':
		configure( json_decode( $argv[3], true, 512, JSON_THROW_ON_ERROR ) );
		echo wp_json_encode( array( 'ok' => true ) );
		break;
	case 'sync':
		echo wp_json_encode( sync( 600.0 ) );
		break;
	case 'replay':
		echo wp_json_encode( replay( json_decode( (string) file_get_contents( $argv[3] ), true, 512, JSON_THROW_ON_ERROR ), $argv[4] ) );
		break;
	case 'pages':
		echo wp_json_encode( pages() );
		break;
	default:
		fwrite( STDERR, "Unknown step.\n" );
		exit( 2 );
}

/**
 * @param array<string, mixed> $deployment The seeded deployment, with `bulk`.
 */
function configure( array $deployment ): void {
	global $wpdb;
	$chain_id = (int) $deployment['chainId'];
	$settings = get_option( 'sovereign_press_settings', array() );
	$settings = is_array( $settings ) ? $settings : array();

	$settings['census'] = array(
		'tokens'        => array(
			array(
				'id'         => 'bulk',
				'name'       => 'Bulk',
				'chainId'    => $chain_id,
				'standard'   => 'erc20',
				'address'    => $deployment['bulk']['address'],
				'tokenId'    => '',
				'minBalance' => '1',
				'startBlock' => (int) $deployment['bulk']['startBlock'],
				'membership' => true,
			),
		),
		'economyToken'  => 'bulk',
		'linkedOnly'    => false,
		'publicMembers' => true,
		'confirmations' => array(
			array(
				'chainId' => $chain_id,
				'blocks'  => (int) $deployment['bulk']['confirmations'],
			),
		),
		'treasury'      => array(
			array(
				'chainId' => $chain_id,
				'address' => $deployment['contracts']['treasury'],
				'label'   => 'Treasury',
			),
		),
		'assets'        => array(
			array(
				'chainId'       => $chain_id,
				'token'         => '',
				'priceFeed'     => $deployment['contracts']['ethUsdFeed'],
				'maxAgeSeconds' => 86400,
			),
		),
		'declared'      => array(),
	);
	update_option( 'sovereign_press_settings', $settings );
	$saved = get_option( 'sovereign_press_settings' );
	if ( ( $saved['census']['tokens'][0]['address'] ?? '' ) === '' ) {
		fwrite( STDERR, "The census settings were not saved (is the census settings section missing?).\n" );
		exit( 1 );
	}
	foreach ( Installer::tables() as $key => $table ) {
		if ( str_starts_with( $key, 'census_' ) ) {
			$wpdb->query( "TRUNCATE TABLE {$table}" ); // phpcs:ignore WordPress.DB -- bench fixture, table names from the installer.
		}
	}
	\SovereignPress\Storage\Cache::flush();
}

/**
 * The census job in runs of a quarter second until idle, so the end of the scan phase is known to
 * within one run.
 *
 * @return array<string, mixed>
 */
function sync( float $seconds ): array {
	$job      = \SovereignPress\Plugin::instance()->census_job();
	$base     = memory_get_peak_usage( true );
	$started  = microtime( true );
	$scan_end = null;
	$runs     = 0;
	$phases   = array();
	$peak     = $base;
	$phase    = 'scan';
	// The scan ends where the tree phase's first statement begins (the run that ends the scan goes
	// on into the tree until its deadline; that is not indexing).
	$tree_at = null;
	add_filter(
		'query',
		static function ( string $sql ) use ( &$tree_at ): string {
			if ( null === $tree_at && 1 === preg_match( '/census_(?:tree_members|nodes|leaves)\b/', $sql ) ) {
				$tree_at = microtime( true );
			}
			return $sql;
		}
	);
	do {
		$progress = $job->run( 0.25 );
		++$runs;
		// Peak of this run, put down to the phase it began in (then counted afresh).
		$phases[ $phase ] = max( $phases[ $phase ] ?? 0, memory_get_peak_usage( false ) );
		$peak             = max( $peak, memory_get_peak_usage( true ) );
		$phase            = $progress['phase'];
		if ( function_exists( 'memory_reset_peak_usage' ) ) { // PHP 8.2+; on 8.1 each phase's figure is the peak so far.
			memory_reset_peak_usage();
		}
		if ( null === $scan_end && 'scan' !== $progress['phase'] ) {
			$scan_end = $tree_at ?? microtime( true );
		}
		if ( null !== $progress['error'] || ( 'idle' === $progress['phase'] && ! $progress['busy'] ) ) {
			break;
		}
	} while ( microtime( true ) - $started < $seconds );
	$ended = microtime( true );
	return array(
		'ok'          => null === $progress['error'] && 'idle' === $progress['phase'] && null !== $progress['snapshot'],
		'message'     => (string) ( $progress['error'] ?? '' ),
		'seconds'     => $ended - $started,
		'scanSeconds' => ( $scan_end ?? $ended ) - $started,
		'runs'        => $runs,
		'baseBytes'   => $base,
		'peakBytes'   => $peak,
		'usedBytes'   => max( $phases ),
		'phaseBytes'  => $phases,
		'progress'    => $progress,
	);
}

/**
 * @param list<array<string, mixed>> $filters eth_getLogs filters.
 * @return array{seconds:float, requests:int, logs:int}
 */
function replay( array $filters, string $url ): array {
	$rpc     = new WpHttpTransport( $url, 'Sovereign Press bench', 120.0 );
	$logs    = 0;
	$started = microtime( true );
	foreach ( $filters as $filter ) {
		$logs += count( $rpc->call( 'eth_getLogs', array( $filter ) ) );
	}
	return array(
		'seconds'  => microtime( true ) - $started,
		'requests' => count( $filters ),
		'logs'     => $logs,
	);
}

/**
 * @return array{census:string, ordinary:string, rendered:string}
 */
function pages(): array {
	if ( ! WP_Block_Type_Registry::get_instance()->is_registered( 'sovereign-press/census' ) ) {
		fwrite( STDERR, "The block sovereign-press/census is not registered: the Census block is missing from this checkout.\n" );
		exit( 1 );
	}
	kses_remove_filters();
	$content  = "<!-- wp:sovereign-press/census /-->\n";
	$census   = upsert_page( 'bench-census', 'Census', $content );
	$rendered = do_blocks( $content );
	$ordinary = upsert_page( 'bench-census-ordinary', 'Census (ordinary page)', "<!-- wp:html -->\n{$rendered}\n<!-- /wp:html -->" );
	return array(
		'census'   => (string) get_permalink( $census ),
		'ordinary' => (string) get_permalink( $ordinary ),
		'rendered' => $rendered,
	);
}
