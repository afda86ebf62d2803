<?php
/**
 * Decides from the chain whether a reader's wallets satisfy a gate rule.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Multicall3;
use SovereignPress\Chain\TransportFactory;
use SovereignPress\Crypto\Address;

/**
 * Every condition of a rule, for every wallet, is read in one Multicall3 aggregate3 eth_call per
 * chain. A reader's holdings are the sum over all their linked wallets. A chain that cannot be
 * read makes its conditions unknown, and a rule whose outcome depends on an unknown is
 * UNAVAILABLE: callers fail closed and say so.
 *
 * Rule shape: a group {type: all|any, conditions: [...]} or a condition:
 * {type: erc20, chainId, contract, amount} (whole tokens; decimals read from the contract),
 * {type: erc721, chainId, contract, tokenId?}, {type: erc1155, chainId, contract, tokenId, amount}
 * (base units), {type: native, chainId, amount} (whole coins), {type: allowlist, addresses},
 * {type: member} (any linked wallet).
 *
 * @since 0.1.0
 */
final class Evaluator {

	public const GRANTED     = 'granted';
	public const DENIED      = 'denied';
	public const UNAVAILABLE = 'unavailable';

	/** Seconds one chain's read may take, unless the caller sets a budget. */
	public const BUDGET = 1.5;

	/**
	 * @param TransportFactory   $transports Transports to the configured chains' nodes.
	 * @param HoldingsCache|null $cache      Answers of earlier reads, per wallet and condition.
	 * @param float              $budget     Seconds one chain's read may take.
	 */
	public function __construct( private TransportFactory $transports, private ?HoldingsCache $cache = null, private float $budget = self::BUDGET ) {}

	/**
	 * @param array<string, mixed> $rule    Rule.
	 * @param list<string>         $wallets The reader's linked wallets.
	 * @return string GRANTED, DENIED or UNAVAILABLE.
	 */
	public function evaluate( array $rule, array $wallets ): string {
		return $this->evaluate_many( array( $rule ), $wallets )[0];
	}

	/**
	 * Several rules for one reader (every gate on a page) with one read per chain for all of them.
	 *
	 * @param list<array<string, mixed>> $rules   Rules.
	 * @param list<string>               $wallets The reader's linked wallets.
	 * @return list<string> GRANTED, DENIED or UNAVAILABLE for each rule, in order.
	 */
	public function evaluate_many( array $rules, array $wallets ): array {
		$wallets   = array_values( array_unique( array_map( array( Address::class, 'checksum' ), $wallets ) ) );
		$calls     = array();
		$malformed = array();
		foreach ( $rules as $index => $rule ) {
			try {
				// Without a wallet no on-chain condition can hold: nothing to read.
				if ( array() !== $wallets ) {
					$this->collect( $rule, $wallets, $calls );
				}
			} catch ( \InvalidArgumentException ) {
				$malformed[ $index ] = true; // A malformed rule grants nothing.
			}
		}
		$answers  = $this->read( $calls );
		$outcomes = array();
		foreach ( array_values( $rules ) as $index => $rule ) {
			$outcome    = isset( $malformed[ $index ] ) ? false : $this->decide( $rule, $wallets, $answers );
			$outcomes[] = null === $outcome ? self::UNAVAILABLE : ( $outcome ? self::GRANTED : self::DENIED );
		}
		return $outcomes;
	}

	/**
	 * The reads a rule needs, keyed by chain and then by a key per read.
	 *
	 * @param array<string, mixed>                        $rule
	 * @param list<string>                                $wallets
	 * @param array<int, array<string, array{target:string, data:string}>> $calls
	 */
	private function collect( array $rule, array $wallets, array &$calls ): void {
		$type = $rule['type'] ?? '';
		if ( 'all' === $type || 'any' === $type ) {
			foreach ( (array) ( $rule['conditions'] ?? array() ) as $child ) {
				$this->collect( (array) $child, $wallets, $calls );
			}
			return;
		}
		$chain = (int) ( $rule['chainId'] ?? 0 );
		foreach ( $this->reads( $rule, $wallets ) as $key => $call ) {
			$calls[ $chain ][ $key ] = $call;
		}
	}

	/**
	 * @param array<string, mixed> $rule
	 * @param list<string>         $wallets
	 * @return array<string, array{target:string, data:string}>
	 */
	private function reads( array $rule, array $wallets ): array {
		$contract = (string) ( $rule['contract'] ?? '' );
		$reads    = array();
		switch ( $rule['type'] ?? '' ) {
			case 'erc20':
				$reads[ "{$contract}:decimals" ] = array( 'target' => $contract, 'data' => Abi::selector( 'decimals()' ) );
				// Fall through: balances as for ERC-721 without a token id.
			case 'erc721':
				if ( 'erc721' === $rule['type'] && isset( $rule['tokenId'] ) ) {
					$id = self::token_word( $rule['tokenId'] );
					$reads[ "{$contract}:ownerOf:{$rule['tokenId']}" ] = array( 'target' => $contract, 'data' => Abi::selector( 'ownerOf(uint256)' ) . $id );
					break;
				}
				foreach ( $wallets as $wallet ) {
					$reads[ "{$contract}:balanceOf:{$wallet}" ] = array( 'target' => $contract, 'data' => Abi::selector( 'balanceOf(address)' ) . Abi::address_word( $wallet ) );
				}
				break;
			case 'erc1155':
				$id = self::token_word( $rule['tokenId'] ?? null );
				foreach ( $wallets as $wallet ) {
					$reads[ "{$contract}:balanceOf:{$rule['tokenId']}:{$wallet}" ] = array( 'target' => $contract, 'data' => Abi::selector( 'balanceOf(address,uint256)' ) . Abi::address_word( $wallet ) . $id );
				}
				break;
			case 'native':
				foreach ( $wallets as $wallet ) {
					$reads[ "native:{$wallet}" ] = array( 'target' => Multicall3::ADDRESS, 'data' => Abi::selector( 'getEthBalance(address)' ) . Abi::address_word( $wallet ) );
				}
				break;
		}
		return $reads;
	}

