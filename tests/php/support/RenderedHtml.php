<?php
/**
 * Reads rendered HTML with WordPress's HTML API, as a browser would: elements, their attributes
 * and their text, so tests assert on tags and attributes rather than on whole HTML strings.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Support;

final class RenderedHtml {

	/**
	 * Every element with this class (or, with $class '', every element), in document order: its
	 * tag (lowercase), its attributes and its text as a reader sees it (entities decoded, tags
	 * dropped, whitespace collapsed).
	 *
	 * @return list<array{tag:string, attributes:array<string, string|true>, text:string}>
	 */
	public static function elements( string $html, string $class = '' ): array {
		$processor = new \WP_HTML_Tag_Processor( $html );
		$open      = array();
		$found     = array();
		$capturing = array();
		while ( $processor->next_token() ) {
			$type = $processor->get_token_type();
			if ( '#text' === $type ) {
				foreach ( $capturing as $index => $depth ) {
					$found[ $index ]['text'] .= $processor->get_modifiable_text();
				}
				continue;
			}
			if ( '#tag' !== $type ) {
				continue;
			}
			$tag = strtolower( (string) $processor->get_tag() );
			if ( $processor->is_tag_closer() ) {
				$at = array_search( $tag, array_reverse( $open, true ), true );
				if ( false !== $at ) {
					$open = array_slice( $open, 0, (int) $at );
				}
				$capturing = array_filter( $capturing, static fn( int $depth ): bool => $depth < count( $open ) );
				continue;
			}
			if ( '' === $class || true === $processor->has_class( $class ) ) {
				$attributes = array();
				foreach ( (array) $processor->get_attribute_names_with_prefix( '' ) as $name ) {
					$attributes[ $name ] = $processor->get_attribute( $name );
				}
				$found[] = array(
					'tag'        => $tag,
					'attributes' => $attributes,
					'text'       => '',
				);
				if ( ! \WP_HTML_Processor::is_void( $tag ) ) {
					$capturing[ count( $found ) - 1 ] = count( $open );
				}
			}
			if ( ! \WP_HTML_Processor::is_void( $tag ) && ! $processor->has_self_closing_flag() ) {
				$open[] = $tag;
			}
		}
		foreach ( $found as &$element ) {
			$element['text'] = trim( (string) preg_replace( '/\s+/u', ' ', $element['text'] ) );
		}
		return $found;
	}

	/**
	 * The text of every element with this class.
	 *
	 * @return list<string>
	 */
	public static function texts( string $html, string $class ): array {
		return array_column( self::elements( $html, $class ), 'text' );
	}

	/**
	 * The first element with this class, or null.
	 *
	 * @return array{tag:string, attributes:array<string, string|true>, text:string}|null
	 */
	public static function first( string $html, string $class ): ?array {
		return self::elements( $html, $class )[0] ?? null;
	}
}
