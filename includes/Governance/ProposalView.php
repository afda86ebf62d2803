<?php
/**
 * HTML for a proposal and for an item of a list of proposals.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

use SovereignPress\Crypto\Address;
use SovereignPress\Gating\Amount;

/**
 * Everything a source said is escaped here (the body goes through Markdown); styles carry only
 * numbers this class computed. The markup, for themes and for the vote control:
 *
 *     article.sovereign-press-proposal.is-state-{state}[data-proposal="{ref key}"]
 *       header.sovereign-press-proposal__header
 *         p.sovereign-press-proposal__space
 *         h2.sovereign-press-proposal__title
 *         p.sovereign-press-proposal__meta > span.sovereign-press-proposal__state (+ span.__why), span.__author
 *       div.sovereign-press-proposal__body
 *       section.sovereign-press-proposal__results
 *         ol.sovereign-press-proposal__choices > li.sovereign-press-proposal__choice
 *           span.__choice-label, span.__choice-amount, span.__choice-share, progress.__bar
 *         p.sovereign-press-proposal__quorum (+ progress.__bar)
 *       dl.sovereign-press-proposal__details (start, end, snapshot, votes)
 *       div.sovereign-press-proposal__vote      (Governance\VoteControl::render())
 *       footer.sovereign-press-proposal__footer > a.__link, p.__updated
 *
 *     ul.sovereign-press-proposals__list#{list_anchor()} > li.sovereign-press-proposals__item
 *       h3.__title > a (the proposal opened in its list: ?sp_proposal={handle}), p.__meta,
 *       p.__leader > span.__leader-label, span.__share, progress.sovereign-press-proposal__bar
 *     div.sovereign-press-proposals__opened#sovereign-press-proposals-{handle}
 *       p.sovereign-press-proposals__back > a, then the article above
 *
 * @since 0.2.0
 */
final class ProposalView {

	/** @var array<string, ?string> Authors' names read so far, by address. */
	private array $names_read = array();

	/**
	 * @param \Closure(Proposal): bool                        $is_stale Whether a proposal is an old copy (Proposals::is_stale).
	 * @param \Closure(list<string>): array<string, ?string>  $names    Addresses' verified ENS names (null for none), by address.
	 * @param \Closure(Proposal): string                      $vote     The vote control ('' for none).
	 * @param \Closure(): int|null                            $clock    Unix time (tests move it).
	 * @param \Closure(Proposal): string|null                 $body     A body's safe HTML (Proposals::body_html); Markdown::to_html when null.
	 */
	public function __construct( private \Closure $is_stale, private \Closure $names, private \Closure $vote, private ?\Closure $clock = null, private ?\Closure $body = null ) {}

	/**
	 * Reads the names of these proposals' authors at once (the page prefetch), for proposal().
	 *
	 * @since 0.2.0
	 *
	 * @param list<Proposal> $proposals The proposals a page shows.
	 */
	public function prefetch( array $proposals ): void {
		$authors = array_diff( array_unique( array_filter( array_map( static fn( Proposal $proposal ): string => $proposal->author, $proposals ) ) ), array_keys( $this->names_read ) );
		if ( array() !== $authors ) {
			$this->names_read = array_merge( $this->names_read, array_fill_keys( $authors, null ), ( $this->names )( array_values( $authors ) ) );
		}
	}

