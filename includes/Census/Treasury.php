<?php
/**
 * The society's treasury: balances of its addresses, valued with Chainlink-style price feeds.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Chain\Abi;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Chain\Multicall3;
use SovereignPress\Chain\TransportFactory;
use SovereignPress\Gating\Amount;
use SovereignPress\Settings\Settings;

/**
 * Reads every configured asset on a chain in one Multicall3 aggregate3 call at the snapshot's
 * block: the native balance (Multicall3's getEthBalance) or the ERC-20 balanceOf of each
 * treasury address, the token's decimals and symbol, the feed's latestRoundData and decimals,
 * and the block's own timestamp, which is the clock a feed's answer is judged against. So the
 * figures are those of one block, and anyone can read them again at that block.
 *
 * A feed's answer is refused (no USD value; the price is shown as stale) when it is zero or
 * negative, dated after that block, or older than the asset's maxAgeSeconds at that block: a
 * stuck or broken feed never values the treasury.
 *
 * @phpstan-import-type Census from Settings
 * @phpstan-import-type CensusAsset from Settings
 * @phpstan-type Price array{value:string, updatedAt:int, stale:bool}
 * @phpstan-type TreasuryAsset array{chainId:int, token:string, symbol:string, decimals:int, balance:string, amount:string, usd:string|null, price:Price|null}
 * @phpstan-type TreasuryFigures array{assets:list<TreasuryAsset>, usdTotal:string|null, incomplete:bool}
 *
 * @since 0.3.0
 */
final class Treasury {

	/** Seconds one chain's read may take. */
	public const TIMEOUT = 10.0;

	/** Native coins that are not called ETH, by chain id. */
	private const NATIVE_SYMBOLS = array(
		56    => 'BNB',
		100   => 'xDAI',
		137   => 'POL',
		250   => 'FTM',
		43114 => 'AVAX',
	);

	/** The most decimals a token or feed may declare (10^77 still fits a uint256). */
	private const MAX_DECIMALS = 77;

	/**
	 * @param TransportFactory $transports Nodes of the configured networks.
	 */
	public function __construct( private TransportFactory $transports ) {}

	/**
	 * Chains the treasury is read on: those of its assets. The census job fixes a block on each.
	 *
	 * @since 0.3.0
	 *
	 * @param Census $census Census settings.
	 * @return list<int>
	 */
	public static function chains( array $census ): array {
		return array_values( array_unique( array_column( $census['assets'], 'chainId' ) ) );
	}

	/**
	 * The treasury's figures at the given block of each chain.
	 *
	 * `incomplete` is true when an asset could not be read (its network is gone or its node
	 * failed; the asset is then left out) or a configured feed gave no usable price; `usdTotal`
	 * sums the assets valued in USD, and is null when none is.
	 *
	 * @since 0.3.0
	 *
	 * @param Census          $census Census settings.
	 * @param array<int, int> $blocks Chain id => block number to read at (the latest block of a
	 *                                chain that is missing).
	 * @return TreasuryFigures
	 */
	public function read( array $census, array $blocks ): array {
		$assets     = array();
		$incomplete = false;
		foreach ( self::chains( $census ) as $chain ) {
			$holders = array();
			foreach ( $census['treasury'] as $place ) {
				if ( $place['chainId'] === $chain ) {
					$holders[] = $place['address'];
				}
			}
			$wanted = array_values( array_filter( $census['assets'], static fn( array $asset ): bool => $asset['chainId'] === $chain ) );
			$read   = $this->read_chain( $chain, $wanted, $holders, $blocks[ $chain ] ?? null );
			if ( null === $read ) {
				$incomplete = true;
				continue;
			}
			[ $read, $partial ] = $read;
			$incomplete         = $incomplete || $partial;
			array_push( $assets, ...$read );
		}
		$cents = null;
		foreach ( $assets as $asset ) {
			if ( null !== $asset['usd'] ) {
				$cents = Amount::add( $cents ?? '0', str_replace( '.', '', $asset['usd'] ) );
			}
		}
		return array(
			'assets'     => $assets,
			'usdTotal'   => null === $cents ? null : self::dollars( $cents ),
			'incomplete' => $incomplete,
		);
	}

