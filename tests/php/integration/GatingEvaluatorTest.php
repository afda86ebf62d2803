<?php
/**
 * Gate rules decided from the local chain's demo society (scripts/lib/chain.mjs): the founder,
 * citizen and contributor hold a Citizen NFT (ids 1, 2, 3), 1000/100/10 SVOTE and badges; the
 * visitor holds nothing but ETH.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Gating\Evaluator;
use SovereignPress\Plugin;

final class GatingEvaluatorTest extends TestCase {

	private static function wallet( int $index ): string {
		return self::deployment()['wallets'][ $index ]['address'];
	}

	private static function contract( string $name ): string {
		return self::deployment()['contracts'][ $name ];
	}

	private function evaluate( array $rule, array $wallets, ?string $rpc_url = null ): string {
		update_option(
			Settings::OPTION,
			array(
				'networks' => array(
					array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => $rpc_url ?? self::env( 'SP_RPC_URL' ), 'explorerUrl' => '' ),
				),
			)
		);
		return ( new Evaluator( Plugin::instance()->networks() ) )->evaluate( $rule, $wallets );
	}

	private static function nft( ?string $token_id = null ): array {
		return array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => self::contract( 'membership' ) ) + ( null === $token_id ? array() : array( 'tokenId' => $token_id ) );
	}

	private static function votes( string $amount ): array {
		return array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => self::contract( 'token' ), 'amount' => $amount );
	}

	public function test_an_nft_holder_is_granted_and_a_non_holder_denied(): void {
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( self::nft(), array( self::wallet( 1 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( self::nft(), array( self::wallet( 3 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( self::nft(), array() ) );
	}

	public function test_holdings_of_a_second_linked_wallet_count(): void {
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( self::nft(), array( self::wallet( 3 ), self::wallet( 1 ) ) ) );
	}

	public function test_erc20_threshold_exactly_at_and_just_above_the_holding(): void {
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( self::votes( '100' ), array( self::wallet( 1 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( self::votes( '100.000000000000000001' ), array( self::wallet( 1 ) ) ) );
	}

	public function test_erc20_holdings_are_summed_over_linked_wallets(): void {
		$both = array( self::wallet( 1 ), self::wallet( 2 ) );
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( self::votes( '110' ), $both ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( self::votes( '110.5' ), $both ) );
	}

	public function test_a_specific_nft_and_an_erc1155_badge_id(): void {
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( self::nft( '2' ), array( self::wallet( 1 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( self::nft( '2' ), array( self::wallet( 2 ) ) ) );

		$core = array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => self::contract( 'badge' ), 'tokenId' => '2', 'amount' => '1' );
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( $core, array( self::wallet( 2 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( $core, array( self::wallet( 1 ) ) ) );
	}

	public function test_native_balance_and_allowlist(): void {
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( array( 'type' => 'native', 'chainId' => 31337, 'amount' => '1' ), array( self::wallet( 3 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( array( 'type' => 'native', 'chainId' => 31337, 'amount' => '100000000' ), array( self::wallet( 3 ) ) ) );
		$list = array( 'type' => 'allowlist', 'addresses' => array( strtolower( self::wallet( 3 ) ) ) );
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( $list, array( self::wallet( 3 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( $list, array( self::wallet( 2 ) ) ) );
	}

	public function test_nested_any_and_all_groups(): void {
		$rule = array(
			'type'       => 'any',
			'conditions' => array(
				array( 'type' => 'all', 'conditions' => array( self::nft(), self::votes( '50' ) ) ),
				array( 'type' => 'allowlist', 'addresses' => array( self::wallet( 3 ) ) ),
			),
		);
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( $rule, array( self::wallet( 1 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( $rule, array( self::wallet( 2 ) ) ), '10 SVOTE is below 50.' );
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( $rule, array( self::wallet( 3 ) ) ) );
	}

	public function test_every_condition_on_a_chain_is_read_in_one_request(): void {
		$requests = 0;
		$count    = static function ( $pre ) use ( &$requests ) {
			++$requests;
			return $pre;
		};
		add_filter( 'pre_http_request', $count );
		$rule = array(
			'type'       => 'all',
			'conditions' => array( self::nft(), self::votes( '1' ), self::nft( '2' ), array( 'type' => 'native', 'chainId' => 31337, 'amount' => '1' ) ),
		);
		$outcome = $this->evaluate( $rule, array( self::wallet( 1 ), self::wallet( 2 ) ) );
		remove_filter( 'pre_http_request', $count );

		$this->assertSame( Evaluator::GRANTED, $outcome );
		$this->assertSame( 1, $requests );
	}

	public function test_an_unreachable_or_hanging_node_fails_closed_within_the_budget(): void {
		$this->assertSame( Evaluator::UNAVAILABLE, $this->evaluate( self::nft(), array( self::wallet( 1 ) ), 'http://127.0.0.1:9' ) );

		$started = microtime( true );
		$this->assertSame( Evaluator::UNAVAILABLE, $this->evaluate( self::nft(), array( self::wallet( 1 ) ), self::env( 'SP_FAKE_RPC_URL' ) . '/hang' ) );
		$this->assertLessThan( 3.0, microtime( true ) - $started, 'The 1.5 s budget holds.' );

		// A condition that needs no chain still decides an "any" group.
		$rule = array( 'type' => 'any', 'conditions' => array( self::nft(), array( 'type' => 'allowlist', 'addresses' => array( self::wallet( 3 ) ) ) ) );
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( $rule, array( self::wallet( 3 ) ), 'http://127.0.0.1:9' ) );
	}

	public function test_a_specific_token_counts_only_for_its_owner(): void {
		// Token 1 was minted to the founder.
		$this->assertSame( Evaluator::DENIED, $this->evaluate( self::nft( '1' ), array( self::wallet( 1 ) ) ) );
		$this->assertSame( Evaluator::GRANTED, $this->evaluate( self::nft( '1' ), array( self::wallet( 0 ) ) ) );
	}

	public function test_an_empty_group_grants_nothing(): void {
		$this->assertSame( Evaluator::DENIED, $this->evaluate( array( 'type' => 'all', 'conditions' => array() ), array( self::wallet( 1 ) ) ) );
		$this->assertSame( Evaluator::DENIED, $this->evaluate( array( 'type' => 'any', 'conditions' => array() ), array( self::wallet( 1 ) ) ) );
	}
}
