<?php
/**
 * Proposals for pages: read through the sources, kept in a cache, fetched once per page.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

use SovereignPress\Storage\Cache;

/**
 * Every proposal is read at most once per freshness window: LIVE_TTL while its outcome can
 * change, FINAL_TTL once it cannot. An entry itself is kept much longer (KEEP, the Cache's TTL)
 * with its `fresh_until`, so that when a refresh fails the page shows the last good copy (the
 * view adds a "last updated" line) instead of nothing; the failure is remembered for RETRY_TTL,
 * so a source that is down costs one timeout per window, not one per page. An unknown proposal
 * is remembered for MISSING_TTL.
 *
 * prefetch() collects every proposal on a page before it renders and reads them with one
 * fetch() per source; the blocks then find them in memory.
 *
 * @since 0.2.0
 */
final class Proposals {

	public const LIVE_TTL    = 60;
	public const FINAL_TTL   = DAY_IN_SECONDS;
	public const MISSING_TTL = 60;
	public const RETRY_TTL   = 30;
	public const LIST_TTL    = 60;

	/** How long an entry (and so a last good copy) is kept. */
	public const KEEP = 30 * DAY_IN_SECONDS;

	/** Entry shape version: entries of another shape are read as missing (2: with the body's HTML; 3: a proposal's start_estimated; 4: its end_block). */
	private const VERSION = 4;

	/** @var array<string, Source> Sources built so far, by ProposalRef source name. */
	private array $built = array();

	/** @var array<string, Proposal|SourceError> What this request has read, by ProposalRef::key(). */
	private array $memory = array();

	/** @var array<string, string> The body HTML of the proposals in memory, by ProposalRef::key(). */
	private array $html = array();

	/** @var array<string, list<Proposal>|SourceError> Lists this request has read, by Listing::key(). */
	private array $lists = array();

	/**
	 * @param array<string, \Closure(): Source> $sources By ProposalRef source name (snapshot, governor),
	 *                                                   built when first needed.
	 * @param Cache                             $cache     Entries, kept for KEEP.
	 * @param \Closure(): int|null              $clock     Unix time (tests move it).
	 * @param Cache|null                        $last_good Each proposal's and list's last good
	 *                                                     read, in a lasting cache scoped to the
	 *                                                     sources' settings: what a page shows
	 *                                                     when the source is down and $cache has
	 *                                                     no entry (after a settings save).
	 */
	public function __construct( private array $sources, private Cache $cache, private ?\Closure $clock = null, private ?Cache $last_good = null ) {}

	/**
	 * The proposals, fresh or the last good copy, or why there is none.
	 *
	 * @since 0.2.0
	 *
	 * @param list<ProposalRef> $refs Proposals.
	 * @return array<string, Proposal|SourceError> By ProposalRef::key().
	 */
	public function get_many( array $refs ): array {
		$by_key = array();
		foreach ( $refs as $ref ) {
			$by_key[ $ref->key() ] = $ref;
		}
		$wanted = array_diff_key( $by_key, $this->memory );
		if ( array() !== $wanted ) {
			$this->load( $wanted );
		}
		return array_intersect_key( $this->memory, $by_key );
	}

	/**
	 * One proposal.
	 *
	 * @since 0.2.0
	 */
	public function get( ProposalRef $ref ): Proposal|SourceError {
		return $this->get_many( array( $ref ) )[ $ref->key() ];
	}

	/**
	 * A proposal's body as safe HTML (Markdown::to_html), kept in its cache entry: a page whose
	 * proposals are cached neither loads nor runs the Markdown library.
	 *
	 * @since 0.2.0
	 */
	public function body_html( Proposal $proposal ): string {
		$key = $proposal->ref->key();
		if ( ( $this->memory[ $key ] ?? null ) !== $proposal ) {
			return Markdown::to_html( $proposal->body );
		}
		return $this->html[ $key ] ??= Markdown::to_html( $proposal->body );
	}

