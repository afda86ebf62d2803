<?php
/**
 * The treasury on the local chain: native and ERC-20 balances of the treasury addresses, valued
 * with PriceFeed (tests/chain/contracts/PriceFeed.sol, an AggregatorV3-shaped feed), read at a
 * given block; stale, zero and negative answers refused.
 *
 * Each test sends two fresh treasury addresses ether and mints them SVOTE from
 * the founder (the token's owner), deploys its own feeds and reverts the chain afterwards.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\Treasury;
use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Transport;
use SovereignPress\Gating\Amount;
use SovereignPress\Plugin;
use SovereignPress\Settings\Settings;
use SovereignPress\Tests\Integration\TestCase;
use SovereignPress\Tests\Support\ChainTransports;
use SovereignPress\Tests\Support\CountingTransport;

final class TreasuryTest extends TestCase {

	private const SAFE     = '0x0000000000000000000000000000000000005afe';
	private const TIMELOCK = '0x00000000000000000000000000000000000071ce';

	/** An hour: the assets' maxAgeSeconds in these tests. */
	private const MAX_AGE = 3600;

	private Transport $node;

	private string $snapshot;

	protected function setUp(): void {
		parent::setUp();
		$this->node     = self::transport();
		$this->snapshot = (string) $this->node->call( 'evm_snapshot', array() );
		update_option(
			Settings::OPTION,
			array( 'networks' => array( array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'explorerUrl' => '' ) ) )
		);
	}

	protected function tearDown(): void {
		$this->node->call( 'evm_revert', array( $this->snapshot ) );
		parent::tearDown();
	}

	private static function token(): string {
		return self::deployment()['contracts']['token'];
	}

	/** 1.5 ETH and 100.5 SVOTE at the Safe, 0.25 ETH and 20 SVOTE at the Timelock. */
	private function fund(): void {
		$this->send( self::SAFE, '', '', 1500000000000000000 );
		$this->send( self::TIMELOCK, '', '', 250000000000000000 );
		$this->mint( self::SAFE, '100.5' );
		$this->mint( self::TIMELOCK, '20' );
	}

	private function mint( string $to, string $whole ): void {
		$this->send( self::token(), 'mint(address,uint256)', self::address_word( $to ) . Amount::to_word( Amount::scale( $whole, 18 ) ) );
	}

	/**
	 * A PriceFeed with 8 decimals whose answer is dated now.
	 */
	private function feed( string $description, string $answer ): string {
		$command = sprintf(
			'node %s %s PriceFeed %s 2>&1',
			escapeshellarg( dirname( __DIR__, 2 ) . '/support/deploy-contract.mjs' ),
			escapeshellarg( self::env( 'SP_RPC_URL' ) ),
			escapeshellarg( (string) wp_json_encode( array( '8', $description, $answer ) ) )
		);
		exec( $command, $output, $status );
		$this->assertSame( 0, $status, implode( "\n", $output ) );
		return implode( '', $output );
	}

	/**
	 * Sets a feed's answer (a signed decimal with 8 decimals' worth of digits) dated $updated_at.
	 */
	private function set_answer( string $feed, string $answer, int $updated_at ): void {
		$word = str_starts_with( $answer, '-' )
			? (string) hex2bin( gmp_strval( gmp_add( gmp_pow( 2, 256 ), gmp_init( $answer ) ), 16 ) )
			: Amount::to_word( $answer );
		$this->send( $feed, 'setAnswer(int256,uint256)', $word . Amount::to_word( (string) $updated_at ) );
	}

	/**
	 * A transaction from the founder: a call, or ether alone (no signature).
	 */
	private function send( string $to, string $signature, string $arguments, int $wei = 0 ): void {
		$data    = '' === $signature ? '' : Abi::selector( $signature ) . $arguments;
		$hash    = $this->node->call(
			'eth_sendTransaction',
			array(
				array(
					'from'  => self::deployment()['wallets'][0]['address'],
					'to'    => $to,
					'data'  => '0x' . bin2hex( $data ),
					'value' => Hex::int_to_quantity( $wei ),
				),
			)
		);
		$receipt = $this->node->call( 'eth_getTransactionReceipt', array( $hash ) );
		$this->assertSame( '0x1', $receipt['status'] ?? null, "{$signature} went through." );
	}

	private static function address_word( string $address ): string {
		return str_pad( Abi::hex_to_bytes( strtolower( $address ) ), 32, "\0", STR_PAD_LEFT );
	}

	private function head(): int {
		return Hex::quantity_to_int( $this->node->call( 'eth_blockNumber', array() ) );
	}

	private function timestamp( int $block ): int {
		return Hex::quantity_to_int( $this->node->call( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $block ), false ) )['timestamp'] );
	}

	/**
	 * @param list<array<string, mixed>> $assets Assets (chainId 31337 unless given).
	 * @return array<string, mixed>
	 */
	private static function census( array $assets ): array {
		return array(
			'treasury' => array(
				array( 'chainId' => 31337, 'address' => self::SAFE, 'label' => 'Safe' ),
				array( 'chainId' => 31337, 'address' => self::TIMELOCK, 'label' => 'Timelock' ),
				array( 'chainId' => 1, 'address' => self::SAFE, 'label' => 'Elsewhere' ),
			),
			'assets'   => array_map(
				static fn( array $asset ): array => $asset + array( 'chainId' => 31337, 'token' => '', 'priceFeed' => '', 'maxAgeSeconds' => self::MAX_AGE ),
				$assets
			),
		) + \SovereignPress\Census\CensusSettings::DEFAULTS;
	}

	private static function treasury(): Treasury {
		return new Treasury( Plugin::instance()->networks() );
	}

	public function test_balances_of_every_treasury_address_are_summed_and_valued_in_one_call_per_chain(): void {
		$this->fund();
		$eth     = $this->feed( 'ETH / USD', '300012345678' );
		$svote   = $this->feed( 'SVOTE / USD', '250000000' );
		$head    = $this->head();
		$counted = new CountingTransport( self::transport() );
		$census  = self::census(
			array(
				array( 'priceFeed' => $eth ),
				array( 'token' => self::token(), 'priceFeed' => $svote ),
			)
		);

		$figures = ( new Treasury( new ChainTransports( array( 31337 => $counted ) ) ) )->read( $census, array( 31337 => $head ) );

		$this->assertSame( array( array( 'eth_call' ) ), $counted->methods, 'One aggregate3 for the chain.' );
		$this->assertSame(
			array(
				'assets'     => array(
					array(
						'chainId'  => 31337,
						'token'    => '',
						'symbol'   => 'ETH',
						'decimals' => 18,
						'balance'  => '1750000000000000000',
						'amount'   => '1.75',
						'usd'      => '5250.21',
						'price'    => array( 'value' => '3000.12345678', 'updatedAt' => $this->timestamp( $head - 1 ), 'stale' => false ),
					),
					array(
						'chainId'  => 31337,
						'token'    => self::token(),
						'symbol'   => 'SVOTE',
						'decimals' => 18,
						'balance'  => '120500000000000000000',
						'amount'   => '120.5',
						'usd'      => '301.25',
						'price'    => array( 'value' => '2.5', 'updatedAt' => $this->timestamp( $head ), 'stale' => false ),
					),
				),
				'usdTotal'   => '5551.46',
				'incomplete' => false,
			),
			$figures
		);
	}

	public function test_the_figures_are_those_of_the_block_asked_for(): void {
		$before = $this->head();
		$this->fund();
		$census = self::census( array( array(), array( 'token' => self::token() ) ) );

		$then = self::treasury()->read( $census, array( 31337 => $before ) );
		$now  = self::treasury()->read( $census, array( 31337 => $this->head() ) );

		$this->assertSame( array( '0', '0' ), array_column( $then['assets'], 'balance' ) );
		$this->assertSame( array( '1.75', '120.5' ), array_column( $now['assets'], 'amount' ) );
		$this->assertSame( array( null, null ), array_column( $now['assets'], 'usd' ), 'No feed, no USD value.' );
		$this->assertNull( $now['usdTotal'] );
		$this->assertFalse( $now['incomplete'], 'Assets without a feed are complete as they are.' );
	}

	public function test_an_answer_older_than_the_max_age_at_the_block_is_refused_and_one_just_within_is_not(): void {
		$this->fund();
		$feed = $this->feed( 'ETH / USD', '300000000000' );
		// The answer is dated MAX_AGE seconds before the next block, which is mined at a set time.
		$next = $this->timestamp( $this->head() ) + 100;
		$this->set_answer( $feed, '300000000000', $next - self::MAX_AGE );
		$this->node->call( 'evm_setNextBlockTimestamp', array( Hex::int_to_quantity( $next ) ) );
		$this->node->call( 'evm_mine', array() );
		$census = self::census( array( array( 'priceFeed' => $feed ) ) );

		$fresh = self::treasury()->read( $census, array( 31337 => $this->head() ) );
		$this->assertSame( array( 'value' => '3000', 'updatedAt' => $next - self::MAX_AGE, 'stale' => false ), $fresh['assets'][0]['price'] );
		$this->assertSame( '5250.00', $fresh['assets'][0]['usd'] );

		$this->node->call( 'evm_mine', array() );
		$stale = self::treasury()->read( $census, array( 31337 => $this->head() ) );
		$this->assertTrue( $stale['assets'][0]['price']['stale'], 'Older than the max age at the next block.' );
		$this->assertNull( $stale['assets'][0]['usd'] );
		$this->assertSame( '1.75', $stale['assets'][0]['amount'], 'The balance still shows.' );
		$this->assertNull( $stale['usdTotal'] );
		$this->assertTrue( $stale['incomplete'] );
	}

	public function test_an_answer_dated_after_the_block_is_refused(): void {
		$this->fund();
		$feed = $this->feed( 'ETH / USD', '300000000000' );
		// A stuck or hostile feed dated ten years ahead would otherwise stay "fresh" for ten years.
		$ahead = $this->timestamp( $this->head() ) + 10 * 365 * DAY_IN_SECONDS;
		$this->set_answer( $feed, '300000000000', $ahead );
		$census = self::census( array( array( 'priceFeed' => $feed ) ) );

		$figures = self::treasury()->read( $census, array( 31337 => $this->head() ) );
		$this->assertSame( array( 'value' => '3000', 'updatedAt' => $ahead, 'stale' => true ), $figures['assets'][0]['price'] );
		$this->assertNull( $figures['assets'][0]['usd'] );
		$this->assertNull( $figures['usdTotal'] );
		$this->assertTrue( $figures['incomplete'] );
	}

	/**
	 * @return iterable<string, array{0: string, 1: string}>
	 */
	public static function refused_answers(): iterable {
		yield 'zero' => array( '0', '0' );
		yield 'negative' => array( '-150000000', '-1.5' );
	}

	/**
	 * @dataProvider refused_answers
	 */
	public function test_a_zero_or_negative_answer_is_refused( string $answer, string $shown ): void {
		$this->fund();
		$eth   = $this->feed( 'ETH / USD', '300000000000' );
		$svote = $this->feed( 'SVOTE / USD', '100000000' );
		$this->set_answer( $svote, $answer, 0 );
		$census = self::census( array( array( 'priceFeed' => $eth ), array( 'token' => self::token(), 'priceFeed' => $svote ) ) );

		$figures = self::treasury()->read( $census, array( 31337 => $this->head() ) );

		$this->assertSame( $shown, $figures['assets'][1]['price']['value'] );
		$this->assertTrue( $figures['assets'][1]['price']['stale'] );
		$this->assertNull( $figures['assets'][1]['usd'] );
		$this->assertSame( '5250.00', $figures['usdTotal'], 'Only the ether is valued.' );
		$this->assertTrue( $figures['incomplete'] );
	}

	public function test_a_feed_that_is_no_feed_gives_no_price_and_marks_the_figures_incomplete(): void {
		$this->fund();
		$census = self::census( array( array( 'priceFeed' => self::token() ) ) );

		$figures = self::treasury()->read( $census, array( 31337 => $this->head() ) );

		$this->assertNull( $figures['assets'][0]['price'] );
		$this->assertNull( $figures['assets'][0]['usd'] );
		$this->assertSame( '1.75', $figures['assets'][0]['amount'] );
		$this->assertTrue( $figures['incomplete'] );
	}

	public function test_a_token_that_is_no_erc20_and_an_unconfigured_or_unreachable_network_leave_their_assets_out(): void {
		$this->fund();
		$membership = self::deployment()['contracts']['membership'];
		$census     = self::census( array( array(), array( 'token' => $membership ), array( 'chainId' => 1 ) ) );

		$figures = self::treasury()->read( $census, array( 31337 => $this->head() ) );
		$this->assertSame( array( '' ), array_column( $figures['assets'], 'token' ), 'The NFT has no decimals; chain 1 is not configured.' );
		$this->assertTrue( $figures['incomplete'] );

		$down    = new Treasury( new ChainTransports( array( 31337 => self::transport( 'http://127.0.0.1:9/' ) ) ) );
		$figures = $down->read( self::census( array( array() ) ), array( 31337 => $this->head() ) );
		$this->assertSame( array( 'assets' => array(), 'usdTotal' => null, 'incomplete' => true ), $figures );
	}

	public function test_the_chains_read_are_those_of_the_assets(): void {
		$this->assertSame( array( 31337, 1 ), Treasury::chains( self::census( array( array(), array( 'token' => self::token() ), array( 'chainId' => 1 ) ) ) ) );
		$this->assertSame( array(), Treasury::chains( \SovereignPress\Census\CensusSettings::DEFAULTS ) );
	}
}
