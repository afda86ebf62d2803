<?php
/**
 * The census root bench's PHP side (bench/census-root.mjs runs it): one command per process, as
 * each cron run is one process. Prints one JSON line.
 *
 *   php bench/census-root.php <site-dir> seed <count>         synthetic members in a bench table
 *   php bench/census-root.php <site-dir> floor <count>        the keccak floor: 3n - 1 hashes of
 *                                                             the tree's sizes (2n of 32 bytes, n - 1 of 64)
 *   php bench/census-root.php <site-dir> step <state-file> <seconds>   one slice of the build
 *   php bench/census-root.php <site-dir> proofs <tree> <count>         timed proof() of random members
 */

declare( strict_types=1 );

use SovereignPress\Census\MemberSet;
use SovereignPress\Census\MerkleTree;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Crypto\Keccak256;

$started              = microtime( true );
$_SERVER['HTTP_HOST'] = 'localhost';
require rtrim( $argv[1], '/' ) . '/wp-load.php';

global $wpdb;
$members_table = $wpdb->prefix . 'sovereign_press_bench_members';

/** The bench's member set: every address of the bench table. */
final class BenchMembers implements MemberSet {
	public function __construct( private string $table ) {
	}

	public function sql(): string {
		return "SELECT address FROM {$this->table}";
	}
}

/** CPU seconds this process has used (user and system). */
function cpu_seconds(): float {
	$usage = getrusage();
	return $usage['ru_utime.tv_sec'] + $usage['ru_stime.tv_sec'] + ( $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_usec'] ) / 1e6;
}

$command = $argv[2] ?? '';
$out     = array();
switch ( $command ) {
	case 'seed':
		// Deterministic addresses (sha2 of a counter), made by MariaDB's sequence engine in one statement.
		$count = (int) $argv[3];
		$wpdb->query( "DROP TABLE IF EXISTS {$members_table}" );
		$wpdb->query( "CREATE TABLE {$members_table} (address char(42) NOT NULL, PRIMARY KEY (address)) {$wpdb->get_charset_collate()}" );
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$members_table} (address) SELECT CONCAT('0x', LEFT(SHA2(CONCAT('census-bench-', seq), 256), 40)) FROM seq_1_to_%d", $count ) );
		$out = array( 'members' => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$members_table}" ) );
		break;

	case 'floor':
		// The same calls the tree makes: two hashes of 32 bytes per leaf, one of 64 per inner node.
		$count = (int) $argv[3];
		$node  = str_repeat( "\x5a", 32 );
		$cpu   = cpu_seconds();
		$start = hrtime( true );
		for ( $i = 0; $i < $count; $i++ ) {
			$node = Keccak256::hash( Keccak256::hash( $node ) );
		}
		for ( $i = 1; $i < $count; $i++ ) {
			$node = Keccak256::hash( $node . $node );
		}
		$out = array(
			'seconds'    => ( hrtime( true ) - $start ) / 1e9,
			'cpuSeconds' => cpu_seconds() - $cpu,
			'hashes'     => 3 * $count - 1,
			'check'   => bin2hex( $node ),
		);
		break;

	case 'step':
		$file   = $argv[3];
		$budget = (float) $argv[4];
		$state  = is_file( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : null;
		$start  = microtime( true );
		// The deadline counts from the process start, as a cron run's limit does.
		$state = ( new TreeBuilder() )->step( $state, $started + $budget, new BenchMembers( $members_table ) );
		file_put_contents( $file, (string) wp_json_encode( $state ) );
		$out = array(
			'seconds'      => microtime( true ) - $start,
			'processSeconds' => microtime( true ) - $started,
			'cpuSeconds'     => cpu_seconds(),
			'peakBytes'    => memory_get_peak_usage( true ),
			'phase'        => $state['phase'],
			'done'         => $state['done'],
			'tree'         => $state['tree'],
			'root'         => $state['root'],
			'count'        => $state['count'],
			'progress'     => $state['progress'],
		);
		break;

	case 'proofs':
		$tree  = (int) $argv[3];
		$count = (int) $argv[4];
		$total = ( new TreeBuilder() )->count( $tree );
		$times = array();
		$picks = array();
		mt_srand( 12 );
		for ( $i = 0; $i < $count + 5; $i++ ) {
			$address = ( new TreeBuilder() )->members( $tree, mt_rand( 0, $total - 1 ), 1 )[0];
			// A new builder per proof, as each REST request starts without the tree's description.
			$start = hrtime( true );
			$proof = ( new TreeBuilder() )->proof( $tree, $address );
			$ms    = ( hrtime( true ) - $start ) / 1e6;
			if ( null === $proof ) {
				fwrite( STDERR, "No proof for member {$address}.\n" );
				exit( 1 );
			}
			if ( $i >= 5 ) { // The first five warm the buffer pool.
				$times[] = $ms;
				$picks[] = $proof;
			}
		}
		sort( $times );
		$out = array(
			'medianMs' => $times[ intdiv( count( $times ), 2 ) ],
			'p95Ms'    => $times[ (int) floor( 0.95 * ( count( $times ) - 1 ) ) ],
			'maxMs'    => end( $times ),
			'proofs'   => array_slice( $picks, 0, 20 ),
			'absent'   => null === ( new TreeBuilder() )->proof( $tree, '0x' . str_repeat( '00', 20 ) ),
			'leafOf'   => '0x' . bin2hex( MerkleTree::leaf( $picks[0]['address'] ) ),
		);
		break;

	case 'members':
		// Every member in leaf order, one per line (the reference check of the whole root).
		( new TreeBuilder() )->each_member(
			(int) $argv[3],
			static function ( string $address ): void {
				echo $address, "\n";
			}
		);
		exit( 0 );

	default:
		fwrite( STDERR, "Unknown command: {$command}\n" );
		exit( 1 );
}
echo wp_json_encode( $out ), "\n";
