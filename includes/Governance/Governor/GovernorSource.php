<?php
/**
 * On-chain Governor proposals: OpenZeppelin Governor and Compound GovernorBravo.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Governor;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Hex;
use SovereignPress\Chain\Multicall3;
use SovereignPress\Chain\Networks;
use SovereignPress\Chain\Transport;
use SovereignPress\Chain\TransportFactory;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;
use SovereignPress\Gating\Amount;
use SovereignPress\Governance\Ballot;
use SovereignPress\Governance\Choice;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Source;
use SovereignPress\Governance\SourceError;
use SovereignPress\Storage\Cache;

/**
 * Reads proposals in one Multicall3 aggregate3 per chain: state, tallies, snapshot, deadline and
 * proposer of every proposal, and Multicall3's own block number and timestamp. What never changes
 * is kept for good in the cache: each Governor's flavor (`oz` when COUNTING_MODE answers, `bravo`
 * when it reverts and quorumVotes answers), name, clock mode and token (address, decimals,
 * symbol); each proposal's description (from its ProposalCreated log) and quorum at a past
 * snapshot; the times of past blocks. A proposal seen before is read in one request; the first
 * read of a proposal adds one batch (the token, the quorum at its snapshot, its ProposalCreated
 * log, block times).
 *
 * @phpstan-type Meta array{flavor:string, name:string, clock:string, token:string, decimals:int, symbol:string}
 *
 * @since 0.2.0
 */
final class GovernorSource implements Source {

	/** Seconds what never changes stays cached (descriptions, Governor metadata, block times). */
	public const CACHE_TTL = 30 * 86400;

	/** Blocks latest() and a description search look back. */
	public const LOOK_BACK = 100000;

	/** Blocks per eth_getLogs call. */
	public const LOG_CHUNK = 10000;

	/** Seconds each request may take. */
	public const TIMEOUT = 3.0;

	/** Labels in display order for both flavors; the view translates them. */
	public const CHOICES = array( 'For', 'Against', 'Abstain' );

	/** Blocks over which the average block time is measured. */
	private const BLOCK_SAMPLE = 1000;

	/**
	 * @param TransportFactory $transports Nodes of the configured networks.
	 * @param Cache|null       $cache      Where what never changes is kept (CACHE_TTL); null keeps nothing.
	 * @param int              $look_back  Blocks searched for ProposalCreated logs.
	 * @param int              $log_chunk  Blocks per eth_getLogs call.
	 * @param float            $timeout    Seconds each request may take.
	 * @param \Closure|null    $now        Clock (unix seconds), for tests.
	 */
	public function __construct(
		private TransportFactory $transports,
		private ?Cache $cache = null,
		private int $look_back = self::LOOK_BACK,
		private int $log_chunk = self::LOG_CHUNK,
		private float $timeout = self::TIMEOUT,
		private ?\Closure $now = null
	) {}

	/**
	 * Turns a Governor block's attributes into a reference: the one place they are checked, for
	 * the blocks (Governance\BlockInput) and the editor's preview alike. The format messages are
	 * the editor's own (src/governance/editor/input.ts), so both say the same words.
	 *
	 * @since 0.2.0
	 *
	 * @param mixed $chain_id A configured network's chain id.
	 * @param mixed $governor The Governor's address: all lowercase, all uppercase or EIP-55.
	 * @param mixed $id       Proposal id, a decimal string ('' for a list).
	 * @param bool  $list     Whether the reference names a list (no id).
	 * @throws SourceError INVALID, with a message saying what is wrong.
	 */
	public function ref( mixed $chain_id, mixed $governor, mixed $id, bool $list = false ): ProposalRef {
		if ( is_string( $chain_id ) && 1 === preg_match( '/^[1-9][0-9]{0,17}$/D', $chain_id ) ) {
			$chain_id = (int) $chain_id;
		}
		if ( ! is_int( $chain_id ) || $chain_id <= 0 || null === $this->transports->for_chain( $chain_id, $this->timeout ) ) {
			throw new SourceError(
				SourceError::INVALID,
				is_int( $chain_id ) && $chain_id > 0
					/* translators: %d: chain id */
					? sprintf( __( 'Chain %d is not one of this site\'s networks. Add it under Settings → Sovereign Press → Networks, or choose another chain.', 'sovereign-press' ), $chain_id )
					: __( 'Choose the chain the Governor is on.', 'sovereign-press' )
			);
		}
		try {
			$governor = Address::parse( is_string( $governor ) ? trim( $governor ) : '' );
		} catch ( InvalidAddress $error ) {
			throw new SourceError(
				SourceError::INVALID,
				'checksum' === $error->reason
					? __( 'The Governor address has a wrong checksum: copy it again.', 'sovereign-press' )
					: __( 'The Governor address is 0x followed by 40 hexadecimal digits.', 'sovereign-press' ),
				$error
			);
		}
		if ( $list ) {
			return ProposalRef::governor( $chain_id, $governor, '' );
		}
		$id = is_string( $id ) ? trim( $id ) : ( is_int( $id ) && $id >= 0 ? (string) $id : '' );
		if ( 1 !== preg_match( '/^[0-9]{1,78}$/D', $id ) ) {
			throw new SourceError( SourceError::INVALID, __( 'A Governor proposal id is a whole number (digits only).', 'sovereign-press' ) );
		}
		if ( ! Amount::is_uint256( $id ) ) {
			throw new SourceError( SourceError::INVALID, __( 'This proposal id is larger than any Governor allows.', 'sovereign-press' ) );
		}
		$id = ltrim( $id, '0' );
		return ProposalRef::governor( $chain_id, $governor, '' === $id ? '0' : $id );
	}

