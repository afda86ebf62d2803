<?php
/**
 * Census block: the census as the site publishes it, rendered on the server.
 *
 * @package SovereignPress
 *
 * @var array<string, mixed> $attributes
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

$sovereign_press_html = \SovereignPress\Census\CensusBlock::instance()->render( $attributes );
?>
<div <?php echo get_block_wrapper_attributes(); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by core. ?>>
	<?php echo $sovereign_press_html; // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by Census\CensusBlock and Census\GrowthChart. ?>
</div>
