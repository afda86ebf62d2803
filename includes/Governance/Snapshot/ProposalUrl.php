<?php
/**
 * Turns what an editor pasted or typed into a Snapshot proposal reference.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\SourceError;

/**
 * Reads every link form Snapshot has used: snapshot.box `#/s:SPACE/proposal/ID` (and `s-tn:` for
 * the testnet hub, with the tabs `/votes`, `/discussion`, `/execution`, `/overview`),
 * snapshot.box without the prefix, and the v1 UI on snapshot.org and v1.snapshot.box
 * (`#/SPACE/proposal/ID`); or a space and an id typed in. Spaces are lowercased like the v1
 * router does; ids are `0x` + 64 hex (lowercased) or an old `Qm…` IPFS id.
 *
 * The input is hostile: it is capped in length, refused with control characters, and only
 * ENS-like space names pass. Every refusal is a SourceError INVALID with a sentence that says
 * what was wrong; problem() gives the same verdict as a stable word (the editor's TypeScript
 * mirror and tests/vectors/snapshot-urls.json use these words).
 *
 * @since 0.2.0
 */
final class ProposalUrl {

	public const MAX_LENGTH = 2048;

	public const MAX_SPACE_LENGTH = 100;

	/** Problems, as problem() names them. */
	public const EMPTY         = 'empty';
	public const TOO_LONG      = 'too_long';
	public const CONTROL       = 'control';
	public const NOT_SNAPSHOT  = 'not_snapshot';
	public const NO_PROPOSAL   = 'no_proposal';
	public const BAD_ID        = 'bad_id';
	public const BAD_SPACE     = 'bad_space';
	public const ONCHAIN_SPACE = 'onchain_space';
	public const TALLY         = 'tally';

	/** Hosts of Snapshot's UIs; the value says whether a link without prefix is on the testnet. */
	private const HOSTS = array(
		'snapshot.box'         => false,
		'www.snapshot.box'     => false,
		'v1.snapshot.box'      => false,
		'testnet.snapshot.box' => true,
		'snapshot.org'         => false,
		'www.snapshot.org'     => false,
	);

	private const TALLY_HOSTS = array( 'tally.xyz', 'www.tally.xyz' );

	/** What a paste may carry around a link (not NUL, which trim() would also remove). */
	private const BLANK = " \t\n\r";

	private const TABS = array( 'votes', 'discussion', 'execution', 'overview' );

	private const ID = '/^(?:0x[0-9a-fA-F]{64}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/D';

	/** Dot-separated labels of letters, digits, `-` and `_`, not starting or ending with `-`. */
	private const SPACE = '/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/D';

	/**
	 * A pasted link.
	 *
	 * @throws SourceError INVALID, saying what is wrong.
	 */
	public static function parse( string $input ): ProposalRef {
		$result = self::read( $input );
		if ( is_string( $result ) ) {
			throw new SourceError( SourceError::INVALID, self::message( $result ) );
		}
		return $result;
	}

	/**
	 * A space and an id typed in (the space may carry the `s:` or `s-tn:` prefix it has in links).
	 *
	 * @throws SourceError INVALID, saying what is wrong.
	 */
	public static function from_parts( string $space, string $id, bool $testnet = false ): ProposalRef {
		$result = self::read_parts( $space, $id, $testnet );
		if ( is_string( $result ) ) {
			throw new SourceError( SourceError::INVALID, self::message( $result ) );
		}
		return $result;
	}

	/**
	 * A space alone, for a list of its proposals.
	 *
	 * @return string The space, lowercased.
	 * @throws SourceError INVALID when it is not an ENS-like name.
	 */
	public static function space( string $space ): string {
		$problem = self::unsafe( $space );
		$space   = strtolower( trim( $space, self::BLANK ) );
		if ( null === $problem && ( strlen( $space ) > self::MAX_SPACE_LENGTH || 1 !== preg_match( self::SPACE, $space ) ) ) {
			$problem = '' === $space ? self::EMPTY : self::BAD_SPACE;
		}
		if ( null !== $problem ) {
			throw new SourceError( SourceError::INVALID, self::message( $problem ) );
		}
		return $space;
	}

	/**
	 * What is wrong with a pasted link, as a stable word; null when it names a proposal.
	 */
	public static function problem( string $input ): ?string {
		$result = self::read( $input );
		return is_string( $result ) ? $result : null;
	}

