<?php
/**
 * Crypto benchmark (issue: SIWE core speed). Measured side by side in one process, in
 * interleaved rounds, medians reported; the figures that matter are the ratios.
 *
 *   php bench/crypto.php [--rounds 15] [--json out.json]
 *
 * - keccak-256 throughput on 1 KiB inputs (and its ratio to PHP's native sha3-256, the same
 *   sponge in C, for scale);
 * - one complete SIWE verification (parse, field checks, EIP-191 hash, recovery, checksum) on the
 *   GMP path and on the fallback path, each as a ratio to openssl_verify of a secp256k1 ECDSA
 *   signature (the native floor).
 *   Targets: GMP <= 10x, fallback <= 250x.
 */

declare( strict_types=1 );

require dirname( __DIR__ ) . '/includes/autoload.php';

use SovereignPress\Crypto\Keccak256;
use SovereignPress\Crypto\Secp256k1;
use SovereignPress\Siwe\Context;
use SovereignPress\Siwe\Verifier;

$options = getopt( '', array( 'rounds:', 'json:' ) );
$rounds  = (int) ( $options['rounds'] ?? 15 );

// A real signed message from the committed vectors (signed by viem).
$sample = json_decode( (string) file_get_contents( dirname( __DIR__ ) . '/tests/vectors/sample.json' ), true );
$vector = null;
foreach ( $sample['siwe'] as $candidate ) {
	if ( 'valid' === $candidate['kind'] && 'valid' === $candidate['expect']['outcome'] ) {
		$vector = $candidate;
		break;
	}
}
$c       = $vector['context'];
$context = new Context( $c['domain'], $c['uri'], $c['chainIds'], $c['nonce'], (float) $c['now'], 0, $c['scheme'] );

// The native floor: OpenSSL's secp256k1 ECDSA verification.
$key = openssl_pkey_new( array( 'private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'secp256k1' ) );
if ( false === $key ) {
	fwrite( STDERR, "OpenSSL here has no secp256k1.\n" );
	exit( 1 );
}
$public = openssl_pkey_get_details( $key )['key'];
openssl_sign( $vector['message'], $openssl_signature, $key, OPENSSL_ALGO_SHA256 );

$kib   = str_repeat( 'x', 1024 );
$cases = array(
	'openssl_verify secp256k1'    => array( 200, static fn() => openssl_verify( $vector['message'], $openssl_signature, $public, OPENSSL_ALGO_SHA256 ) === 1 ),
	'siwe verify, gmp'            => array( 20, static fn() => ( new Verifier( Secp256k1::gmp(), static fn() => null ) )->verify( $vector['message'], $vector['signature'], $context )->valid ),
	'siwe verify, fallback'       => array( 4, static fn() => ( new Verifier( Secp256k1::fallback(), static fn() => null ) )->verify( $vector['message'], $vector['signature'], $context )->valid ),
	'keccak-256, 1 KiB'           => array( 50, static fn() => strlen( Keccak256::hash( $kib ) ) === 32 ),
	'sha3-256 (native), 1 KiB'    => array( 2000, static fn() => strlen( hash( 'sha3-256', $kib, true ) ) === 32 ),
);

$samples = array_fill_keys( array_keys( $cases ), array() );
foreach ( $cases as $name => [ , $run ] ) {
	if ( ! $run() ) {
		fwrite( STDERR, "{$name} did not succeed.\n" );
		exit( 1 );
	}
}
for ( $round = 0; $round < $rounds; $round++ ) {
	foreach ( $cases as $name => [ $iterations, $run ] ) {
		$start = hrtime( true );
		for ( $i = 0; $i < $iterations; $i++ ) {
			$run();
		}
		$samples[ $name ][] = ( hrtime( true ) - $start ) / $iterations / 1e6; // ms per call.
	}
}
$median = array_map(
	static function ( array $values ): float {
		sort( $values );
		return $values[ intdiv( count( $values ), 2 ) ];
	},
	$samples
);

$floor   = $median['openssl_verify secp256k1'];
$results = array(
	'php'                    => PHP_VERSION,
	'rounds'                 => $rounds,
	'openssl_verify_ms'      => $floor,
	'siwe_gmp_ms'            => $median['siwe verify, gmp'],
	'siwe_fallback_ms'       => $median['siwe verify, fallback'],
	'siwe_gmp_ratio'         => $median['siwe verify, gmp'] / $floor,
	'siwe_fallback_ratio'    => $median['siwe verify, fallback'] / $floor,
	'keccak_mib_per_s'       => 1 / 1024 / ( $median['keccak-256, 1 KiB'] / 1000 ),
	'keccak_ratio_to_sha3'   => $median['keccak-256, 1 KiB'] / $median['sha3-256 (native), 1 KiB'],
	'targets'                => array( 'siwe_gmp_ratio' => 10, 'siwe_fallback_ratio' => 250 ),
);

printf( "Crypto (PHP %s, median of %d interleaved rounds)\n", PHP_VERSION, $rounds );
printf( "  %-34s %10.3f ms  (native floor)\n", 'openssl_verify secp256k1', $floor );
printf( "  %-34s %10.3f ms  %7.1fx the floor  (target <= 10x)  %s\n", 'SIWE verification, GMP path', $results['siwe_gmp_ms'], $results['siwe_gmp_ratio'], $results['siwe_gmp_ratio'] <= 10 ? 'ok' : 'MISSED' );
printf( "  %-34s %10.3f ms  %7.1fx the floor  (target <= 250x) %s\n", 'SIWE verification, fallback path', $results['siwe_fallback_ms'], $results['siwe_fallback_ratio'], $results['siwe_fallback_ratio'] <= 250 ? 'ok' : 'MISSED' );
printf( "  %-34s %10.2f MiB/s (%.0fx native sha3-256)\n", 'keccak-256 on 1 KiB inputs', $results['keccak_mib_per_s'], $results['keccak_ratio_to_sha3'] );

if ( isset( $options['json'] ) ) {
	file_put_contents( (string) $options['json'], json_encode( $results, JSON_PRETTY_PRINT ) );
}