	/**
	 * @param list<ProposalRef> $refs Governor proposals.
	 * @return array<string, Proposal|SourceError>
	 */
	public function fetch( array $refs ): array {
		$by_chain = array();
		foreach ( $refs as $ref ) {
			$by_chain[ $ref->chain_id ][ $ref->key() ] = $ref;
		}
		$results = array();
		foreach ( $by_chain as $chain_id => $chain_refs ) {
			$transport = $this->transports->for_chain( $chain_id, $this->timeout );
			if ( null === $transport ) {
				/* translators: %d: chain id */
				$error    = new SourceError( SourceError::INVALID, sprintf( __( 'Chain %d is not one of this site\'s networks.', 'sovereign-press' ), $chain_id ) );
				$results += array_fill_keys( array_keys( $chain_refs ), $error );
				continue;
			}
			try {
				$results += $this->fetch_chain( $chain_id, $transport, $chain_refs );
			} catch ( RpcException $error ) {
				$results += array_fill_keys( array_keys( $chain_refs ), self::unreachable( $chain_id, $error ) );
			}
		}
		return $results;
	}

	/**
	 * @return list<Proposal>
	 */
	public function latest( Listing $listing ): array {
		$where     = $listing->where;
		$transport = $this->transports->for_chain( $where->chain_id, $this->timeout );
		if ( null === $transport ) {
			/* translators: %d: chain id */
			throw new SourceError( SourceError::INVALID, sprintf( __( 'Chain %d is not one of this site\'s networks.', 'sovereign-press' ), $where->chain_id ) );
		}
		try {
			$current = Hex::quantity_to_int( $transport->call( 'eth_blockNumber' ) );
			$logs    = ( new GovernorLogs( $this->log_chunk ) )->fetch(
				$transport,
				array(
					'address' => $where->governor,
					'topics'  => array( GovernorLogs::topic( GovernorLogs::PROPOSAL_CREATED ) ),
				),
				max( 0, $current - $this->look_back ),
				$current
			);
		} catch ( RpcException $error ) {
			throw self::unreachable( $where->chain_id, $error );
		} catch ( \InvalidArgumentException ) {
			throw self::malformed();
		}
		$found = $this->remember_descriptions( $where->chain_id, $where->governor, $logs );
		$refs  = array();
		foreach ( array_reverse( array_keys( $found ) ) as $id ) {
			$refs[] = ProposalRef::governor( $where->chain_id, $where->governor, (string) $id );
			if ( count( $refs ) >= 3 * Listing::MAX_COUNT ) {
				break;
			}
		}
		$list = array();
		foreach ( $this->fetch( $refs ) as $result ) {
			if ( $result instanceof SourceError ) {
				if ( SourceError::NOT_FOUND === $result->reason ) {
					continue;
				}
				throw $result;
			}
			$live = in_array( $result->state, array( 'pending', 'active' ), true );
			$keep = match ( $listing->state ) {
				'pending', 'active' => $listing->state === $result->state,
				'closed' => ! $live,
				default => true,
			};
			if ( $keep ) {
				$list[] = $result;
			}
			if ( count( $list ) >= $listing->count ) {
				break;
			}
		}
		return $list;
	}

	public function ballot( Proposal $proposal, string $address ): Ballot {
		$ref       = $proposal->ref;
		$transport = $this->transports->for_chain( $ref->chain_id, $this->timeout );
		if ( null === $transport ) {
			/* translators: %d: chain id */
			throw new SourceError( SourceError::INVALID, sprintf( __( 'Chain %d is not one of this site\'s networks.', 'sovereign-press' ), $ref->chain_id ) );
		}
		$address = Address::checksum( $address );
		$voter   = Abi::address_word( $address );
		$id      = Amount::to_word( $ref->id );
		try {
			$meta = $this->metas( $ref->chain_id, $transport, array( $ref->governor ) )[ $ref->governor ] ?? null;
			if ( null === $meta ) {
				throw self::not_a_governor( $ref->governor );
			}
			$snapshot = Amount::to_word( '' === $proposal->snapshot ? '0' : $proposal->snapshot );
			$calls    = 'bravo' === $meta['flavor']
				? array(
					array( 'target' => $meta['token'], 'data' => Abi::selector( 'getPriorVotes(address,uint256)' ) . $voter . $snapshot ),
					array( 'target' => $ref->governor, 'data' => Abi::selector( 'getReceipt(uint256,address)' ) . $id . $voter ),
					array( 'target' => $meta['token'], 'data' => Abi::selector( 'getCurrentVotes(address)' ) . $voter ),
				)
				: array(
					array( 'target' => $ref->governor, 'data' => Abi::selector( 'getVotes(address,uint256)' ) . $voter . $snapshot ),
					array( 'target' => $ref->governor, 'data' => Abi::selector( 'hasVoted(uint256,address)' ) . $id . $voter ),
					array( 'target' => $meta['token'], 'data' => Abi::selector( 'getVotes(address)' ) . $voter ),
				);
			[ $power, $voted, $current ] = ( new Multicall3( $transport ) )->aggregate3( $calls, $this->timeout );
			// Before the snapshot, power at the snapshot is not known yet: today's delegated votes.
			$units  = self::word( $power ) ?? self::word( $current );
			$choice = '';
			if ( 'bravo' === $meta['flavor'] ) {
				$receipt  = $voted['success'] && strlen( $voted['data'] ) >= 96 ? $voted['data'] : null;
				$has      = null !== $receipt && "\1" === $receipt[31];
				$choice   = $has ? ( self::CHOICES[ self::support_index( ord( $receipt[63] ) ) ] ?? '' ) : '';
				$has_word = $has;
			} else {
				$has_word = null !== self::word( $voted ) && "\1" === $voted['data'][31];
				if ( $has_word ) {
					$choice = $this->vote_choice( $transport, $ref, $address );
				}
			}
		} catch ( RpcException $error ) {
			throw self::unreachable( $ref->chain_id, $error );
		}
		return new Ballot( $address, null === $units ? '0' : Amount::whole( Amount::from_word( $units ), $meta['decimals'] ), $has_word, $choice );
	}

