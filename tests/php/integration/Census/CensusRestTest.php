<?php
/**
 * The public census routes on a real census: a tree built by TreeBuilder and snapshots saved by
 * Snapshots. Shapes (each answer against the schema its route publishes), status codes and stable
 * error codes, pagination, the CSV, proofs checked by @openzeppelin/merkle-tree, the private
 * member list, and answers cached per snapshot.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

require_once __DIR__ . '/PublishedCensusTestCase.php';

final class CensusRestTest extends PublishedCensusTestCase {

	private function assertError( int $status, string $code, \WP_REST_Response $response ): void {
		$this->assertSame( $status, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$this->assertSame( $code, $response->get_data()['code'] );
		$this->assertNotSame( '', $response->get_data()['message'] );
	}

	/**
	 * Asserts a 200 answer that matches its route's published schema, closed to unknown fields.
	 */
	private function assertMatchesSchema( \WP_REST_Response $response, string $route ): void {
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$close  = static function ( array $schema ) use ( &$close ): array {
			if ( isset( $schema['properties'] ) ) {
				$schema += array( 'additionalProperties' => false );
				$schema['properties'] = array_map( $close, $schema['properties'] );
			}
			if ( isset( $schema['items'] ) ) {
				$schema['items'] = $close( $schema['items'] );
			}
			return $schema;
		};
		$schema = $close( call_user_func( rest_get_server()->get_route_options( self::BASE . $route )['schema'] ) );
		$valid  = rest_validate_value_from_schema( $response->get_data(), $schema, 'response' );
		$this->assertTrue( $valid, is_wp_error( $valid ) ? $valid->get_error_message() : '' );
	}

	public function test_before_the_first_snapshot_the_census_is_404_empty_and_the_history_an_empty_list(): void {
		$this->assertError( 404, 'sovereign_press_census_empty', $this->get( '' ) );
		$this->assertError( 404, 'sovereign_press_census_empty', $this->get( '/members' ) );
		$this->assertError( 404, 'sovereign_press_census_empty', $this->get( '/proof', array( 'address' => self::addresses( 1 )[0] ) ) );
		$history = $this->get( '/history' );
		$this->assertMatchesSchema( $history, '/history' );
		$this->assertSame( array( 'points' => array() ), $history->get_data() );
	}

	public function test_the_census_publishes_what_a_recount_needs(): void {
		$census   = self::take_census( 40 );
		$response = $this->get( '' );
		$this->assertMatchesSchema( $response, '' );
		$figures = $response->get_data();

		$this->assertSame( 40, $figures['population'] );
		$this->assertSame( $census['root'], $figures['root'] );
		$this->assertSame( self::reference( $census['members'] )['root'], $figures['root'], 'the root is the one @openzeppelin/merkle-tree computes' );
		$this->assertSame( array( 'format' => 'openzeppelin-standard-merkle-tree', 'leafEncoding' => array( 'address' ), 'count' => 40 ), $figures['tree'] );

		$hash = $figures['snapshot']['hash'];
		$this->assertSame( array( $census['id'], gmdate( 'Y-m-d' ), 31337, 'Local chain', 100 ), array( $figures['snapshot']['id'], $figures['snapshot']['day'], $figures['snapshot']['chainId'], $figures['snapshot']['network'], $figures['snapshot']['block'] ) );
		$this->assertMatchesRegularExpression( '/^0x[0-9a-f]{64}$/', $hash );
		$this->assertSame( 'https://explorer.example/block/' . $hash, $figures['snapshot']['explorer'] );
		$this->assertSame( array( array( 'chainId' => 31337, 'network' => 'Local chain', 'block' => 100, 'hash' => $hash, 'time' => gmdate( 'Y-m-d' ) . 'T12:00:00Z', 'explorer' => 'https://explorer.example/block/' . $hash ) ), $figures['blocks'] );

		$contracts = self::deployment()['contracts'];
		$tokens    = array_column( $figures['tokens'], null, 'id' );
		$this->assertSame( array( 'citizens', 'supporters', 'svote' ), array_keys( $tokens ) );
		$this->assertSame(
			array( 31337, 'erc721', strtolower( $contracts['membership'] ), '', '1', 0, 100, true ),
			array( $tokens['citizens']['chainId'], $tokens['citizens']['standard'], strtolower( $tokens['citizens']['address'] ), $tokens['citizens']['tokenId'], $tokens['citizens']['threshold'], $tokens['citizens']['startBlock'], $tokens['citizens']['toBlock'], $tokens['citizens']['membership'] )
		);
		$this->assertSame( array( 'erc1155', '1', '1' ), array( $tokens['supporters']['standard'], $tokens['supporters']['tokenId'], $tokens['supporters']['threshold'] ) );

		$this->assertSame( array( 'Timelock' ), array_column( $figures['treasury']['addresses'], 'label' ) );
		$this->assertSame( array( '30000', true ), array( $figures['treasury']['usdTotal'], $figures['treasury']['incomplete'] ) );
		$this->assertTrue( $figures['treasury']['assets'][1]['price']['stale'] );
		$this->assertSame( array( 'svote', 30, 7, '1250000000000000000000', 4 ), array( $figures['economy']['token'], $figures['economy']['days'], $figures['economy']['transfers'], $figures['economy']['volume'], $figures['economy']['activeAddresses'] ) );
		$this->assertSame(
			array(
				array( 'label' => 'Nodes', 'value' => '12', 'note' => 'Run by members' ),
				array( 'label' => 'Land', 'value' => '40 ha', 'note' => '' ),
			),
			$figures['declared']
		);
		$this->assertSame( array( false, true ), array( $figures['linkedOnly'], $figures['publicMembers'] ) );
	}

	public function test_an_erc20_threshold_is_published_in_base_units_as_the_indexer_applied_it(): void {
		global $wpdb;
		$census = self::take_census( 3 );
		$tokens = array_column( $this->get( '' )->get_data()['tokens'], null, 'id' );
		// Before the indexer has read the token's decimals, its threshold in base units is unknown.
		$this->assertSame( array( null, null ), array( $tokens['svote']['decimals'], $tokens['svote']['threshold'] ) );
		$this->assertSame( '1', $tokens['citizens']['threshold'] );

		// The indexer's row for the token (census_sources): decimals read from the chain, and the
		// threshold it decides membership with, zero-padded to 78 digits.
		$wpdb->insert(
			\SovereignPress\Storage\Installer::tables()['census_sources'],
			array(
				'source'      => 'svote',
				'fingerprint' => str_repeat( '0', 64 ),
				'chain_id'    => 31337,
				'next_block'  => 101,
				'decimals'    => 18,
				'threshold'   => str_pad( '100000000000000000000', 78, '0', STR_PAD_LEFT ),
				'updated_at'  => gmdate( 'Y-m-d H:i:s' ),
			)
		);
		// The next sync's snapshot is published with it.
		self::save_snapshot(
			array(
				'taken_at'   => gmdate( 'Y-m-d' ) . ' 13:00:00',
				'population' => 3,
				'root'       => $census['root'],
				'tree'       => $census['tree'],
				'sources'    => array( array( 'id' => 'svote', 'chainId' => 31337, 'block' => 100, 'holders' => 5, 'members' => 2 ) ),
			)
		);
		$tokens = array_column( $this->get( '' )->get_data()['tokens'], null, 'id' );
		$this->assertSame( array( 18, '100000000000000000000' ), array( $tokens['svote']['decimals'], $tokens['svote']['threshold'] ) );
		$this->assertSame( array( '100', 0, 100 ), array( $tokens['svote']['minBalance'], $tokens['svote']['startBlock'], $tokens['svote']['toBlock'] ) );
		// Members per token, as the snapshot counted them; null where it does not say.
		$this->assertSame( array( 2, null ), array( $tokens['svote']['members'], $tokens['citizens']['members'] ) );
	}

	public function test_the_history_lists_one_point_per_day_oldest_first(): void {
		$census   = self::take_census( 12 );
		$response = $this->get( '/history', array( 'days' => 30 ) );
		$this->assertMatchesSchema( $response, '/history' );
		$this->assertSame(
			array(
				array( 'day' => gmdate( 'Y-m-d', time() - 2 * DAY_IN_SECONDS ), 'block' => 80, 'population' => 7, 'root' => '0x' . str_repeat( 'a', 64 ) ),
				array( 'day' => gmdate( 'Y-m-d', time() - DAY_IN_SECONDS ), 'block' => 90, 'population' => 10, 'root' => '0x' . str_repeat( 'b', 64 ) ),
				array( 'day' => gmdate( 'Y-m-d' ), 'block' => 100, 'population' => 12, 'root' => $census['root'] ),
			),
			$response->get_data()['points']
		);
		$this->assertCount( 1, $this->get( '/history', array( 'days' => 1 ) )->get_data()['points'] );
		$this->assertError( 400, 'rest_invalid_param', $this->get( '/history', array( 'days' => 0 ) ) );
	}

	public function test_the_member_list_pages_through_the_tree_in_leaf_order(): void {
		$census = self::take_census( 40 );
		$pages  = array();
		foreach ( array( 1, 2, 3 ) as $page ) {
			$response = $this->get( '/members', array( 'page' => $page, 'per_page' => 15 ) );
			$this->assertMatchesSchema( $response, '/members' );
			$this->assertSame( array( '40', '3' ), array( $response->get_headers()['X-WP-Total'], $response->get_headers()['X-WP-TotalPages'] ) );
			$data = $response->get_data();
			$this->assertSame( array( $census['id'], 100, $census['root'], 40, $page, 15 ), array( $data['snapshot'], $data['block'], $data['root'], $data['total'], $data['page'], $data['perPage'] ) );
			$pages[] = $data['members'];
		}
		$members = array_merge( ...$pages );
		$this->assertSame( array( 15, 15, 10 ), array_map( 'count', $pages ) );
		$this->assertSame( range( 0, 39 ), array_column( $members, 'index' ) );
		$this->assertEqualsCanonicalizing( $census['members'], array_column( $members, 'address' ) );

		// Leaf order: each member's proof says the same index.
		foreach ( array( 0, 17, 39 ) as $at ) {
			$proof = $this->get( '/proof', array( 'address' => $members[ $at ]['address'] ) )->get_data();
			$this->assertSame( $at, $proof['index'] );
		}

		$this->assertError( 400, 'sovereign_press_census_invalid_page', $this->get( '/members', array( 'page' => 4, 'per_page' => 15 ) ) );
		$this->assertError( 400, 'rest_invalid_param', $this->get( '/members', array( 'per_page' => 1001 ) ) );
		$this->assertError( 400, 'rest_invalid_param', $this->get( '/members', array( 'format' => 'xml' ) ) );
		$this->assertCount( 40, $this->get( '/members', array( 'per_page' => 1000 ) )->get_data()['members'] );
	}

	public function test_the_csv_streams_every_member_with_its_index(): void {
		$census  = self::take_census( 40 );
		$request = new \WP_REST_Request( 'GET', self::BASE . '/members' );
		$request->set_query_params( array( 'format' => 'csv', 'per_page' => 5 ) );
		$response = rest_do_request( $request );
		$this->assertSame( 200, $response->get_status() );
		$headers = $response->get_headers();
		$this->assertSame( 'text/csv; charset=utf-8', $headers['Content-Type'] );
		$this->assertSame( 'attachment; filename="census-members-' . gmdate( 'Y-m-d' ) . '-block-100.csv"', $headers['Content-Disposition'] );

		// As WordPress serves it: the filter writes the body and says the request is served.
		ob_start();
		$served = apply_filters( 'rest_pre_serve_request', false, $response, $request, rest_get_server() );
		$csv    = (string) ob_get_clean();
		$this->assertTrue( $served );
		$lines = explode( "\n", rtrim( $csv, "\n" ) );
		$this->assertSame( 'index,address', array_shift( $lines ) );
		$this->assertCount( 40, $lines, 'every member, whatever per_page says' );
		$rows = array_map( static fn( string $line ): array => explode( ',', $line ), $lines );
		$this->assertSame( array_map( 'strval', range( 0, 39 ) ), array_column( $rows, 0 ) );
		$this->assertSame( array_column( $this->get( '/members', array( 'per_page' => 1000 ) )->get_data()['members'], 'address' ), array_column( $rows, 1 ) );
		$this->assertSame( $census['root'], self::reference( array_column( $rows, 1 ) )['root'], 'the CSV rebuilds the published root' );

		// A client holding this snapshot's export gets 304 and no rows.
		$again = new \WP_REST_Request( 'GET', self::BASE . '/members' );
		$again->set_query_params( array( 'format' => 'csv' ) );
		$again->set_header( 'If-None-Match', $headers['ETag'] );
		$unchanged = rest_do_request( $again );
		$this->assertSame( 304, $unchanged->get_status() );
		$this->assertSame( $headers['ETag'], $unchanged->get_headers()['ETag'] );
		ob_start();
		$this->assertTrue( apply_filters( 'rest_pre_serve_request', false, $unchanged, $again, rest_get_server() ) );
		$this->assertSame( '', (string) ob_get_clean() );
		$again->set_header( 'If-None-Match', '"census-an-older-snapshot"' );
		$this->assertSame( 200, rest_do_request( $again )->get_status() );

		// A JSON answer is left to WordPress.
		$json = new \WP_REST_Request( 'GET', self::BASE . '/members' );
		$this->assertFalse( apply_filters( 'rest_pre_serve_request', false, rest_do_request( $json ), $json, rest_get_server() ) );
	}

	public function test_every_proof_verifies_with_openzeppelin_merkle_tree(): void {
		$census = self::take_census( 25 );
		$proofs = array();
		foreach ( $census['members'] as $address ) {
			// Checksummed and lowercase addresses both work.
			$response = $this->get( '/proof', array( 'address' => \SovereignPress\Crypto\Address::checksum( $address ) ) );
			$this->assertMatchesSchema( $response, '/proof' );
			$proof = $response->get_data();
			$this->assertSame( array( $address, $census['root'], $census['id'], 100 ), array( $proof['address'], $proof['root'], $proof['snapshot'], $proof['block'] ) );
			$proofs[] = array( 'root' => $proof['root'], 'address' => $address, 'proof' => $proof['proof'] );
		}
		// A proof moved to another address must not verify: the reference really checks.
		$proofs[] = array( 'root' => $census['root'], 'address' => self::addresses( 26 )[25], 'proof' => $proofs[0]['proof'] );
		$reference = self::reference( $census['members'], $proofs );
		$this->assertSame( array_merge( array_fill( 0, 25, true ), array( false ) ), $reference['verified'] );
	}

	public function test_a_proof_for_a_non_member_or_a_bad_address_is_refused_with_its_code(): void {
		self::take_census( 5 );
		$this->assertError( 404, 'sovereign_press_census_not_member', $this->get( '/proof', array( 'address' => self::addresses( 6 )[5] ) ) );
		$this->assertError( 400, 'rest_invalid_param', $this->get( '/proof', array( 'address' => '0x1234' ) ) );
		$this->assertError( 400, 'rest_missing_callback_param', $this->get( '/proof' ) );
		$member = \SovereignPress\Crypto\Address::checksum( self::addresses( 1 )[0] );
		$flip   = strpbrk( substr( $member, 2 ), 'abcdef' );
		$this->assertNotFalse( $flip );
		$at    = strlen( $member ) - strlen( $flip );
		$wrong = substr( $member, 0, $at ) . strtoupper( $member[ $at ] ) . substr( $member, $at + 1 );
		$this->assertError( 400, 'sovereign_press_census_invalid_address', $this->get( '/proof', array( 'address' => $wrong ) ) );
	}

	public function test_an_empty_member_set_has_no_root_and_no_members(): void {
		self::save_snapshot( array( 'population' => 0, 'root' => '', 'tree' => self::build_tree( array() )['tree'] ) );
		$figures = $this->get( '' )->get_data();
		$this->assertSame( array( 0, '' ), array( $figures['population'], $figures['root'] ) );
		$members = $this->get( '/members' );
		$this->assertSame( array( array(), '0', '0' ), array( $members->get_data()['members'], $members->get_headers()['X-WP-Total'], $members->get_headers()['X-WP-TotalPages'] ) );
		$this->assertError( 404, 'sovereign_press_census_not_member', $this->get( '/proof', array( 'address' => self::addresses( 1 )[0] ) ) );
	}

	public function test_a_private_member_list_shows_counts_and_root_only_and_administrators_still_read_it(): void {
		self::configure_census( array( 'publicMembers' => false ) );
		$census = self::take_census( 6 );

		foreach ( array( '', 'subscriber' ) as $user ) {
			'' === $user ? wp_set_current_user( 0 ) : $this->log_in_as( $user );
			$this->assertError( 403, 'sovereign_press_census_private', $this->get( '/members' ) );
			$this->assertError( 403, 'sovereign_press_census_private', $this->get( '/members', array( 'format' => 'csv' ) ) );
			$this->assertError( 403, 'sovereign_press_census_private', $this->get( '/proof', array( 'address' => $census['members'][0] ) ) );
			$figures = $this->get( '' )->get_data();
			$this->assertSame( array( 6, $census['root'], false ), array( $figures['population'], $figures['root'], $figures['publicMembers'] ) );
			$this->assertSame( 200, $this->get( '/history' )->get_status() );
		}

		$this->log_in_as( 'admin' );
		$this->assertSame( 6, $this->get( '/members' )->get_data()['total'] );
		$this->assertSame( 200, $this->get( '/proof', array( 'address' => $census['members'][0] ) )->get_status() );
	}

	public function test_answers_are_cached_per_snapshot_and_a_new_snapshot_replaces_them(): void {
		global $wpdb;
		$first = self::take_census( 10 );
		$etag  = $this->get( '' )->get_headers()['ETag'];
		$sources = $this->get( '' )->get_data()['tokens'];

		// The same snapshot is answered from the cache: what the tables hold is not read again.
		$wpdb->insert(
			\SovereignPress\Storage\Installer::tables()['census_sources'],
			array( 'source' => 'svote', 'fingerprint' => str_repeat( '0', 64 ), 'chain_id' => 31337, 'next_block' => 101, 'decimals' => 18, 'threshold' => str_pad( '1', 78, '0', STR_PAD_LEFT ), 'updated_at' => gmdate( 'Y-m-d H:i:s' ) )
		);
		$this->assertSame( $sources, $this->get( '' )->get_data()['tokens'] );
		$this->assertNull( array_column( $sources, 'decimals', 'id' )['svote'] );
		$this->assertSame( $etag, $this->get( '' )->get_headers()['ETag'] );

		// A later sync the same day replaces today's snapshot: nothing of the first is answered.
		$tree = self::build_tree( self::addresses( 11 ) );
		self::save_snapshot( array( 'taken_at' => gmdate( 'Y-m-d' ) . ' 18:00:00', 'block_number' => 120, 'population' => 11, 'root' => $tree['root'], 'tree' => $tree['tree'] ) );
		$figures = $this->get( '' );
		$this->assertNotSame( $etag, $figures->get_headers()['ETag'] );
		$this->assertSame( array( 11, $tree['root'], 120 ), array( $figures->get_data()['population'], $figures->get_data()['root'], $figures->get_data()['snapshot']['block'] ) );
		$this->assertSame( '11', $this->get( '/members', array( 'per_page' => 4 ) )->get_headers()['X-WP-Total'] );
		$this->assertSame( $tree['root'], $this->get( '/proof', array( 'address' => $first['members'][0] ) )->get_data()['root'] );
		$points = $this->get( '/history' )->get_data()['points'];
		$this->assertSame( 120, end( $points )['block'] );

		// Saving the settings is a new cache generation: the declared figures show at once.
		self::configure_census( array( 'declared' => array( array( 'label' => 'Nodes', 'value' => '13', 'note' => '' ) ) ) );
		$this->assertSame( '13', $this->get( '' )->get_data()['declared'][0]['value'] );
	}
}