	/**
	 * @return ProposalRef|string The reference, or the problem.
	 */
	private static function read( string $input ): ProposalRef|string {
		$problem = self::unsafe( $input );
		if ( null !== $problem ) {
			return $problem;
		}
		$input = trim( $input, self::BLANK );
		if ( '' === $input ) {
			return self::EMPTY;
		}
		if ( 1 !== preg_match( '#^https?://#i', $input ) ) {
			// A link copied without its scheme.
			$input = 'https://' . $input;
		}
		$parts = parse_url( $input );
		$host  = is_array( $parts ) ? strtolower( (string) ( $parts['host'] ?? '' ) ) : '';
		if ( in_array( $host, self::TALLY_HOSTS, true ) ) {
			return self::TALLY;
		}
		if ( ! array_key_exists( $host, self::HOSTS ) || isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['port'] ) ) {
			return self::NOT_SNAPSHOT;
		}
		$route = (string) ( $parts['fragment'] ?? '' );
		// Query strings inside the fragment (?tab=…, UTM tags) are not part of the route.
		$route    = explode( '?', $route, 2 )[0];
		$segments = array_values( array_filter( explode( '/', $route ), static fn( string $segment ): bool => '' !== $segment ) );
		if ( array() === $segments ) {
			return self::NO_PROPOSAL;
		}
		$testnet = self::HOSTS[ $host ];
		$space   = rawurldecode( $segments[0] );
		if ( 1 === preg_match( '/^(s|s-tn):(.*)$/D', $space, $m ) ) {
			$testnet = 's-tn' === $m[1];
			$space   = $m[2];
		} elseif ( str_contains( $space, ':' ) ) {
			// {net}:0x… is an on-chain space (Snapshot X or a Governor), which no hub serves.
			return 1 === preg_match( '/^[a-z0-9-]+:0x[0-9a-fA-F]+$/D', $space ) ? self::ONCHAIN_SPACE : self::BAD_SPACE;
		}
		if ( count( $segments ) < 3 || 'proposal' !== $segments[1] ) {
			return 1 === preg_match( self::SPACE, strtolower( $space ) ) ? self::NO_PROPOSAL : self::BAD_SPACE;
		}
		if ( count( $segments ) > 4 || ( 4 === count( $segments ) && ! in_array( $segments[3], self::TABS, true ) ) ) {
			return self::NO_PROPOSAL;
		}
		return self::read_parts( $space, rawurldecode( $segments[2] ), $testnet );
	}

	/**
	 * @return ProposalRef|string The reference, or the problem.
	 */
	private static function read_parts( string $space, string $id, bool $testnet ): ProposalRef|string {
		$problem = self::unsafe( $space ) ?? self::unsafe( $id );
		if ( null !== $problem ) {
			return $problem;
		}
		$space = strtolower( trim( $space, self::BLANK ) );
		$id    = trim( $id, self::BLANK );
		if ( 1 === preg_match( '/^(s|s-tn):(.*)$/D', $space, $m ) ) {
			$testnet = 's-tn' === $m[1];
			$space   = $m[2];
		}
		if ( '' === $space && '' === $id ) {
			return self::EMPTY;
		}
		if ( 1 === preg_match( '/^[a-z0-9-]+:0x[0-9a-f]+$/D', $space ) ) {
			return self::ONCHAIN_SPACE;
		}
		if ( strlen( $space ) > self::MAX_SPACE_LENGTH || 1 !== preg_match( self::SPACE, $space ) ) {
			return self::BAD_SPACE;
		}
		if ( 1 !== preg_match( self::ID, $id ) ) {
			return self::BAD_ID;
		}
		return ProposalRef::snapshot( $space, str_starts_with( $id, '0x' ) ? strtolower( $id ) : $id, $testnet );
	}

	/**
	 * Refuses what no Snapshot link holds: too long, or control characters (including Unicode
	 * format characters such as bidi overrides) and invalid UTF-8.
	 */
	private static function unsafe( string $input ): ?string {
		if ( strlen( $input ) > self::MAX_LENGTH ) {
			return self::TOO_LONG;
		}
		if ( 1 !== preg_match( '//u', $input ) || 1 === preg_match( '/[\p{Cc}\p{Cf}]/u', trim( $input, self::BLANK ) ) ) {
			return self::CONTROL;
		}
		return null;
	}

	/**
	 * The sentence for a problem.
	 */
	public static function message( string $problem ): string {
		return match ( $problem ) {
			self::EMPTY => __( 'Paste the link of a Snapshot proposal, or enter its space and proposal id.', 'sovereign-press' ),
			self::TOO_LONG => __( 'This is too long to be a Snapshot link.', 'sovereign-press' ),
			self::CONTROL => __( 'This contains invisible control characters. Copy the proposal link from the browser\'s address bar again.', 'sovereign-press' ),
			self::NOT_SNAPSHOT => __( 'This is not a Snapshot link. Paste a proposal link from snapshot.box or snapshot.org, such as https://snapshot.box/#/s:yourspace.eth/proposal/0x…', 'sovereign-press' ),
			self::NO_PROPOSAL => __( 'This Snapshot link does not point to a proposal. Open the proposal on Snapshot and copy the link from the address bar.', 'sovereign-press' ),
			self::BAD_ID => __( 'This is not a Snapshot proposal id: ids are 0x followed by 64 hexadecimal characters, or older ids that start with Qm.', 'sovereign-press' ),
			self::BAD_SPACE => __( 'This is not a Snapshot space: spaces are ENS-like names such as yourspace.eth.', 'sovereign-press' ),
			self::ONCHAIN_SPACE => __( 'This is an on-chain Governor on snapshot.box, not a Snapshot proposal. Choose the on-chain Governor source and enter its chain, address and proposal id.', 'sovereign-press' ),
			self::TALLY => __( 'Tally has shut down, so its links cannot be read. Choose the on-chain Governor source and enter the chain, the Governor\'s address and the proposal id.', 'sovereign-press' ),
			default => __( 'This is not a Snapshot proposal link.', 'sovereign-press' ),
		};
	}
}