	/**
	 * One chain's proposals: the aggregate3 round, then (only for what is not cached) a second batch.
	 *
	 * @param array<string, ProposalRef> $refs By key.
	 * @return array<string, Proposal|SourceError>
	 * @throws RpcException When the node cannot answer.
	 */
	private function fetch_chain( int $chain_id, Transport $transport, array $refs ): array {
		$governors = array_values( array_unique( array_map( static fn ( ProposalRef $ref ): string => $ref->governor, $refs ) ) );
		$metas     = $this->cached( array_map( static fn ( string $g ): string => "meta:{$chain_id}:{$g}", $governors ) );
		$texts     = $this->cached( array_map( static fn ( ProposalRef $ref ): string => 'text:' . $ref->key(), array_values( $refs ) ) );
		$quorums   = $this->cached( array_map( static fn ( ProposalRef $ref ): string => 'quorum:' . $ref->key(), array_values( $refs ) ) );

		// Round 1: everything that changes, and what identifies a Governor not seen before.
		$calls = array(
			'block' => array( 'target' => Multicall3::ADDRESS, 'data' => Abi::selector( 'getBlockNumber()' ) ),
			'time'  => array( 'target' => Multicall3::ADDRESS, 'data' => Abi::selector( 'getCurrentBlockTimestamp()' ) ),
		);
		foreach ( $governors as $governor ) {
			$flavor = $metas[ "meta:{$chain_id}:{$governor}" ]['flavor'] ?? '';
			$read   = static function ( string $name, string $signature, string $args = '' ) use ( &$calls, $governor ): void {
				$calls[ "{$governor}:{$name}" ] = array( 'target' => $governor, 'data' => Abi::selector( $signature ) . $args );
			};
			if ( '' === $flavor ) {
				$read( 'counting', 'COUNTING_MODE()' );
				$read( 'clockmode', 'CLOCK_MODE()' );
				$read( 'token', 'token()' );
				$read( 'comp', 'comp()' );
				$read( 'name', 'name()' );
			}
			if ( 'oz' !== $flavor ) {
				$read( 'quorumVotes', 'quorumVotes()' );
			}
			$read( 'delay', 'votingDelay()' );
		}
		foreach ( $refs as $key => $ref ) {
			$flavor = $metas[ "meta:{$chain_id}:{$ref->governor}" ]['flavor'] ?? '';
			$id     = Amount::to_word( $ref->id );
			$read   = static function ( string $name, string $signature ) use ( &$calls, $key, $ref, $id ): void {
				$calls[ "{$key}:{$name}" ] = array( 'target' => $ref->governor, 'data' => Abi::selector( $signature ) . $id );
			};
			$read( 'state', 'state(uint256)' );
			if ( 'bravo' !== $flavor ) {
				$read( 'votes', 'proposalVotes(uint256)' );
				$read( 'snapshot', 'proposalSnapshot(uint256)' );
				$read( 'deadline', 'proposalDeadline(uint256)' );
				$read( 'proposer', 'proposalProposer(uint256)' );
			}
			if ( 'oz' !== $flavor ) {
				$read( 'proposal', 'proposals(uint256)' );
			}
		}
		$answers = array_combine( array_keys( $calls ), ( new Multicall3( $transport ) )->aggregate3( array_values( $calls ), $this->timeout ) );
		$block   = self::small( $answers['block'] );
		$time    = self::small( $answers['time'] );
		if ( null === $block || null === $time ) {
			return array_fill_keys( array_keys( $refs ), self::malformed() );
		}

		// Governors seen for the first time: their flavor, name and clock; the token comes next round.
		$new = array();
		foreach ( $governors as $governor ) {
			$key = "meta:{$chain_id}:{$governor}";
			if ( isset( $metas[ $key ] ) ) {
				continue;
			}
			$a = static fn ( string $name ): array => $answers[ "{$governor}:{$name}" ];
			if ( '' !== self::text( $a( 'counting' ) ) ) {
				$token = self::address( $a( 'token' ) );
				$clock = self::text( $a( 'clockmode' ) );
				$flav  = 'oz';
			} elseif ( null !== self::word( $a( 'quorumVotes' ) ) ) {
				$token = self::address( $a( 'comp' ) );
				$clock = 'mode=blocknumber&from=default';
				$flav  = 'bravo';
			} else {
				continue;
			}
			$new[ $key ] = array(
				'flavor'   => $flav,
				'name'     => self::clip( sanitize_text_field( self::text( $a( 'name' ) ) ), 256 ),
				'clock'    => str_contains( $clock, 'mode=timestamp' ) ? 'timestamp' : 'blocknumber',
				'token'    => $token ?? '',
				'decimals' => 18,
				'symbol'   => '',
			);
		}

		// Per proposal: what round 1 said, in one shape for both flavors.
		$reads = array();
		$out   = array();
		foreach ( $refs as $key => $ref ) {
			$meta_key = "meta:{$chain_id}:{$ref->governor}";
			$meta     = $metas[ $meta_key ] ?? $new[ $meta_key ] ?? null;
			if ( null === $meta ) {
				$out[ $key ] = self::not_a_governor( $ref->governor );
				continue;
			}
			$read = $this->read_proposal( $meta['flavor'], $key, $answers );
			if ( $read instanceof SourceError ) {
				$out[ $key ] = $read;
				continue;
			}
			$reads[ $key ] = $read + array(
				'meta'   => $meta_key,
				'delay'  => self::small( $answers[ "{$ref->governor}:delay" ] ) ?? 0,
				'quorum' => 'bravo' === $meta['flavor']
					? self::units( $answers[ "{$ref->governor}:quorumVotes" ] )
					: ( $quorums[ 'quorum:' . $key ]['units'] ?? null ),
			);
		}
		$metas += $new;

		// Round 2, in one batch: token metadata, quorums at snapshots, descriptions, block times.
		$calls = array();
		foreach ( $new as $meta_key => $meta ) {
			if ( '' !== $meta['token'] ) {
				$calls[ "{$meta_key}:decimals" ] = array( 'target' => $meta['token'], 'data' => Abi::selector( 'decimals()' ) );
				$calls[ "{$meta_key}:symbol" ]   = array( 'target' => $meta['token'], 'data' => Abi::selector( 'symbol()' ) );
			}
		}
		foreach ( $reads as $key => $read ) {
			if ( null === $read['quorum'] && 'oz' === $metas[ $read['meta'] ]['flavor'] ) {
				// Before the snapshot, the quorum the contract would apply now: quorum(clock() - 1).
				$now  = 'timestamp' === $metas[ $read['meta'] ]['clock'] ? $time : $block;
				$at   = self::below( $read['snapshot'], $now ) ? $read['snapshot'] : (string) max( 0, $now - 1 );
				$calls[ "{$key}:quorum" ] = array( 'target' => $refs[ $key ]->governor, 'data' => Abi::selector( 'quorum(uint256)' ) . Amount::to_word( $at ) );
			}
		}
		$blocks = array();
		foreach ( $reads as $read ) {
			if ( 'blocknumber' === $metas[ $read['meta'] ]['clock'] ) {
				foreach ( array( $read['snapshot'], $read['deadline'] ) as $point ) {
					$blocks[] = self::below( $point, $block + 1 ) ? (int) $point : max( 0, $block - self::BLOCK_SAMPLE );
				}
			}
		}
		$times     = $this->cached( array_map( static fn ( int $n ): string => "block:{$chain_id}:{$n}", array_values( array_unique( $blocks ) ) ) );
		$headers   = array_values( array_filter( array_unique( $blocks ), static fn ( int $n ): bool => ! isset( $times[ "block:{$chain_id}:{$n}" ] ) && $n !== $block ) );
		$searches  = $this->description_searches( $reads, $texts, $metas, $refs, $block );
		$round_two = $this->round_two( $transport, $calls, $headers, $searches );

		$store = array();
		foreach ( $new as $meta_key => $meta ) {
			$decimals = self::small( $round_two['calls'][ "{$meta_key}:decimals" ] ?? array( 'success' => false, 'data' => '' ) );
			$metas[ $meta_key ]['decimals'] = null !== $decimals && $decimals <= 77 ? $decimals : 18;
			$metas[ $meta_key ]['symbol']   = self::clip( sanitize_text_field( self::text( $round_two['calls'][ "{$meta_key}:symbol" ] ?? array( 'success' => false, 'data' => '' ) ) ), 64 );
			$store[ $meta_key ]             = $metas[ $meta_key ];
		}
		foreach ( $round_two['headers'] as $n => $timestamp ) {
			$times[ "block:{$chain_id}:{$n}" ] = array( 'time' => $timestamp );
			if ( $n < $block ) {
				$store[ "block:{$chain_id}:{$n}" ] = array( 'time' => $timestamp );
			}
		}
		$times[ "block:{$chain_id}:{$block}" ] = array( 'time' => $time );
		$texts += $this->remember_descriptions( $chain_id, null, $round_two['logs'], $store );

		foreach ( $reads as $key => $read ) {
			$ref  = $refs[ $key ];
			$meta = $metas[ $read['meta'] ];
			if ( null === $read['quorum'] && isset( $round_two['calls'][ "{$key}:quorum" ] ) ) {
				$read['quorum'] = self::units( $round_two['calls'][ "{$key}:quorum" ] );
				$now            = 'timestamp' === $meta['clock'] ? $time : $block;
				if ( null !== $read['quorum'] && self::below( $read['snapshot'], $now ) ) {
					$store[ 'quorum:' . $key ] = array( 'units' => $read['quorum'] );
				}
			}
			$out[ $key ] = $this->proposal( $ref, $meta, $read, $texts[ 'text:' . $key ] ?? null, $block, $time, $times );
		}
		if ( null !== $this->cache && array() !== $store ) {
			$this->cache->set_many( $store );
		}
		$ordered = array();
		foreach ( array_keys( $refs ) as $key ) {
			$ordered[ $key ] = $out[ $key ];
		}
		return $ordered;
	}