	/**
	 * One proposal, in full.
	 *
	 * @since 0.2.0
	 */
	public function proposal( Proposal $proposal ): string {
		$id    = 'sovereign-press-proposal-' . self::handle( $proposal->ref );
		$html  = sprintf(
			'<article class="sovereign-press-proposal is-state-%1$s" data-proposal="%2$s" aria-labelledby="%3$s">',
			esc_attr( $proposal->state ),
			esc_attr( $proposal->ref->key() ),
			esc_attr( $id )
		);
		$html .= '<header class="sovereign-press-proposal__header">';
		if ( '' !== $proposal->space_name ) {
			$html .= '<p class="sovereign-press-proposal__space">' . esc_html( $proposal->space_name ) . '</p>';
		}
		$html .= sprintf( '<h2 class="sovereign-press-proposal__title" id="%1$s">%2$s</h2>', esc_attr( $id ), esc_html( $this->title( $proposal ) ) );
		$html .= '<p class="sovereign-press-proposal__meta">' . $this->state_badge( $proposal ) . $this->author( $proposal ) . '</p>';
		$html .= '</header>';
		$body  = null === $this->body ? Markdown::to_html( $proposal->body ) : ( $this->body )( $proposal );
		if ( '' !== $body ) {
			$html .= '<div class="sovereign-press-proposal__body">' . $body . '</div>';
		}
		$html .= $this->results( $proposal );
		$html .= $this->details( $proposal );
		$vote  = ( $this->vote )( $proposal );
		if ( '' !== $vote ) {
			$html .= '<div class="sovereign-press-proposal__vote">' . $vote . '</div>';
		}
		$html .= $this->footer( $proposal );
		return $html . '</article>';
	}

	/**
	 * A proposal's short handle: in a list's links (?sp_proposal=) and in its elements' ids.
	 *
	 * @since 0.2.0
	 */
	public static function handle( ProposalRef $ref ): string {
		return substr( md5( $ref->key() ), 0, 10 );
	}

	/**
	 * One proposal in a list: title (linking to the proposal opened on this page), state, leading
	 * choice and end. The source link is in the opened proposal's footer.
	 *
	 * @since 0.2.0
	 *
	 * @param Proposal $proposal The proposal.
	 * @param string   $url      Where it opens (ProposalBlocks), escaped here.
	 */
	public function item( Proposal $proposal, string $url ): string {
		$html  = sprintf( '<li class="sovereign-press-proposals__item is-state-%s">', esc_attr( $proposal->state ) );
		$html .= sprintf( '<h3 class="sovereign-press-proposals__title"><a href="%1$s">%2$s</a></h3>', esc_url( $url ), esc_html( $this->title( $proposal ) ) );
		$html .= '<p class="sovereign-press-proposals__meta">' . $this->state_badge( $proposal );
		$due   = $this->overdue_block( $proposal, 'end' );
		$end   = $this->time( $proposal->end, $proposal->estimated );
		if ( null !== $due ) {
			$html .= ' <span class="sovereign-press-proposals__end">' . esc_html( self::due_text( $due, 'end' ) ) . '</span>';
		} elseif ( '' !== $end ) {
			$html .= ' <span class="sovereign-press-proposals__end">' . sprintf(
				/* translators: %s: a date and a relative time, such as "May 1, 2026 (in 3 days)". */
				esc_html( $this->now() < (int) $proposal->end ? __( 'Ends %s', 'sovereign-press' ) : __( 'Ended %s', 'sovereign-press' ) ),
				$end
			) . '</span>';
		}
		$html .= '</p>';
		$leader = $this->leader( $proposal );
		if ( null !== $leader ) {
			$html .= '<p class="sovereign-press-proposals__leader"><span class="sovereign-press-proposals__leader-label">' . esc_html( $this->choice_label( $proposal, $leader ) ) . '</span> <span class="sovereign-press-proposals__share">' . esc_html( self::percent( $leader->share ) ) . '</span> ' . $this->bar( $leader->share, $this->choice_label( $proposal, $leader ) ) . '</p>';
		}
		return $html . '</li>';
	}

	/**
	 * A list of proposals.
	 *
	 * @since 0.2.0
	 *
	 * @param list<Proposal>             $proposals Newest first.
	 * @param \Closure(Proposal): string $url       Where each opens.
	 * @param string                     $anchor    The list's id (list_anchor()), '' for none.
	 */
	public function items( array $proposals, \Closure $url, string $anchor = '' ): string {
		$id = '' === $anchor ? '' : ' id="' . esc_attr( $anchor ) . '"';
		if ( array() === $proposals ) {
			return '<p class="sovereign-press-proposals__empty"' . $id . '>' . esc_html__( 'No proposals yet.', 'sovereign-press' ) . '</p>';
		}
		return '<ul class="sovereign-press-proposals__list"' . $id . '>' . implode( '', array_map( fn( Proposal $proposal ): string => $this->item( $proposal, $url( $proposal ) ), $proposals ) ) . '</ul>';
	}

