<?php
/**
 * Gate rules: the checks a schema cannot make, the canonical form, and the sentence readers see.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Gating\Rule;

final class RuleTest extends TestCase {

	private const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

	private const MAX_UINT256 = '115792089237316195423570985008687907853269984665640564039457584007913129639935';

	private const TWO_TO_THE_256 = '115792089237316195423570985008687907853269984665640564039457584007913129639936';

	/** 77 digits: the ENS token id of society.eth. */
	private const ENS_ID = '94250731554210039489822180635366392796594294608213416222659041377230662411270';

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

	public function test_token_ids_are_uint256_decimal_strings_up_to_2_to_the_256_minus_1(): void {
		$chains = array( 31337 );
		$nft    = static fn( string $id ): array => array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => self::CONTRACT, 'tokenId' => $id );
		$badge  = static fn( string $id ): array => array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => self::CONTRACT, 'tokenId' => $id, 'amount' => '1' );
		foreach ( array( $nft, $badge ) as $condition ) {
			$this->assertNull( Rule::problem( $condition( self::ENS_ID ), $chains ) );
			$this->assertNull( Rule::problem( $condition( self::MAX_UINT256 ), $chains ) );
			$this->assertNull( Rule::problem( $condition( '000' . substr( self::ENS_ID, 2 ) ), $chains ) );
			$this->assertSame( 'the token id is larger than 2^256 − 1, the largest a token can have.', Rule::problem( $condition( self::TWO_TO_THE_256 ), $chains ) );
			$this->assertSame( 'Condition 1: the token id is larger than 2^256 − 1, the largest a token can have.', Rule::problem( array( 'type' => 'any', 'conditions' => array( $condition( str_repeat( '9', 78 ) ) ) ), $chains ) );
			foreach ( array( '1.5', '-1', '0x1f', '1' . str_repeat( '0', 78 ), '0' . self::MAX_UINT256, '' ) as $bad ) {
				$this->assertSame( 'the token id must be a whole number of at most 78 digits.', Rule::problem( $condition( $bad ), $chains ), $bad );
			}
		}
		$this->assertSame( 'the token id must be a whole number of at most 78 digits.', Rule::problem( array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => self::CONTRACT, 'tokenId' => 42 ), $chains ), 'A JSON number is not an id: precision is lost beyond 2^53.' );

		$this->assertSame( self::ENS_ID, Rule::normalize( $nft( self::ENS_ID ) )['tokenId'] );
		$this->assertSame( substr( self::ENS_ID, 2 ), Rule::normalize( $nft( '000' . substr( self::ENS_ID, 2 ) ) )['tokenId'] );
		$this->assertSame( '0', Rule::normalize( $nft( '000' ) )['tokenId'] );
		$this->assertSame(
			'ENS #' . self::ENS_ID . ' on Local chain',
			Rule::summary( $nft( self::ENS_ID ) + array( 'label' => 'ENS' ), static fn( int $chain ): string => self::network_name( $chain ) )
		);
	}
}
