<?php
/**
 * REST: the census sync, for the admin's "Sync now" button.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Census\CensusJob;
use SovereignPress\Settings\Settings;

/**
 * POST /sovereign-press/v1/census/sync runs the census job for a few seconds and answers where
 * the sync stands; the settings screen calls it again until the sync is idle, so no request
 * runs long and the page can be left at any time (the next call, or WP-Cron, goes on from there).
 * GET answers where it stands without working. Administrators only.
 *
 * @phpstan-import-type Progress from CensusJob
 *
 * @since 0.3.0
 */
final class CensusSyncController extends Controller {

	/** Seconds one POST works for. */
	public const SECONDS = 5.0;

	/**
	 * @param \Closure(): CensusJob $job      The census job (built when a request needs it).
	 * @param Settings              $settings The census settings.
	 */
	public function __construct( private \Closure $job, private Settings $settings ) {
		$this->rest_base = 'census/sync';
	}

	public function register_routes(): void {
		register_rest_route(
			$this->namespace,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => array(),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ): bool|\WP_Error {
		return self::administrators();
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function create_item_permissions_check( $request ): bool|\WP_Error {
		return self::administrators();
	}

	/**
	 * Where the sync stands.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function get_item( $request ): \WP_REST_Response {
		return new \WP_REST_Response( ( $this->job )()->progress() );
	}

	/**
	 * Works on the sync for a few seconds. Another runner holding the job (WP-Cron, WP-CLI) is
	 * no error: the answer says busy, and the caller asks again. A network error is: the sync
	 * keeps its place, and the answer (502) says what failed, with the progress.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ): \WP_REST_Response|\WP_Error {
		if ( array() === $this->settings->census()['tokens'] ) {
			return new \WP_Error(
				'sovereign_press_census_not_configured',
				__( 'The census counts nothing yet: add a membership token in the Census settings and save them first.', 'sovereign-press' ),
				array( 'status' => 409 )
			);
		}
		/**
		 * Filters how many seconds one "Sync now" request works before it answers.
		 *
		 * @since 0.3.0
		 *
		 * @param float $seconds Seconds; default 5.
		 */
		$seconds  = max( 1.0, min( 20.0, (float) apply_filters( 'sovereign_press_census_sync_seconds', self::SECONDS ) ) );
		$progress = ( $this->job )()->run( $seconds );
		if ( null !== $progress['error'] ) {
			return new \WP_Error(
				'sovereign_press_census_sync_failed',
				$progress['error'],
				array(
					'status'   => 502,
					'progress' => $progress,
				)
			);
		}
		return new \WP_REST_Response( $progress );
	}

	/**
	 * @return true|\WP_Error
	 */
	private static function administrators(): bool|\WP_Error {
		return Permissions::can( 'manage_options', __( 'Only administrators can run the census sync.', 'sovereign-press' ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	protected function item_schema(): array {
		$view    = array( 'view', 'edit' );
		$integer = static fn( string $description ): array => array(
			'description' => $description,
			'type'        => 'integer',
			'context'     => $view,
			'readonly'    => true,
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'sovereign-press-census-sync',
			'type'       => 'object',
			'properties' => array(
				'phase'     => array(
					'description' => __( 'What the sync is doing: idle, scanning the chain, building the Merkle tree, writing the snapshot.', 'sovereign-press' ),
					'type'        => 'string',
					'enum'        => array( 'idle', 'scan', 'tree', 'snapshot' ),
					'context'     => $view,
					'readonly'    => true,
				),
				'busy'      => array(
					'description' => __( 'Whether a runner is working on the sync now.', 'sovereign-press' ),
					'type'        => 'boolean',
					'context'     => $view,
					'readonly'    => true,
				),
				'scanned'   => $integer( __( 'Blocks scanned in this sync.', 'sovereign-press' ) ),
				'total'     => $integer( __( 'Blocks this sync scans.', 'sovereign-press' ) ),
				'tree'      => array(
					'description' => __( 'Members placed in the Merkle tree, of all, while it is built.', 'sovereign-press' ),
					'type'        => array( 'object', 'null' ),
					'context'     => $view,
					'readonly'    => true,
					'properties'  => array(
						'done'  => array( 'type' => 'integer' ),
						'total' => array( 'type' => 'integer' ),
					),
				),
				'error'     => array(
					'description' => __( 'Why the last run stopped, if it failed.', 'sovereign-press' ),
					'type'        => array( 'string', 'null' ),
					'context'     => $view,
					'readonly'    => true,
				),
				'snapshot'  => array(
					'description' => __( 'Id of the latest snapshot.', 'sovereign-press' ),
					'type'        => array( 'integer', 'null' ),
					'context'     => $view,
					'readonly'    => true,
				),
				'latest'    => array(
					'description' => __( 'The latest snapshot: its block on the main chain, population and UTC day.', 'sovereign-press' ),
					'type'        => array( 'object', 'null' ),
					'context'     => $view,
					'readonly'    => true,
					'properties'  => array(
						'block'      => array( 'type' => 'integer' ),
						'population' => array( 'type' => 'integer' ),
						'day'        => array( 'type' => 'string' ),
					),
				),
				'updatedAt' => array(
					'description' => __( 'When the sync last worked (ISO 8601).', 'sovereign-press' ),
					'type'        => 'string',
					'context'     => $view,
					'readonly'    => true,
				),
			),
		);
	}
}
