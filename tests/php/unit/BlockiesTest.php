<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Auth\Blockies;

/**
 * Blockies against tests/vectors/blockies.json, made by the reference port of ethereum-blockies
 * in tests/vectors/blockies.mjs (`node tests/vectors/blockies.mjs`).
 */
final class BlockiesTest extends TestCase {

	/**
	 * @return array<string, array{array<string, mixed>}>
	 */
	public static function vectors(): array {
		$vectors = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/vectors/blockies.json' ), true, 512, JSON_THROW_ON_ERROR );
		$cases   = array();
		foreach ( $vectors as $vector ) {
			$cases[ $vector['seed'] ] = array( $vector );
		}
		return $cases;
	}

	/**
	 * @dataProvider vectors
	 *
	 * @param array{seed:string, cells:string, color:string, bgcolor:string, spotcolor:string, hex:list<string>} $vector
	 */
	public function test_reproduces_ethereum_blockies( array $vector ): void {
		$pattern = Blockies::pattern( $vector['seed'] );
		$this->assertSame( $vector['cells'], implode( '', $pattern['cells'] ) );
		foreach ( array( 'color', 'bgcolor', 'spotcolor' ) as $i => $name ) {
			$this->assertSame( self::css( $vector[ $name ] ), $pattern['colors'][ $i ], "{$name} of {$vector['seed']}" );
			$this->assertSame( $vector['hex'][ $i ], Blockies::hex( $pattern['colors'][ $i ] ), "{$name} of {$vector['seed']}" );
		}
	}

	public function test_the_svg_draws_every_cell_in_its_colour(): void {
		$address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
		$pattern = Blockies::pattern( strtolower( $address ) );
		$svg     = simplexml_load_string( Blockies::svg( $address, 40 ) );
		$this->assertNotFalse( $svg );
		$this->assertSame( array( '40', '40', '0 0 8 8' ), array( (string) $svg['width'], (string) $svg['height'], (string) $svg['viewBox'] ) );

		// Paint the grid from the SVG's paths, then compare it with the pattern.
		$fill = array( (string) $svg->rect['fill'] => 0 );
		$grid = array_fill( 0, 64, 0 );
		foreach ( $svg->path as $path ) {
			$kind                           = count( $fill );
			$fill[ (string) $path['fill'] ] = $kind;
			preg_match_all( '/M(\d) (\d)h(\d)v1h-\3z/', (string) $path['d'], $runs, PREG_SET_ORDER );
			foreach ( $runs as $run ) {
				for ( $x = (int) $run[1]; $x < (int) $run[1] + (int) $run[3]; $x++ ) {
					$grid[ 8 * (int) $run[2] + $x ] = $kind;
				}
			}
		}
		$this->assertSame( array( Blockies::hex( $pattern['colors'][1] ) => 0, Blockies::hex( $pattern['colors'][0] ) => 1, Blockies::hex( $pattern['colors'][2] ) => 2 ), $fill );
		$this->assertSame( array_map( static fn( int $cell ): int => min( $cell, 2 ), $pattern['cells'] ), $grid );
	}

	public function test_the_address_case_does_not_matter_and_the_data_url_is_plain_base64(): void {
		$url = Blockies::data_url( '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', 96 );
		$this->assertSame( $url, Blockies::data_url( '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc', 96 ) );
		$this->assertMatchesRegularExpression( '#^data:image/svg\+xml;base64,[A-Za-z0-9+/]+=*$#D', $url );
		$this->assertNotSame( $url, Blockies::data_url( '0x90F79bf6EB2c4f870365E785982E1f101E93b906', 96 ) );
	}

	/**
	 * @return array{float,float,float}
	 */
	private static function css( string $hsl ): array {
		self::assertMatchesRegularExpression( '/^hsl\(\d+,[\d.]+%,[\d.]+%\)$/', $hsl );
		return array_map( 'floatval', explode( ',', str_replace( '%', '', substr( $hsl, 4, -1 ) ) ) );
	}
}
