<?php
/**
 * The population growth chart, drawn on the server.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

/**
 * Draws population over time as inline SVG (no chart script): an `<svg role="img">` named by its
 * `<title>` and described by its `<desc>` (first and last day, lowest and highest figure), and the
 * same points as a table, which screen readers, text browsers and readers who want the numbers
 * use. Lines and labels take the text colour (currentColor), so the block's colour settings and
 * the theme style the chart.
 *
 * @phpstan-import-type Point from Report
 *
 * @since 0.3.0
 */
final class GrowthChart {

	private const WIDTH  = 600;
	private const HEIGHT = 200;

	/** Room for the axis labels: left, right, top, bottom. */
	private const PAD = array( 56, 12, 12, 28 );

	/**
	 * The chart and its table, or a note when there is nothing to draw yet.
	 *
	 * @since 0.3.0
	 *
	 * @param list<Point> $points Daily points, oldest first.
	 * @param string      $id     A prefix unique on the page, for the title and description ids.
	 */
	public static function render( array $points, string $id ): string {
		if ( array() === $points ) {
			return '<p class="sovereign-press-census__chart-empty">' . esc_html__( 'The growth chart starts with the first daily census.', 'sovereign-press' ) . '</p>';
		}
		$first = $points[0];
		$last  = $points[ count( $points ) - 1 ];
		$low   = min( array_column( $points, 'population' ) );
		$high  = max( array_column( $points, 'population' ) );
		$title = __( 'Population over time', 'sovereign-press' );
		$desc  = 1 === count( $points )
			? sprintf(
				/* translators: 1: a number of members, 2: a date. */
				__( '%1$s members on %2$s, the first daily census.', 'sovereign-press' ),
				number_format_i18n( $first['population'] ),
				self::date( $first['day'] )
			)
			: sprintf(
				/* translators: 1: a number of members, 2: a date, 3: a number of members, 4: a date, 5: a number of members, 6: a number of members. */
				__( 'From %1$s members on %2$s to %3$s members on %4$s; lowest %5$s, highest %6$s.', 'sovereign-press' ),
				number_format_i18n( $first['population'] ),
				self::date( $first['day'] ),
				number_format_i18n( $last['population'] ),
				self::date( $last['day'] ),
				number_format_i18n( $low ),
				number_format_i18n( $high )
			);

		return '<figure class="sovereign-press-census__chart">'
			. self::svg( $points, $id, $title, $desc, $low, $high )
			. '<details class="sovereign-press-census__chart-data"><summary>' . esc_html__( 'Population by day (table)', 'sovereign-press' ) . '</summary>'
			. self::table( $points )
			. '</details></figure>';
	}

