<?php
/**
 * npm run lint: fails when the code breaks the architecture's rules (see scripts/php/ArchitectureCheck.php).
 *
 * Usage: php scripts/check-architecture.php [plugin-root]
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

require __DIR__ . '/php/ArchitectureCheck.php';

$sovereign_press_root     = rtrim( $argv[1] ?? dirname( __DIR__ ), '/' );
$sovereign_press_findings = ( new SovereignPress\Tooling\ArchitectureCheck( $sovereign_press_root ) )->run();
if ( array() === $sovereign_press_findings ) {
	echo "Architecture: clean (pure core, no namespace cycle, templates use their block's entry point).\n";
	exit( 0 );
}
fwrite( STDERR, 'Architecture check: ' . count( $sovereign_press_findings ) . " finding(s)\n" . implode( "\n", $sovereign_press_findings ) . "\n" );
exit( 1 );