	/**
	 * State, tallies (base units), timepoints and proposer from round 1's answers.
	 *
	 * @param array<string, array{success:bool, data:string}> $answers
	 * @return array{state:int, for:string, against:string, abstain:string, snapshot:string, deadline:string, proposer:string}|SourceError
	 */
	private function read_proposal( string $flavor, string $key, array $answers ): array|SourceError {
		$state = $answers[ "{$key}:state" ];
		if ( ! $state['success'] ) {
			return new SourceError( SourceError::NOT_FOUND, __( 'This Governor has no proposal with that id.', 'sovereign-press' ) );
		}
		$index = self::small( $state );
		if ( null === $index || $index > 7 ) {
			return self::malformed();
		}
		if ( 'bravo' === $flavor ) {
			$p = $answers[ "{$key}:proposal" ];
			if ( ! $p['success'] || strlen( $p['data'] ) < 320 ) {
				return self::malformed();
			}
			$w = static fn ( int $i ): string => substr( $p['data'], 32 * $i, 32 );
			return array(
				'state'    => $index,
				'proposer' => Address::checksum( '0x' . bin2hex( substr( $w( 1 ), 12 ) ) ),
				'snapshot' => Amount::from_word( $w( 3 ) ),
				'deadline' => Amount::from_word( $w( 4 ) ),
				'for'      => Amount::from_word( $w( 5 ) ),
				'against'  => Amount::from_word( $w( 6 ) ),
				'abstain'  => Amount::from_word( $w( 7 ) ),
			);
		}
		$votes    = $answers[ "{$key}:votes" ];
		$snapshot = self::word( $answers[ "{$key}:snapshot" ] );
		$deadline = self::word( $answers[ "{$key}:deadline" ] );
		$proposer = self::address( $answers[ "{$key}:proposer" ] );
		if ( ! $votes['success'] || 96 !== strlen( $votes['data'] ) || null === $snapshot || null === $deadline || null === $proposer ) {
			return self::malformed();
		}
		return array(
			'state'    => $index,
			'proposer' => $proposer,
			'snapshot' => Amount::from_word( $snapshot ),
			'deadline' => Amount::from_word( $deadline ),
			'against'  => Amount::from_word( substr( $votes['data'], 0, 32 ) ),
			'for'      => Amount::from_word( substr( $votes['data'], 32, 32 ) ),
			'abstain'  => Amount::from_word( substr( $votes['data'], 64, 32 ) ),
		);
	}