	/**
	 * One chain's assets, in one aggregate3 call; null when the chain cannot be read at all.
	 *
	 * @param list<CensusAsset> $assets  The chain's assets.
	 * @param list<string>      $holders Treasury addresses on the chain.
	 * @return array{0:list<TreasuryAsset>, 1:bool}|null The assets that could be read, and whether
	 *                                                   one could not be, or not be valued.
	 */
	private function read_chain( int $chain, array $assets, array $holders, ?int $block ): ?array {
		$transport = $this->transports->for_chain( $chain, self::TIMEOUT );
		if ( null === $transport ) {
			return null;
		}
		$calls = array();
		$call  = static function ( string $target, string $signature, string $argument = '' ) use ( &$calls ): int {
			$calls[] = array(
				'target' => $target,
				'data'   => Abi::selector( $signature ) . $argument,
			);
			return count( $calls ) - 1;
		};
		$now   = $call( Multicall3::ADDRESS, 'getCurrentBlockTimestamp()' );
		$plans = array();
		foreach ( $assets as $asset ) {
			$native = '' === $asset['token'];
			$plan   = array(
				'balances' => array(),
				'decimals' => $native ? null : $call( $asset['token'], 'decimals()' ),
				'symbol'   => $native ? null : $call( $asset['token'], 'symbol()' ),
				'round'    => '' === $asset['priceFeed'] ? null : $call( $asset['priceFeed'], 'latestRoundData()' ),
				'feed'     => '' === $asset['priceFeed'] ? null : $call( $asset['priceFeed'], 'decimals()' ),
			);
			foreach ( $holders as $holder ) {
				$plan['balances'][] = $native
					? $call( Multicall3::ADDRESS, 'getEthBalance(address)', Abi::address_word( $holder ) )
					: $call( $asset['token'], 'balanceOf(address)', Abi::address_word( $holder ) );
			}
			$plans[] = $plan;
		}
		try {
			$answers = ( new Multicall3( $transport ) )->aggregate3( $calls, self::TIMEOUT, $block );
		} catch ( RpcException ) {
			return null;
		}
		$time    = self::uint( $answers[ $now ] );
		$read    = array();
		$partial = false;
		foreach ( $assets as $index => $asset ) {
			$plan     = $plans[ $index ];
			$decimals = null === $plan['decimals'] ? 18 : self::small( $answers[ $plan['decimals'] ] );
			$balance  = '0';
			foreach ( $plan['balances'] as $at ) {
				$units   = self::uint( $answers[ $at ] );
				$balance = null === $units || null === $balance ? null : Amount::add( $balance, $units );
			}
			if ( null === $decimals || null === $balance ) {
				$partial = true;
				continue;
			}
			$price   = null === $plan['round'] || null === $plan['feed'] ? null : self::price( $answers[ $plan['round'] ], $answers[ $plan['feed'] ], $time, $asset['maxAgeSeconds'] );
			$partial = $partial || ( null !== $plan['round'] && ( null === $price || $price['stale'] ) );
			$read[]  = array(
				'chainId'  => $chain,
				'token'    => $asset['token'],
				'symbol'   => null === $plan['symbol'] ? ( self::NATIVE_SYMBOLS[ $chain ] ?? 'ETH' ) : self::symbol( $answers[ $plan['symbol'] ] ),
				'decimals' => $decimals,
				'balance'  => $balance,
				'amount'   => Amount::whole( $balance, $decimals ),
				'usd'      => null === $price || $price['stale'] ? null : self::usd( $balance, $decimals, $price ),
				'price'    => null === $price ? null : array(
					'value'     => $price['value'],
					'updatedAt' => $price['updatedAt'],
					'stale'     => $price['stale'],
				),
			);
		}
		return array( $read, $partial );
	}

