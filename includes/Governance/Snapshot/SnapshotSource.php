<?php
/**
 * Snapshot proposals, lists and ballots, read from the hub.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

use SovereignPress\Crypto\Address;
use SovereignPress\Governance\Ballot;
use SovereignPress\Governance\Choice;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Source;
use SovereignPress\Governance\SourceError;

/**
 * Reads every Snapshot proposal of a page in one GraphQL request per hub (main and test), lists
 * a space's latest proposals, and reads a voter's power and vote in one request.
 *
 * The hub's answer is not trusted: every field is checked for type and size before a Proposal is
 * built, and a proposal that fails is MALFORMED on its own. States are the hub's (pending,
 * active, closed), with passed or rejected for closed `basic` proposals derived the way
 * snapshot.box derives them (sx-monorepo apps/ui/src/networks/offchain/api/index.ts): with a
 * rejection quorum, rejected when Against exceeds it; otherwise rejected below the quorum (all
 * votes), else passed when For beats Against. Scores are floats on the hub; they become decimal
 * strings without exponents.
 *
 * @since 0.2.0
 */
final class SnapshotSource implements Source {

	/** The hub caps every `*_in` list at 100 entries. */
	public const IDS_PER_LIST = 100;

	/** The hub accepts at most five queries in one request. */
	private const LISTS_PER_REQUEST = 5;

	private const MAX_TITLE = 2048;

	private const MAX_BODY = 200000;

	private const MAX_CHOICES = 1000;

	private const MAX_LABEL = 1024;

	private const FIELDS = 'id title body choices start end snapshot state author created type scores scores_total scores_state quorum quorumType votes privacy link symbol network space { id name }';

	/** @var \Closure(): int */
	private \Closure $now;

	/**
	 * @param Hub           $mainnet Snapshot's hub.
	 * @param Hub           $testnet Snapshot's testnet hub.
	 * @param \Closure|null $now     Clock (unix seconds), for `fetched`.
	 */
	public function __construct( private Hub $mainnet, private Hub $testnet, ?\Closure $now = null ) {
		$this->now = $now ?? static fn(): int => time();
	}

	/**
	 * @param list<ProposalRef> $refs Snapshot proposals.
	 * @return array<string, Proposal|SourceError> By ProposalRef::key().
	 */
	public function fetch( array $refs ): array {
		$groups = array();
		foreach ( $refs as $ref ) {
			$groups[ $ref->testnet ? 1 : 0 ][ $ref->key() ] = $ref;
		}
		$out = array();
		foreach ( $groups as $testnet => $group ) {
			$ids = array_values( array_unique( array_map( static fn( ProposalRef $ref ): string => $ref->id, $group ) ) );
			foreach ( array_chunk( $ids, self::IDS_PER_LIST * self::LISTS_PER_REQUEST ) as $request_ids ) {
				$out += $this->fetch_request( 1 === $testnet, $request_ids, $group );
			}
		}
		$ordered = array();
		foreach ( $refs as $ref ) {
			$ordered[ $ref->key() ] = $out[ $ref->key() ];
		}
		return $ordered;
	}