	/**
	 * The latest proposals of a space or Governor, cached for LIST_TTL (and kept as a last good
	 * copy like proposals).
	 *
	 * @since 0.2.0
	 *
	 * @return list<Proposal>|SourceError
	 */
	public function list( Listing $listing ): array|SourceError {
		$key = $listing->key();
		if ( isset( $this->lists[ $key ] ) ) {
			return $this->lists[ $key ];
		}
		$now   = $this->now();
		$entry = $this->entry( $this->cache->get( $key ) );
		if ( null !== $entry && $entry['fresh_until'] > $now ) {
			return $this->lists[ $key ] = $entry['value'];
		}
		try {
			$source = $this->source( $listing->where->source );
			$value  = $source->latest( $listing );
			$ttl    = self::LIST_TTL;
			$this->last_good?->set( $key, $this->encode( $value, $now ) );
		} catch ( SourceError $error ) {
			$value = $error;
			$ttl   = SourceError::NOT_FOUND === $error->reason ? self::MISSING_TTL : self::RETRY_TTL;
			if ( SourceError::NOT_FOUND === $error->reason ) {
				// Gone at the source: its last good copy goes too.
				$this->last_good?->set( $key, $this->encode( $error, $now ) );
			} else {
				if ( self::source_down( $error ) ) {
					$entry ??= $this->entry( $this->last_good?->get( $key ) );
				}
				if ( null !== $entry && is_array( $entry['value'] ) ) {
					$value = $entry['value'];
				}
			}
		}
		$this->cache->set( $key, $this->encode( $value, $now + $ttl ) );
		return $this->lists[ $key ] = $value;
	}

	/**
	 * Whether a proposal is older than its freshness window: a refresh failed, and the view says
	 * when it was last read.
	 *
	 * @since 0.2.0
	 */
	public function is_stale( Proposal $proposal ): bool {
		return $this->now() - $proposal->fetched > self::ttl( $proposal ) + self::RETRY_TTL;
	}

	/**
	 * sovereign_press_proposal_changed: something changed a proposal (a vote relayed); its entry
	 * is no longer fresh. The copy stays, as the last good one, until the next read replaces it.
	 *
	 * @since 0.2.0
	 *
	 * @param ProposalRef|array<string, mixed> $ref The proposal (or its to_array()).
	 */
	public function expire( mixed $ref ): void {
		if ( is_array( $ref ) ) {
			$ref = ProposalRef::from_array( $ref );
		}
		if ( ! $ref instanceof ProposalRef ) {
			return;
		}
		$key = $ref->key();
		unset( $this->memory[ $key ], $this->html[ $key ] );
		$entry = $this->cache->get( 'p:' . $key );
		if ( is_array( $entry ) && self::VERSION === ( $entry['v'] ?? null ) ) {
			$entry['fresh_until'] = 0;
			$this->cache->set( 'p:' . $key, $entry );
		}
	}

	/**
	 * Reads every proposal of the given blocks at once (the page prefetch).
	 *
	 * @since 0.2.0
	 *
	 * @param list<ProposalRef> $refs What the page's blocks show.
	 */
	public function prefetch( array $refs ): void {
		if ( array() !== $refs ) {
			$this->get_many( $refs );
		}
	}

	/**
	 * @param array<string, ProposalRef> $refs By key, none in memory.
	 */
	private function load( array $refs ): void {
		$now     = $this->now();
		$entries = $this->cache->get_many( array_map( static fn( string $key ): string => 'p:' . $key, array_keys( $refs ) ) );
		$stale   = array();
		$due     = array();
		foreach ( $refs as $key => $ref ) {
			$entry = $this->entry( $entries[ 'p:' . $key ] ?? null );
			if ( null !== $entry ) {
				$this->memory[ $key ] = $entry['value'];
				if ( is_string( $entries[ 'p:' . $key ]['html'] ?? null ) ) {
					$this->html[ $key ] = $entries[ 'p:' . $key ]['html'];
				}
				if ( $entry['fresh_until'] > $now ) {
					continue;
				}
				$stale[ $key ] = $entry['value'];
			}
			$due[ $ref->source ][ $key ] = $ref;
		}
		$write = array();
		$good  = array();
		foreach ( $due as $source_name => $source_refs ) {
			$answers = $this->fetch( $source_name, $source_refs );
			foreach ( $source_refs as $key => $ref ) {
				$answers[ $key ] ??= new SourceError( SourceError::MALFORMED, __( 'The source did not answer for this proposal.', 'sovereign-press' ) );
			}
			$stale += $this->last_good_copies( array_diff_key( $answers, $stale ) );
			foreach ( $source_refs as $key => $ref ) {
				$answer = $answers[ $key ];
				if ( $answer instanceof Proposal ) {
					unset( $this->html[ $key ] );
					$this->memory[ $key ] = $answer;
					$write[ 'p:' . $key ] = $this->encode( $answer, $now + self::ttl( $answer ) );
					// The body's HTML is made again on the rare read of a last good copy.
					$good[ 'p:' . $key ] = array_diff_key( $write[ 'p:' . $key ], array( 'html' => true ) );
				} elseif ( SourceError::NOT_FOUND === $answer->reason || ! ( ( $stale[ $key ] ?? null ) instanceof Proposal ) ) {
					$write[ 'p:' . $key ] = $this->encode( $answer, $now + ( SourceError::NOT_FOUND === $answer->reason ? self::MISSING_TTL : self::RETRY_TTL ) );
					if ( SourceError::NOT_FOUND === $answer->reason ) {
						// Gone at the source: its last good copy goes too.
						$good[ 'p:' . $key ] = $write[ 'p:' . $key ];
					}
				} else {
					// The last good copy stays, and is not asked for again until RETRY_TTL.
					$answer               = $stale[ $key ];
					$write[ 'p:' . $key ] = $this->encode( $answer, $now + self::RETRY_TTL );
				}
				$this->memory[ $key ] = $answer;
			}
		}
		$this->cache->set_many( $write );
		if ( array() !== $good ) {
			$this->last_good?->set_many( $good );
		}
	}