	/**
	 * @param list<Point> $points Points.
	 */
	private static function svg( array $points, string $id, string $title, string $desc, int $low, int $high ): string {
		[ $left, $right, $top, $bottom ] = self::PAD;

		$plot_w = self::WIDTH - $left - $right;
		$plot_h = self::HEIGHT - $top - $bottom;
		// A flat line sits mid-height; otherwise the axis runs from the lowest to the highest figure.
		$floor = $low === $high ? max( 0, $low - 1 ) : $low;
		$ceil  = $low === $high ? $high + 1 : $high;
		$days  = array_map( static fn( array $point ): int => (int) strtotime( $point['day'] . ' UTC' ), $points );
		$start = $days[0];
		$span  = max( 1, $days[ count( $days ) - 1 ] - $start );

		$coords = array();
		foreach ( $points as $i => $point ) {
			$x        = 1 === count( $points ) ? $left + $plot_w / 2 : $left + ( $days[ $i ] - $start ) / $span * $plot_w;
			$y        = $top + ( 1 - ( $point['population'] - $floor ) / ( $ceil - $floor ) ) * $plot_h;
			$coords[] = array( round( $x, 1 ), round( $y, 1 ) );
		}
		$line = implode( ' ', array_map( static fn( array $c ): string => $c[0] . ',' . $c[1], $coords ) );
		$base = $top + $plot_h;
		$area = $coords[0][0] . ',' . $base . ' ' . $line . ' ' . $coords[ count( $coords ) - 1 ][0] . ',' . $base;

		$shapes = 1 === count( $coords )
			? sprintf( '<circle class="sovereign-press-census__chart-point" cx="%1$s" cy="%2$s" r="4" fill="currentColor"/>', $coords[0][0], $coords[0][1] )
			: sprintf( '<polygon class="sovereign-press-census__chart-area" points="%1$s" fill="currentColor" fill-opacity="0.12"/>', $area )
				. sprintf( '<polyline class="sovereign-press-census__chart-line" points="%1$s" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" vector-effect="non-scaling-stroke"/>', $line );

		$label = static fn( float $x, float $y, string $text, string $anchor ): string => sprintf(
			'<text x="%1$s" y="%2$s" text-anchor="%3$s" font-size="12" fill="currentColor">%4$s</text>',
			round( $x, 1 ),
			round( $y, 1 ),
			$anchor,
			esc_html( $text )
		);
		$axes = sprintf( '<line x1="%1$d" y1="%2$d" x2="%3$d" y2="%2$d" stroke="currentColor" stroke-opacity="0.4"/>', $left, $base, $left + $plot_w )
			. $label( $left - 6, $top + 10, number_format_i18n( $ceil ), 'end' )
			. $label( $left - 6, $base, number_format_i18n( $floor ), 'end' )
			// One day's point sits mid-width: its date goes under it; otherwise the first and last days
			// mark the ends of the axis.
			. ( 1 === count( $points )
				? $label( $coords[0][0], self::HEIGHT - 6, self::date( $points[0]['day'] ), 'middle' )
				: $label( $left, self::HEIGHT - 6, self::date( $points[0]['day'] ), 'start' )
					. $label( $left + $plot_w, self::HEIGHT - 6, self::date( $points[ count( $points ) - 1 ]['day'] ), 'end' ) );

		return sprintf(
			'<svg class="sovereign-press-census__chart-svg" role="img" aria-labelledby="%1$s-title %1$s-desc" viewBox="0 0 %2$d %3$d" width="100%%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><title id="%1$s-title">%4$s</title><desc id="%1$s-desc">%5$s</desc>%6$s%7$s</svg>',
			esc_attr( $id ),
			self::WIDTH,
			self::HEIGHT,
			esc_html( $title ),
			esc_html( $desc ),
			$axes,
			$shapes
		);
	}

	/**
	 * @param list<Point> $points Points.
	 */
	private static function table( array $points ): string {
		$rows = '';
		foreach ( $points as $point ) {
			$rows .= sprintf(
				'<tr><th scope="row"><time datetime="%1$s">%2$s</time></th><td>%3$s</td><td>%4$s</td></tr>',
				esc_attr( $point['day'] ),
				esc_html( self::date( $point['day'] ) ),
				esc_html( number_format_i18n( $point['population'] ) ),
				esc_html( number_format_i18n( $point['block'] ) )
			);
		}
		return sprintf(
			'<table class="sovereign-press-census__chart-table"><caption>%1$s</caption><thead><tr><th scope="col">%2$s</th><th scope="col">%3$s</th><th scope="col">%4$s</th></tr></thead><tbody>%5$s</tbody></table>',
			esc_html__( 'Population over time', 'sovereign-press' ),
			esc_html__( 'Day', 'sovereign-press' ),
			esc_html__( 'Members', 'sovereign-press' ),
			esc_html__( 'Block', 'sovereign-press' ),
			$rows
		);
	}

	/**
	 * A day (Y-m-d, UTC) in the site's date format.
	 */
	private static function date( string $day ): string {
		$time = strtotime( $day . ' UTC' );
		return false === $time ? $day : wp_date( (string) get_option( 'date_format' ), $time, new \DateTimeZone( 'UTC' ) );
	}
}
