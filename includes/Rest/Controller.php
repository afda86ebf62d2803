<?php
/**
 * What every sovereign-press/v1 controller shares.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

/**
 * The namespace, and the response schema built once per request from item_schema().
 *
 * @since 0.1.0
 */
abstract class Controller extends \WP_REST_Controller {

	/**
	 * The REST namespace of every route of the plugin.
	 *
	 * @var string
	 */
	protected $namespace = 'sovereign-press/v1';

	/**
	 * The schema of the resource's response, with fields other plugins registered.
	 *
	 * @return array<string, mixed>
	 */
	final public function get_item_schema(): array {
		$this->schema ??= $this->item_schema();
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * The schema of the resource's response (JSON Schema, draft 4, as WordPress reads it).
	 *
	 * @return array<string, mixed>
	 */
	abstract protected function item_schema(): array;
}
