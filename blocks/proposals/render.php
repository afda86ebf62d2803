<?php
/**
 * DAO Proposals block: the latest proposals of a space or Governor, rendered on the server.
 *
 * @package SovereignPress
 *
 * @var array<string, mixed> $attributes
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

$sovereign_press_html = \SovereignPress\Governance\ProposalBlocks::instance()->render_list( $attributes );
?>
<div <?php echo get_block_wrapper_attributes(); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by core. ?>>
	<?php echo $sovereign_press_html; // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by Governance\ProposalView. ?>
</div>
