<?php
/**
 * A Markdown image as a link to it.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Markdown;

use League\CommonMark\Extension\CommonMark\Node\Inline\Image;
use League\CommonMark\Node\Node;
use League\CommonMark\Renderer\ChildNodeRendererInterface;
use League\CommonMark\Renderer\NodeRendererInterface;
use League\CommonMark\Util\HtmlElement;

/**
 * Readers never load an image from a proposal's body (a host the admin did not choose would see
 * them): they get a link to it, named by its alt text; an image with no https address is its alt
 * text alone. Loaded only when league/commonmark is.
 *
 * @since 0.2.0
 */
final class ImageRenderer implements NodeRendererInterface {

	public function render( Node $node, ChildNodeRendererInterface $child_renderer ): \Stringable|string {
		Image::assertInstanceOf( $node );
		$alt = trim( $child_renderer->renderNodes( $node->children() ) );
		$url = $node->getUrl();
		if ( 1 !== preg_match( '#^https://[^\s]+$#i', $url ) ) {
			return $alt;
		}
		/* translators: link text for an image in a proposal that has no description. */
		return new HtmlElement( 'a', array( 'href' => $url ), '' !== $alt ? $alt : esc_html__( 'Image', 'sovereign-press' ) );
	}
}