	/**
	 * A list's id on the page, which "Back to the list" links to.
	 *
	 * @since 0.2.0
	 */
	public static function list_anchor( Listing $listing ): string {
		return 'sovereign-press-proposals-list-' . substr( md5( $listing->key() ), 0, 10 );
	}

	/**
	 * A proposal opened from its list: the proposal in full, after a link back to the list.
	 *
	 * @since 0.2.0
	 *
	 * @param Proposal $proposal The proposal.
	 * @param string   $back     The list's URL, escaped here.
	 */
	public function opened( Proposal $proposal, string $back ): string {
		return sprintf(
			'<div class="sovereign-press-proposals__opened" id="sovereign-press-proposals-%1$s"><p class="sovereign-press-proposals__back"><a href="%2$s">%3$s</a></p>%4$s</div>',
			esc_attr( self::handle( $proposal->ref ) ),
			esc_url( $back ),
			esc_html__( 'Back to the list', 'sovereign-press' ),
			$this->proposal( $proposal )
		);
	}

	/**
	 * What readers see when a proposal cannot be shown; editors also read why.
	 *
	 * @since 0.2.0
	 *
	 * @param SourceError $error   Why.
	 * @param bool        $editor  Whether the reader may edit the page (sees the source's message).
	 */
	public function placeholder( SourceError $error, bool $editor ): string {
		$text = SourceError::NOT_FOUND === $error->reason
			? __( 'This proposal could not be found.', 'sovereign-press' )
			: __( 'This proposal could not be loaded right now.', 'sovereign-press' );
		$html = '<div class="sovereign-press-proposal__placeholder is-reason-' . esc_attr( $error->reason ) . '" role="status"><p>' . esc_html( $text ) . '</p>';
		if ( $editor && '' !== $error->getMessage() ) {
			$html .= '<p class="sovereign-press-proposal__reason">' . esc_html( $error->getMessage() ) . '</p>';
		}
		return $html . '</div>';
	}

	/**
	 * The state as a word, translated.
	 *
	 * @since 0.2.0
	 */
	public static function state_label( string $state ): string {
		$labels = array(
			'pending'   => _x( 'Pending', 'proposal state', 'sovereign-press' ),
			'active'    => _x( 'Active', 'proposal state', 'sovereign-press' ),
			'closed'    => _x( 'Closed', 'proposal state', 'sovereign-press' ),
			'passed'    => _x( 'Passed', 'proposal state', 'sovereign-press' ),
			'rejected'  => _x( 'Rejected', 'proposal state', 'sovereign-press' ),
			'canceled'  => _x( 'Canceled', 'proposal state', 'sovereign-press' ),
			'defeated'  => _x( 'Defeated', 'proposal state', 'sovereign-press' ),
			'succeeded' => _x( 'Succeeded', 'proposal state', 'sovereign-press' ),
			'queued'    => _x( 'Queued', 'proposal state', 'sovereign-press' ),
			'expired'   => _x( 'Expired', 'proposal state', 'sovereign-press' ),
			'executed'  => _x( 'Executed', 'proposal state', 'sovereign-press' ),
		);
		return $labels[ $state ] ?? _x( 'Unknown', 'proposal state', 'sovereign-press' );
	}

