<?php
/**
 * DAO Proposal block: the proposal, rendered on the server (readable without JavaScript), or a
 * placeholder saying why it cannot be shown.
 *
 * @package SovereignPress
 *
 * @var array<string, mixed> $attributes
 */

declare( strict_types=1 );

defined( 'ABSPATH' ) || exit;

$sovereign_press_html = \SovereignPress\Governance\ProposalBlocks::instance()->render_proposal( $attributes );
?>
<div <?php echo get_block_wrapper_attributes(); // phpcs:ignore WordPress.Security.EscapeOutput -- escaped by core. ?>>
	<?php echo $sovereign_press_html; // phpcs:ignore WordPress.Security.EscapeOutput -- escaped and sanitised by Governance\ProposalView. ?>
</div>