	/**
	 * One request for up to 500 ids: one `proposals(where: {id_in})` per 100.
	 *
	 * @param list<string>               $ids   Ids.
	 * @param array<string, ProposalRef> $group Refs of this hub, by key.
	 * @return array<string, Proposal|SourceError>
	 */
	private function fetch_request( bool $testnet, array $ids, array $group ): array {
		$lists     = array_chunk( $ids, self::IDS_PER_LIST );
		$params    = array();
		$fields    = array();
		$variables = array();
		foreach ( $lists as $i => $list ) {
			$params[]            = '$ids' . $i . ': [String]';
			$fields[]            = 'p' . $i . ': proposals(first: ' . count( $list ) . ', skip: 0, where: { id_in: $ids' . $i . ' }) { ' . self::FIELDS . ' }';
			$variables[ 'ids' . $i ] = $list;
		}
		$query = 'query Proposals(' . implode( ', ', $params ) . ') { ' . implode( ' ', $fields ) . ' }';
		$out   = array();
		try {
			$data  = $this->hub( $testnet )->query( $query, $variables );
			$found = array();
			foreach ( array_keys( $lists ) as $i ) {
				$list = $data[ 'p' . $i ] ?? null;
				if ( ! is_array( $list ) || ! array_is_list( $list ) ) {
					throw new SourceError( SourceError::MALFORMED, __( 'The Snapshot hub sent a list of proposals that is not a list.', 'sovereign-press' ) );
				}
				foreach ( $list as $raw ) {
					if ( is_array( $raw ) && is_string( $raw['id'] ?? null ) ) {
						$found[ $raw['id'] ] = $raw;
					}
				}
			}
		} catch ( SourceError $error ) {
			foreach ( $group as $key => $ref ) {
				if ( in_array( $ref->id, $ids, true ) ) {
					$out[ $key ] = $error;
				}
			}
			return $out;
		}
		$now = ( $this->now )();
		foreach ( $group as $key => $ref ) {
			if ( ! in_array( $ref->id, $ids, true ) ) {
				continue;
			}
			$raw = $found[ $ref->id ] ?? null;
			if ( null === $raw ) {
				$out[ $key ] = new SourceError( SourceError::NOT_FOUND, __( 'Snapshot has no proposal with this id.', 'sovereign-press' ) );
				continue;
			}
			try {
				$out[ $key ] = self::proposal( $raw, $ref, $now );
			} catch ( SourceError $error ) {
				$out[ $key ] = $error;
			}
		}
		return $out;
	}

	/**
	 * @return list<Proposal>
	 * @throws SourceError When the list cannot be read.
	 */
	public function latest( Listing $listing ): array {
		$space = ProposalUrl::space( $listing->where->space );
		$count = max( 1, min( Listing::MAX_COUNT, $listing->count ) );
		$state = in_array( $listing->state, array( 'pending', 'active', 'closed' ), true ) ? ', state: $state' : '';
		$query = 'query Latest($spaces: [String]' . ( '' === $state ? '' : ', $state: String' ) . ') { proposals(first: ' . $count . ', skip: 0, where: { space_in: $spaces' . $state . ' }, orderBy: "created", orderDirection: desc) { ' . self::FIELDS . ' } }';
		$vars  = array( 'spaces' => array( $space ) );
		if ( '' !== $state ) {
			$vars['state'] = $listing->state;
		}
		$list = $this->hub( $listing->where->testnet )->query( $query, $vars )['proposals'] ?? null;
		if ( ! is_array( $list ) || ! array_is_list( $list ) || count( $list ) > $count ) {
			throw new SourceError( SourceError::MALFORMED, __( 'The Snapshot hub sent a list of proposals that is not a list.', 'sovereign-press' ) );
		}
		$now       = ( $this->now )();
		$proposals = array();
		foreach ( $list as $raw ) {
			$id = is_array( $raw ) && is_string( $raw['id'] ?? null ) ? $raw['id'] : '';
			if ( 1 !== preg_match( '/^(?:0x[0-9a-fA-F]{64}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/D', $id ) ) {
				throw new SourceError( SourceError::MALFORMED, __( 'The Snapshot hub sent a proposal without a valid id.', 'sovereign-press' ) );
			}
			$proposals[] = self::proposal( $raw, ProposalRef::snapshot( $space, str_starts_with( $id, '0x' ) ? strtolower( $id ) : $id, $listing->where->testnet ), $now );
		}
		return $proposals;
	}