	/**
	 * An amount of tokens in a short form ("1K", "1.2K", "3.4M", "0.5", "<0.01"), for people, from
	 * a decimal string (the exact amount goes in a title).
	 *
	 * @since 0.2.0
	 */
	public static function compact_amount( string $amount ): string {
		$value = is_numeric( $amount ) ? max( 0.0, (float) $amount ) : 0.0;
		$steps = array(
			/* translators: %s: a number of billions, such as 1.2 (1.2B). */
			array( 1e9, __( '%sB', 'sovereign-press' ) ),
			/* translators: %s: a number of millions, such as 3.4 (3.4M). */
			array( 1e6, __( '%sM', 'sovereign-press' ) ),
			/* translators: %s: a number of thousands, such as 5.6 (5.6K). */
			array( 1e3, __( '%sK', 'sovereign-press' ) ),
		);
		foreach ( $steps as list( $step, $format ) ) {
			// 999.96K rounds to 1M, not 1,000K.
			if ( $value >= $step * 0.9995 ) {
				$scaled = $value / $step;
				return sprintf( $format, self::number( $scaled, $scaled < 99.95 ? 1 : 0 ) );
			}
		}
		if ( $value > 0 && $value < 0.005 ) {
			/* translators: %s: the smallest amount shown, 0.01. */
			return sprintf( __( '<%s', 'sovereign-press' ), number_format_i18n( 0.01, 2 ) );
		}
		return self::number( $value, $value < 9.995 ? 2 : 0 );
	}

	/**
	 * A number rounded to at most $decimals decimals, without trailing zeros ("1", "1.5").
	 */
	private static function number( float $value, int $decimals ): string {
		$value = round( $value, $decimals );
		while ( $decimals > 0 && round( $value, $decimals - 1 ) === $value ) {
			--$decimals;
		}
		return number_format_i18n( $value, $decimals );
	}

	private function title( Proposal $proposal ): string {
		return '' !== trim( $proposal->title ) ? $proposal->title : __( 'Untitled proposal', 'sovereign-press' );
	}

	private function state_badge( Proposal $proposal ): string {
		$badge = sprintf(
			'<span class="sovereign-press-proposal__state is-%1$s">%2$s</span>',
			esc_attr( $proposal->state ),
			esc_html( self::state_label( $proposal->state ) )
		);
		if ( in_array( $proposal->state, array( 'rejected', 'defeated' ), true ) && ! self::quorum_reached( $proposal ) ) {
			$badge .= '<span class="sovereign-press-proposal__why">' . esc_html__( 'quorum not reached', 'sovereign-press' ) . '</span>';
		}
		return $badge;
	}

	/**
	 * Whether the votes that count reached the quorum (true when there is none).
	 */
	private static function quorum_reached( Proposal $proposal ): bool {
		$quorum = is_numeric( $proposal->quorum ) ? (float) $proposal->quorum : 0.0;
		return $quorum <= 0 || ( is_numeric( $proposal->quorum_votes ) ? (float) $proposal->quorum_votes : 0.0 ) >= $quorum;
	}

	private function author( Proposal $proposal ): string {
		if ( '' === $proposal->author ) {
			return '';
		}
		$this->prefetch( array( $proposal ) );
		$name = $this->names_read[ $proposal->author ] ?? null;
		$name = is_string( $name ) && '' !== $name ? $name : Address::short( $proposal->author );
		return ' <span class="sovereign-press-proposal__author">' . sprintf(
			/* translators: %s: the proposer, an ENS name or a short address. */
			esc_html__( 'by %s', 'sovereign-press' ),
			sprintf( '<span title="%1$s">%2$s</span>', esc_attr( $proposal->author ), esc_html( $name ) )
		) . '</span>';
	}