	/**
	 * Block ranges to search for the ProposalCreated logs not cached yet, per Governor.
	 * Block-number clocks: from the snapshot minus the voting delay (and a margin) to the
	 * snapshot; timestamp clocks: the look-back window before the current block.
	 *
	 * @return list<array{governor:string, from:int, to:int}>
	 */
	private function description_searches( array $reads, array $texts, array $metas, array $refs, int $block ): array {
		$ranges = array();
		foreach ( $reads as $key => $read ) {
			if ( isset( $texts[ 'text:' . $key ] ) ) {
				continue;
			}
			$governor = $refs[ $key ]->governor;
			if ( 'blocknumber' === $metas[ $read['meta'] ]['clock'] && self::below( $read['snapshot'], PHP_INT_MAX ) ) {
				$to   = min( $block, (int) $read['snapshot'] );
				$from = max( 0, $to - $read['delay'] - 2 );
			} else {
				$to   = $block;
				$from = max( 0, $block - $this->look_back );
			}
			$range               = $ranges[ $governor ] ?? array( $from, $to );
			$ranges[ $governor ] = array( min( $range[0], $from ), max( $range[1], $to ) );
		}
		$searches = array();
		foreach ( $ranges as $governor => [ $from, $to ] ) {
			// One span per Governor; a span wider than the look-back is cut to its newest part.
			$searches[] = array(
				'governor' => (string) $governor,
				'from'     => max( $from, $to - $this->look_back ),
				'to'       => $to,
			);
		}
		return $searches;
	}