	/**
	 * @param Proposal $proposal As fetched.
	 * @param string   $address  Checksummed voter.
	 * @throws SourceError When the hub cannot answer.
	 */
	public function ballot( Proposal $proposal, string $address ): Ballot {
		$ref   = $proposal->ref;
		$query = 'query Ballot($voter: String!, $space: String!, $proposal: String!) { vp(voter: $voter, space: $space, proposal: $proposal) { vp vp_state } votes(first: 1, where: { proposal: $proposal, voter: $voter }) { id choice vp created } }';
		$data  = $this->hub( $ref->testnet )->query(
			$query,
			array(
				'voter'    => $address,
				'space'    => $ref->space,
				'proposal' => $ref->id,
			)
		);
		$vp    = $data['vp']['vp'] ?? null;
		$votes = $data['votes'] ?? null;
		if ( ! is_int( $vp ) && ! is_float( $vp ) || ! is_array( $votes ) || ! array_is_list( $votes ) || count( $votes ) > 1 ) {
			throw new SourceError( SourceError::MALFORMED, __( 'The Snapshot hub sent voting power or votes in a shape it does not have.', 'sovereign-press' ) );
		}
		$vote   = $votes[0] ?? null;
		$voted  = is_array( $vote );
		$choice = $voted && ! $proposal->private ? self::choice_text( $proposal, $vote['choice'] ?? null ) : '';
		return new Ballot( $address, self::decimal( $vp ), $voted, $choice );
	}

	private function hub( bool $testnet ): Hub {
		return $testnet ? $this->testnet : $this->mainnet;
	}

	/**
	 * A proposal from the hub's answer, every field checked.
	 *
	 * @param array<mixed> $raw One proposal as the hub sent it.
	 * @throws SourceError MALFORMED (a field of the wrong type or size), NOT_FOUND (another space).
	 */
	public static function proposal( array $raw, ProposalRef $ref, int $now ): Proposal {
		$space_id = is_array( $raw['space'] ?? null ) ? ( $raw['space']['id'] ?? null ) : null;
		if ( ! is_string( $space_id ) ) {
			throw self::malformed( 'space' );
		}
		if ( strtolower( $space_id ) !== $ref->space ) {
			throw new SourceError(
				SourceError::NOT_FOUND,
				/* translators: %s: Snapshot space, such as society.eth. */
				sprintf( __( 'This proposal is not in the space %s.', 'sovereign-press' ), $ref->space )
			);
		}
		$id = self::text( $raw, 'id', 100 );
		if ( ( str_starts_with( $id, '0x' ) ? strtolower( $id ) : $id ) !== $ref->id ) {
			throw self::malformed( 'id' );
		}
		$choices = $raw['choices'] ?? null;
		if ( ! is_array( $choices ) || ! array_is_list( $choices ) || count( $choices ) > self::MAX_CHOICES ) {
			throw self::malformed( 'choices' );
		}
		foreach ( $choices as $label ) {
			if ( ! is_string( $label ) || strlen( $label ) > self::MAX_LABEL ) {
				throw self::malformed( 'choices' );
			}
		}
		$scores = $raw['scores'] ?? array();
		$scores = null === $scores ? array() : $scores;
		if ( ! is_array( $scores ) || ! array_is_list( $scores ) || count( $scores ) > count( $choices ) ) {
			throw self::malformed( 'scores' );
		}
		$scores = array_map( static fn( mixed $score ): float => self::number( $score, 'scores' ), $scores );
		$total  = self::number( $raw['scores_total'] ?? 0, 'scores_total' );
		$quorum = self::number( $raw['quorum'] ?? 0, 'quorum' );

		$state = $raw['state'] ?? null;
		if ( ! in_array( $state, array( 'pending', 'active', 'closed' ), true ) ) {
			throw self::malformed( 'state' );
		}
		$type = $raw['type'] ?? null;
		$type = null === $type || '' === $type ? 'single-choice' : $type;
		if ( ! is_string( $type ) || 1 !== preg_match( '/^[a-z][a-z-]{0,31}$/D', $type ) ) {
			throw self::malformed( 'type' );
		}
		$quorum_type = $raw['quorumType'] ?? 'default';
		if ( ! is_string( $quorum_type ) ) {
			throw self::malformed( 'quorumType' );
		}
		$rejection    = 'rejection' === $quorum_type;
		$quorum_votes = $rejection ? ( $scores[1] ?? 0.0 ) : $total;
		if ( 'closed' === $state && 'basic' === $type ) {
			if ( $rejection ) {
				$state = $quorum_votes > $quorum ? 'rejected' : 'passed';
			} else {
				$state = $quorum_votes < $quorum || ( $scores[0] ?? 0.0 ) <= ( $scores[1] ?? 0.0 ) ? 'rejected' : 'passed';
			}
		}

		$list = array();
		foreach ( $choices as $i => $label ) {
			$score  = $scores[ $i ] ?? 0.0;
			$list[] = new Choice( $label, self::decimal( $score ), $total > 0 ? max( 0.0, min( 1.0, $score / $total ) ) : 0.0 );
		}
		$author = self::text( $raw, 'author', 66 );
		if ( 1 === preg_match( '/^0x[0-9a-fA-F]{40}$/D', $author ) ) {
			$author = Address::checksum( $author );
		} elseif ( 1 === preg_match( '/^0x[0-9a-fA-F]{64}$/D', $author ) ) {
			// A Starknet address: no EIP-55 form.
			$author = strtolower( $author );
		} else {
			throw self::malformed( 'author' );
		}
		$snapshot = $raw['snapshot'] ?? null;
		if ( null !== $snapshot && ! ( is_int( $snapshot ) && $snapshot >= 0 ) && ! ( is_string( $snapshot ) && 1 === preg_match( '/^(?:0|[1-9][0-9]{0,19})$/D', $snapshot ) ) ) {
			throw self::malformed( 'snapshot' );
		}
		$votes = $raw['votes'] ?? -1;
		if ( ! is_int( $votes ) || $votes < -1 ) {
			throw self::malformed( 'votes' );
		}
		$space_name = is_array( $raw['space'] ) && is_string( $raw['space']['name'] ?? null ) && '' !== trim( $raw['space']['name'] ) ? $raw['space']['name'] : $ref->space;
		if ( strlen( $space_name ) > 256 ) {
			throw self::malformed( 'space' );
		}
		$symbol = $raw['symbol'] ?? '';
		if ( ! is_string( $symbol ) || strlen( $symbol ) > 64 ) {
			throw self::malformed( 'symbol' );
		}
		$body = $raw['body'] ?? '';
		if ( ! is_string( $body ) || strlen( $body ) > self::MAX_BODY ) {
			throw self::malformed( 'body' );
		}
		return new Proposal(
			$ref,
			self::text( $raw, 'title', self::MAX_TITLE ),
			$body,
			$author,
			$state,
			$type,
			$list,
			$symbol,
			self::decimal( $quorum ),
			self::decimal( $quorum_votes ),
			self::time( $raw, 'start' ),
			self::time( $raw, 'end' ),
			false,
			null === $snapshot ? '' : (string) $snapshot,
			$votes,
			self::link( $raw['link'] ?? null, $ref ),
			$space_name,
			'shutter' === ( $raw['privacy'] ?? '' ),
			'',
			$now
		);
	}