	/**
	 * The last good copies of the proposals whose source is down, from the cache a settings save
	 * elsewhere does not clear; read only when a source fails.
	 *
	 * @param array<string, Proposal|SourceError> $answers By key.
	 * @return array<string, Proposal> By key.
	 */
	private function last_good_copies( array $answers ): array {
		$failed = array_keys( array_filter( $answers, static fn( $answer ): bool => $answer instanceof SourceError && self::source_down( $answer ) ) );
		if ( null === $this->last_good || array() === $failed ) {
			return array();
		}
		$copies = array();
		foreach ( $this->last_good->get_many( array_map( static fn( string $key ): string => 'p:' . $key, $failed ) ) as $name => $entry ) {
			$entry = $this->entry( $entry );
			if ( null !== $entry && $entry['value'] instanceof Proposal ) {
				$copies[ substr( $name, 2 ) ] = $entry['value'];
			}
		}
		return $copies;
	}

	/**
	 * @param array<string, ProposalRef> $refs By key.
	 * @return array<string, Proposal|SourceError>
	 */
	private function fetch( string $source_name, array $refs ): array {
		try {
			return $this->source( $source_name )->fetch( array_values( $refs ) );
		} catch ( SourceError $error ) {
			return array_fill_keys( array_keys( $refs ), $error );
		}
	}

	private function source( string $name ): Source {
		if ( ! isset( $this->built[ $name ] ) ) {
			if ( ! isset( $this->sources[ $name ] ) ) {
				throw new SourceError( SourceError::INVALID, __( 'This kind of proposal is not supported.', 'sovereign-press' ) );
			}
			$this->built[ $name ] = ( $this->sources[ $name ] )();
		}
		return $this->built[ $name ];
	}

	/**
	 * Whether an error is the source failing (unreachable, or answering nonsense), when a last good
	 * copy stands in; not a proposal gone, nor one the site's settings no longer allow (INVALID: a
	 * network or hub removed), whose copies must not come back.
	 */
	private static function source_down( SourceError $error ): bool {
		return in_array( $error->reason, array( SourceError::UNREACHABLE, SourceError::MALFORMED ), true );
	}

	private static function ttl( Proposal $proposal ): int {
		return $proposal->is_final() ? self::FINAL_TTL : self::LIVE_TTL;
	}

	private function now(): int {
		return null === $this->clock ? time() : ( $this->clock )();
	}

	/**
	 * @param Proposal|SourceError|list<Proposal> $value What was read.
	 * @return array<string, mixed>
	 */
	private function encode( Proposal|SourceError|array $value, int $fresh_until ): array {
		if ( $value instanceof Proposal ) {
			$data = array(
				'proposal' => $value->to_array(),
				'html'     => $this->body_html( $value ),
			);
		} elseif ( $value instanceof SourceError ) {
			$data = array( 'error' => array( $value->reason, $value->getMessage() ) );
		} else {
			$data = array( 'list' => array_map( static fn( Proposal $proposal ): array => $proposal->to_array(), $value ) );
		}
		return array(
			'v'           => self::VERSION,
			'fresh_until' => $fresh_until,
		) + $data;
	}

	/**
	 * @param array<mixed>|null $entry A cache entry.
	 * @return array{value:Proposal|SourceError|list<Proposal>, fresh_until:int}|null
	 */
	private function entry( ?array $entry ): ?array {
		if ( null === $entry || self::VERSION !== ( $entry['v'] ?? null ) ) {
			return null;
		}
		try {
			if ( isset( $entry['proposal'] ) ) {
				$value = Proposal::from_array( (array) $entry['proposal'] );
			} elseif ( isset( $entry['list'] ) ) {
				$value = array_values( array_map( static fn( $item ): Proposal => Proposal::from_array( (array) $item ), (array) $entry['list'] ) );
			} else {
				$value = new SourceError( (string) ( $entry['error'][0] ?? SourceError::MALFORMED ), (string) ( $entry['error'][1] ?? '' ) );
			}
		} catch ( \Throwable $error ) {
			return null;
		}
		return array(
			'value'       => $value,
			'fresh_until' => (int) ( $entry['fresh_until'] ?? 0 ),
		);
	}
}