	private function results( Proposal $proposal ): string {
		if ( array() === $proposal->choices ) {
			return '';
		}
		$html = '<section class="sovereign-press-proposal__results" aria-label="' . esc_attr__( 'Results', 'sovereign-press' ) . '">';
		// Before voting opens there is nothing to count: the choices only.
		if ( 'pending' === $proposal->state || ( $proposal->private && ! $proposal->is_final() ) ) {
			$html .= 'pending' === $proposal->state ? '<ol class="sovereign-press-proposal__choices">' : '<p class="sovereign-press-proposal__private">' . esc_html__( 'Votes are encrypted until voting ends; results show then.', 'sovereign-press' ) . '</p><ol class="sovereign-press-proposal__choices">';
			foreach ( $proposal->choices as $choice ) {
				$html .= '<li class="sovereign-press-proposal__choice"><span class="sovereign-press-proposal__choice-label">' . esc_html( $this->choice_label( $proposal, $choice ) ) . '</span></li>';
			}
			return $html . '</ol></section>';
		}
		$html .= '<ol class="sovereign-press-proposal__choices">';
		foreach ( $proposal->choices as $choice ) {
			$label = $this->choice_label( $proposal, $choice );
			$html .= '<li class="sovereign-press-proposal__choice">'
				. '<span class="sovereign-press-proposal__choice-label">' . esc_html( $label ) . '</span> '
				. '<span class="sovereign-press-proposal__choice-amount" title="' . esc_attr( $choice->amount . ( '' !== $proposal->symbol ? ' ' . $proposal->symbol : '' ) ) . '">' . esc_html( self::compact_amount( $choice->amount ) . ( '' !== $proposal->symbol ? ' ' . $proposal->symbol : '' ) ) . '</span> '
				. '<span class="sovereign-press-proposal__choice-share">' . esc_html( self::percent( $choice->share ) ) . '</span>'
				. $this->bar( $choice->share, $label )
				. '</li>';
		}
		$html .= '</ol>';
		$html .= $this->quorum( $proposal );
		return $html . '</section>';
	}

	private function quorum( Proposal $proposal ): string {
		$quorum = is_numeric( $proposal->quorum ) ? (float) $proposal->quorum : 0.0;
		if ( $quorum <= 0 ) {
			return '';
		}
		$counted = is_numeric( $proposal->quorum_votes ) ? (float) $proposal->quorum_votes : 0.0;
		$share   = min( 1.0, $counted / $quorum );
		$reached = self::quorum_reached( $proposal );
		$format  = $reached
			/* translators: 1: votes counted toward the quorum, 2: votes the quorum needs, 3: token symbol. */
			? __( 'Quorum reached: %1$s of %2$s %3$s', 'sovereign-press' )
			/* translators: 1: votes counted toward the quorum, 2: votes the quorum needs, 3: token symbol. */
			: __( 'Quorum: %1$s of %2$s %3$s', 'sovereign-press' );
		$label   = sprintf( $format, self::compact_amount( $proposal->quorum_votes ), self::compact_amount( $proposal->quorum ), $proposal->symbol );
		$exact   = sprintf( $format, $proposal->quorum_votes, $proposal->quorum, $proposal->symbol );
		return '<p class="sovereign-press-proposal__quorum' . ( $reached ? ' is-reached' : '' ) . '"><span class="sovereign-press-proposal__quorum-label" title="' . esc_attr( trim( $exact ) ) . '">' . esc_html( trim( $label ) ) . '</span> '
			. $this->bar( $share, __( 'Quorum', 'sovereign-press' ) ) . '</p>';
	}

	private function details( Proposal $proposal ): string {
		$rows = array();
		foreach ( array( 'start' => __( 'Start', 'sovereign-press' ), 'end' => __( 'End', 'sovereign-press' ) ) as $which => $name ) {
			$due  = $this->overdue_block( $proposal, $which );
			$time = null !== $due
				? esc_html( self::due_text( $due, $which, true ) )
				: ( 'start' === $which ? $this->time( $proposal->start, $proposal->start_estimated ) : $this->time( $proposal->end, $proposal->estimated ) );
			if ( '' !== $time ) {
				$rows[] = array( $name, $time );
			}
		}
		// A block number; a timestamp-clock Governor's snapshot is its start time, shown above.
		if ( '' !== $proposal->snapshot && (string) $proposal->start !== $proposal->snapshot ) {
			$rows[] = array( __( 'Snapshot block', 'sovereign-press' ), esc_html( ctype_digit( $proposal->snapshot ) ? number_format_i18n( (float) $proposal->snapshot ) : $proposal->snapshot ) );
		}
		if ( $proposal->votes >= 0 ) {
			$rows[] = array( __( 'Votes', 'sovereign-press' ), esc_html( number_format_i18n( $proposal->votes ) ) );
		}
		if ( array() === $rows ) {
			return '';
		}
		$html = '<dl class="sovereign-press-proposal__details">';
		foreach ( $rows as $row ) {
			$html .= '<div><dt>' . esc_html( $row[0] ) . '</dt><dd>' . $row[1] . '</dd></div>';
		}
		$html .= '</dl>';
		if ( $proposal->estimated ) {
			$html .= '<p class="sovereign-press-proposal__estimated">' . esc_html__( 'Times marked ~ are estimated from block times.', 'sovereign-press' ) . '</p>';
		}
		return $html;
	}