	/**
	 * The second round in one batch: an aggregate3, block headers and eth_getLogs. A provider that
	 * refuses a log range gets the logs asked again apart, in smaller chunks.
	 *
	 * @param array<string, array{target:string, data:string}> $calls
	 * @param list<int>                                         $headers
	 * @param list<array{governor:string, from:int, to:int}>    $searches
	 * @return array{calls: array<string, array{success:bool, data:string}>, headers: array<int, int>, logs: list<array<string, mixed>>}
	 * @throws RpcException When the node cannot answer.
	 */
	private function round_two( Transport $transport, array $calls, array $headers, array $searches ): array {
		$logs  = new GovernorLogs( $this->log_chunk );
		$topic = GovernorLogs::topic( GovernorLogs::PROPOSAL_CREATED );
		$batch = array();
		if ( array() !== $calls ) {
			$batch[] = array(
				'eth_call',
				array(
					array(
						'to'   => Multicall3::ADDRESS,
						'data' => '0x' . bin2hex( Multicall3::encode( array_values( $calls ) ) ),
					),
					'latest',
				),
			);
		}
		foreach ( $headers as $n ) {
			$batch[] = array( 'eth_getBlockByNumber', array( Hex::int_to_quantity( $n ), false ) );
		}
		$core = count( $batch );
		foreach ( $searches as $search ) {
			foreach ( $logs->calls( array( 'address' => $search['governor'], 'topics' => array( $topic ) ), $search['from'], $search['to'] ) as $call ) {
				$batch[] = $call;
			}
		}
		if ( array() === $batch ) {
			return array( 'calls' => array(), 'headers' => array(), 'logs' => array() );
		}
		try {
			$results = $transport->batch( $batch, $this->timeout );
			$found   = GovernorLogs::flatten( array_slice( $results, $core ) );
		} catch ( RpcException $error ) {
			$span = array_reduce( $searches, static fn ( int $max, array $s ): int => max( $max, $s['to'] - $s['from'] + 1 ), 0 );
			if ( ! $logs->shrink( $error, $span ) ) {
				throw $error;
			}
			$results = array() === array_slice( $batch, 0, $core ) ? array() : $transport->batch( array_slice( $batch, 0, $core ), $this->timeout );
			$found   = array();
			foreach ( $searches as $search ) {
				$found = array_merge( $found, $logs->fetch( $transport, array( 'address' => $search['governor'], 'topics' => array( $topic ) ), $search['from'], $search['to'], $this->timeout ) );
			}
		}
		$answers = array();
		$offset  = 0;
		if ( array() !== $calls ) {
			try {
				$decoded = Multicall3::decode( Abi::hex_to_bytes( is_string( $results[0] ) ? $results[0] : '' ) );
			} catch ( \InvalidArgumentException ) {
				$decoded = array();
			}
			if ( count( $decoded ) === count( $calls ) ) {
				$answers = array_combine( array_keys( $calls ), $decoded );
			}
			$offset = 1;
		}
		$times = array();
		foreach ( $headers as $index => $n ) {
			$header = $results[ $offset + $index ] ?? null;
			try {
				$times[ $n ] = Hex::quantity_to_int( is_array( $header ) ? ( $header['timestamp'] ?? '' ) : '' );
			} catch ( \InvalidArgumentException ) {
				continue;
			}
		}
		return array( 'calls' => $answers, 'headers' => $times, 'logs' => $found );
	}

	/**
	 * Keeps the title and body of every ProposalCreated log (for good: a description never changes).
	 *
	 * @param list<array<string, mixed>>  $logs  Logs, oldest first.
	 * @param array<string, array<mixed>> $store Entries to cache; when null, cached now.
	 * @return array<string, array{title:string, body:string}> By 'text:' + ProposalRef key, oldest first
	 *                                                        (latest(): by id).
	 */
	private function remember_descriptions( int $chain_id, ?string $only, array $logs, ?array &$store = null ): array {
		$texts = array();
		$ids   = array();
		foreach ( $logs as $log ) {
			$created = GovernorLogs::proposal_created( $log );
			if ( null === $created || ! is_string( $log['address'] ?? null ) ) {
				continue;
			}
			try {
				$governor = Address::checksum( $log['address'] );
			} catch ( InvalidAddress ) {
				continue;
			}
			$text = self::split( $created['description'] );
			$texts[ 'text:' . ProposalRef::governor( $chain_id, $governor, $created['id'] )->key() ] = $text;
			$ids[ $created['id'] ] = true;
		}
		if ( null !== $only ) {
			$this->cache?->set_many( $texts );
			return $ids;
		}
		$store = array_merge( $store ?? array(), $texts );
		return $texts;
	}

