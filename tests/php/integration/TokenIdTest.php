<?php
/**
 * Token ids are uint256: a gate on a 77-digit id (as ENS names and many collections use) grants
 * its holder and denies everyone else, on the local chain, from the rule check to the ABI word
 * sent to the contract; ids above 2^256 - 1 are refused with a clear message.
 *
 * Each test mints, from the founder (wallet 0, the contracts' owner), Citizen NFT ENS_ID to the
 * citizen (wallet 1) and 3 badges of id ENS_ID to the contributor (wallet 2), and reverts the
 * chain afterwards.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration;

use SovereignPress\Settings\Settings;
use SovereignPress\Chain\Transport;
use SovereignPress\Gating\Evaluator;
use SovereignPress\Gating\Gates;
use SovereignPress\Plugin;

final class TokenIdTest extends TestCase {

	/** 77 digits: the ENS token id of society.eth (labelhash of "society"). */
	private const ENS_ID = '94250731554210039489822180635366392796594294608213416222659041377230662411270';

	/** ENS_ID as a uint256 ABI word (viem: labelhash('society')). */
	private const ENS_ID_WORD = 'd060060be06c128738cf6c06e7bfd6d186b5fda40623044ef1ca3a34dc982406';

	private const TWO_TO_THE_256 = '115792089237316195423570985008687907853269984665640564039457584007913129639936';

	private const CANARY = 'canary-5d1e: society.eth holders meet at noon.';

	private Transport $node;

	private string $snapshot;

	protected function setUp(): void {
		parent::setUp();
		update_option(
			Settings::OPTION,
			array(
				'networks' => array(
					array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'explorerUrl' => '' ),
				),
			)
		);
		Plugin::instance()->decisions()->reset();
		$this->node     = self::transport();
		$this->snapshot = (string) $this->node->call( 'evm_snapshot', array() );
		$word           = static fn( string $address ): string => str_pad( substr( strtolower( $address ), 2 ), 64, '0', STR_PAD_LEFT );
		// mintId(address,uint256) and mint(address,uint256,uint256).
		$this->send( self::contract( 'membership' ), '0x' . bin2hex( \SovereignPress\Chain\Abi::selector( 'mintId(address,uint256)' ) ) . $word( self::wallet( 1 ) ) . self::ENS_ID_WORD );
		$this->send( self::contract( 'badge' ), '0x' . bin2hex( \SovereignPress\Chain\Abi::selector( 'mint(address,uint256,uint256)' ) ) . $word( self::wallet( 2 ) ) . self::ENS_ID_WORD . str_pad( '3', 64, '0', STR_PAD_LEFT ) );
	}

	protected function tearDown(): void {
		$this->node->call( 'evm_revert', array( $this->snapshot ) );
		parent::tearDown();
	}

	private function send( string $to, string $data ): void {
		$hash    = $this->node->call( 'eth_sendTransaction', array( array( 'from' => self::wallet( 0 ), 'to' => $to, 'data' => $data ) ) );
		$receipt = $this->node->call( 'eth_getTransactionReceipt', array( $hash ) );
		$this->assertSame( '0x1', $receipt['status'] ?? null, 'The mint went through.' );
	}

	private static function wallet( int $index ): string {
		return self::deployment()['wallets'][ $index ]['address'];
	}

	private static function contract( string $name ): string {
		return self::deployment()['contracts'][ $name ];
	}

	private static function nft( string $id ): array {
		return array( 'type' => 'erc721', 'chainId' => 31337, 'contract' => self::contract( 'membership' ), 'tokenId' => $id, 'label' => 'Citizen NFT' );
	}

	private static function badges( string $id, string $amount ): array {
		return array( 'type' => 'erc1155', 'chainId' => 31337, 'contract' => self::contract( 'badge' ), 'tokenId' => $id, 'amount' => $amount );
	}

	private static function evaluate( array $rule, int ...$wallets ): string {
		return ( new Evaluator( Plugin::instance()->networks() ) )->evaluate( $rule, array_map( array( self::class, 'wallet' ), $wallets ) );
	}

	public function test_an_erc721_gate_on_a_77_digit_id_grants_its_holder_and_denies_the_others(): void {
		$this->assertSame( Evaluator::GRANTED, self::evaluate( self::nft( self::ENS_ID ), 1 ) );
		$this->assertSame( Evaluator::GRANTED, self::evaluate( self::nft( self::ENS_ID ), 3, 1 ), 'Among linked wallets.' );
		foreach ( array( 0, 2, 3 ) as $other ) {
			$this->assertSame( Evaluator::DENIED, self::evaluate( self::nft( self::ENS_ID ), $other ), "Wallet {$other}." );
		}
		$neighbour = substr( self::ENS_ID, 0, -1 ) . '1';
		$this->assertSame( Evaluator::DENIED, self::evaluate( self::nft( $neighbour ), 1 ), 'Every digit counts: an id that differs in the last one was never minted.' );
	}

	public function test_an_erc1155_gate_on_a_77_digit_id_grants_its_holder_and_denies_the_others(): void {
		$this->assertSame( Evaluator::GRANTED, self::evaluate( self::badges( self::ENS_ID, '3' ), 2 ) );
		$this->assertSame( Evaluator::DENIED, self::evaluate( self::badges( self::ENS_ID, '4' ), 2 ) );
		foreach ( array( 0, 1, 3 ) as $other ) {
			$this->assertSame( Evaluator::DENIED, self::evaluate( self::badges( self::ENS_ID, '1' ), $other ), "Wallet {$other}." );
		}
	}

	public function test_an_id_above_2_to_the_256_minus_1_grants_nothing_even_if_stored(): void {
		$this->assertSame( Evaluator::DENIED, self::evaluate( self::nft( self::TWO_TO_THE_256 ), 1 ) );
		$this->assertSame( Evaluator::DENIED, self::evaluate( self::badges( self::TWO_TO_THE_256, '1' ), 2 ) );
	}

	public function test_a_post_gated_on_a_77_digit_id_is_saved_over_rest_and_read_by_its_holder_only(): void {
		$this->log_in_as( 'editor' );
		$response = $this->rest(
			'POST',
			'/wp/v2/posts',
			array(
				'title'   => 'society.eth',
				'status'  => 'publish',
				'content' => '<!-- wp:paragraph --><p>' . self::CANARY . '</p><!-- /wp:paragraph -->',
				'meta'    => array( Gates::META => array( 'rule' => self::nft( '0' . self::ENS_ID ), 'teaser' => 'none' ) ),
			)
		);
		$this->assertSame( 201, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$post_id = $response->get_data()['id'];
		$this->assertSame( self::ENS_ID, get_post_meta( $post_id, Gates::META, true )['rule']['tokenId'], 'Stored digit for digit, without its leading zeros.' );

		$summary = $this->rest( 'POST', '/sovereign-press/v1/gates/summary', array( 'rule' => self::nft( self::ENS_ID ) ) );
		$this->assertSame( 200, $summary->get_status() );
		$this->assertSame( 'Readers need Citizen NFT #' . self::ENS_ID . ' on Local chain.', $summary->get_data()['summary'] );

		$read = function ( int $user_id ) use ( $post_id ): string {
			wp_set_current_user( $user_id );
			Plugin::instance()->decisions()->reset();
			return $this->rest( 'GET', '/wp/v2/posts/' . $post_id )->get_data()['content']['rendered'];
		};
		$holder  = $this->reader( 1 );
		$visitor = $this->reader( 3 );
		$this->assertStringContainsString( self::CANARY, $read( $holder ) );
		$this->assertStringNotContainsString( 'canary-5d1e', $read( $visitor ) );
		$this->assertStringNotContainsString( 'canary-5d1e', $read( 0 ) );
	}

	public function test_rest_refuses_an_id_above_2_to_the_256_minus_1_with_a_clear_message(): void {
		$this->log_in_as( 'editor' );
		$summary = $this->rest( 'POST', '/sovereign-press/v1/gates/summary', array( 'rule' => self::badges( self::TWO_TO_THE_256, '1' ) ) );
		$this->assertSame( 400, $summary->get_status() );
		$this->assertSame( 'sovereign_press_invalid_rule', $summary->get_data()['code'] );
		$this->assertSame( 'the token id is larger than 2^256 − 1, the largest a token can have.', $summary->get_data()['message'] );

		$post = $this->rest( 'POST', '/wp/v2/posts', array( 'title' => 'Too large', 'meta' => array( Gates::META => array( 'rule' => self::nft( self::TWO_TO_THE_256 ) ) ) ) );
		$this->assertSame( 400, $post->get_status() );
		$this->assertSame( 'sovereign_press_invalid_gate', $post->get_data()['code'] );
		$this->assertSame( 'Token gate: the token id is larger than 2^256 − 1, the largest a token can have.', $post->get_data()['message'] );

		$block = '<!-- wp:sovereign-press/gated-content ' . wp_json_encode( array( 'rule' => self::nft( self::TWO_TO_THE_256 ) ) ) . ' --><!-- wp:paragraph --><p>' . self::CANARY . '</p><!-- /wp:paragraph --><!-- /wp:sovereign-press/gated-content -->';
		$post  = $this->rest( 'POST', '/wp/v2/posts', array( 'title' => 'Too large', 'content' => $block ) );
		$this->assertSame( 400, $post->get_status() );
		$this->assertSame( 'Gated Content block 1: the token id is larger than 2^256 − 1, the largest a token can have.', $post->get_data()['message'] );

		$post = $this->rest( 'POST', '/wp/v2/posts', array( 'title' => 'Too long', 'meta' => array( Gates::META => array( 'rule' => self::nft( '1' . str_repeat( '0', 78 ) ) ) ) ) );
		$this->assertSame( 400, $post->get_status() );
		$this->assertSame( 'Token gate: the token id must be a whole number of at most 78 digits.', $post->get_data()['message'] );
	}

	/**
	 * A subscriber with one demo wallet linked.
	 */
	private function reader( int $wallet ): int {
		$user_id = wp_insert_user(
			array(
				'user_login' => 'holder-' . wp_generate_password( 8, false ),
				'user_pass'  => wp_generate_password(),
				'role'       => 'subscriber',
			)
		);
		$this->assertIsInt( $user_id );
		Plugin::instance()->wallets()->link( $user_id, self::wallet( $wallet ), 31337 );
		return $user_id;
	}
}
