<?php
/**
 * The Census block rendered by WordPress (do_blocks): the figures, the accessible growth chart
 * (an SVG image named by its title and described by its desc, and a table of the same points),
 * "as of block #N" with the hash linked to the explorer, the declared figures in a group of their
 * own, the theme's colour and spacing supports, and the editor's preview being the same HTML.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Census;

use SovereignPress\Tests\Support\RenderedHtml;

require_once __DIR__ . '/PublishedCensusTestCase.php';
require_once dirname( __DIR__, 2 ) . '/support/RenderedHtml.php';

final class CensusBlockTest extends PublishedCensusTestCase {

	/**
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	private static function block( array $attributes = array() ): string {
		return '<!-- wp:sovereign-press/census ' . ( array() === $attributes ? '' : wp_json_encode( $attributes ) . ' ' ) . '/-->';
	}

	/**
	 * The element with this id, in document order, or null.
	 *
	 * @return array{tag:string, attributes:array<string, string|true>, text:string}|null
	 */
	private static function by_id( string $html, string $id ): ?array {
		foreach ( RenderedHtml::elements( $html ) as $element ) {
			if ( ( $element['attributes']['id'] ?? null ) === $id ) {
				return $element;
			}
		}
		return null;
	}

	public function test_the_block_shows_the_verified_figures_and_where_they_are_counted(): void {
		$census = self::take_census( 40 );
		$html   = do_blocks( self::block() );

		$wrapper = RenderedHtml::first( $html, 'wp-block-sovereign-press-census' );
		$this->assertSame( 'div', $wrapper['tag'] ?? null );

		$figures = array_combine(
			array_map( static fn( array $e ): string => $e['text'], array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'dt' === $e['tag'] ) ),
			RenderedHtml::texts( $html, 'sovereign-press-census__value' )
		);
		$this->assertSame( '40', $figures['Population'] );
		$this->assertSame( '$30,000', $figures['Total value (at least)'] );
		$this->assertSame( '10 ETH', $figures['ETH'] );
		$this->assertSame( '5,000 SVOTE', $figures['SVOTE'] );
		$this->assertSame( '7', $figures['Transfers'] );
		$this->assertSame( '4', $figures['Active addresses'] );
		$this->assertContains( 'price feed stale: not valued', RenderedHtml::texts( $html, 'sovereign-press-census__note' ) );
		$this->assertContains( 'Every address that sent or received SVOTE, member or not: it can exceed the population.', RenderedHtml::texts( $html, 'sovereign-press-census__note' ), 'Active addresses say what they count.' );

		$hash  = '0x' . \SovereignPress\Crypto\Keccak256::hex( 'block 100' );
		$as_of = RenderedHtml::first( $html, 'sovereign-press-census__as-of' );
		$this->assertStringStartsWith( 'As of block #100 on Local chain,', $as_of['text'] );
		$links = array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'a' === $e['tag'] ) );
		$this->assertSame( array( self::EXPLORER . 'address/' . self::deployment()['contracts']['treasury'], self::EXPLORER . 'block/' . $hash ), array_map( static fn( array $e ): string => $e['attributes']['href'], $links ), 'The treasury’s address, then the block.' );
		$this->assertSame( $hash, RenderedHtml::first( $html, 'sovereign-press-census__hash' )['attributes']['title'] );
		$this->assertSame( $census['root'], self::root_of( $html ) );
	}

	/**
	 * The full root the root line carries (its code element's title).
	 */
	private static function root_of( string $html ): string {
		$processor = new \WP_HTML_Tag_Processor( $html );
		while ( $processor->next_tag( array( 'class_name' => 'sovereign-press-census__root' ) ) ) {
			$processor->next_tag( 'code' );
			return (string) $processor->get_attribute( 'title' );
		}
		return '';
	}

	public function test_the_growth_chart_is_an_svg_image_with_a_title_a_description_and_a_table_of_its_points(): void {
		self::take_census( 12 );
		$html = do_blocks( self::block() );

		$svg = RenderedHtml::first( $html, 'sovereign-press-census__chart-svg' );
		$this->assertSame( 'svg', $svg['tag'] );
		$this->assertSame( 'img', $svg['attributes']['role'] );
		[ $title_id, $desc_id ] = explode( ' ', (string) $svg['attributes']['aria-labelledby'] );
		$title = self::by_id( $html, $title_id );
		$desc  = self::by_id( $html, $desc_id );
		$this->assertSame( 'title', $title['tag'] );
		// The tag processor reads <title> as raw text wherever it is: its text is the token's own.
		$processor = new \WP_HTML_Tag_Processor( $html );
		$processor->next_tag( array( 'tag_name' => 'title' ) );
		$this->assertSame( array( $title_id, 'Population over time' ), array( $processor->get_attribute( 'id' ), $processor->get_modifiable_text() ) );
		$this->assertSame( 'desc', $desc['tag'] );
		$first = wp_date( get_option( 'date_format' ), time() - 2 * DAY_IN_SECONDS, new \DateTimeZone( 'UTC' ) );
		$today = wp_date( get_option( 'date_format' ), time(), new \DateTimeZone( 'UTC' ) );
		$this->assertSame( "From 7 members on {$first} to 12 members on {$today}; lowest 7, highest 12.", $desc['text'] );

		$line = RenderedHtml::first( $html, 'sovereign-press-census__chart-line' );
		$this->assertSame( 'polyline', $line['tag'] );
		$this->assertCount( 3, explode( ' ', (string) $line['attributes']['points'] ), 'one vertex per day' );
		$this->assertSame( 'currentColor', $line['attributes']['stroke'], 'drawn in the text colour' );

		$table = RenderedHtml::first( $html, 'sovereign-press-census__chart-table' );
		$this->assertSame( 'table', $table['tag'] );
		$cells = array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => in_array( $e['tag'], array( 'th', 'td' ), true ) ) );
		$this->assertSame(
			array( 'Day', 'Members', 'Block', $first, '7', '80', wp_date( get_option( 'date_format' ), time() - DAY_IN_SECONDS, new \DateTimeZone( 'UTC' ) ), '10', '90', $today, '12', '100' ),
			array_column( $cells, 'text' )
		);
		$this->assertSame( 'row', $cells[3]['attributes']['scope'] );
		$this->assertSame( 'details', RenderedHtml::first( $html, 'sovereign-press-census__chart-data' )['tag'], 'the table opens without JavaScript' );
	}

	public function test_a_single_day_is_a_point_and_two_blocks_on_a_page_keep_their_ids_apart(): void {
		$tree = self::build_tree( self::addresses( 3 ) );
		self::save_snapshot( array( 'population' => 3, 'root' => $tree['root'], 'tree' => $tree['tree'] ) );
		$html = do_blocks( self::block() . self::block() );

		$this->assertSame( 'circle', RenderedHtml::first( $html, 'sovereign-press-census__chart-point' )['tag'] );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__chart-line' ) );
		$this->assertMatchesRegularExpression( '#<text x="' . preg_quote( (string) RenderedHtml::first( $html, 'sovereign-press-census__chart-point' )['attributes']['cx'], '#' ) . '" y="\d+" text-anchor="middle"[^>]*>[^<]+</text>#', $html, 'the day\'s date sits under its point' );
		$svgs = RenderedHtml::elements( $html, 'sovereign-press-census__chart-svg' );
		$this->assertCount( 2, $svgs );
		$this->assertNotSame( $svgs[0]['attributes']['aria-labelledby'], $svgs[1]['attributes']['aria-labelledby'] );
		foreach ( $svgs as $svg ) {
			foreach ( explode( ' ', (string) $svg['attributes']['aria-labelledby'] ) as $id ) {
				$this->assertNotNull( self::by_id( $html, $id ), "#{$id} exists" );
			}
		}
		$this->assertStringEndsWith( 'members on ' . wp_date( get_option( 'date_format' ), time(), new \DateTimeZone( 'UTC' ) ) . ', the first daily census.', self::by_id( $html, explode( ' ', (string) $svgs[0]['attributes']['aria-labelledby'] )[1] )['text'] );
	}

	public function test_declared_figures_stand_apart_labelled_as_not_verified(): void {
		self::configure_census(
			array(
				'declared' => array(
					array( 'label' => 'Nodes < 20 & "active"', 'value' => '12', 'note' => 'Run by members' ),
				),
			)
		);
		self::take_census( 5 );
		$html = do_blocks( self::block() );

		$section = RenderedHtml::first( $html, 'sovereign-press-census__declared' );
		$this->assertSame( 'section', $section['tag'] );
		$heading = self::by_id( $html, (string) $section['attributes']['aria-labelledby'] );
		$this->assertSame( array( 'h3', 'Declared by the society, not verified on chain' ), array( $heading['tag'], $heading['text'] ) );
		// The declared group comes last: its term, value and note, escaped and read back as written.
		$terms = array_column( array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => in_array( $e['tag'], array( 'dt', 'dd' ), true ) ) ), 'text' );
		$this->assertSame( array( 'Nodes < 20 & "active"', '12', 'Run by members' ), array_slice( $terms, -3 ) );
		$this->assertStringContainsString( 'Nodes &lt; 20 &amp;', $html );
		$this->assertStringNotContainsString( 'Nodes', RenderedHtml::first( $html, 'sovereign-press-census__verified' )['text'], 'not among the verified figures' );
	}

	public function test_the_attributes_choose_the_figures(): void {
		self::take_census( 5 );
		$html = do_blocks( self::block( array( 'showChart' => false, 'showTreasury' => false, 'showDeclared' => false, 'showEconomy' => false ) ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__chart-svg' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__group--treasury' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__group--economy' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__declared' ) );
		$this->assertNotNull( RenderedHtml::first( $html, 'sovereign-press-census__group--population' ) );
		$this->assertNotNull( RenderedHtml::first( $html, 'sovereign-press-census__as-of' ), 'where the figures come from always shows' );

		$html = do_blocks( self::block( array( 'showPopulation' => false, 'chartDays' => 2 ) ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__group--population' ) );
		$this->assertCount( 2, explode( ' ', (string) RenderedHtml::first( $html, 'sovereign-press-census__chart-line' )['attributes']['points'] ), 'the last two days' );
	}

	public function test_attributes_typed_by_hand_as_strings_mean_what_they_say(): void {
		self::take_census( 5 );
		// WordPress accepts "false" and "0" for a boolean attribute, and "2" for an integer one.
		$html = do_blocks( self::block( array( 'showChart' => 'false', 'showTreasury' => '0', 'showDeclared' => 'false', 'showEconomy' => 'false' ) ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__chart-svg' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__group--treasury' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__group--economy' ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__declared' ) );
		$this->assertNotNull( RenderedHtml::first( $html, 'sovereign-press-census__group--population' ) );

		$html = do_blocks( self::block( array( 'showPopulation' => 'false', 'chartDays' => '2' ) ) );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__group--population' ) );
		$this->assertCount( 2, explode( ' ', (string) RenderedHtml::first( $html, 'sovereign-press-census__chart-line' )['attributes']['points'] ) );
	}

	public function test_the_theme_supports_reach_the_wrapper(): void {
		self::take_census( 5 );
		$html    = do_blocks( self::block( array( 'textColor' => 'contrast', 'backgroundColor' => 'base', 'fontSize' => 'small', 'align' => 'wide', 'style' => array( 'spacing' => array( 'padding' => array( 'top' => '2rem' ) ) ) ) ) );
		$wrapper = RenderedHtml::first( $html, 'wp-block-sovereign-press-census' );
		$classes = explode( ' ', (string) $wrapper['attributes']['class'] );
		foreach ( array( 'has-text-color', 'has-contrast-color', 'has-background', 'has-base-background-color', 'has-small-font-size', 'alignwide' ) as $class ) {
			$this->assertContains( $class, $classes );
		}
		$this->assertStringContainsString( 'padding-top:2rem', (string) $wrapper['attributes']['style'] );
	}

	public function test_the_treasury_names_its_addresses_linked_to_the_explorer_and_left_out_of_the_population(): void {
		$timelock = self::deployment()['contracts']['treasury'];
		$safe     = '0x' . substr( \SovereignPress\Crypto\Keccak256::hex( 'safe' ), 24 );
		$treasury = array(
			array( 'chainId' => 31337, 'address' => $timelock, 'label' => 'Timelock' ),
			array( 'chainId' => 31337, 'address' => $safe, 'label' => '' ),
		);
		self::configure_census( array( 'treasury' => $treasury ) );
		$safe = get_option( \SovereignPress\Settings\Settings::OPTION )['census']['treasury'][1]['address'];
		$this->assertSame( strtolower( $safe ), $treasury[1]['address'], 'Saved in its checksum case.' );
		$tree     = self::build_tree( self::addresses( 3 ) );
		$snapshot = static fn( array $excluded ): int => self::save_snapshot(
			array(
				'population' => 3,
				'root'       => $tree['root'],
				'tree'       => $tree['tree'],
				'treasury'   => array( 'assets' => array(), 'usdTotal' => null, 'incomplete' => false, 'excluded' => $excluded ),
			)
		);
		$snapshot( array( strtolower( $safe ), strtolower( $timelock ) ) );

		$html     = do_blocks( self::block() );
		$short    = array( \SovereignPress\Crypto\Address::short( $timelock ), \SovereignPress\Crypto\Address::short( $safe ) );
		$holders  = RenderedHtml::first( $html, 'sovereign-press-census__holders' )['text'] ?? '';
		$this->assertStringStartsWith( 'Held by these addresses, which do not count toward the population:', $holders );
		$this->assertSame( array( 'Timelock ' . $short[0], $short[1] ), RenderedHtml::texts( $html, 'sovereign-press-census__holder' ), 'Each label and short address.' );
		$this->assertStringEndsWith( $holders, RenderedHtml::first( $html, 'sovereign-press-census__group--treasury' )['text'], 'In the treasury group.' );
		$this->assertSame( array( 'ul' ), array_column( RenderedHtml::elements( $html, 'sovereign-press-census__holder-list' ), 'tag' ) );
		$this->assertSame( array( $timelock, $safe ), array_map( static fn( array $e ): string => $e['attributes']['title'], RenderedHtml::elements( $html, 'sovereign-press-census__address' ) ), 'The full address in the title.' );
		$links = array_values( array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'a' === $e['tag'] && str_contains( $e['attributes']['href'], '/address/' ) ) );
		$this->assertSame( array( self::EXPLORER . 'address/' . $timelock, self::EXPLORER . 'address/' . $safe ), array_map( static fn( array $e ): string => $e['attributes']['href'], $links ) );
		$this->assertSame( $short, array_column( $links, 'text' ), 'The short address is the link.' );
		$published = rest_do_request( new \WP_REST_Request( 'GET', '/sovereign-press/v1/census' ) )->get_data();
		$this->assertSame( array( self::EXPLORER . 'address/' . $timelock, self::EXPLORER . 'address/' . $safe ), array_column( $published['treasury']['addresses'], 'explorer' ), 'GET /census publishes the same links.' );

		// Without an explorer, the addresses are not links.
		$settings                                = get_option( \SovereignPress\Settings\Settings::OPTION );
		$settings['networks'][0]['explorerUrl'] = '';
		update_option( \SovereignPress\Settings\Settings::OPTION, $settings );
		$html = do_blocks( self::block() );
		$this->assertCount( 2, RenderedHtml::elements( $html, 'sovereign-press-census__address' ) );
		$this->assertSame( array(), array_filter( RenderedHtml::elements( $html ), static fn( array $e ): bool => 'a' === $e['tag'] ) );

		// A snapshot taken before they were the treasury's does not say they are left out.
		$snapshot( array() );
		$notes = RenderedHtml::texts( do_blocks( self::block() ), 'sovereign-press-census__note' );
		$this->assertContains( 'Held by these addresses:', $notes );
		$this->assertNotContains( 'Held by these addresses, which do not count toward the population:', $notes );
	}

	public function test_without_treasury_addresses_or_holdings_there_is_no_treasury_group(): void {
		self::configure_census( array( 'treasury' => array() ) );
		$tree = self::build_tree( self::addresses( 3 ) );
		self::save_snapshot(
			array(
				'population' => 3,
				'root'       => $tree['root'],
				'tree'       => $tree['tree'],
				'treasury'   => array( 'assets' => array(), 'usdTotal' => null, 'incomplete' => false ),
			)
		);
		$this->assertNull( RenderedHtml::first( do_blocks( self::block() ), 'sovereign-press-census__group--treasury' ) );
		$this->assertNull( rest_do_request( new \WP_REST_Request( 'GET', '/sovereign-press/v1/census' ) )->get_data()['treasury'] );
	}

	public function test_before_the_first_census_the_block_says_so(): void {
		$html = do_blocks( self::block() );
		$this->assertSame( 'No census has been taken yet. The first figures appear after the first sync.', RenderedHtml::first( $html, 'sovereign-press-census__empty' )['text'] );
		$this->assertNull( RenderedHtml::first( $html, 'sovereign-press-census__chart-svg' ) );
	}

	public function test_the_editor_preview_is_the_html_of_the_page(): void {
		self::take_census( 8 );
		$attributes = array( 'showEconomy' => false, 'chartDays' => 30 );
		$this->log_in_as( 'editor' );
		$response = $this->rest( 'POST', '/wp/v2/block-renderer/sovereign-press/census', array( 'context' => 'edit', 'attributes' => $attributes ) );
		$this->assertSame( 200, $response->get_status(), (string) wp_json_encode( $response->get_data() ) );
		$ids = static fn( string $html ): string => (string) preg_replace( '/sovereign-press-census-\d+/', 'ID', trim( $html ) );
		$this->assertSame( $ids( do_blocks( self::block( $attributes ) ) ), $ids( $response->get_data()['rendered'] ) );
		$this->assertNotNull( RenderedHtml::first( $response->get_data()['rendered'], 'sovereign-press-census__chart-svg' ) );
	}
}
