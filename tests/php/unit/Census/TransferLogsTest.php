<?php
/**
 * Transfer events decoded per standard; logs of the wrong shape and hostile data are skipped.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Census;

use PHPUnit\Framework\TestCase;
use SovereignPress\Census\TransferLogs;
use SovereignPress\Chain\Abi;
use SovereignPress\Gating\Amount;

final class TransferLogsTest extends TestCase {

	private const ALICE = '0x1111111111111111111111111111111111111111';

	private const BOB = '0x2222222222222222222222222222222222222222';

	private const ZERO = '0x0000000000000000000000000000000000000000';

	private static function topic( string $address ): string {
		return '0x' . str_repeat( '0', 24 ) . substr( $address, 2 );
	}

	private static function word( string $decimal ): string {
		return bin2hex( Amount::to_word( $decimal ) );
	}

	/**
	 * @param list<string> $topics
	 * @return array<string, mixed>
	 */
	private static function log( array $topics, string $data ): array {
		return array( 'topics' => $topics, 'data' => $data, 'blockNumber' => '0x10', 'address' => self::ALICE );
	}

	/** abi.encode(uint256[] ids, uint256[] values). */
	private static function batch_data( array $ids, array $values ): string {
		$encode = static fn ( array $list ): string => bin2hex( Abi::uint( count( $list ) ) ) . implode( '', array_map( array( self::class, 'word' ), $list ) );
		return '0x' . bin2hex( Abi::uint( 64 ) ) . bin2hex( Abi::uint( 64 + 32 + 32 * count( $ids ) ) ) . $encode( $ids ) . $encode( $values );
	}

	public function test_decodes_each_standard(): void {
		$big   = '115792089237316195423570985008687907853269984665640564039457584007913129639935';
		$erc20 = self::log( array( TransferLogs::TRANSFER, self::topic( self::ALICE ), self::topic( self::BOB ) ), '0x' . self::word( $big ) );
		$this->assertSame( array( array( 'from' => self::ALICE, 'to' => self::BOB, 'tokenId' => '', 'value' => $big ) ), TransferLogs::decode( $erc20, 'erc20' ) );

		$mint = self::log( array( TransferLogs::TRANSFER, self::topic( self::ZERO ), self::topic( self::BOB ), '0x' . self::word( '7' ) ), '0x' );
		$this->assertSame( array( array( 'from' => self::ZERO, 'to' => self::BOB, 'tokenId' => '7', 'value' => '1' ) ), TransferLogs::decode( $mint, 'erc721' ) );

		$single = self::log( array( TransferLogs::TRANSFER_SINGLE, self::topic( self::ALICE ), self::topic( self::ALICE ), self::topic( self::ZERO ) ), '0x' . self::word( '1' ) . self::word( '5' ) );
		$this->assertSame( array( array( 'from' => self::ALICE, 'to' => self::ZERO, 'tokenId' => '1', 'value' => '5' ) ), TransferLogs::decode( $single, 'erc1155', '1' ) );
		$this->assertSame( array(), TransferLogs::decode( $single, 'erc1155', '2' ), 'Another id of the collection.' );

		$batch = self::log( array( TransferLogs::TRANSFER_BATCH, self::topic( self::ALICE ), self::topic( self::ALICE ), self::topic( self::BOB ) ), self::batch_data( array( '1', '2', '1' ), array( '3', '4', '5' ) ) );
		$this->assertSame(
			array(
				array( 'from' => self::ALICE, 'to' => self::BOB, 'tokenId' => '1', 'value' => '3' ),
				array( 'from' => self::ALICE, 'to' => self::BOB, 'tokenId' => '1', 'value' => '5' ),
			),
			TransferLogs::decode( $batch, 'erc1155', '1' )
		);
		$this->assertSame( array( TransferLogs::TRANSFER_SINGLE, TransferLogs::TRANSFER_BATCH ), TransferLogs::topics( 'erc1155' ) );
		$this->assertSame( array( TransferLogs::TRANSFER ), TransferLogs::topics( 'erc721' ) );
	}

	public function test_a_log_of_another_standard_shape_is_skipped(): void {
		$erc20  = self::log( array( TransferLogs::TRANSFER, self::topic( self::ALICE ), self::topic( self::BOB ) ), '0x' . self::word( '5' ) );
		$erc721 = self::log( array( TransferLogs::TRANSFER, self::topic( self::ALICE ), self::topic( self::BOB ), '0x' . self::word( '5' ) ), '0x' );
		$this->assertSame( array(), TransferLogs::decode( $erc20, 'erc721' ), 'A pre-standard NFT without an indexed id.' );
		$this->assertSame( array(), TransferLogs::decode( $erc721, 'erc20' ) );
		$this->assertSame( array(), TransferLogs::decode( $erc721, 'erc1155', '5' ) );
	}

	/**
	 * @return iterable<string, array{0:mixed}>
	 */
	public static function hostile(): iterable {
		$from = self::topic( self::ALICE );
		$to   = self::topic( self::BOB );
		yield 'no topics' => array( array( 'data' => '0x' ) );
		yield 'topics not a list' => array( array( 'topics' => array( 'a' => TransferLogs::TRANSFER ), 'data' => '0x' ) );
		yield 'topic not a string' => array( array( 'topics' => array( TransferLogs::TRANSFER, 5, $to ), 'data' => '0x' . self::word( '1' ) ) );
		yield 'topic too short' => array( array( 'topics' => array( TransferLogs::TRANSFER, '0x1234', $to ), 'data' => '0x' . self::word( '1' ) ) );
		yield 'address topic with high bytes' => array( array( 'topics' => array( TransferLogs::TRANSFER, '0x' . str_repeat( 'f', 64 ), $to ), 'data' => '0x' . self::word( '1' ) ) );
		yield 'data not hex' => array( array( 'topics' => array( TransferLogs::TRANSFER, $from, $to ), 'data' => '0xzz' . str_repeat( '0', 62 ) ) );
		yield 'data odd length' => array( array( 'topics' => array( TransferLogs::TRANSFER, $from, $to ), 'data' => '0x' . str_repeat( '0', 63 ) ) );
		yield 'data an array' => array( array( 'topics' => array( TransferLogs::TRANSFER, $from, $to ), 'data' => array( '0x00' ) ) );
		yield 'short data' => array( array( 'topics' => array( TransferLogs::TRANSFER, $from, $to ), 'data' => '0x01' ) );
		yield 'removed log' => array( array( 'topics' => array( TransferLogs::TRANSFER, $from, $to ), 'data' => '0x' . self::word( '1' ), 'removed' => true ) );
		yield 'another event' => array( array( 'topics' => array( '0x' . str_repeat( 'ab', 32 ), $from, $to ), 'data' => '0x' . self::word( '1' ) ) );
	}

	/**
	 * @dataProvider hostile
	 * @param array<string, mixed> $log
	 */
	public function test_hostile_erc20_logs_are_skipped( array $log ): void {
		$this->assertSame( array(), TransferLogs::decode( $log, 'erc20' ) );
	}

	public function test_hostile_batches_are_skipped(): void {
		$topics = array( TransferLogs::TRANSFER_BATCH, self::topic( self::ALICE ), self::topic( self::ALICE ), self::topic( self::BOB ) );
		$good   = self::batch_data( array( '1' ), array( '3' ) );
		$cases  = array(
			'lengths differ'       => self::batch_data( array( '1', '2' ), array( '3' ) ),
			'offset past the end'  => '0x' . bin2hex( Abi::uint( 4096 ) ) . substr( $good, 2 + 64 ),
			'huge count'           => '0x' . bin2hex( Abi::uint( 64 ) ) . bin2hex( Abi::uint( 128 ) ) . bin2hex( Abi::uint( 1 << 24 ) ) . self::word( '1' ) . bin2hex( Abi::uint( 1 ) ) . self::word( '3' ),
			'offset beyond 2^64'   => '0x' . str_repeat( 'f', 64 ) . substr( $good, 2 + 64 ),
			'truncated'            => substr( $good, 0, -64 ),
			'empty'                => '0x',
		);
		foreach ( $cases as $case => $data ) {
			$this->assertSame( array(), TransferLogs::decode( self::log( $topics, $data ), 'erc1155', '1' ), $case );
		}
		$this->assertCount( 1, TransferLogs::decode( self::log( $topics, $good ), 'erc1155', '1' ) );
	}

	public function test_random_bytes_never_throw(): void {
		mt_srand( 12 );
		for ( $i = 0; $i < 500; $i++ ) {
			$topics = array();
			$count  = mt_rand( 0, 5 );
			for ( $t = 0; $t < $count; $t++ ) {
				$topics[] = 0 === $t && mt_rand( 0, 1 ) ? array( TransferLogs::TRANSFER, TransferLogs::TRANSFER_SINGLE, TransferLogs::TRANSFER_BATCH )[ mt_rand( 0, 2 ) ] : '0x' . bin2hex( random_bytes( 32 ) );
			}
			$bytes = random_bytes( 1 + 32 * mt_rand( 0, 6 ) );
			$log   = array( 'topics' => $topics, 'data' => '0x' . bin2hex( substr( $bytes, 0, mt_rand( 0, 1 ) ? -1 : strlen( $bytes ) ) ) );
			foreach ( array( 'erc20', 'erc721', 'erc1155' ) as $standard ) {
				$this->assertIsArray( TransferLogs::decode( $log, $standard, '1' ) );
			}
		}
		$this->assertNull( TransferLogs::block( array( 'blockNumber' => null ) ) );
		$this->assertSame( 16, TransferLogs::block( array( 'blockNumber' => '0x10' ) ) );
	}
}