	/**
	 * A feed's latest answer, stale unless it is above zero, not dated after the block and no older
	 * than $max_age at the block's time; null when the feed does not answer like an AggregatorV3.
	 *
	 * @param array{success:bool, data:string} $round    latestRoundData().
	 * @param array{success:bool, data:string} $decimals decimals() of the feed.
	 * @param string|null                      $now      Block timestamp (null if unknown: stale).
	 * @return array{value:string, updatedAt:int, stale:bool, answer:string, decimals:int}|null
	 */
	private static function price( array $round, array $decimals, ?string $now, int $max_age ): ?array {
		$places = self::small( $decimals );
		if ( ! $round['success'] || 160 !== strlen( $round['data'] ) || null === $places ) {
			return null;
		}
		$word     = substr( $round['data'], 32, 32 );
		$negative = ord( $word[0] ) >= 0x80;
		// Two's complement: the magnitude of a negative int256 is (NOT word) + 1.
		$answer  = $negative ? Amount::add( Amount::from_word( ~$word ), '1' ) : Amount::from_word( $word );
		$updated = Amount::from_word( substr( $round['data'], 96, 32 ) );
		$updated = strlen( $updated ) > 18 ? 0 : (int) $updated;
		// An answer dated after the block is no answer the block could have seen (a broken or hostile
		// feed would otherwise stay fresh until that date).
		$fresh   = ! $negative && '0' !== $answer && null !== $now && strlen( $now ) <= 18 && $updated > 0 && $updated <= (int) $now && (int) $now - $updated <= $max_age;
		return array(
			'value'     => ( $negative ? '-' : '' ) . Amount::whole( $answer, $places ),
			'updatedAt' => $updated,
			'stale'     => ! $fresh,
			'answer'    => $answer,
			'decimals'  => $places,
		);
	}

	/**
	 * Balance × price in USD, rounded down to the cent, as "1234.56".
	 *
	 * @param array{answer:string, decimals:int} $price A fresh price.
	 */
	private static function usd( string $balance, int $decimals, array $price ): string {
		$product = Amount::mul( $balance, $price['answer'] );
		$drop    = $decimals + $price['decimals'] - 2;
		$cents   = $drop <= 0 ? $product . str_repeat( '0', -$drop ) : ( strlen( $product ) > $drop ? substr( $product, 0, -$drop ) : '0' );
		return self::dollars( $cents );
	}

	/** "123456" cents -> "1234.56". */
	private static function dollars( string $cents ): string {
		$cents   = str_pad( ltrim( $cents, '0' ), 3, '0', STR_PAD_LEFT );
		$dollars = ltrim( substr( $cents, 0, -2 ), '0' );
		return ( '' === $dollars ? '0' : $dollars ) . '.' . substr( $cents, -2 );
	}

	/**
	 * A uint256 answer as a decimal string, or null when the call failed or is not one word.
	 *
	 * @param array{success:bool, data:string} $answer
	 */
	private static function uint( array $answer ): ?string {
		return $answer['success'] && 32 === strlen( $answer['data'] ) ? Amount::from_word( $answer['data'] ) : null;
	}

	/**
	 * A decimals() answer, or null when it is not a uint8-sized word of at most 77.
	 *
	 * @param array{success:bool, data:string} $answer
	 */
	private static function small( array $answer ): ?int {
		$value = self::uint( $answer );
		return null === $value || strlen( $value ) > 2 || (int) $value > self::MAX_DECIMALS ? null : (int) $value;
	}

	/**
	 * A symbol() answer: an ABI string, or a bytes32 as some old tokens return; '' when neither.
	 *
	 * @since 0.3.0
	 *
	 * @param array{success:bool, data:string} $answer
	 */
	public static function symbol( array $answer ): string {
		if ( ! $answer['success'] ) {
			return '';
		}
		if ( 32 === strlen( $answer['data'] ) ) {
			$text = rtrim( $answer['data'], "\0" );
		} else {
			try {
				$text = Abi::decode_string( '0x' . bin2hex( $answer['data'] ) );
			} catch ( \InvalidArgumentException ) {
				return '';
			}
		}
		return mb_check_encoding( $text, 'UTF-8' ) ? mb_substr( sanitize_text_field( $text ), 0, 32 ) : '';
	}
}
