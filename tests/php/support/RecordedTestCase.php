<?php
/**
 * Base of the unit tests that replay recorded JSON-RPC answers.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use PHPUnit\Framework\TestCase;

/**
 * Each test asks for a transport per scenario; after the test, every recorded request must have
 * been made, so code that stops asking the chain what it asked when recorded fails too.
 */
abstract class RecordedTestCase extends TestCase {

	/** @var array<string, Recording> By test class. */
	private static array $recordings = array();

	/** @var list<RecordedTransport> */
	private array $transports = array();

	/**
	 * Name of the recording file under tests/php/fixtures/rpc/.
	 */
	abstract protected static function fixture(): string;

	/**
	 * What a recording run starts from, read from the live stack (deployment, signed messages).
	 *
	 * @return array<string, mixed>
	 */
	abstract protected static function live_inputs(): array;

	protected static function recording(): Recording {
		return self::$recordings[ static::class ] ??= new Recording( static::fixture(), static fn(): array => static::live_inputs() );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected static function inputs(): array {
		return self::recording()->inputs();
	}

	protected function recorded( string $scenario ): RecordedTransport {
		$transport          = self::recording()->transport( $scenario );
		$this->transports[] = $transport;
		return $transport;
	}

	/**
	 * A scenario's recorded requests, with the node's last answer replaced (a failure the local
	 * chain does not produce, such as a provider's rate limit).
	 *
	 * @param array<string, mixed> $answer The JSON-RPC answer to give instead.
	 */
	protected function recorded_with_answer( string $scenario, array $answer ): RecordedTransport {
		if ( Recording::recording() ) {
			$this->markTestSkipped( 'Derived from a recording; runs when replaying.' );
		}
		$exchanges = self::recording()->exchanges( $scenario );
		$last      = count( $exchanges ) - 1;
		$exchanges[ $last ]['response'] = array(
			'jsonrpc' => '2.0',
			'id'      => $exchanges[ $last ]['request']['id'],
		) + $answer;
		$transport          = new RecordedTransport( $scenario . ' (answer changed)', $exchanges );
		$this->transports[] = $transport;
		return $transport;
	}

	protected function assertPostConditions(): void {
		foreach ( $this->transports as $transport ) {
			$this->assertSame( 0, $transport->unused(), 'The code made every request it made when recorded.' );
		}
		parent::assertPostConditions();
	}

	public static function tearDownAfterClass(): void {
		if ( isset( self::$recordings[ static::class ] ) ) {
			self::$recordings[ static::class ]->save();
		}
		parent::tearDownAfterClass();
	}
}
