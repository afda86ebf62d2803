<?php
/**
 * Gate rules decided from JSON-RPC answers recorded on the local chain's demo society
 * (tests/php/fixtures/rpc/gates.json), with no chain and no WordPress: the founder, citizen and
 * contributor (wallets 0-2) hold a Citizen NFT (ids 1, 2, 3), 1000/100/10 SVOTE and badges; the
 * visitor (wallet 3) holds nothing but ETH.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcTimeout;
use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Multicall3;
use SovereignPress\Chain\Transport;
use SovereignPress\Gating\Evaluator;
use SovereignPress\Tests\Support\ChainTransports;
use SovereignPress\Tests\Support\FailingTransport;
use SovereignPress\Tests\Support\RecordedTestCase;
use SovereignPress\Tests\Support\RecordedTransport;

final class EvaluatorTest extends RecordedTestCase {

	private const CHAIN = 31337;

	/** A second chain id; when recording, the same local node served it. */
	private const OTHER_CHAIN = 31338;

	protected static function fixture(): string {
		return 'gates';
	}

	/**
	 * The demo society's addresses (scripts/lib/chain.mjs writes them to deployment.json).
	 */
	protected static function live_inputs(): array {
		$deployment = json_decode( (string) file_get_contents( (string) getenv( 'SP_DEPLOYMENT' ) ), true, 512, JSON_THROW_ON_ERROR );
		return array(
			'wallets'   => array_column( $deployment['wallets'], 'address' ),
			'contracts' => array_intersect_key( $deployment['contracts'], array_flip( array( 'membership', 'token', 'badge' ) ) ),
		);
	}

	private static function wallet( int $index ): string {
		return self::inputs()['wallets'][ $index ];
	}

	private static function nft( ?string $token_id = null, int $chain = self::CHAIN ): array {
		return array( 'type' => 'erc721', 'chainId' => $chain, 'contract' => self::inputs()['contracts']['membership'] ) + ( null === $token_id ? array() : array( 'tokenId' => $token_id ) );
	}

	private static function votes( string $amount, int $chain = self::CHAIN ): array {
		return array( 'type' => 'erc20', 'chainId' => $chain, 'contract' => self::inputs()['contracts']['token'], 'amount' => $amount );
	}

	private static function badge( string $token_id, string $amount ): array {
		return array( 'type' => 'erc1155', 'chainId' => self::CHAIN, 'contract' => self::inputs()['contracts']['badge'], 'tokenId' => $token_id, 'amount' => $amount );
	}

	private static function native( string $amount ): array {
		return array( 'type' => 'native', 'chainId' => self::CHAIN, 'amount' => $amount );
	}

	/**
	 * @param array<int, Transport>      $transports By chain id.
	 * @param list<array<string, mixed>> $rules      Rules.
	 * @param list<string>               $wallets    The reader's wallets.
	 * @return list<string>
	 */
	private static function decide( array $transports, array $rules, array $wallets ): array {
		return ( new Evaluator( new ChainTransports( $transports ) ) )->evaluate_many( $rules, $wallets );
	}

	/**
	 * Decides rules on the local chain from one recorded scenario, which must be one aggregate3.
	 *
	 * @param list<array<string, mixed>> $rules
	 * @param list<string>               $wallets
	 * @return list<string>
	 */
	private function decide_recorded( string $scenario, array $rules, array $wallets ): array {
		$transport = $this->recorded( $scenario );
		$outcomes  = self::decide( array( self::CHAIN => $transport ), $rules, $wallets );
		self::assertOneAggregate3( $transport );
		return $outcomes;
	}

	private static function assertOneAggregate3( RecordedTransport $transport ): void {
		self::assertCount( 1, $transport->exchanges(), 'One request per chain.' );
		$request = $transport->exchanges()[0]['request'];
		self::assertSame( 'eth_call', $request['method'] );
		self::assertSame( Multicall3::ADDRESS, $request['params'][0]['to'] );
		self::assertStringStartsWith( '0x' . bin2hex( Abi::selector( 'aggregate3((address,bool,bytes)[])' ) ), $request['params'][0]['data'] );
	}

	public function test_every_rule_is_read_in_one_aggregate3_call_per_chain(): void {
		$local   = $this->recorded( 'one call per chain, first chain' );
		$other   = $this->recorded( 'one call per chain, second chain' );
		$factory = new ChainTransports( array( self::CHAIN => $local, self::OTHER_CHAIN => $other ) );
		$rules   = array(
			self::nft(),
			self::votes( '1' ),
			self::nft( '2' ),
			self::native( '1' ),
			self::badge( '2', '1' ),
			array( 'type' => 'all', 'conditions' => array( self::votes( '100', self::OTHER_CHAIN ), self::nft( null, self::OTHER_CHAIN ) ) ),
		);

		$outcomes = ( new Evaluator( $factory ) )->evaluate_many( $rules, array( self::wallet( 1 ), self::wallet( 2 ) ) );

		$this->assertSame( array_fill( 0, 6, Evaluator::GRANTED ), $outcomes );
		self::assertOneAggregate3( $local );
		self::assertOneAggregate3( $other );
		$this->assertSame( array( array( self::CHAIN, Evaluator::BUDGET ), array( self::OTHER_CHAIN, Evaluator::BUDGET ) ), $factory->asked );
	}

	public function test_holdings_are_summed_over_the_readers_wallets(): void {
		// 100 + 10 SVOTE; the visitor's wallet adds nothing, the citizen's NFT counts for both.
		$outcomes = $this->decide_recorded(
			'holdings summed over wallets',
			array( self::votes( '110' ), self::votes( '110.5' ), self::nft() ),
			array( self::wallet( 3 ), self::wallet( 1 ), self::wallet( 2 ) )
		);

		$this->assertSame( array( Evaluator::GRANTED, Evaluator::DENIED, Evaluator::GRANTED ), $outcomes );
	}

	public function test_an_erc20_threshold_exactly_at_and_just_above_the_holding(): void {
		$outcomes = $this->decide_recorded( 'erc20 threshold', array( self::votes( '100' ), self::votes( '100.000000000000000001' ) ), array( self::wallet( 1 ) ) );

		$this->assertSame( array( Evaluator::GRANTED, Evaluator::DENIED ), $outcomes );
	}

	public function test_erc721_any_token_and_a_given_token(): void {
		$rules = array( self::nft(), self::nft( '2' ), self::nft( '1' ) );

		$this->assertSame( array( Evaluator::GRANTED, Evaluator::GRANTED, Evaluator::DENIED ), $this->decide_recorded( 'erc721 citizen', $rules, array( self::wallet( 1 ) ) ) );
		$this->assertSame( array( Evaluator::DENIED, Evaluator::DENIED, Evaluator::DENIED ), $this->decide_recorded( 'erc721 visitor', $rules, array( self::wallet( 3 ) ) ) );
	}

	public function test_an_erc1155_balance_of_one_id(): void {
		$rules = array( self::badge( '2', '1' ), self::badge( '2', '2' ) );

		$this->assertSame( array( Evaluator::GRANTED, Evaluator::DENIED ), $this->decide_recorded( 'erc1155 contributor', $rules, array( self::wallet( 2 ) ) ) );
		$this->assertSame( array( Evaluator::DENIED, Evaluator::DENIED ), $this->decide_recorded( 'erc1155 citizen', $rules, array( self::wallet( 1 ) ) ) );
	}

	public function test_a_native_balance(): void {
		$outcomes = $this->decide_recorded( 'native', array( self::native( '1' ), self::native( '100000000' ) ), array( self::wallet( 3 ) ) );

		$this->assertSame( array( Evaluator::GRANTED, Evaluator::DENIED ), $outcomes );
	}

	public function test_a_call_that_fails_inside_aggregate3_grants_nothing(): void {
		// The NFT contract has no decimals(), so it is no ERC-20; token 999 does not exist, so ownerOf reverts.
		$not_erc20 = array( 'type' => 'erc20', 'chainId' => self::CHAIN, 'contract' => self::inputs()['contracts']['membership'], 'amount' => '0' );
		$transport = $this->recorded( 'failed calls inside aggregate3' );
		$outcomes  = self::decide( array( self::CHAIN => $transport ), array( $not_erc20, self::nft( '999' ), self::nft() ), array( self::wallet( 1 ) ) );

		$answers = Multicall3::decode( Abi::hex_to_bytes( $transport->exchanges()[0]['response']['result'] ) );
		$this->assertSame( array( false, true, false ), array_column( $answers, 'success' ), 'decimals() and ownerOf(999) failed; balanceOf() answered.' );
		$this->assertSame( array( Evaluator::DENIED, Evaluator::DENIED, Evaluator::GRANTED ), $outcomes );
	}

	/**
	 * @return iterable<string, array{0: array<string, mixed>}>
	 */
	public static function failed_reads(): iterable {
		yield 'a rate limit' => array( array( 'error' => array( 'code' => -32005, 'message' => 'daily request count exceeded, request rate limited' ) ) );
		yield 'a revert of aggregate3 itself' => array( array( 'error' => array( 'code' => 3, 'message' => 'execution reverted' ) ) );
		yield 'an answer that does not decode' => array( array( 'result' => '0x1234' ) );
	}

	/**
	 * @dataProvider failed_reads
	 *
	 * @param array<string, mixed> $answer What the node answers instead of the recorded result.
	 */
	public function test_a_failed_read_of_a_chain_makes_its_rules_unavailable( array $answer ): void {
		$transport = $this->recorded_with_answer( 'erc721 citizen', $answer );

		$outcomes = self::decide( array( self::CHAIN => $transport ), array( self::nft(), self::nft( '2' ), self::nft( '1' ) ), array( self::wallet( 1 ) ) );

		$this->assertSame( array_fill( 0, 3, Evaluator::UNAVAILABLE ), $outcomes );
	}

	public function test_an_unreachable_or_unconfigured_chain_is_unavailable_and_a_condition_without_it_still_decides(): void {
		$rules = array(
			self::nft(),
			array( 'type' => 'any', 'conditions' => array( self::nft(), array( 'type' => 'allowlist', 'addresses' => array( self::wallet( 1 ) ) ) ) ),
			array( 'type' => 'all', 'conditions' => array( self::nft(), array( 'type' => 'allowlist', 'addresses' => array( self::wallet( 3 ) ) ) ) ),
		);
		$expected = array( Evaluator::UNAVAILABLE, Evaluator::GRANTED, Evaluator::DENIED );
		foreach ( array( new RpcUnreachable( 'The JSON-RPC endpoint could not be reached (cURL error 7).' ), new RpcTimeout( 1.5 ) ) as $failure ) {
			$transport = new FailingTransport( $failure );
			$this->assertSame( $expected, self::decide( array( self::CHAIN => $transport ), $rules, array( self::wallet( 1 ) ) ) );
			$this->assertSame( 1, $transport->requests );
		}
		$this->assertSame( $expected, self::decide( array(), $rules, array( self::wallet( 1 ) ) ), 'A chain that is not configured.' );
	}

	public function test_a_reader_without_a_wallet_costs_no_request(): void {
		$transport = new FailingTransport( new RpcUnreachable( 'Not to be called.' ) );

		$outcomes = self::decide( array( self::CHAIN => $transport ), array( self::nft(), self::native( '0' ), array( 'type' => 'member' ) ), array() );

		$this->assertSame( array_fill( 0, 3, Evaluator::DENIED ), $outcomes );
		$this->assertSame( 0, $transport->requests );
	}

	public function test_an_empty_group_or_a_malformed_rule_grants_nothing_and_reads_nothing(): void {
		$rules = array(
			array( 'type' => 'all', 'conditions' => array() ),
			array( 'type' => 'any', 'conditions' => array() ),
			array( 'type' => 'erc721', 'chainId' => self::CHAIN, 'contract' => self::inputs()['contracts']['membership'], 'tokenId' => 2 ),
		);

		$this->assertSame( array_fill( 0, 3, Evaluator::DENIED ), self::decide( array( self::CHAIN => new RecordedTransport( 'nothing to read', array() ) ), $rules, array( self::wallet( 1 ) ) ) );
	}
}
