<?php
/**
 * The Census block on the server: what its render.php prints.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Crypto\Address;

/**
 * Renders the published census (Report::current(), the same figures GET /census answers with):
 * the chosen figures, the growth chart, the "as of block #N" line with the block's hash linked to
 * the network's explorer, and the declared figures in their own group, labelled as not verified
 * on chain. Plain HTML and inline SVG, complete without JavaScript; the editor shows this same
 * HTML (core's block renderer).
 *
 * render.php reaches it through instance(), which the composition root provides at boot.
 *
 * @since 0.3.0
 */
final class CensusBlock {

	private static ?self $instance = null;

	/** How many Census blocks this request rendered, for ids unique on the page. */
	private int $rendered = 0;

	/**
	 * @param \Closure(): Report $report The published census, built when a block first renders.
	 */
	public function __construct( private \Closure $report ) {}

	/**
	 * Makes this object the one render.php uses (the composition root calls it at boot).
	 *
	 * @since 0.3.0
	 */
	public static function provide( self $block ): void {
		self::$instance = $block;
	}

	/**
	 * The object render.php renders with.
	 *
	 * @since 0.3.0
	 *
	 * @throws \LogicException When the plugin has not provided it.
	 */
	public static function instance(): self {
		if ( null === self::$instance ) {
			throw new \LogicException( 'The Census block has no services: Sovereign Press has not been booted (CensusBlock::provide() was not called).' );
		}
		return self::$instance;
	}

	/**
	 * What render.php prints inside the block's wrapper.
	 *
	 * @since 0.3.0
	 *
	 * @param array<string, mixed> $attributes The block's attributes (block.json gives the defaults).
	 */
	public function render( array $attributes ): string {
		// rest_sanitize_boolean(): WordPress lets "false" and "0" through as boolean attributes.
		$show = static fn( string $name ): bool => rest_sanitize_boolean( $attributes[ $name ] ?? true );
		$id   = 'sovereign-press-census-' . ( ++$this->rendered );

		$report   = ( $this->report )();
		$snapshot = $report->latest();
		$figures  = null === $snapshot ? null : $report->current( $snapshot );
		if ( null === $figures ) {
			return '<p class="sovereign-press-census__empty">' . esc_html__( 'No census has been taken yet. The first figures appear after the first sync.', 'sovereign-press' ) . '</p>';
		}

		$html = '';
		if ( $show( 'showPopulation' ) ) {
			$html .= $this->population( $figures );
		}
		if ( $show( 'showChart' ) ) {
			$days  = max( 2, min( 366, (int) ( $attributes['chartDays'] ?? 90 ) ) );
			$html .= GrowthChart::render( $report->history( $days, $snapshot ), $id . '-chart' );
		}
		if ( $show( 'showTreasury' ) && null !== $figures['treasury'] ) {
			$html .= $this->treasury( $figures['treasury'], $figures['excluded'] );
		}
		if ( $show( 'showEconomy' ) && null !== $figures['economy'] ) {
			$html .= $this->economy( $figures['economy'] );
		}
		$html = '<div class="sovereign-press-census__verified">' . $html . $this->as_of( $figures ) . '</div>';
		if ( $show( 'showDeclared' ) && array() !== $figures['declared'] ) {
			$html .= $this->declared( $figures['declared'], $id . '-declared' );
		}
		return $html;
	}

	/**
	 * @param array<string, mixed> $figures The published census.
	 */
	private function population( array $figures ): string {
		$note = $figures['linkedOnly']
			? __( 'Holders of a membership token whose wallet is linked to an account on this site.', 'sovereign-press' )
			: __( 'Holders of a membership token, each address counted once.', 'sovereign-press' );
		return self::figures(
			'population',
			array(
				array(
					__( 'Population', 'sovereign-press' ),
					self::number( (string) $figures['population'] ),
					$note,
				),
			)
		);
	}

