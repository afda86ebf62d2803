<?php
/**
 * What the tests of the published census share: census settings on the local chain, a member set
 * made into a Merkle tree by Census\TreeBuilder, and snapshot rows saved by Census\Snapshots.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\MemberSet;
use SovereignPress\Census\Snapshots;
use SovereignPress\Census\TreeBuilder;
use SovereignPress\Crypto\Keccak256;
use SovereignPress\Settings\Settings;
use SovereignPress\Tests\Integration\TestCase;

abstract class PublishedCensusTestCase extends TestCase {

	protected const BASE = '/sovereign-press/v1/census';

	/** Every test starts with the demo society's census configured. */
	protected function setUp(): void {
		parent::setUp();
		self::configure_census();
	}

	/**
	 * A public census route (BASE . $path) as WordPress answers it.
	 *
	 * @param array<string, mixed> $query Query parameters.
	 */
	protected function get( string $path, array $query = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( 'GET', self::BASE . $path );
		$request->set_query_params( $query );
		return rest_do_request( $request );
	}

	protected const EXPLORER = 'https://explorer.example/';

	/**
	 * The census settings of the demo society on the local chain, with an explorer.
	 *
	 * @param array<string, mixed> $census Settings to change.
	 */
	protected static function configure_census( array $census = array() ): void {
		$contracts = self::deployment()['contracts'];
		update_option(
			Settings::OPTION,
			array(
				'networks' => array(
					array( 'chainId' => 31337, 'name' => 'Local chain', 'rpcUrl' => self::env( 'SP_RPC_URL' ), 'explorerUrl' => self::EXPLORER ),
				),
				'census'   => $census + array(
					'tokens'        => array(
						array( 'id' => 'citizens', 'name' => 'Citizen NFT', 'chainId' => 31337, 'standard' => 'erc721', 'address' => $contracts['membership'], 'tokenId' => '', 'minBalance' => '1', 'startBlock' => 0, 'membership' => true ),
						array( 'id' => 'supporters', 'name' => 'Early supporter badge', 'chainId' => 31337, 'standard' => 'erc1155', 'address' => $contracts['badge'], 'tokenId' => '1', 'minBalance' => '1', 'startBlock' => 0, 'membership' => true ),
						array( 'id' => 'svote', 'name' => 'SVOTE', 'chainId' => 31337, 'standard' => 'erc20', 'address' => $contracts['token'], 'tokenId' => '', 'minBalance' => '100', 'startBlock' => 0, 'membership' => true ),
					),
					'economyToken'  => 'svote',
					'publicMembers' => true,
					'treasury'      => array(
						array( 'chainId' => 31337, 'address' => $contracts['treasury'] ?? '0x' . str_repeat( '1', 40 ), 'label' => 'Timelock' ),
					),
					'declared'      => array(
						array( 'label' => 'Nodes', 'value' => '12', 'note' => 'Run by members' ),
						array( 'label' => 'Land', 'value' => '40 ha', 'note' => '' ),
					),
				),
			)
		);
	}

	/**
	 * $count member addresses: the demo wallets #0 to #2, then addresses made from a counter.
	 *
	 * @return list<string> Lowercase.
	 */
	protected static function addresses( int $count ): array {
		$addresses = array_map( static fn( array $wallet ): string => strtolower( $wallet['address'] ), array_slice( self::deployment()['wallets'], 0, min( 3, $count ) ) );
		for ( $i = count( $addresses ); $i < $count; $i++ ) {
			$addresses[] = '0x' . substr( Keccak256::hex( 'census member ' . $i ), 24 );
		}
		return $addresses;
	}

	/**
	 * Builds the Merkle tree of these addresses through TreeBuilder, in as many steps as it takes.
	 *
	 * @param list<string> $addresses Lowercase addresses.
	 * @return array{tree:int, root:string, count:int}
	 */
	protected static function build_tree( array $addresses ): array {
		$set     = new class( $addresses ) implements MemberSet {
			/** @param list<string> $addresses Addresses. */
			public function __construct( private array $addresses ) {}

			public function sql(): string {
				global $wpdb;
				if ( array() === $this->addresses ) {
					return "SELECT address FROM {$wpdb->prefix}sovereign_press_census_holders WHERE 1 = 0";
				}
				return $wpdb->prepare( implode( ' UNION ALL ', array_fill( 0, count( $this->addresses ), 'SELECT %s AS address' ) ), $this->addresses );
			}
		};
		$builder = new TreeBuilder();
		$state   = null;
		for ( $steps = 0; $steps < 1000 && true !== ( $state['done'] ?? false ); $steps++ ) {
			$state = $builder->step( $state, microtime( true ) + 5.0, $set );
		}
		self::assertTrue( $state['done'] ?? false, 'The tree is built.' );
		return array( 'tree' => (int) $state['tree'], 'root' => (string) $state['root'], 'count' => (int) $state['count'] );
	}

	/**
	 * Saves a snapshot row through Snapshots, as the census job does.
	 *
	 * @param array<string, mixed> $row Columns to set.
	 * @return int Its id.
	 */
	protected static function save_snapshot( array $row ): int {
		$day   = $row['day'] ?? gmdate( 'Y-m-d' );
		$block = (int) ( $row['block_number'] ?? 100 );
		$hash  = $row['block_hash'] ?? '0x' . Keccak256::hex( 'block ' . $block );
		$time  = $day . ' 12:00:00';
		return ( new Snapshots() )->save(
			$row + array(
				'day'          => $day,
				'taken_at'     => $time,
				'chain_id'     => 31337,
				'block_number' => $block,
				'block_hash'   => $hash,
				'block_time'   => $time,
				'population'   => 0,
				'root'         => '',
				'tree'         => 0,
				'blocks'       => array(
					array( 'chainId' => 31337, 'block' => $block, 'hash' => $hash, 'time' => strtotime( $time . ' UTC' ) ),
				),
				'sources'      => array(),
				'treasury'     => array(
					'assets'     => array(
						array( 'chainId' => 31337, 'token' => '', 'symbol' => 'ETH', 'decimals' => 18, 'balance' => '10000000000000000000', 'amount' => '10', 'usd' => '30000', 'price' => array( 'value' => '3000', 'updatedAt' => time() - 60, 'stale' => false ) ),
						array( 'chainId' => 31337, 'token' => self::deployment()['contracts']['token'], 'symbol' => 'SVOTE', 'decimals' => 18, 'balance' => '5000000000000000000000', 'amount' => '5000', 'usd' => null, 'price' => array( 'value' => '2', 'updatedAt' => time() - 999999, 'stale' => true ) ),
					),
					'usdTotal'   => '30000',
					'incomplete' => true,
				),
				'economy'      => array( 'transfers' => 7, 'volume' => '1250000000000000000000', 'activeAddresses' => 4 ),
			)
		);
	}

	/**
	 * A census of $count members today, after two earlier days of growth.
	 *
	 * @return array{id:int, tree:int, root:string, members:list<string>}
	 */
	protected static function take_census( int $count ): array {
		self::save_snapshot( array( 'day' => gmdate( 'Y-m-d', time() - 2 * DAY_IN_SECONDS ), 'block_number' => 80, 'population' => max( 0, $count - 5 ), 'root' => '0x' . str_repeat( 'a', 64 ) ) );
		self::save_snapshot( array( 'day' => gmdate( 'Y-m-d', time() - DAY_IN_SECONDS ), 'block_number' => 90, 'population' => max( 0, $count - 2 ), 'root' => '0x' . str_repeat( 'b', 64 ) ) );
		$members = self::addresses( $count );
		$tree    = self::build_tree( $members );
		$id      = self::save_snapshot( array( 'block_number' => 100, 'population' => $tree['count'], 'root' => $tree['root'], 'tree' => $tree['tree'] ) );
		return array( 'id' => $id, 'tree' => $tree['tree'], 'root' => $tree['root'], 'members' => $members );
	}

	/**
	 * Runs the reference, @openzeppelin/merkle-tree, on a member list and proofs
	 * (tests/php/support/census-merkle-check.mjs).
	 *
	 * @param list<string>                                       $members Addresses.
	 * @param list<array{root:string, address:string, proof:list<string>}> $proofs  Proofs to verify.
	 * @return array{root:string, verified:list<bool>}
	 */
	protected static function reference( array $members, array $proofs = array() ): array {
		$input = tempnam( sys_get_temp_dir(), 'sp-census' );
		file_put_contents( $input, (string) wp_json_encode( array( 'members' => $members, 'proofs' => $proofs ) ) );
		exec( 'node ' . escapeshellarg( dirname( __DIR__, 2 ) . '/support/census-merkle-check.mjs' ) . ' ' . escapeshellarg( $input ) . ' 2>&1', $output, $status );
		unlink( $input );
		self::assertSame( 0, $status, implode( "\n", $output ) );
		return json_decode( implode( "\n", $output ), true, 512, JSON_THROW_ON_ERROR );
	}
}