	/**
	 * A number as a decimal string, never in exponent form ("1.0E+25" is "10000000000000000000000000").
	 *
	 * @param int|float $number A finite, non-negative number.
	 */
	public static function decimal( int|float $number ): string {
		if ( is_int( $number ) ) {
			return (string) $number;
		}
		// Shortest form that reads back as the same float, as JavaScript prints it.
		$repr = var_export( $number, true );
		if ( 1 === preg_match( '/^(-?)(\d+)(?:\.(\d+))?E([+-]\d+)$/D', $repr, $m ) ) {
			$digits = $m[2] . ( $m[3] ?? '' );
			$point  = strlen( $m[2] ) + (int) $m[4];
			if ( $point <= 0 ) {
				$repr = $m[1] . '0.' . str_repeat( '0', -$point ) . $digits;
			} elseif ( $point >= strlen( $digits ) ) {
				$repr = $m[1] . $digits . str_repeat( '0', $point - strlen( $digits ) );
			} else {
				$repr = $m[1] . substr( $digits, 0, $point ) . '.' . substr( $digits, $point );
			}
		}
		if ( str_contains( $repr, '.' ) ) {
			$repr = rtrim( rtrim( $repr, '0' ), '.' );
		}
		$repr = ltrim( $repr, '0' );
		$repr = '' === $repr || str_starts_with( $repr, '.' ) ? '0' . $repr : $repr;
		return '-0' === $repr ? '0' : $repr;
	}

