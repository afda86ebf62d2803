<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Census\CensusSettings;
use SovereignPress\Plugin;
use SovereignPress\Settings\Settings;
use SovereignPress\Tests\Integration\TestCase;

/**
 * The `census` settings through /wp/v2/settings and from PHP: sound values stored in canonical
 * form, unsound ones refused with a stable code naming the item, and dropped when written by code.
 */
final class CensusSettingsTest extends TestCase {

	private const LOCAL = array(
		'chainId'     => 31337,
		'name'        => 'Local chain',
		'rpcUrl'      => 'http://127.0.0.1:8545',
		'explorerUrl' => '',
	);

	/** EIP-55 form of the addresses the tests use, and their lowercase. */
	private const TOKEN    = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
	private const TREASURY = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
	private const FEED     = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';

	/**
	 * A sound census with one token of each standard.
	 *
	 * @return array<string, mixed>
	 */
	private static function census(): array {
		return array(
			'tokens'        => array(
				array(
					'id'         => 'members',
					'name'       => 'Membership',
					'chainId'    => 31337,
					'standard'   => 'erc721',
					'address'    => strtolower( self::TOKEN ),
					'startBlock' => 3,
				),
				array(
					'id'         => 'badge',
					'chainId'    => 31337,
					'standard'   => 'erc1155',
					'address'    => self::TOKEN,
					'tokenId'    => '001',
					'minBalance' => '2',
					'membership' => false,
				),
				array(
					'id'         => 'society',
					'chainId'    => 31337,
					'standard'   => 'erc20',
					'address'    => '0x' . strtoupper( substr( self::TOKEN, 2 ) ),
					'tokenId'    => '7',
					'minBalance' => '0100.50',
				),
			),
			'economyToken'  => 'society',
			'linkedOnly'    => true,
			'publicMembers' => false,
			'confirmations' => array(
				array(
					'chainId' => 31337,
					'blocks'  => 2,
				),
			),
			'treasury'      => array(
				array(
					'chainId' => 31337,
					'address' => self::TREASURY,
					'label'   => ' <b>Timelock</b> ',
				),
			),
			'assets'        => array(
				array(
					'chainId'   => 31337,
					'token'     => '',
					'priceFeed' => strtolower( self::FEED ),
				),
				array(
					'chainId'       => 31337,
					'token'         => self::TOKEN,
					'maxAgeSeconds' => 3600,
				),
			),
			'declared'      => array(
				array(
					'label' => 'Nodes',
					'value' => '12',
				),
			),
		);
	}

	/**
	 * Saves as the settings screen does, with the whole option (/wp/v2/settings replaces it).
	 *
	 * @param array<string, mixed> $census   Census section.
	 * @param array<mixed>|null    $networks Networks sent along (the local chain unless given),
	 *                                       or null to send none.
	 */
	private function save( array $census, ?array $networks = array( self::LOCAL ) ): \WP_REST_Response {
		$option = array( 'census' => $census );
		if ( null !== $networks ) {
			$option['networks'] = $networks;
		}
		return $this->rest( 'POST', '/wp/v2/settings', array( Settings::OPTION => $option ) );
	}

	protected function setUp(): void {
		parent::setUp();
		update_option( Settings::OPTION, array( 'networks' => array( self::LOCAL ) ) );
	}

	public function test_nothing_stored_reads_as_the_defaults_with_a_public_member_list(): void {
		$census = Plugin::instance()->settings()->census();
		$this->assertSame( CensusSettings::DEFAULTS, $census );
		$this->assertTrue( $census['publicMembers'] );
	}

	public function test_an_administrator_saves_the_census_in_canonical_form(): void {
		$this->log_in_as( 'admin' );
		$response = $this->save( self::census() );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );

