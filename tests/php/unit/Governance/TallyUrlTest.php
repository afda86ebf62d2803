<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Governance;

use PHPUnit\Framework\TestCase;
use SovereignPress\Governance\Governor\TallyUrl;

/**
 * Tally links from tests/vectors/tally-urls.json (the editor's TypeScript runs the same file).
 */
final class TallyUrlTest extends TestCase {

	/**
	 * @return array<string, mixed>
	 */
	private static function vectors(): array {
		return json_decode( (string) file_get_contents( dirname( __DIR__, 3 ) . '/vectors/tally-urls.json' ), true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * @return iterable<string, array{array<string, string>}>
	 */
	public static function valid(): iterable {
		foreach ( self::vectors()['valid'] as $vector ) {
			yield $vector['input'] => array( $vector );
		}
	}

	/**
	 * @return iterable<string, array{string}>
	 */
	public static function invalid(): iterable {
		foreach ( self::vectors()['invalid'] as $input ) {
			yield json_encode( $input ) => array( $input );
		}
	}

	/**
	 * @dataProvider valid
	 *
	 * @param array<string, string> $vector Vector.
	 */
	public function test_reads_the_slug_and_the_decimal_id( array $vector ): void {
		$this->assertSame( array( 'slug' => $vector['slug'], 'id' => $vector['id'] ), TallyUrl::parse( $vector['input'] ) );
	}

	/**
	 * @dataProvider invalid
	 */
	public function test_refuses_what_is_not_a_tally_proposal_link( string $input ): void {
		$this->assertNull( TallyUrl::parse( $input ) );
	}
}
