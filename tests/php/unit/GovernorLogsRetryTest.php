<?php
/**
 * Providers that refuse wide eth_getLogs ranges, with the error texts they really send, and a
 * Governor whose answers cannot be read: the Governor source through a fake node, no WordPress.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcErrorResponse;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Exception\RpcHttpError;
use SovereignPress\Chain\Hex;
use SovereignPress\Crypto\Address;
use SovereignPress\Gating\Amount;
use SovereignPress\Governance\Governor\GovernorLogs;
use SovereignPress\Governance\Governor\GovernorSource;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\SourceError;
use SovereignPress\Tests\Support\ChainTransports;
use SovereignPress\Tests\Support\RangeLimitedNode;

require_once dirname( __DIR__ ) . '/support/RangeLimitedNode.php';
require_once dirname( __DIR__ ) . '/support/TextShims.php';

final class GovernorLogsRetryTest extends TestCase {

	private const ID = '64370049505585798689628265172997843342360831265302227235068520462320953003819';

	/** Head block of the fake chain. */
	private const HEAD = 50000;

	/** Error texts as captured from the providers (GOVERNANCE-NOTES Part 3). */
	private const INFURA = array( 'code' => -32005, 'message' => 'query returned more than 10000 results. Try with this block range [0xBDE5F8, 0x102DBCC].' );

	private const ALCHEMY = array( 'code' => -32602, 'message' => 'Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of 10K logs in the response. Based on your parameters and the response size limit, this block range should work: [0x0, 0xd043b8]' );

	private const ALCHEMY_FREE = array( 'code' => -32600, 'message' => 'You can make eth_getLogs requests with up to a 500 block range. Based on your parameters, this block range should work: [0x1be4213, 0x1be4406]' );

	private const QUICKNODE = array( 'code' => -32614, 'message' => 'eth_getLogs is limited to a 10,000 range' );

	private static function governor(): string {
		return Address::checksum( '0x' . str_repeat( 'c0ffee', 6 ) . 'c0ff' );
	}

	/** A log at a block (only blockNumber matters to the retry). */
	private static function log_at( int $block ): array {
		return array( 'blockNumber' => Hex::int_to_quantity( $block ), 'data' => '0x' );
	}

	/**
	 * @return iterable<string, array{0:array{code:int, message:string}|int, 1:int, 2:int, 3:list<int>}>
	 */
	public static function refusals(): iterable {
		// Refusal, the node's limit, the first chunk, the chunk of each request that follows.
		yield 'Infura -32005, its suggested range wider than the chunk: halved' => array( self::INFURA, 2500, 10000, array( 5000, 2500 ) );
		yield 'Alchemy -32602, its suggested range wider than the chunk: halved' => array( self::ALCHEMY, 2000, 10000, array( 5000, 2500, 1250 ) );
		yield 'Alchemy free tier -32600: the 500 blocks it suggests' => array( self::ALCHEMY_FREE, 500, 10000, array( 500 ) );
		yield 'QuickNode -32614: the 10,000 blocks it names' => array( self::QUICKNODE, 10000, 50000, array( 10000 ) );
		yield 'QuickNode HTTP 413: halved' => array( 413, 10000, 50000, array( 25000, 12500, 6250 ) );
	}

	/**
	 * @dataProvider refusals
	 * @param array{code:int, message:string}|int $refusal
	 * @param list<int>                          $then
	 */
	public function test_a_refused_range_is_asked_again_in_the_chunks_the_provider_takes( array|int $refusal, int $limit, int $chunk, array $then ): void {
		$held = array( self::log_at( 3 ), self::log_at( 20001 ), self::log_at( 39999 ), self::log_at( 40000 ), self::log_at( 49999 ) );
		$node = new RangeLimitedNode( $limit, $refusal, $held );
		$logs = new GovernorLogs( $chunk );

		$found = $logs->fetch( $node, array( 'address' => self::governor() ), 0, 49999 );

		$this->assertSame( $held, $found, 'Every log of the range, oldest first.' );
		$this->assertCount( 1 + count( $then ), $node->requests, 'One request per chunk size tried.' );
		foreach ( $then as $index => $size ) {
			$ranges = $node->log_ranges()[ $index + 1 ];
			$this->assertSame( $size, $ranges[0][1] - $ranges[0][0] + 1, "Request {$index}: chunks of {$size} blocks." );
			$this->assertSame( array( 0, 49999 ), array( min( array_column( $ranges, 0 ) ), max( array_column( $ranges, 1 ) ) ), 'The chunks cover the range.' );
		}
		$this->assertSame( end( $then ), $logs->chunk() );

		$node->requests = array();
		$logs->fetch( $node, array( 'address' => self::governor() ), 0, 49999 );
		$this->assertCount( 1, $node->requests, 'The next search starts at the size that worked.' );
	}

	public function test_other_errors_and_limits_below_the_smallest_chunk_are_thrown_at_once(): void {
		foreach (
			array(
				'a node error' => array( array( 'code' => -32000, 'message' => 'header not found' ), RpcErrorResponse::class ),
				'rate limiting' => array( array( 'code' => -32005, 'message' => 'daily request count exceeded, request rate limited' ), RpcErrorResponse::class ),
				'HTTP 429' => array( 429, RpcHttpError::class ),
				'a 10-block free tier' => array( array( 'code' => -32600, 'message' => 'You can make eth_getLogs requests with up to a 10 block range. Based on your parameters, this block range should work: [0x1be4213, 0x1be421c]' ), RpcErrorResponse::class ),
			) as $case => [ $refusal, $class ]
		) {
			$node = new RangeLimitedNode( 10, $refusal );
			try {
				( new GovernorLogs() )->fetch( $node, array(), 0, 49999 );
				$this->fail( "{$case}: no exception." );
			} catch ( RpcException $error ) {
				$this->assertInstanceOf( $class, $error, $case );
				$this->assertCount( 1, $node->requests, "{$case}: not asked again." );
			}
		}
		$node = new RangeLimitedNode( 50, self::QUICKNODE );
		$this->expectException( RpcErrorResponse::class );
		( new GovernorLogs() )->fetch( $node, array(), 0, 120 );
	}

	/**
	 * A node serving one OpenZeppelin Governor (timestamp clock, so its description is searched
	 * over the whole look-back) and Multicall3.
	 *
	 * @param array<string, array{0:bool, 1:string}> $override Answers by function signature.
	 * @param array{code:int, message:string}|int    $refusal  What the node says to a wide log range.
	 */
	private static function node( array $override = array(), int $limit = PHP_INT_MAX, array|int $refusal = 413 ): RangeLimitedNode {
		$word    = static fn ( int $n ): string => Abi::uint( $n );
		$string  = static fn ( string $s ): string => Abi::uint( 32 ) . Abi::uint( strlen( $s ) ) . str_pad( $s, (int) ceil( strlen( $s ) / 32 ) * 32, "\0" );
		$address = static fn ( string $a ): string => str_pad( Abi::hex_to_bytes( strtolower( $a ) ), 32, "\0", STR_PAD_LEFT );
		$units   = static fn ( string $whole ): string => Amount::to_word( Amount::scale( $whole, 18 ) );
		$answers = $override + array(
			'getBlockNumber()'           => array( true, $word( self::HEAD ) ),
			'getCurrentBlockTimestamp()' => array( true, $word( 1700000000 ) ),
			'COUNTING_MODE()'            => array( true, $string( 'support=bravo&quorum=for,abstain' ) ),
			'CLOCK_MODE()'               => array( true, $string( 'mode=timestamp' ) ),
			'token()'                    => array( true, $address( '0x' . str_repeat( '11', 20 ) ) ),
			'name()'                     => array( true, $string( 'Test Governor' ) ),
			'votingDelay()'              => array( true, $word( 60 ) ),
			'state(uint256)'             => array( true, $word( 1 ) ),
			'proposalVotes(uint256)'     => array( true, $units( '10' ) . $units( '30' ) . $units( '5' ) ),
			'proposalSnapshot(uint256)'  => array( true, $word( 1699990000 ) ),
			'proposalDeadline(uint256)'  => array( true, $word( 1700090000 ) ),
			'proposalProposer(uint256)'  => array( true, $address( '0x' . str_repeat( '22', 20 ) ) ),
			'decimals()'                 => array( true, $word( 18 ) ),
			'symbol()'                   => array( true, $string( 'TGOV' ) ),
			'quorum(uint256)'            => array( true, $units( '40' ) ),
		);
		$by_selector = array();
		foreach ( $answers as $signature => $answer ) {
			$by_selector[ Abi::selector( $signature ) ] = $answer;
		}
		$aggregate3 = static function ( array $params ) use ( $by_selector ): string {
			$data    = substr( Abi::hex_to_bytes( $params[0]['data'] ), 4 );
			$count   = Abi::small_uint( $data, 32 );
			$results = array();
			for ( $i = 0; $i < $count; $i++ ) {
				$tuple              = 64 + Abi::small_uint( $data, 64 + 32 * $i );
				$at                 = $tuple + Abi::small_uint( $data, $tuple + 64 );
				[ $success, $bytes ] = $by_selector[ substr( $data, $at + 32, 4 ) ] ?? array( false, '' );
				$results[]          = Abi::encode( array( array( 'bytes32', Abi::uint( $success ? 1 : 0 ) ), array( 'bytes', $bytes ) ) );
			}
			$heads = '';
			$tails = '';
			foreach ( $results as $result ) {
				$heads .= Abi::uint( 32 * count( $results ) + strlen( $tails ) );
				$tails .= $result;
			}
			return '0x' . bin2hex( Abi::uint( 32 ) . Abi::uint( count( $results ) ) . $heads . $tails );
		};

		$description = "# Fund the archive\n\nScan **every** minute book.";
		$created     = Amount::to_word( self::ID ) . $address( '0x' . str_repeat( '22', 20 ) );
		for ( $i = 0; $i < 4; $i++ ) {
			$created .= Abi::uint( 9 * 32 + 32 * $i );
		}
		$created .= Amount::to_word( '1699990000' ) . Amount::to_word( '1700090000' ) . Abi::uint( 13 * 32 );
		$created .= str_repeat( Abi::uint( 0 ), 4 ) . Abi::uint( strlen( $description ) ) . str_pad( $description, 64, "\0" );
		$log = array(
			'address'     => strtolower( self::governor() ),
			'blockNumber' => Hex::int_to_quantity( 12345 ),
			'data'        => '0x' . bin2hex( $created ),
		);
		return new RangeLimitedNode( $limit, $refusal, array( $log ), array( 'eth_call' => $aggregate3 ) );
	}

	private static function fetch( RangeLimitedNode $node, int $log_chunk = GovernorSource::LOG_CHUNK ): Proposal|SourceError {
		$ref = ProposalRef::governor( 1, self::governor(), self::ID );
		return ( new GovernorSource( new ChainTransports( array( 1 => $node ) ), null, GovernorSource::LOOK_BACK, $log_chunk, 1.0 ) )->fetch( array( $ref ) )[ $ref->key() ];
	}

	public function test_the_source_reads_a_proposal_in_two_requests_through_a_node_that_takes_every_range(): void {
		$node     = self::node();
		$proposal = self::fetch( $node );
		$this->assertInstanceOf( Proposal::class, $proposal );
		$this->assertSame( array( 'Fund the archive', 'Scan **every** minute book.', 'active', 'TGOV', '40', '35' ), array( $proposal->title, $proposal->body, $proposal->state, $proposal->symbol, $proposal->quorum, $proposal->quorum_votes ) );
		$this->assertSame( array( '30', '10', '5' ), array_map( static fn ( $c ): string => $c->amount, $proposal->choices ), 'For, Against, Abstain from (against, for, abstain).' );
		$this->assertCount( 2, $node->requests );
	}

	/**
	 * @return iterable<string, array{0:array{code:int, message:string}|int, 1:int, 2:int}>
	 */
	public static function refusing_nodes(): iterable {
		// Refusal, the chunk that is answered, the requests it takes.
		yield 'QuickNode -32614: the size it names' => array( self::QUICKNODE, 10000, 4 );
		yield 'QuickNode HTTP 413: halved until answered' => array( 413, 6250, 6 );
	}

	/**
	 * @dataProvider refusing_nodes
	 * @param array{code:int, message:string}|int $refusal
	 */
	public function test_the_source_finds_the_description_when_the_provider_refuses_its_log_range( array|int $refusal, int $chunk, int $requests ): void {
		$node     = self::node( array(), 10000, $refusal );
		$proposal = self::fetch( $node, 50000 );
		$this->assertInstanceOf( Proposal::class, $proposal, $proposal instanceof SourceError ? $proposal->getMessage() : '' );
		$this->assertSame( 'Fund the archive', $proposal->title );
		$this->assertSame( '40', $proposal->quorum );
		// Round 1; round 2 refused; its calls again without the logs; the logs in smaller chunks.
		$this->assertCount( $requests, $node->requests );
		$this->assertSame( array( 'eth_call' ), array_column( $node->requests[2], 0 ) );
		$ranges = $node->log_ranges()[ $requests - 1 ];
		$this->assertSame( $chunk, $ranges[0][1] - $ranges[0][0] + 1 );
		$this->assertSame( array( 0, self::HEAD ), array( min( array_column( $ranges, 0 ) ), max( array_column( $ranges, 1 ) ) ) );
	}

	/**
	 * @return iterable<string, array{0:array<string, array{0:bool, 1:string}>}>
	 */
	public static function unreadable(): iterable {
		yield 'Multicall3 without a block number' => array( array( 'getBlockNumber()' => array( false, '' ) ) );
		yield 'a state outside the enum' => array( array( 'state(uint256)' => array( true, Abi::uint( 9 ) ) ) );
		yield 'tallies of two words' => array( array( 'proposalVotes(uint256)' => array( true, Abi::uint( 1 ) . Abi::uint( 2 ) ) ) );
		yield 'no snapshot' => array( array( 'proposalSnapshot(uint256)' => array( false, '' ) ) );
	}

	/**
	 * @dataProvider unreadable
	 * @param array<string, array{0:bool, 1:string}> $override
	 */
	public function test_answers_that_cannot_be_read_are_malformed_not_a_proposal( array $override ): void {
		$node   = self::node( $override );
		$result = self::fetch( $node );
		$this->assertInstanceOf( SourceError::class, $result );
		$this->assertSame( SourceError::MALFORMED, $result->reason );
		$this->assertSame( 'The Governor answered with data that cannot be read.', $result->getMessage() );
		$this->assertNotContains( 'eth_getLogs', array_column( array_merge( ...$node->requests ), 0 ), 'No description is searched for.' );
	}
}