	private function footer( Proposal $proposal ): string {
		$parts = array();
		$link  = self::safe_link( $proposal->link );
		if ( '' !== $link ) {
			$parts[] = sprintf(
				'<a class="sovereign-press-proposal__link" href="%1$s" rel="noopener nofollow">%2$s</a>',
				esc_url( $link ),
				esc_html( ProposalRef::SNAPSHOT === $proposal->ref->source ? __( 'View on Snapshot', 'sovereign-press' ) : __( 'View on the explorer', 'sovereign-press' ) )
			);
		}
		if ( ( $this->is_stale )( $proposal ) ) {
			$parts[] = '<p class="sovereign-press-proposal__updated" role="status">' . sprintf(
				/* translators: %s: a date and a relative time, such as "May 1, 2026 (2 hours ago)". */
				esc_html__( 'The source cannot be reached right now. Last updated %s.', 'sovereign-press' ),
				$this->time( $proposal->fetched, false )
			) . '</p>';
		}
		return array() === $parts ? '' : '<footer class="sovereign-press-proposal__footer">' . implode( '', $parts ) . '</footer>';
	}

	/**
	 * A choice's words: Governor choices are For, Against and Abstain, translated.
	 */
	private function choice_label( Proposal $proposal, Choice $choice ): string {
		if ( ProposalRef::GOVERNOR === $proposal->ref->source ) {
			$labels = array(
				'For'     => _x( 'For', 'vote choice', 'sovereign-press' ),
				'Against' => _x( 'Against', 'vote choice', 'sovereign-press' ),
				'Abstain' => _x( 'Abstain', 'vote choice', 'sovereign-press' ),
			);
			return $labels[ $choice->label ] ?? $choice->label;
		}
		return $choice->label;
	}

	/**
	 * The choice with the largest share, once anyone voted.
	 */
	private function leader( Proposal $proposal ): ?Choice {
		if ( $proposal->private && ! $proposal->is_final() ) {
			return null;
		}
		$leader = null;
		foreach ( $proposal->choices as $choice ) {
			if ( $choice->share > 0 && ( null === $leader || $choice->share > $leader->share ) ) {
				$leader = $choice;
			}
		}
		return $leader;
	}

	/**
	 * A bar for a share: a <progress> (read by assistive technology as a percentage), its width
	 * a number computed here.
	 */
	private function bar( float $share, string $label ): string {
		$value = round( max( 0.0, min( 1.0, $share ) ) * 100, 1 );
		return sprintf(
			'<progress class="sovereign-press-proposal__bar" max="100" value="%1$s" aria-label="%2$s">%3$s</progress>',
			esc_attr( (string) $value ),
			esc_attr( $label ),
			esc_html( self::percent( $share ) )
		);
	}

	/**
	 * A share as a percentage with one decimal ("62.5%"), "<0.1%" for a share above zero that
	 * would read as 0.0%.
	 *
	 * @since 0.2.0
	 */
	public static function percent( float $share ): string {
		$value = max( 0.0, min( 1.0, $share ) ) * 100;
		if ( $value > 0 && $value < 0.05 ) {
			/* translators: %s: the smallest percentage shown, 0.1. */
			return sprintf( __( '<%s%%', 'sovereign-press' ), number_format_i18n( 0.1, 1 ) );
		}
		/* translators: %s: a percentage number, such as 62.5. */
		return sprintf( __( '%s%%', 'sovereign-press' ), number_format_i18n( $value, 1 ) );
	}