	/**
	 * The normalised proposal.
	 *
	 * @param Meta                          $meta
	 * @param array<string, mixed>          $read
	 * @param array{title:string, body:string}|null $text
	 * @param array<string, array<mixed>>   $times Block times by "block:{chain}:{n}".
	 */
	private function proposal( ProposalRef $ref, array $meta, array $read, ?array $text, int $block, int $time, array $times ): Proposal {
		$decimals = $meta['decimals'];
		$amounts  = array( $read['for'], $read['against'], $read['abstain'] );
		$total    = (float) Amount::add( Amount::add( $read['for'], $read['against'] ), $read['abstain'] );
		$choices  = array();
		foreach ( self::CHOICES as $index => $label ) {
			$choices[] = new Choice( $label, Amount::whole( $amounts[ $index ], $decimals ), $total > 0 ? (float) $amounts[ $index ] / $total : 0.0 );
		}
		$counted   = 'bravo' === $meta['flavor'] ? $read['for'] : Amount::add( $read['for'], $read['abstain'] );
		$estimated = false;
		$when      = function ( string $point ) use ( $meta, $block, $time, $times, $ref, &$estimated ): ?int {
			if ( ! self::below( $point, PHP_INT_MAX ) ) {
				return null;
			}
			if ( 'timestamp' === $meta['clock'] ) {
				return (int) $point;
			}
			$n = (int) $point;
			if ( isset( $times[ "block:{$ref->chain_id}:{$n}" ] ) ) {
				return (int) $times[ "block:{$ref->chain_id}:{$n}" ]['time'];
			}
			$sample    = max( 0, $block - self::BLOCK_SAMPLE );
			$then      = $times[ "block:{$ref->chain_id}:{$sample}" ]['time'] ?? null;
			$average   = null !== $then && $block > $sample && $time > $then ? ( $time - $then ) / ( $block - $sample ) : 12.0;
			$estimated = true;
			return $time + (int) round( ( $n - $block ) * $average );
		};
		$start   = $when( $read['snapshot'] );
		$guessed = $estimated;
		$end     = $when( $read['deadline'] );
		$title = $text['title'] ?? '';
		return new Proposal(
			$ref,
			'' === $title
				/* translators: %s: proposal id, shortened */
				? sprintf( __( 'Proposal %s', 'sovereign-press' ), strlen( $ref->id ) > 12 ? substr( $ref->id, 0, 6 ) . '…' . substr( $ref->id, -4 ) : $ref->id )
				: $title,
			$text['body'] ?? '',
			$read['proposer'],
			Proposal::GOVERNOR_STATES[ $read['state'] ],
			'governor',
			$choices,
			$meta['symbol'],
			null === $read['quorum'] ? '0' : Amount::whole( $read['quorum'], $decimals ),
			Amount::whole( $counted, $decimals ),
			$start,
			$end,
			$estimated,
			$read['snapshot'],
			-1,
			$this->link( $ref ),
			'' === $meta['name'] ? Address::short( $ref->governor ) : $meta['name'],
			false,
			$meta['flavor'],
			null === $this->now ? time() : (int) ( $this->now )(),
			$guessed,
			'blocknumber' === $meta['clock'] ? $read['deadline'] : ''
		);
	}

	/**
	 * The Governor on its network's block explorer, `{explorerUrl}/address/{governor}`, when the
	 * site sets an https explorer for the chain (transports from Networks); '' otherwise.
	 */
	private function link( ProposalRef $ref ): string {
		$network  = $this->transports instanceof Networks ? $this->transports->find( $ref->chain_id ) : null;
		$explorer = (string) ( $network['explorerUrl'] ?? '' );
		return 1 === preg_match( '#^https://[^\s/?\#]+(/[^\s?\#]*)?$#iD', $explorer )
			? rtrim( $explorer, '/' ) . '/address/' . $ref->governor
			: '';
	}

	/**
	 * Governor metadata for ballot(): cached, or read (flavor, token, decimals) in one aggregate3.
	 *
	 * @param list<string> $governors
	 * @return array<string, Meta> By governor; a contract that is no Governor is missing.
	 * @throws RpcException When the node cannot answer.
	 */
	private function metas( int $chain_id, Transport $transport, array $governors ): array {
		$found = array();
		foreach ( $governors as $governor ) {
			$meta = $this->cached( array( "meta:{$chain_id}:{$governor}" ) )[ "meta:{$chain_id}:{$governor}" ] ?? $this->probe( $transport, $governor );
			if ( null !== $meta ) {
				$found[ $governor ] = $meta;
			}
		}
		return $found;
	}

	/**
	 * Reads a Governor's metadata without a cache (ballot() on a site whose cache keeps nothing).
	 *
	 * @return Meta|null
	 * @throws RpcException When the node cannot answer.
	 */
	private function probe( Transport $transport, string $governor ): ?array {
		$multicall = new Multicall3( $transport );
		$calls     = array();
		foreach ( array( 'COUNTING_MODE()', 'quorumVotes()', 'token()', 'comp()', 'CLOCK_MODE()' ) as $signature ) {
			$calls[] = array( 'target' => $governor, 'data' => Abi::selector( $signature ) );
		}
		[ $counting, $quorum, $token, $comp, $clock ] = $multicall->aggregate3( $calls, $this->timeout );
		$flavor = '' !== self::text( $counting ) ? 'oz' : ( null !== self::word( $quorum ) ? 'bravo' : '' );
		$token  = self::address( 'oz' === $flavor ? $token : $comp );
		if ( '' === $flavor || null === $token ) {
			return null;
		}
		[ $decimals ] = $multicall->aggregate3( array( array( 'target' => $token, 'data' => Abi::selector( 'decimals()' ) ) ), $this->timeout );
		return array(
			'flavor'   => $flavor,
			'name'     => '',
			'clock'    => str_contains( self::text( $clock ), 'mode=timestamp' ) ? 'timestamp' : 'blocknumber',
			'token'    => $token,
			'decimals' => self::small( $decimals ) ?? 18,
			'symbol'   => '',
		);
	}

