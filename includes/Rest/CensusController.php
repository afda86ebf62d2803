<?php
/**
 * REST: the census, public.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Census\Report;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;

/**
 * The census as anyone may read and check it:
 * - GET /census: the latest snapshot's figures and what a recount needs (tokens with their
 *   thresholds in base units and start blocks, the snapshot's block and hash per chain, the root);
 * - GET /census/history?days: one point per day (day, block, population, root), oldest first;
 * - GET /census/members?page&per_page (JSON, X-WP-Total and X-WP-TotalPages) or ?format=csv
 *   (every member, streamed as text/csv: index,address), in the tree's leaf order;
 * - GET /census/proof?address: a member's Merkle proof (OpenZeppelin StandardMerkleTree).
 *
 * Before the first snapshot /census, /members and /proof answer 404 sovereign_press_census_empty
 * and /history an empty list. When the settings hide the member list (publicMembers off),
 * /members and /proof answer 403 sovereign_press_census_private to everyone but administrators;
 * the counts and the root stay public.
 *
 * @since 0.3.0
 */
final class CensusController extends Controller {

	/** The most members one JSON page holds. */
	public const MAX_PER_PAGE = 1000;

	public function __construct( private Report $report ) {
		$this->rest_base = 'census';
	}

	public function register_routes(): void {
		$base = '/' . $this->rest_base;
		// Public by nature: the figures and the root are what the census publishes.
		register_rest_route(
			$this->namespace,
			$base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => '__return_true',
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		register_rest_route(
			$this->namespace,
			$base . '/history',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_history' ),
					'permission_callback' => '__return_true',
					'args'                => array(
						'days' => array(
							'description' => __( 'How many days back, today included.', 'sovereign-press' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'maximum'     => Report::HISTORY_DAYS,
							'default'     => 365,
						),
					),
				),
				'schema' => fn(): array => $this->history_schema(),
			)
		);
		register_rest_route(
			$this->namespace,
			$base . '/members',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_members' ),
					'permission_callback' => array( $this, 'members_permissions_check' ),
					'args'                => array(
						'page'     => array(
							'description' => __( 'Which page of the list.', 'sovereign-press' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'default'     => 1,
						),
						'per_page' => array(
							'description' => __( 'Members per page.', 'sovereign-press' ),
							'type'        => 'integer',
							'minimum'     => 1,
							'maximum'     => self::MAX_PER_PAGE,
							'default'     => 100,
						),
						'format'   => array(
							'description' => __( 'json (one page) or csv (every member: index,address).', 'sovereign-press' ),
							'type'        => 'string',
							'enum'        => array( 'json', 'csv' ),
							'default'     => 'json',
						),
					),
				),
				'schema' => fn(): array => $this->members_schema(),
			)
		);
		register_rest_route(
			$this->namespace,
			$base . '/proof',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_proof' ),
					'permission_callback' => array( $this, 'members_permissions_check' ),
					'args'                => array(
						'address' => array(
							'description' => __( 'The member’s address (0x and 40 hexadecimal digits).', 'sovereign-press' ),
							'type'        => 'string',
							'pattern'     => '^0x[0-9a-fA-F]{40}$',
							'required'    => true,
						),
					),
				),
				'schema' => fn(): array => $this->proof_schema(),
			)
		);
	}

	/**
	 * The member list and proofs: public unless the settings hide them; administrators always.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function members_permissions_check( $request ): bool|\WP_Error {
		if ( $this->report->public_members() || current_user_can( 'manage_options' ) ) {
			return true;
		}
		return new \WP_Error(
			'sovereign_press_census_private',
			__( 'This society keeps its member list private: only the counts and the Merkle root are published.', 'sovereign-press' ),
			array( 'status' => 403 )
		);
	}

	/**
	 * GET /census.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_item( $request ): \WP_REST_Response|\WP_Error {
		$snapshot = $this->report->latest();
		if ( null === $snapshot ) {
			return self::empty();
		}
		return self::answer( (array) $this->report->current( $snapshot ), $snapshot );
	}

	/**
	 * GET /census/history.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_history( $request ): \WP_REST_Response {
		$snapshot = $this->report->latest();
		return self::answer( array( 'points' => $this->report->history( (int) $request['days'], $snapshot ) ), $snapshot );
	}

	/**
	 * GET /census/members: one page as JSON, or every member as CSV (streamed by serve_csv()).
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_members( $request ): \WP_REST_Response|\WP_Error {
		$snapshot = $this->report->latest();
		if ( null === $snapshot ) {
			return self::empty();
		}
		$total = (int) $snapshot['population'];
		if ( 'csv' === $request['format'] ) {
			$etag = '"census-' . Report::key( $snapshot ) . '"';
			// The export is the costliest read: a client or proxy that holds this snapshot's copy
			// gets 304 and no rows (the member list changes only with the snapshot).
			if ( $etag === trim( (string) $request->get_header( 'if_none_match' ) ) ) {
				$response = new \WP_REST_Response( null, 304 );
				$response->header( 'ETag', $etag );
				return $response;
			}
			$response = new \WP_REST_Response( null );
			$response->header( 'Content-Type', 'text/csv; charset=utf-8' );
			$response->header( 'Content-Disposition', sprintf( 'attachment; filename="census-members-%s-block-%d.csv"', $snapshot['day'], $snapshot['block_number'] ) );
			$response->header( 'X-WP-Total', (string) $total );
			$response->header( 'ETag', $etag );
			return $response;
		}

		$per_page = (int) $request['per_page'];
		$page     = (int) $request['page'];
		$pages    = (int) ceil( $total / $per_page );
		if ( $page > max( 1, $pages ) ) {
			return new \WP_Error(
				'sovereign_press_census_invalid_page',
				/* translators: %d: the number of pages. */
				sprintf( _n( 'The member list has %d page.', 'The member list has %d pages.', $pages, 'sovereign-press' ), $pages ),
				array( 'status' => 400 )
			);
		}
		$offset  = ( $page - 1 ) * $per_page;
		$members = array();
		foreach ( $this->report->members( $snapshot, $offset, $per_page ) as $i => $address ) {
			$members[] = array(
				'index'   => $offset + $i,
				'address' => $address,
			);
		}
		$response = self::answer(
			array(
				'snapshot' => (int) $snapshot['id'],
				'block'    => (int) $snapshot['block_number'],
				'root'     => (string) $snapshot['root'],
				'total'    => $total,
				'page'     => $page,
				'perPage'  => $per_page,
				'members'  => $members,
			),
			$snapshot
		);
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) $pages );
		return $response;
	}

	/**
	 * rest_pre_serve_request: writes the CSV of GET /census/members?format=csv row by row, so
	 * memory stays flat however many members there are.
	 *
	 * @since 0.3.0
	 *
	 * @param bool              $served  Whether the request was already served.
	 * @param \WP_HTTP_Response $result  The response.
	 * @param \WP_REST_Request  $request The request.
	 */
	public function serve_csv( $served, $result, $request ): bool {
		if ( ! $served && $result instanceof \WP_HTTP_Response && 304 === $result->get_status() && $request instanceof \WP_REST_Request && '/sovereign-press/v1/census/members' === $request->get_route() ) {
			return true; // Not modified: headers only.
		}
		if ( $served || ! self::is_csv( $result, $request ) ) {
			return (bool) $served;
		}
		if ( 'HEAD' !== $request->get_method() ) {
			$this->write_csv( static function ( string $chunk ): void {
				echo $chunk; // phpcs:ignore WordPress.Security.EscapeOutput -- CSV of 0x addresses and numbers.
			} );
		}
		return true;
	}

	/**
	 * Writes the latest snapshot's members as CSV (header, then index,address per line), in
	 * chunks of a few hundred lines.
	 *
	 * @since 0.3.0
	 *
	 * @param callable(string): void $write Receives each chunk.
	 */
	public function write_csv( callable $write ): void {
		$snapshot = $this->report->latest();
		$write( "index,address\n" );
		if ( null === $snapshot ) {
			return;
		}
		$index  = 0;
		$buffer = '';
		$this->report->each_member(
			$snapshot,
			static function ( string $address ) use ( &$index, &$buffer, $write ): void {
				$buffer .= $index . ',' . $address . "\n";
				if ( 0 === ( ++$index % 500 ) ) {
					$write( $buffer );
					$buffer = '';
				}
			}
		);
		if ( '' !== $buffer ) {
			$write( $buffer );
		}
	}

	/**
	 * Whether a response is the CSV of GET /census/members.
	 *
	 * @param mixed $result  The response.
	 * @param mixed $request The request.
	 */
	private static function is_csv( mixed $result, mixed $request ): bool {
		return $request instanceof \WP_REST_Request
			&& $result instanceof \WP_HTTP_Response
			&& 200 === $result->get_status()
			&& '/sovereign-press/v1/census/members' === $request->get_route()
			&& str_starts_with( (string) ( $result->get_headers()['Content-Type'] ?? '' ), 'text/csv' );
	}

	/**
	 * GET /census/proof.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_proof( $request ): \WP_REST_Response|\WP_Error {
		try {
			$address = strtolower( Address::parse( (string) $request['address'] ) );
		} catch ( InvalidAddress ) {
			return new \WP_Error( 'sovereign_press_census_invalid_address', __( 'This address’s mixed case is not its checksum: check it, or write it all in lowercase.', 'sovereign-press' ), array( 'status' => 400 ) );
		}
		$snapshot = $this->report->latest();
		if ( null === $snapshot ) {
			return self::empty();
		}
		$proof = $this->report->proof( $snapshot, $address );
		if ( null === $proof ) {
			return new \WP_Error(
				'sovereign_press_census_not_member',
				/* translators: %s: a block number. */
				sprintf( __( 'This address is not a member in the census as of block #%s.', 'sovereign-press' ), number_format_i18n( (int) $snapshot['block_number'] ) ),
				array( 'status' => 404 )
			);
		}
		return self::answer(
			array(
				'address'  => $proof['address'],
				'leaf'     => $proof['leaf'],
				'index'    => (int) $proof['index'],
				'proof'    => array_values( $proof['proof'] ),
				'root'     => (string) $snapshot['root'],
				'snapshot' => (int) $snapshot['id'],
				'block'    => (int) $snapshot['block_number'],
			),
			$snapshot
		);
	}

	/**
	 * A 200 answer that names the snapshot it comes from (ETag), for caches between the site and
	 * its readers.
	 *
	 * @param array<string, mixed>      $data     Body.
	 * @param array<string, mixed>|null $snapshot The snapshot it comes from.
	 */
	private static function answer( array $data, ?array $snapshot ): \WP_REST_Response {
		$response = new \WP_REST_Response( $data );
		if ( null !== $snapshot ) {
			$response->header( 'ETag', '"census-' . Report::key( $snapshot ) . '"' );
		}
		return $response;
	}

	private static function empty(): \WP_Error {
		return new \WP_Error(
			'sovereign_press_census_empty',
			__( 'No census has been taken yet. The first figures appear after the first sync.', 'sovereign-press' ),
			array( 'status' => 404 )
		);
	}

	/**
	 * GET /census.
	 *
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$block = self::object(
			array(
				'chainId'  => self::field( 'integer', __( 'The chain id.', 'sovereign-press' ) ),
				'network'  => self::field( 'string', __( 'The network’s name in this site’s settings.', 'sovereign-press' ) ),
				'block'    => self::field( 'integer', __( 'The block the figures are counted at.', 'sovereign-press' ) ),
				'hash'     => self::field( 'string', __( 'That block’s hash.', 'sovereign-press' ) ),
				'time'     => self::field( 'string', __( 'That block’s time (ISO 8601, UTC).', 'sovereign-press' ) ),
				'explorer' => self::field( 'string', __( 'That block on the network’s explorer; empty without one.', 'sovereign-press' ) ),
			)
		);
		$snapshot = $block;

		$snapshot['properties'] = array(
			'id'      => self::field( 'integer', __( 'The snapshot’s id.', 'sovereign-press' ) ),
			'day'     => self::field( 'string', __( 'The UTC day of the snapshot.', 'sovereign-press' ) ),
			'takenAt' => self::field( 'string', __( 'When the snapshot was taken (ISO 8601, UTC).', 'sovereign-press' ) ),
		) + $block['properties'];

		$asset = self::object(
			array(
				'chainId'  => self::field( 'integer', __( 'The chain id.', 'sovereign-press' ) ),
				'token'    => self::field( 'string', __( 'The token’s address; empty for the native coin.', 'sovereign-press' ) ),
				'symbol'   => self::field( 'string', __( 'The token’s symbol.', 'sovereign-press' ) ),
				'decimals' => self::field( 'integer', __( 'The token’s decimals.', 'sovereign-press' ) ),
				'balance'  => self::field( 'string', __( 'Held, in base units (decimal).', 'sovereign-press' ) ),
				'amount'   => self::field( 'string', __( 'Held, in whole tokens (decimal).', 'sovereign-press' ) ),
				'usd'      => self::field( array( 'string', 'null' ), __( 'Worth in US dollars; null without a current price.', 'sovereign-press' ) ),
				'price'    => array( 'type' => array( 'object', 'null' ) ) + self::object(
					array(
						'value'     => self::field( 'string', __( 'The price feed’s answer in US dollars.', 'sovereign-press' ) ),
						'updatedAt' => self::field( 'integer', __( 'When the feed was updated (Unix time).', 'sovereign-press' ) ),
						'stale'     => self::field( 'boolean', __( 'Whether the answer is too old, or not positive, and was refused.', 'sovereign-press' ) ),
					),
					__( 'The price feed’s answer; null without a feed.', 'sovereign-press' )
				),
			)
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-census',
			'type'       => 'object',
			'properties' => array(
				'snapshot'      => self::object( $snapshot['properties'], __( 'The snapshot the figures come from, and its block on its main chain.', 'sovereign-press' ) ),
				'blocks'        => self::items( $block, __( 'The snapshot’s block on each chain it counts.', 'sovereign-press' ) ),
				'population'    => self::field( 'integer', __( 'Members: distinct addresses holding at least one membership token at its threshold.', 'sovereign-press' ) ),
				'root'          => self::field( 'string', __( 'The Merkle root of the member set (OpenZeppelin StandardMerkleTree, leaf encoding ["address"]); empty when there are no members.', 'sovereign-press' ) ),
				'tree'          => self::object(
					array(
						'format'       => self::field( 'string', __( 'The tree’s format.', 'sovereign-press' ) ),
						'leafEncoding' => self::items( array( 'type' => 'string' ), __( 'The ABI types of a leaf.', 'sovereign-press' ) ),
						'count'        => self::field( 'integer', __( 'Leaves in the tree.', 'sovereign-press' ) ),
					),
					__( 'How to rebuild the root.', 'sovereign-press' )
				),
				'tokens'        => self::items(
					self::object(
						array(
							'id'         => self::field( 'string', __( 'The token’s id in the settings.', 'sovereign-press' ) ),
							'name'       => self::field( 'string', __( 'The token’s name in the settings.', 'sovereign-press' ) ),
							'chainId'    => self::field( 'integer', __( 'The chain id.', 'sovereign-press' ) ),
							'standard'   => array( 'enum' => array( 'erc20', 'erc721', 'erc1155' ) ) + self::field( 'string', __( 'erc20, erc721 or erc1155.', 'sovereign-press' ) ),
							'address'    => self::field( 'string', __( 'The token contract’s address.', 'sovereign-press' ) ),
							'tokenId'    => self::field( 'string', __( 'The ERC-1155 token id (decimal); empty otherwise.', 'sovereign-press' ) ),
							'minBalance' => self::field( 'string', __( 'The least balance that counts, as entered (whole tokens for an ERC-20).', 'sovereign-press' ) ),
							'decimals'   => self::field( array( 'integer', 'null' ), __( 'The token’s decimals as the indexer read them; null before.', 'sovereign-press' ) ),
							'threshold'  => self::field( array( 'string', 'null' ), __( 'The least balance that counts, in base units (decimal).', 'sovereign-press' ) ),
							'startBlock' => self::field( 'integer', __( 'The block the scan starts at.', 'sovereign-press' ) ),
							'toBlock'    => self::field( 'integer', __( 'The block the snapshot counted to on the token’s chain.', 'sovereign-press' ) ),
							'membership' => self::field( 'boolean', __( 'Whether holders count as members.', 'sovereign-press' ) ),
							'members'    => self::field( array( 'integer', 'null' ), __( 'Holders at or above the threshold at the snapshot, whether linked to an account or not; null when the snapshot does not say.', 'sovereign-press' ) ),
						)
					),
					__( 'The tokens counted, with what a recount needs.', 'sovereign-press' )
				),
				'excluded'      => self::items( array( 'type' => 'string' ), __( 'Addresses left out of the population whatever they hold: the treasury’s, at the snapshot (lowercase).', 'sovereign-press' ) ),
				'linkedOnly'    => self::field( 'boolean', __( 'Whether only addresses linked to an account on this site count.', 'sovereign-press' ) ),
				'publicMembers' => self::field( 'boolean', __( 'Whether the member list and proofs are public.', 'sovereign-press' ) ),
				'treasury'      => array( 'type' => array( 'object', 'null' ) ) + self::object(
					array(
						'addresses'  => self::items(
							self::object(
								array(
									'chainId' => self::field( 'integer', __( 'The chain id.', 'sovereign-press' ) ),
									'address' => self::field( 'string', __( 'The treasury address.', 'sovereign-press' ) ),
									'label'   => self::field( 'string', __( 'What it is (a Safe, a Timelock).', 'sovereign-press' ) ),
									'explorer' => self::field( 'string', __( 'That address on the network’s explorer; empty without one.', 'sovereign-press' ) ),
								)
							),
							__( 'The addresses summed.', 'sovereign-press' )
						),
						'assets'     => self::items( $asset, __( 'Holdings per chain and token.', 'sovereign-press' ) ),
						'usdTotal'   => self::field( array( 'string', 'null' ), __( 'The holdings with a current price, in US dollars.', 'sovereign-press' ) ),
						'incomplete' => self::field( 'boolean', __( 'Whether some holdings have no current price or could not be read.', 'sovereign-press' ) ),
					),
					__( 'The treasury at the snapshot; null when none is configured.', 'sovereign-press' )
				),
				'economy'       => array( 'type' => array( 'object', 'null' ) ) + self::object(
					array(
						'token'           => self::field( 'string', __( 'The economy token’s id.', 'sovereign-press' ) ),
						'name'            => self::field( 'string', __( 'Its name in the settings.', 'sovereign-press' ) ),
						'symbol'          => self::field( 'string', __( 'Its symbol.', 'sovereign-press' ) ),
						'days'            => self::field( 'integer', __( 'Days counted, up to the snapshot.', 'sovereign-press' ) ),
						'transfers'       => self::field( 'integer', __( 'Transfers in those days.', 'sovereign-press' ) ),
						'volume'          => self::field( 'string', __( 'Tokens transferred, in base units (decimal).', 'sovereign-press' ) ),
						'amount'          => self::field( array( 'string', 'null' ), __( 'The same in whole tokens.', 'sovereign-press' ) ),
						'activeAddresses' => self::field( 'integer', __( 'Distinct addresses that sent or received it.', 'sovereign-press' ) ),
					),
					__( 'The economy token’s activity; null without one.', 'sovereign-press' )
				),
				'declared'      => self::items(
					self::object(
						array(
							'label' => self::field( 'string', __( 'What is counted.', 'sovereign-press' ) ),
							'value' => self::field( 'string', __( 'The figure, as the admin entered it.', 'sovereign-press' ) ),
							'note'  => self::field( 'string', __( 'Where it comes from.', 'sovereign-press' ) ),
						)
					),
					__( 'Figures declared by the society, not verified on chain.', 'sovereign-press' )
				),
			),
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private function history_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-census-history',
			'type'       => 'object',
			'properties' => array(
				'points' => self::items(
					self::object(
						array(
							'day'         => self::field( 'string', __( 'The UTC day.', 'sovereign-press' ) ),
							'block' => self::field( 'integer', __( 'The block counted at.', 'sovereign-press' ) ),
							'population'  => self::field( 'integer', __( 'Members.', 'sovereign-press' ) ),
							'root'        => self::field( 'string', __( 'The Merkle root of the member set.', 'sovereign-press' ) ),
						)
					),
					__( 'One point per day with a snapshot, oldest first.', 'sovereign-press' )
				),
			),
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private function members_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-census-members',
			'type'       => 'object',
			'properties' => array(
				'snapshot' => self::field( 'integer', __( 'The snapshot’s id.', 'sovereign-press' ) ),
				'block'    => self::field( 'integer', __( 'The block counted at.', 'sovereign-press' ) ),
				'root'     => self::field( 'string', __( 'The Merkle root of the member set.', 'sovereign-press' ) ),
				'total'    => self::field( 'integer', __( 'Members in all.', 'sovereign-press' ) ),
				'page'     => self::field( 'integer', __( 'This page.', 'sovereign-press' ) ),
				'perPage'  => self::field( 'integer', __( 'Members per page.', 'sovereign-press' ) ),
				'members'  => self::items(
					self::object(
						array(
							'index'   => self::field( 'integer', __( 'The position in the tree’s leaf order.', 'sovereign-press' ) ),
							'address' => self::field( 'string', __( 'The member’s address (lowercase).', 'sovereign-press' ) ),
						)
					),
					__( 'This page of members, in the tree’s leaf order.', 'sovereign-press' )
				),
			),
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private function proof_schema(): array {
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-census-proof',
			'type'       => 'object',
			'properties' => array(
				'address'  => self::field( 'string', __( 'The member’s address (lowercase).', 'sovereign-press' ) ),
				'leaf'     => self::field( 'string', __( 'The leaf: keccak256(keccak256(abi.encode(address))).', 'sovereign-press' ) ),
				'index'    => self::field( 'integer', __( 'The position in the tree’s leaf order.', 'sovereign-press' ) ),
				'proof'    => self::items( array( 'type' => 'string' ), __( 'Sibling hashes from the leaf up, for StandardMerkleTree.verify().', 'sovereign-press' ) ),
				'root'     => self::field( 'string', __( 'The Merkle root the proof leads to.', 'sovereign-press' ) ),
				'snapshot' => self::field( 'integer', __( 'The snapshot’s id.', 'sovereign-press' ) ),
				'block'    => self::field( 'integer', __( 'The block counted at.', 'sovereign-press' ) ),
			),
		);
	}

	/**
	 * @param string|list<string> $type        JSON type(s).
	 * @return array<string, mixed>
	 */
	private static function field( string|array $type, string $description ): array {
		return array(
			'description' => $description,
			'type'        => $type,
			'context'     => array( 'view' ),
			'readonly'    => true,
		);
	}

	/**
	 * @param array<string, mixed> $properties Properties.
	 * @return array<string, mixed>
	 */
	private static function object( array $properties, string $description = '' ): array {
		return array_filter( array( 'description' => $description ) ) + self::field( 'object', $description ) + array( 'properties' => $properties );
	}

	/**
	 * @param array<string, mixed> $items The schema of one item.
	 * @return array<string, mixed>
	 */
	private static function items( array $items, string $description ): array {
		return self::field( 'array', $description ) + array( 'items' => $items );
	}
}
