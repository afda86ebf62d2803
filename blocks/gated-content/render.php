<?php
/**
 * Gated Content block: its inner blocks for readers who qualify, otherwise the message, what the
 * rule asks, and a way in. Decided here, on the server, for every reader and every channel (and by
 * GatedContentBlock's render_block filter when this file does not run: the type unregistered).
 *
 * @package SovereignPress
 *
 * @var array{preset:string, rule:array<string, mixed>, message:string} $attributes
 * @var string                                                          $content
 * @var WP_Block                                                        $block
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

$sovereign_press_html = \SovereignPress\Gating\GatedContentBlock::instance()->render( $attributes, $content, $block );
?>
<div <?php echo get_block_wrapper_attributes(); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by core. ?>>
	<?php echo $sovereign_press_html; // phpcs:ignore WordPress.Security.EscapeOutput -- inner blocks rendered by core, or a notice escaped by Gating\Notice. ?>
</div>