	/**
	 * How a voter voted on an OpenZeppelin proposal, from their VoteCast log.
	 *
	 * @throws RpcException When the node cannot answer.
	 */
	private function vote_choice( Transport $transport, ProposalRef $ref, string $voter ): string {
		$current = Hex::quantity_to_int( $transport->call( 'eth_blockNumber', array(), $this->timeout ) );
		$from    = max( 0, $current - $this->look_back );
		$logs = ( new GovernorLogs( $this->log_chunk ) )->fetch(
			$transport,
			array(
				'address' => $ref->governor,
				'topics'  => array( GovernorLogs::topic( GovernorLogs::VOTE_CAST ), '0x' . bin2hex( Abi::address_word( $voter ) ) ),
			),
			$from,
			$current,
			$this->timeout
		);
		foreach ( array_reverse( $logs ) as $log ) {
			$vote = GovernorLogs::vote_cast( $log );
			if ( null !== $vote && $vote['id'] === $ref->id ) {
				return self::CHOICES[ self::support_index( $vote['support'] ) ] ?? '';
			}
		}
		return '';
	}

	/**
	 * @param list<string> $keys
	 * @return array<string, array<mixed>>
	 */
	private function cached( array $keys ): array {
		return null === $this->cache || array() === $keys ? array() : $this->cache->get_many( array_values( array_unique( $keys ) ) );
	}

	/** Index in CHOICES of a support value (0 against, 1 for, 2 abstain). */
	private static function support_index( int $support ): int {
		return array( 1, 0, 2 )[ $support ] ?? -1;
	}

	/**
	 * Title (the first line without leading #s) and body (the rest) of a description.
	 *
	 * @return array{title:string, body:string}
	 */
	public static function split( string $description ): array {
		// Invalid UTF-8 (anyone can propose any bytes) becomes U+FFFD, so the text can be stored.
		$description = htmlspecialchars_decode( htmlspecialchars( $description, ENT_NOQUOTES | ENT_SUBSTITUTE, 'UTF-8' ), ENT_NOQUOTES );
		$description = str_replace( "\r\n", "\n", $description );
		$lines       = explode( "\n", ltrim( $description, "\n" ), 2 );
		return array(
			'title' => self::clip( trim( ltrim( trim( $lines[0] ), '#' ) ), 2048 ),
			'body'  => trim( $lines[1] ?? '', "\n" ),
		);
	}

	/**
	 * Text from a contract, cut to a length a page can show (anyone can deploy a contract that
	 * answers megabytes); the same limits as Snapshot's fields.
	 */
	private static function clip( string $text, int $max ): string {
		return mb_strlen( $text, 'UTF-8' ) > $max ? rtrim( mb_substr( $text, 0, $max - 1, 'UTF-8' ) ) . '…' : $text;
	}

	/** Whether a decimal string is below a bound (that fits an int). */
	private static function below( string $decimal, int $bound ): bool {
		return strlen( $decimal ) < 19 && (int) $decimal < $bound;
	}

	/** @param array{success:bool, data:string} $answer */
	private static function word( array $answer ): ?string {
		return $answer['success'] && 32 === strlen( $answer['data'] ) ? $answer['data'] : null;
	}

	/**
	 * A uint256 answer as a decimal string (what the cache can keep), or null.
	 *
	 * @param array{success:bool, data:string} $answer
	 */
	private static function units( array $answer ): ?string {
		$word = self::word( $answer );
		return null === $word ? null : Amount::from_word( $word );
	}

	/** @param array{success:bool, data:string} $answer */
	private static function small( array $answer ): ?int {
		$word = self::word( $answer );
		if ( null === $word || str_repeat( "\0", 24 ) !== substr( $word, 0, 24 ) ) {
			return null;
		}
		$value = unpack( 'J', substr( $word, 24 ) )[1];
		return $value >= 0 ? $value : null;
	}

	/** @param array{success:bool, data:string} $answer */
	private static function address( array $answer ): ?string {
		$word = self::word( $answer );
		return null === $word || str_repeat( "\0", 12 ) !== substr( $word, 0, 12 ) ? null : Address::checksum( '0x' . bin2hex( substr( $word, 12 ) ) );
	}

	/** @param array{success:bool, data:string} $answer */
	private static function text( array $answer ): string {
		if ( ! $answer['success'] || strlen( $answer['data'] ) < 64 ) {
			return '';
		}
		try {
			return Abi::decode_string( '0x' . bin2hex( $answer['data'] ) );
		} catch ( \InvalidArgumentException ) {
			return '';
		}
	}

	private static function unreachable( int $chain_id, \Throwable $previous ): SourceError {
		/* translators: %d: chain id */
		return new SourceError( SourceError::UNREACHABLE, sprintf( __( 'The node for chain %d did not answer. Try again later.', 'sovereign-press' ), $chain_id ), $previous );
	}

	private static function malformed(): SourceError {
		return new SourceError( SourceError::MALFORMED, __( 'The Governor answered with data that cannot be read.', 'sovereign-press' ) );
	}

	private static function not_a_governor( string $governor ): SourceError {
		/* translators: %s: contract address, shortened */
		return new SourceError( SourceError::NOT_FOUND, sprintf( __( 'No Governor answers at %s on this chain.', 'sovereign-press' ), Address::short( $governor ) ) );
	}
}
