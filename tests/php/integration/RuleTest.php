<?php
/**
 * Gate rules: the checks a schema cannot make, the canonical form, and the sentence readers see.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Gating\Rule;

final class RuleTest extends TestCase {

	private const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

	private static function network_name( int $chain ): string {
		return 31337 === $chain ? 'Local chain' : "chain {$chain}";
	}

	/**
	 * @return array<string, array{0: array<string, mixed>, 1: string}>
	 */
	public static function summaries(): array {
		$c = self::CONTRACT;
		return array(
			'nft with a label'     => array( array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => $c, 'label' => 'Citizen NFT' ), '1 Citizen NFT on Local chain' ),
			'nft without a label'  => array( array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => $c ), '1 NFT of 0x5FbD…0aa3 on Local chain' ),
			'a given nft'          => array( array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => $c, 'tokenId' => '7', 'label' => 'Citizen NFT' ), 'Citizen NFT #7 on Local chain' ),
			'erc-20'               => array( array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => $c, 'amount' => '2.5', 'label' => 'SVOTE' ), '2.5 SVOTE on Local chain' ),
			'erc-1155'             => array( array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => $c, 'tokenId' => '2', 'amount' => '1', 'label' => 'Core badge' ), '1 Core badge #2 on Local chain' ),
			'native'               => array( array( 'type' => 'native', 'chainId' => 1, 'amount' => '0.1', 'label' => 'ETH' ), '0.1 ETH on chain 1' ),
			'allowlist'            => array( array( 'type' => 'allowlist', 'addresses' => array( $c, $c ) ), 'a wallet on an allowlist of 2 addresses' ),
			'member'               => array( array( 'type' => 'member' ), 'a linked wallet' ),
			'nested any in an all' => array(
				array(
					'type'       => 'all',
					'conditions' => array(
						array( 'type' => 'member' ),
						array( 'type' => 'any', 'conditions' => array( array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => $c, 'amount' => '1', 'label' => 'A' ), array( 'type' => 'erc20', 'chainId' => 31337, 'contract' => $c, 'amount' => '2', 'label' => 'B' ) ) ),
					),
				),
				'a linked wallet and (1 A on Local chain or 2 B on Local chain)',
			),
		);
	}

	/**
	 * @dataProvider summaries
	 */
	public function test_summaries_read_as_plain_language( array $rule, string $expected ): void {
		$this->assertSame( $expected, Rule::summary( $rule, static fn( int $chain ): string => self::network_name( $chain ) ) );
	}

	public function test_problems_name_the_condition_and_what_to_do(): void {
		$rule = array(
			'type'       => 'all',
			'conditions' => array(
				array( 'type' => 'member' ),
				array( 'type' => 'any', 'conditions' => array( array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => self::CONTRACT, 'tokenId' => '1', 'amount' => '1.5' ) ) ),
			),
		);
		$this->assertSame( 'Condition 2.1: ERC-1155 amounts are whole numbers.', Rule::problem( $rule, array( 31337 ) ) );
		$this->assertSame( 'Condition 2.1: chain 31337 is not one of the networks in Settings > Sovereign Press.', Rule::problem( $rule, array( 1 ) ) );
		$this->assertNull( Rule::problem( array( 'type' => 'native', 'chainId' => 1, 'amount' => '0.01' ), array( 1 ) ) );

		$deep = array( 'type' => 'member' );
		for ( $i = 0; $i <= Rule::MAX_DEPTH; $i++ ) {
			$deep = array( 'type' => 'all', 'conditions' => array( $deep ) );
		}
		$this->assertStringContainsString( 'at most 3 levels', (string) Rule::problem( $deep, array() ) );
	}

	public function test_normalize_checksums_addresses_and_drops_unknown_keys(): void {
		$rule = Rule::normalize(
			array(
				'type'      => 'allowlist',
				'addresses' => array( strtolower( self::CONTRACT ), self::CONTRACT ),
				'chainId'   => 5,
				'extra'     => 'x',
			)
		);
		$this->assertSame( array( 'type' => 'allowlist', 'addresses' => array( self::CONTRACT ) ), $rule );
		$this->assertSame( '12', Rule::normalize( array( 'type' => 'erc721', 'chainId' => 1, 'contract' => self::CONTRACT, 'tokenId' => '0012' ) )['tokenId'] );
	}
}