	/**
	 * The block a live proposal's estimated start or end is waiting for, when the estimated time
	 * has passed but the block is not mined yet (block times drift; a dev chain mines on demand);
	 * null otherwise. '' when the block is not known.
	 *
	 * @param Proposal $proposal The proposal.
	 * @param string   $which    'start' or 'end'.
	 */
	private function overdue_block( Proposal $proposal, string $which ): ?string {
		$live = 'start' === $which
			? 'pending' === $proposal->state && $proposal->start_estimated && null !== $proposal->start
			: in_array( $proposal->state, array( 'pending', 'active' ), true ) && $proposal->estimated && null !== $proposal->end;
		$time = 'start' === $which ? $proposal->start : $proposal->end;
		if ( ! $live || (int) $time > $this->now() ) {
			return null;
		}
		if ( 'start' === $which ) {
			// Votes count from the block after the snapshot.
			return ctype_digit( $proposal->snapshot ) ? Amount::add( $proposal->snapshot, '1' ) : '';
		}
		return ctype_digit( $proposal->end_block ) ? $proposal->end_block : '';
	}

	/**
	 * "Ends at block N (any moment now)", for overdue_block(); "Block N (any moment now)" in the
	 * Start and End rows.
	 *
	 * @param string $block A block number, or ''.
	 * @param string $which 'start' or 'end'.
	 * @param bool   $row   For a Start or End row.
	 */
	private static function due_text( string $block, string $which, bool $row = false ): string {
		if ( $row ) {
			return '' === $block
				? __( 'Any moment now', 'sovereign-press' )
				/* translators: %s: a block number. */
				: sprintf( __( 'Block %s (any moment now)', 'sovereign-press' ), number_format_i18n( (float) $block ) );
		}
		if ( '' === $block ) {
			return 'start' === $which ? __( 'Opens any moment now', 'sovereign-press' ) : __( 'Ends any moment now', 'sovereign-press' );
		}
		$number = number_format_i18n( (float) $block );
		return 'start' === $which
			/* translators: %s: a block number. */
			? sprintf( __( 'Opens at block %s (any moment now)', 'sovereign-press' ), $number )
			/* translators: %s: a block number. */
			: sprintf( __( 'Ends at block %s (any moment now)', 'sovereign-press' ), $number );
	}

	/**
	 * A date with a relative time, in a <time>; "~" marks an estimate.
	 */
	private function time( ?int $timestamp, bool $estimated ): string {
		if ( null === $timestamp || $timestamp <= 0 ) {
			return '';
		}
		$now      = $this->now();
		$relative = $timestamp > $now
			/* translators: %s: a time span, such as "3 days". */
			? sprintf( __( 'in %s', 'sovereign-press' ), human_time_diff( $now, $timestamp ) )
			/* translators: %s: a time span, such as "3 days". */
			: sprintf( __( '%s ago', 'sovereign-press' ), human_time_diff( $timestamp, $now ) );
		return sprintf(
			'<time datetime="%1$s">%2$s%3$s</time> <span class="sovereign-press-proposal__relative">(%4$s)</span>',
			esc_attr( gmdate( 'c', $timestamp ) ),
			$estimated ? '<abbr title="' . esc_attr__( 'estimated', 'sovereign-press' ) . '">~</abbr>' : '',
			esc_html( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $timestamp ) ),
			esc_html( $relative )
		);
	}

	/**
	 * A source link, https only (anything else is not shown).
	 */
	private static function safe_link( string $link ): string {
		return 1 === preg_match( '#^https://[^\s"<>]+$#i', $link ) ? $link : '';
	}

	private function now(): int {
		return null === $this->clock ? time() : ( $this->clock )();
	}
}
