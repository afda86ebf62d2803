<?php
/**
 * Unit tests: the pure core only, no WordPress loaded.
 */

declare( strict_types=1 );

error_reporting( E_ALL );
require dirname( __DIR__, 3 ) . '/includes/autoload.php';
require __DIR__ . '/PublicVectors.php';
require dirname( __DIR__ ) . '/support/RecordedTransport.php';
require dirname( __DIR__ ) . '/support/FailingTransport.php';
require dirname( __DIR__ ) . '/support/ChainTransports.php';
require dirname( __DIR__ ) . '/support/Recording.php';
require dirname( __DIR__ ) . '/support/RecordedTestCase.php';
require dirname( __DIR__ ) . '/support/UntranslatedText.php';
require dirname( __DIR__ ) . '/support/ScriptedHttp.php';
