<?php
/**
 * The post editor's Token gate panel: its script, with the networks and presets it offers.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Assets\BuildAssets;
use SovereignPress\Chain\Networks;

/**
 * Loads build/editor.js in the block editor and hands it window.sovereignPressEditor: the
 * networks (without their RPC URLs), each preset with its summary, and the meta key it edits.
 *
 * @since 0.1.0
 */
final class GatePanel {

	public function __construct( private BuildAssets $assets, private Gates $gates, private Networks $networks ) {}

	/**
	 * enqueue_block_editor_assets.
	 *
	 * @since 0.1.0
	 */
	public function enqueue(): void {
		if ( null === $this->assets->enqueue_script( 'editor' ) ) {
			return;
		}
		$presets = array_map(
			fn( array $preset ): array => array(
				'id'      => $preset['id'],
				'name'    => $preset['name'],
				/* translators: %s: what readers must hold. */
				'summary' => sprintf( __( 'Readers need %s.', 'sovereign-press' ), $this->gates->summary( $preset['rule'] ) ),
			),
			$this->gates->presets()
		);
		wp_add_inline_script(
			'sovereign-press-editor',
			'window.sovereignPressEditor = ' . wp_json_encode(
				array(
					'networks' => $this->networks->public_list(),
					'presets'  => $presets,
					'metaKey'  => Gates::META,
				)
			) . ';',
			'before'
		);
	}
}
