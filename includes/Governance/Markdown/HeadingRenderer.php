<?php
/**
 * Markdown headings under the proposal's title.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Markdown;

use League\CommonMark\Extension\CommonMark\Node\Block\Heading;
use League\CommonMark\Node\Node;
use League\CommonMark\Renderer\ChildNodeRendererInterface;
use League\CommonMark\Renderer\NodeRendererInterface;
use League\CommonMark\Util\HtmlElement;

/**
 * A body's "# Heading" is h3: the page and the proposal's title hold the levels above, so the
 * outline stays whole. Loaded only when league/commonmark is.
 *
 * @since 0.2.0
 */
final class HeadingRenderer implements NodeRendererInterface {

	public function render( Node $node, ChildNodeRendererInterface $child_renderer ): \Stringable|string {
		Heading::assertInstanceOf( $node );
		return new HtmlElement( 'h' . min( 6, $node->getLevel() + 2 ), array(), $child_renderer->renderNodes( $node->children() ) );
	}
}