	/**
	 * The holdings, then the addresses that hold them (each linked to its explorer when the
	 * network has one), said to be left out of the population when the snapshot left them out.
	 *
	 * @param array<string, mixed> $treasury The published treasury.
	 * @param list<string>         $excluded Addresses the snapshot left out of the population (lowercase).
	 */
	private function treasury( array $treasury, array $excluded ): string {
		$rows = array();
		if ( null !== $treasury['usdTotal'] ) {
			$rows[] = array(
				$treasury['incomplete'] ? __( 'Total value (at least)', 'sovereign-press' ) : __( 'Total value', 'sovereign-press' ),
				'$' . self::number( $treasury['usdTotal'], 0 ),
				$treasury['incomplete'] ? __( 'Some holdings have no current price and are not in this total.', 'sovereign-press' ) : '',
			);
		}
		foreach ( $treasury['assets'] as $asset ) {
			$symbol = '' !== $asset['symbol'] ? $asset['symbol'] : Address::short( $asset['token'] );
			if ( null !== $asset['usd'] ) {
				/* translators: %s: a sum in US dollars, such as $1,200. */
				$note = sprintf( __( 'worth %s', 'sovereign-press' ), '$' . self::number( $asset['usd'], 0 ) );
			} elseif ( null !== $asset['price'] && $asset['price']['stale'] ) {
				$note = __( 'price feed stale: not valued', 'sovereign-press' );
			} else {
				$note = __( 'no price feed: not valued', 'sovereign-press' );
			}
			$rows[] = array( $symbol, self::number( $asset['amount'], 4 ) . ' ' . $symbol, $note );
		}
		if ( array() === $rows ) {
			$rows[] = array( __( 'Treasury', 'sovereign-press' ), __( 'Not read yet', 'sovereign-press' ), '' );
		}
		return self::figures( 'treasury', $rows, __( 'Treasury', 'sovereign-press' ), self::holders( $treasury['addresses'], $excluded ) );
	}

	/**
	 * The treasury's addresses: label and short address, linked to the explorer when there is one.
	 *
	 * @param list<array{chainId:int, address:string, label:string, explorer:string}> $addresses The published treasury addresses.
	 * @param list<string>                                                           $excluded  Addresses left out of the population.
	 */
	private static function holders( array $addresses, array $excluded ): string {
		if ( array() === $addresses ) {
			return '';
		}
		$items = '';
		foreach ( $addresses as $holder ) {
			$address = '<code class="sovereign-press-census__address" title="' . esc_attr( $holder['address'] ) . '">' . esc_html( Address::short( $holder['address'] ) ) . '</code>';
			$address = '' !== $holder['explorer'] ? '<a href="' . esc_url( $holder['explorer'] ) . '">' . $address . '</a>' : $address;
			$items  .= '<li class="sovereign-press-census__holder">' . ( '' !== $holder['label'] ? esc_html( $holder['label'] ) . ' ' : '' ) . $address . '</li>';
		}
		$left_out = array() === array_diff( array_map( 'strtolower', array_column( $addresses, 'address' ) ), $excluded );
		return '<div class="sovereign-press-census__holders"><p class="sovereign-press-census__note">'
			. ( $left_out
				? esc_html( _n( 'Held by this address, which does not count toward the population:', 'Held by these addresses, which do not count toward the population:', count( $addresses ), 'sovereign-press' ) )
				: esc_html( _n( 'Held by this address:', 'Held by these addresses:', count( $addresses ), 'sovereign-press' ) ) )
			. '</p><ul class="sovereign-press-census__holder-list">' . $items . '</ul></div>';
	}

	/**
	 * @param array<string, mixed> $economy The published economy.
	 */
	private function economy( array $economy ): string {
		$unit = '' !== $economy['symbol'] ? $economy['symbol'] : $economy['name'];
		$rows = array(
			array( __( 'Transfers', 'sovereign-press' ), self::number( (string) $economy['transfers'] ), '' ),
			array(
				__( 'Active addresses', 'sovereign-press' ),
				self::number( (string) $economy['activeAddresses'] ),
				/* translators: %s: a token's symbol or name. */
				sprintf( __( 'Every address that sent or received %s, member or not: it can exceed the population.', 'sovereign-press' ), $unit ),
			),
		);
		if ( null !== $economy['amount'] ) {
			$rows[] = array( __( 'Volume', 'sovereign-press' ), self::number( $economy['amount'], 2 ) . ' ' . $unit, '' );
		}
		return self::figures(
			'economy',
			$rows,
			sprintf(
				/* translators: 1: a token's symbol or name, 2: a number of days. */
				_n( '%1$s, last %2$d day', '%1$s, last %2$d days', $economy['days'], 'sovereign-press' ),
				$unit,
				$economy['days']
			)
		);
	}

