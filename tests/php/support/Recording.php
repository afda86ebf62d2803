<?php
/**
 * JSON-RPC answers recorded from the local chain, one JSON file per test class.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

use PHPUnit\Framework\Assert;

/**
 * A recording file (tests/php/fixtures/rpc/{name}.json) holds what the tests started from on the
 * chain (addresses, signed messages: "inputs") and, per scenario, the exchanges the code had with
 * the node. Tests replay it with no chain at all.
 *
 * With SP_RECORD_RPC set to a node's URL (tests/php/fixtures/rpc/record.mjs does this), the same
 * tests run against that node instead: inputs come from the live stack, every request goes to the
 * node, and save() rewrites the file with what was said.
 */
final class Recording {

	public const RECORD_ENV = 'SP_RECORD_RPC';

	/** @var array{about:string, node:string, inputs:array<string, mixed>, scenarios:array<string, list<array{request:mixed, response:mixed}>>} */
	private array $data;

	/** @var array<string, RecordedTransport> Transports recording, by scenario. */
	private array $recorders = array();

	/**
	 * @param \Closure(): array<string, mixed> $inputs What to start from when recording.
	 */
	public function __construct( private string $name, \Closure $inputs ) {
		if ( self::recording() ) {
			$this->data = array(
				'about'     => 'JSON-RPC exchanges recorded from the local hardhat chain with the demo society, replayed by tests/php/unit. Made by tests/php/fixtures/rpc/record.mjs; see README.md there.',
				'node'      => '',
				'inputs'    => $inputs(),
				'scenarios' => array(),
			);
			return;
		}
		$file = self::file( $name );
		Assert::assertFileExists( $file, 'Recording missing: run node tests/php/fixtures/rpc/record.mjs.' );
		$this->data = json_decode( (string) file_get_contents( $file ), true, 512, JSON_THROW_ON_ERROR );
	}

	public static function recording(): bool {
		return '' !== (string) getenv( self::RECORD_ENV );
	}

	private static function file( string $name ): string {
		return dirname( __DIR__ ) . "/fixtures/rpc/{$name}.json";
	}

	/**
	 * @return array<string, mixed>
	 */
	public function inputs(): array {
		return $this->data['inputs'];
	}

	/**
	 * A transport for one scenario: replaying it, or recording it from the node.
	 */
	public function transport( string $scenario ): RecordedTransport {
		if ( self::recording() ) {
			Assert::assertArrayNotHasKey( $scenario, $this->recorders, "Scenario {$scenario} is recorded twice." );
			$this->recorders[ $scenario ] = new RecordedTransport( $scenario, array(), self::sender() );
			return $this->recorders[ $scenario ];
		}
		return new RecordedTransport( $scenario, $this->exchanges( $scenario ) );
	}

	/**
	 * The recorded exchanges of a scenario (to replay them with one answer changed).
	 *
	 * @return list<array{request:mixed, response:mixed}>
	 */
	public function exchanges( string $scenario ): array {
		Assert::assertArrayHasKey( $scenario, $this->data['scenarios'], "Scenario {$scenario} was not recorded: run node tests/php/fixtures/rpc/record.mjs." );
		return $this->data['scenarios'][ $scenario ];
	}

	/**
	 * Recording: writes the file with every scenario recorded in this run.
	 */
	public function save(): void {
		if ( ! self::recording() ) {
			return;
		}
		$version = json_decode( ( self::sender() )( '{"jsonrpc":"2.0","id":1,"method":"web3_clientVersion","params":[]}' ), true );
		$this->data['node'] = (string) ( $version['result'] ?? '' );
		foreach ( $this->recorders as $scenario => $transport ) {
			$this->data['scenarios'][ $scenario ] = $transport->exchanges();
		}
		file_put_contents( self::file( $this->name ), json_encode( $this->data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR ) . "\n" );
	}

	/**
	 * Posts a JSON-RPC body to the node named by SP_RECORD_RPC and returns its answer.
	 *
	 * @return \Closure(string): string
	 */
	private static function sender(): \Closure {
		$url = (string) getenv( self::RECORD_ENV );
		return static function ( string $body ) use ( $url ): string {
			$context = stream_context_create(
				array(
					'http' => array(
						'method'        => 'POST',
						'header'        => "Content-Type: application/json\r\n",
						'content'       => $body,
						'timeout'       => 30,
						'ignore_errors' => true,
					),
				)
			);
			$answer = file_get_contents( $url, false, $context );
			Assert::assertIsString( $answer, "The node at {$url} did not answer." );
			return $answer;
		};
	}
}