	/**
	 * The vote as a sentence: "For"; "A, B" (approval); "1. A, 2. B" (ranked); "A 60%, B 40%"
	 * (weighted, quadratic); '' when it cannot be read.
	 */
	public static function choice_text( Proposal $proposal, mixed $choice ): string {
		$labels = array_map( static fn( Choice $choice ): string => $choice->label, $proposal->choices );
		$label  = static fn( mixed $index ): ?string => is_int( $index ) && $index >= 1 ? ( $labels[ $index - 1 ] ?? null ) : null;
		switch ( VoteTypes::kind_for( $proposal->type, false ) ) {
			case VoteTypes::VOTE:
				return $label( $choice ) ?? '';
			case VoteTypes::VOTE_ARRAY:
				if ( ! is_array( $choice ) || ! array_is_list( $choice ) || count( $choice ) > count( $labels ) ) {
					return '';
				}
				$names = array();
				foreach ( $choice as $rank => $index ) {
					$name = $label( $index );
					if ( null === $name ) {
						return '';
					}
					$names[] = 'ranked-choice' === $proposal->type ? ( $rank + 1 ) . '. ' . $name : $name;
				}
				return implode( ', ', $names );
			default:
				$choice = is_string( $choice ) ? json_decode( $choice, true, 4 ) : $choice;
				if ( ! is_array( $choice ) || count( $choice ) > count( $labels ) ) {
					return '';
				}
				$sum = 0.0;
				foreach ( $choice as $weight ) {
					if ( ! is_int( $weight ) && ! is_float( $weight ) || $weight < 0 ) {
						return '';
					}
					$sum += $weight;
				}
				$parts = array();
				foreach ( $choice as $index => $weight ) {
					$name = $label( (int) $index );
					if ( null === $name || (string) (int) $index !== (string) $index ) {
						return '';
					}
					if ( $weight > 0 && $sum > 0 ) {
						$parts[] = $name . ' ' . round( 100 * $weight / $sum ) . '%';
					}
				}
				return implode( ', ', $parts );
		}
	}

	/**
	 * The hub's link when it is Snapshot's own https UI, else the snapshot.box link.
	 */
	private static function link( mixed $link, ProposalRef $ref ): string {
		if ( is_string( $link ) && strlen( $link ) <= 512 && 1 === preg_match( '#^https://(?:testnet\.|v1\.)?snapshot\.(?:box|org)/\#/[A-Za-z0-9.:_/-]+$#D', $link ) ) {
			return $link;
		}
		return $ref->testnet
			? 'https://testnet.snapshot.box/#/s-tn:' . $ref->space . '/proposal/' . $ref->id
			: 'https://snapshot.box/#/s:' . $ref->space . '/proposal/' . $ref->id;
	}

	/**
	 * @param array<mixed> $raw Proposal.
	 */
	private static function text( array $raw, string $field, int $max ): string {
		$value = $raw[ $field ] ?? null;
		if ( ! is_string( $value ) || strlen( $value ) > $max ) {
			throw self::malformed( $field );
		}
		return $value;
	}

	/**
	 * @param array<mixed> $raw Proposal.
	 */
	private static function time( array $raw, string $field ): int {
		$value = $raw[ $field ] ?? null;
		if ( ! is_int( $value ) || $value < 0 || $value > 1 << 40 ) {
			throw self::malformed( $field );
		}
		return $value;
	}

	private static function number( mixed $value, string $field ): float {
		if ( ! is_int( $value ) && ! is_float( $value ) || ! is_finite( (float) $value ) || $value < 0 ) {
			throw self::malformed( $field );
		}
		return (float) $value;
	}

	private static function malformed( string $field ): SourceError {
		return new SourceError(
			SourceError::MALFORMED,
			/* translators: %s: name of a field of Snapshot's proposal, such as scores. */
			sprintf( __( 'The Snapshot hub sent a proposal whose "%s" is not what Snapshot sends.', 'sovereign-press' ), $field )
		);
	}
}