		$census = Plugin::instance()->settings()->census();
		$this->assertSame(
			array(
				array(
					'id'         => 'members',
					'name'       => 'Membership',
					'chainId'    => 31337,
					'standard'   => 'erc721',
					'address'    => self::TOKEN,
					'tokenId'    => '',
					'minBalance' => '1',
					'startBlock' => 3,
					'membership' => true,
				),
				array(
					'id'         => 'badge',
					'name'       => '',
					'chainId'    => 31337,
					'standard'   => 'erc1155',
					'address'    => self::TOKEN,
					'tokenId'    => '1',
					'minBalance' => '2',
					'startBlock' => 0,
					'membership' => false,
				),
				array(
					'id'         => 'society',
					'name'       => '',
					'chainId'    => 31337,
					'standard'   => 'erc20',
					'address'    => self::TOKEN,
					'tokenId'    => '',
					'minBalance' => '100.5',
					'startBlock' => 0,
					'membership' => true,
				),
			),
			$census['tokens'],
			'Addresses checksummed, token ids and amounts written one way, defaults filled in.'
		);
		$this->assertSame( 'society', $census['economyToken'] );
		$this->assertTrue( $census['linkedOnly'] );
		$this->assertFalse( $census['publicMembers'] );
		$this->assertSame( array( array( 'chainId' => 31337, 'blocks' => 2 ) ), $census['confirmations'] );
		$this->assertSame( array( array( 'chainId' => 31337, 'address' => self::TREASURY, 'label' => 'Timelock' ) ), $census['treasury'] );
		$this->assertSame(
			array(
				array( 'chainId' => 31337, 'token' => '', 'priceFeed' => self::FEED, 'maxAgeSeconds' => CensusSettings::DEFAULT_MAX_AGE ),
				array( 'chainId' => 31337, 'token' => self::TOKEN, 'priceFeed' => '', 'maxAgeSeconds' => 3600 ),
			),
			$census['assets']
		);
		$this->assertSame( array( array( 'label' => 'Nodes', 'value' => '12', 'note' => '' ) ), $census['declared'] );
		$this->assertSame( $census, $this->rest( 'GET', '/wp/v2/settings' )->get_data()[ Settings::OPTION ]['census'] );
	}

	public function test_a_network_sent_along_counts_for_the_census_in_the_same_request(): void {
		$this->log_in_as( 'admin' );
		$census                        = self::census();
		$census['tokens'][0]['chainId'] = 10;

		$this->assertSame( 'sovereign_press_census_unknown_chain', $this->save( $census, null )->as_error()->get_error_code(), 'Checked against the stored networks.' );

		$optimism = array( 'chainId' => 10, 'name' => 'Optimism', 'rpcUrl' => 'https://op.example.org', 'explorerUrl' => '' );
		$response = $this->save( $census, array( self::LOCAL, $optimism ) );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( 10, Plugin::instance()->settings()->census()['tokens'][0]['chainId'] );
	}

	/**
	 * @return iterable<string, array{0: \Closure(array<string, mixed>): array<string, mixed>, 1: string, 2: string, 3: string}>
	 */
	public static function refused(): iterable {
		$set = static fn( string $list, int $index, string $field, mixed $value ): \Closure => static function ( array $census ) use ( $list, $index, $field, $value ): array {
			$census[ $list ][ $index ][ $field ] = $value;
			return $census;
		};
		yield 'token on an unknown chain' => array( $set( 'tokens', 1, 'chainId', 5 ), 'sovereign_press_census_unknown_chain', 'census.tokens', 'Token "badge": chain 5' );
		yield 'treasury on an unknown chain' => array( $set( 'treasury', 0, 'chainId', 5 ), 'sovereign_press_census_unknown_chain', 'census.treasury', 'Treasury address 1' );
		yield 'asset on an unknown chain' => array( $set( 'assets', 1, 'chainId', 5 ), 'sovereign_press_census_unknown_chain', 'census.assets', 'Treasury asset 2' );
		yield 'confirmations of an unknown chain' => array( $set( 'confirmations', 0, 'chainId', 5 ), 'sovereign_press_census_unknown_chain', 'census.confirmations', 'chain 5' );
		yield 'repeated token id' => array( $set( 'tokens', 2, 'id', 'members' ), 'sovereign_press_census_duplicate', 'census.tokens', 'Token "members"' );
		yield 'erc1155 without a token id' => array( $set( 'tokens', 1, 'tokenId', '' ), 'sovereign_press_census_token_id', 'census.tokens', 'Token "badge"' );
		yield 'erc1155 token id above 2^256-1' => array( $set( 'tokens', 1, 'tokenId', str_repeat( '9', 78 ) ), 'sovereign_press_census_token_id', 'census.tokens', 'Token "badge"' );
		yield 'wrong checksum' => array( $set( 'tokens', 0, 'address', '0x5fbDB2315678afecb367f032d93F642f64180aa3' ), 'sovereign_press_census_invalid_address', 'census.tokens', '0x5fbDB2315678afecb367f032d93F642f64180aa3' );
		yield 'price feed with a wrong checksum' => array( $set( 'assets', 0, 'priceFeed', '0xE7f1725E7734CE288F8367e1Bb143E90bb3F0512' ), 'sovereign_press_census_invalid_address', 'census.assets', 'Treasury asset 1' );
		yield 'zero minimum balance' => array( $set( 'tokens', 2, 'minBalance', '0.0' ), 'sovereign_press_census_min_balance', 'census.tokens', 'Token "society"' );
		yield 'fractional minimum of an NFT' => array( $set( 'tokens', 0, 'minBalance', '1.5' ), 'sovereign_press_census_min_balance', 'census.tokens', 'whole number' );
		yield 'repeated treasury address in another case' => array(
			static function ( array $census ): array {
				$census['treasury'][] = array( 'chainId' => 31337, 'address' => strtolower( self::TREASURY ), 'label' => 'Again' );
				return $census;
			},
			'sovereign_press_census_duplicate',
			'census.treasury',
			'Treasury address 2',
		);
		yield 'repeated native asset' => array(
			static function ( array $census ): array {
				$census['assets'][] = array( 'chainId' => 31337, 'token' => '' );
				return $census;
			},
			'sovereign_press_census_duplicate',
			'census.assets',
			'Treasury asset 3',
		);
		yield 'repeated confirmations' => array(
			static function ( array $census ): array {
				$census['confirmations'][] = array( 'chainId' => 31337, 'blocks' => 5 );
				return $census;
			},
			'sovereign_press_census_duplicate',
			'census.confirmations',
			'Confirmation depth 2',
		);
		yield 'economy token not an erc20' => array(
			static fn( array $census ): array => array( 'economyToken' => 'members' ) + $census,
			'sovereign_press_census_economy_token',
			'census.economyToken',
			'"members"',
		);
		yield 'economy token unknown' => array(
			static fn( array $census ): array => array( 'economyToken' => 'nobody' ) + $census,
			'sovereign_press_census_economy_token',
			'census.economyToken',
			'"nobody"',
		);
		yield 'declared figure without a value' => array( $set( 'declared', 0, 'value', ' <i></i> ' ), 'sovereign_press_census_invalid', 'census.declared', 'Declared figure 1' );
	}

	/**
	 * @dataProvider refused
	 *
	 * @param \Closure(array<string, mixed>): array<string, mixed> $change  Makes the census unsound.
	 * @param string                                               $code    Expected error code.
	 * @param string                                               $field   Field the error names.
	 * @param string                                               $message Part of the message.
	 */
	public function test_an_unsound_census_is_refused_naming_the_item( \Closure $change, string $code, string $field, string $message ): void {
		$this->log_in_as( 'admin' );
		$this->assertSame( 200, $this->save( self::census() )->get_status() );
		$before = get_option( Settings::OPTION );

		$response = $this->save( $change( self::census() ) );

		$error = $response->as_error();
		$this->assertSame( array( 400, $code ), array( $response->get_status(), $error->get_error_code() ), $error->get_error_message() );
		$this->assertSame( array( Settings::OPTION => $field ), $error->get_error_data()['params'] );
		$this->assertStringContainsString( $message, $error->get_error_message() );
		$this->assertSame( $before, get_option( Settings::OPTION ), 'Nothing was written.' );
	}

	/**
	 * @return iterable<string, array{0: \Closure(array<string, mixed>): array<string, mixed>}>
	 */
	public static function malformed(): iterable {
		yield 'unknown property' => array( static fn( array $census ): array => $census + array( 'extra' => 1 ) );
		yield 'unknown token property' => array(
			static function ( array $census ): array {
				$census['tokens'][0]['decimals'] = 18;
				return $census;
			},
		);
		yield 'id in capitals' => array(
			static function ( array $census ): array {
				$census['tokens'][0]['id'] = 'Members';
				return $census;
			},
		);
		yield 'unknown standard' => array(
			static function ( array $census ): array {
				$census['tokens'][0]['standard'] = 'erc777';
				return $census;
			},
		);
		yield 'negative start block' => array(
			static function ( array $census ): array {
				$census['tokens'][0]['startBlock'] = -1;
				return $census;
			},
		);
		yield 'price feed max age below a minute' => array(
			static function ( array $census ): array {
				$census['assets'][0]['maxAgeSeconds'] = 10;
				return $census;
			},
		);
		yield 'confirmations above 10000' => array(
			static function ( array $census ): array {
				$census['confirmations'][0]['blocks'] = 10001;
				return $census;
			},
		);
		yield 'address too short' => array(
			static function ( array $census ): array {
				$census['treasury'][0]['address'] = '0x1234';
				return $census;
			},
		);
	}

	/**
	 * @dataProvider malformed
	 *
	 * @param \Closure(array<string, mixed>): array<string, mixed> $change Makes the census malformed.
	 */
	public function test_the_schema_refuses_a_malformed_census( \Closure $change ): void {
		$this->log_in_as( 'admin' );
		$response = $this->save( $change( self::census() ) );
		$this->assertSame( array( 400, 'rest_invalid_param' ), array( $response->get_status(), $response->as_error()->get_error_code() ) );
		$this->assertSame( CensusSettings::DEFAULTS, Plugin::instance()->settings()->census() );
	}

	public function test_only_administrators_write_the_census(): void {
		$this->log_in_as( 'editor' );
		$this->assertSame( 403, $this->save( self::census() )->get_status() );
		$this->assertSame( CensusSettings::DEFAULTS, Plugin::instance()->settings()->census() );
	}

	public function test_values_written_from_php_keep_only_sound_items(): void {
		$census                = self::census();
		$census['tokens'][]    = array( 'id' => 'members', 'chainId' => 31337, 'standard' => 'erc20', 'address' => self::TOKEN );
		$census['tokens'][]    = array( 'id' => 'elsewhere', 'chainId' => 5, 'standard' => 'erc20', 'address' => self::TOKEN );
		$census['tokens'][0]['chainId'] = 5;
		$census['treasury'][]  = 'not an item';
		$census['assets'][0]['maxAgeSeconds'] = 999999999;
		$census['declared'][]  = array( 'label' => 'Land', 'value' => '' );
		$census['economyToken'] = 'badge';
		update_option( Settings::OPTION, array( 'networks' => array( self::LOCAL ), 'census' => $census ) );

		$stored = get_option( Settings::OPTION )['census'];
		$this->assertSame( array( 'badge', 'society', 'members' ), array_column( $stored['tokens'], 'id' ), 'The token on an unknown chain is dropped; a later token may then take its id.' );
		$this->assertSame( 'erc20', $stored['tokens'][2]['standard'] );
		$this->assertSame( '', $stored['economyToken'], 'An ERC-1155 token is no economy token.' );
		$this->assertCount( 1, $stored['treasury'] );
		$this->assertSame( 2592000, $stored['assets'][0]['maxAgeSeconds'], 'Clamped to thirty days.' );
		$this->assertCount( 1, $stored['declared'] );

		update_option( Settings::OPTION, array( 'census' => self::census() ) );
		$this->assertSame( CensusSettings::DEFAULTS['tokens'], Plugin::instance()->settings()->census()['tokens'], 'Without networks, no token holds.' );
	}
}