	/**
	 * Cached answers first, then one aggregate3 per chain for the rest; a chain that fails maps
	 * to null (its cached answers are not mixed with a failure).
	 *
	 * @param array<int, array<string, array{target:string, data:string}>> $calls
	 * @return array<int, array<string, array{success:bool, data:string}>|null>
	 */
	private function read( array $calls ): array {
		$answers = array();
		foreach ( $calls as $chain => $reads ) {
			$cached  = null === $this->cache ? array() : $this->cache->get_many( $chain, array_keys( $reads ) );
			$missing = array_diff_key( $reads, $cached );
			if ( array() === $missing ) {
				$answers[ $chain ] = $cached;
				continue;
			}
			$transport = $this->transports->for_chain( $chain, $this->budget );
			if ( null === $transport ) {
				$answers[ $chain ] = null;
				continue;
			}
			try {
				$results = array_combine( array_keys( $missing ), ( new Multicall3( $transport ) )->aggregate3( array_values( $missing ), $this->budget ) );
			} catch ( RpcException ) {
				$answers[ $chain ] = null;
				continue;
			}
			$this->cache?->set_many( $chain, $results );
			$answers[ $chain ] = $cached + $results;
		}
		return $answers;
	}

	/**
	 * Three-valued: true, false, or null (unknown).
	 *
	 * @param array<string, mixed>                                              $rule
	 * @param list<string>                                                      $wallets
	 * @param array<int, array<string, array{success:bool, data:string}>|null> $answers
	 */
	private function decide( array $rule, array $wallets, array $answers ): ?bool {
		$type = $rule['type'] ?? '';
		if ( 'all' === $type || 'any' === $type ) {
			if ( array() === (array) ( $rule['conditions'] ?? array() ) ) {
				return false; // An empty group asks nothing: it must not grant everything.
			}
			$unknown = false;
			foreach ( (array) ( $rule['conditions'] ?? array() ) as $child ) {
				$value = $this->decide( (array) $child, $wallets, $answers );
				if ( null === $value ) {
					$unknown = true;
				} elseif ( ( 'any' === $type ) === $value ) {
					return $value; // any: one true decides; all: one false decides.
				}
			}
			return $unknown ? null : 'all' === $type;
		}
		if ( 'member' === $type ) {
			return array() !== $wallets;
		}
		if ( 'allowlist' === $type ) {
			$allowed = array_map( 'strtolower', (array) ( $rule['addresses'] ?? array() ) );
			return array() !== array_intersect( array_map( 'strtolower', $wallets ), $allowed );
		}
		if ( array() === $wallets ) {
			return false;
		}
		$chain = (int) ( $rule['chainId'] ?? 0 );
		if ( null === ( $answers[ $chain ] ?? null ) ) {
			return null;
		}
		$reads    = $answers[ $chain ];
		$contract = (string) ( $rule['contract'] ?? '' );
		// One successful 32-byte return word, or null (a revert or a contract without the function).
		$word = static function ( string $key ) use ( $reads ): ?string {
			$answer = $reads[ $key ] ?? null;
			return null !== $answer && $answer['success'] && 32 === strlen( $answer['data'] ) ? $answer['data'] : null;
		};
		// Base units summed over the reader's wallets.
		$sum = static function ( string $prefix ) use ( $word, $wallets ): string {
			$total = '0';
			foreach ( $wallets as $wallet ) {
				$data = $word( $prefix . $wallet );
				if ( null !== $data ) {
					$total = Amount::add( $total, Amount::from_word( $data ) );
				}
			}
			return $total;
		};
		try {
			switch ( $type ) {
				case 'erc20':
					$decimals = $word( "{$contract}:decimals" );
					if ( null === $decimals ) {
						return false; // Not an ERC-20 contract: nobody qualifies.
					}
					return Amount::at_least( $sum( "{$contract}:balanceOf:" ), Amount::scale( (string) $rule['amount'], (int) Amount::from_word( $decimals ) ) );
				case 'erc721':
					if ( isset( $rule['tokenId'] ) ) {
						$owner = $word( "{$contract}:ownerOf:{$rule['tokenId']}" );
						return null !== $owner && in_array( '0x' . bin2hex( substr( $owner, 12 ) ), array_map( 'strtolower', $wallets ), true );
					}
					return Amount::at_least( $sum( "{$contract}:balanceOf:" ), '1' );
				case 'erc1155':
					return Amount::at_least( $sum( "{$contract}:balanceOf:{$rule['tokenId']}:" ), Amount::scale( (string) $rule['amount'], 0 ) );
				case 'native':
					return Amount::at_least( $sum( 'native:' ), Amount::scale( (string) $rule['amount'], 18 ) );
			}
		} catch ( \InvalidArgumentException ) {
			return false;
		}
		return false;
	}

	/**
	 * A condition's token id as an ABI word. Ids are decimal strings: a JSON number would already
	 * have lost digits beyond 2^53.
	 *
	 * @throws \InvalidArgumentException When the id is not a uint256 string (the rule grants nothing).
	 */
	private static function token_word( mixed $id ): string {
		if ( ! is_string( $id ) ) {
			throw new \InvalidArgumentException( 'Token ids are decimal strings.' );
		}
		return Amount::to_word( $id );
	}
}