	/**
	 * "As of block #N", the hash linked to the explorer when the network has one, and the root.
	 *
	 * @param array<string, mixed> $figures The published census.
	 */
	private function as_of( array $figures ): string {
		$lines = '';
		foreach ( $figures['blocks'] as $block ) {
			$hash   = '<code class="sovereign-press-census__hash" title="' . esc_attr( $block['hash'] ) . '">' . esc_html( Address::short( $block['hash'] ) ) . '</code>';
			$hash   = '' !== $block['explorer'] ? '<a href="' . esc_url( $block['explorer'] ) . '">' . $hash . '</a>' : $hash;
			$time   = '' !== $block['time'] ? strtotime( $block['time'] ) : false;
			$lines .= '<p class="sovereign-press-census__as-of">' . sprintf(
				/* translators: 1: a block number, 2: a network's name, 3: a date and time, 4: the block's hash. */
				esc_html__( 'As of block #%1$s on %2$s, %3$s (hash %4$s).', 'sovereign-press' ),
				esc_html( number_format_i18n( $block['block'] ) ),
				esc_html( '' !== $block['network'] ? $block['network'] : (string) $block['chainId'] ),
				false === $time ? '' : '<time datetime="' . esc_attr( $block['time'] ) . '">' . esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $time ) ) . '</time>',
				$hash // phpcs:ignore WordPress.Security.EscapeOutput -- built escaped above.
			) . '</p>';
		}
		if ( '' !== $figures['root'] ) {
			$lines .= '<p class="sovereign-press-census__root">' . sprintf(
				/* translators: %s: a Merkle root, 0x and 64 hexadecimal digits. */
				esc_html__( 'Member list root: %s', 'sovereign-press' ),
				'<code title="' . esc_attr( $figures['root'] ) . '">' . esc_html( Address::short( $figures['root'] ) ) . '</code>'
			) . '</p>';
		}
		return '<div class="sovereign-press-census__provenance">' . $lines . '</div>';
	}

	/**
	 * The admin's declared figures, in a group of their own that says they are not verified.
	 *
	 * @param list<array{label:string, value:string, note:string}> $declared Declared figures.
	 */
	private function declared( array $declared, string $id ): string {
		$rows = array_map( static fn( array $figure ): array => array( $figure['label'], $figure['value'], $figure['note'] ), $declared );
		return '<section class="sovereign-press-census__declared" aria-labelledby="' . esc_attr( $id ) . '">'
			. '<h3 class="sovereign-press-census__group-title" id="' . esc_attr( $id ) . '">' . esc_html__( 'Declared by the society, not verified on chain', 'sovereign-press' ) . '</h3>'
			. self::list( $rows )
			. '</section>';
	}

	/**
	 * One group of verified figures.
	 *
	 * @param list<array{0:string, 1:string, 2:string}> $rows  Label, value, note.
	 * @param string                                     $title The group's title, if any.
	 * @param string                                     $after HTML (escaped) after the figures.
	 */
	private static function figures( string $kind, array $rows, string $title = '', string $after = '' ): string {
		return '<div class="sovereign-press-census__group sovereign-press-census__group--' . esc_attr( $kind ) . '">'
			. ( '' !== $title ? '<h3 class="sovereign-press-census__group-title">' . esc_html( $title ) . '</h3>' : '' )
			. self::list( $rows )
			. $after
			. '</div>';
	}

	/**
	 * @param list<array{0:string, 1:string, 2:string}> $rows Label, value, note.
	 */
	private static function list( array $rows ): string {
		$items = '';
		foreach ( $rows as [ $label, $value, $note ] ) {
			$items .= '<div class="sovereign-press-census__figure"><dt>' . esc_html( $label ) . '</dt><dd class="sovereign-press-census__value">' . esc_html( $value ) . '</dd>'
				. ( '' !== $note ? '<dd class="sovereign-press-census__note">' . esc_html( $note ) . '</dd>' : '' ) . '</div>';
		}
		return '<dl class="sovereign-press-census__figures">' . $items . '</dl>';
	}

	/**
	 * A decimal string (any size) with the locale's separators, cut to $decimals fraction digits.
	 */
	public static function number( string $decimal, int $decimals = 0 ): string {
		global $wp_locale;
		if ( 1 !== preg_match( '/^(-?)(\d+)(?:\.(\d+))?$/D', $decimal, $m ) ) {
			return $decimal;
		}
		$thousands = $wp_locale->number_format['thousands_sep'] ?? ',';
		$point     = $wp_locale->number_format['decimal_point'] ?? '.';
		$integer   = ltrim( $m[2], '0' );
		$integer   = '' === $integer ? '0' : $integer;
		$grouped   = strrev( implode( strrev( $thousands ), str_split( strrev( $integer ), 3 ) ) );
		$fraction  = rtrim( substr( $m[3] ?? '', 0, $decimals ), '0' );
		return $m[1] . $grouped . ( '' !== $fraction ? $point . $fraction : '' );
	}
}
