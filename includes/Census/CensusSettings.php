<?php
/**
 * The settings section of the census: what is counted, where, and what is shown.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

use SovereignPress\Chain\NetworkSettings;
use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;
use SovereignPress\Gating\Amount;
use SovereignPress\Settings\Section;
use SovereignPress\Settings\Settings;

/**
 * `census`: the membership tokens whose holders are the population, the economy token, the
 * treasury addresses and the assets valued in them (with an optional Chainlink-style price feed),
 * confirmation depths per network, and figures the society declares without proof.
 *
 * Every list item names a configured network. The same checks decide what sanitize() drops
 * (whichever path a value comes by) and what validate() refuses on /wp/v2/settings, where the
 * administrator is told which item is wrong.
 *
 * @phpstan-import-type Census from Settings
 * @phpstan-import-type CensusToken from Settings
 *
 * @since 0.3.0
 */
final class CensusSettings implements Section {

	public const KEY = 'census';

	public const STANDARDS = array( 'erc20', 'erc721', 'erc1155' );

	/** Seconds a price feed's answer stays usable when the setting does not say. */
	public const DEFAULT_MAX_AGE = 86400;

	/** @var Census */
	public const DEFAULTS = array(
		'tokens'        => array(),
		'economyToken'  => '',
		'linkedOnly'    => false,
		'publicMembers' => true,
		'confirmations' => array(),
		'treasury'      => array(),
		'assets'        => array(),
		'declared'      => array(),
	);

	private const TOKEN_ID = '^[a-z0-9][a-z0-9-]{0,31}$';

	private const ADDRESS = '^0x[0-9a-fA-F]{40}$';

	private const MAX_CONFIRMATIONS = 10000;

	private const MIN_MAX_AGE = 60;

	private const MAX_MAX_AGE = 2592000;

	public function key(): string {
		return self::KEY;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function schema(): array {
		$chain   = array(
			'description' => __( 'EIP-155 chain id of one of the configured networks.', 'sovereign-press' ),
			'type'        => 'integer',
			'minimum'     => 1,
			'maximum'     => NetworkSettings::MAX_CHAIN_ID,
		);
		$address = array(
			'type'    => 'string',
			'pattern' => self::ADDRESS,
		);
		$object  = static fn( array $required, array $properties ): array => array(
			'type'                 => 'object',
			'additionalProperties' => false,
			'required'             => $required,
			'properties'           => $properties,
		);
		return array(
			'description'          => __( 'The on-chain census.', 'sovereign-press' ),
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'tokens'        => array(
					'description' => __( 'Tokens the census indexes; holders of the membership tokens are the population.', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 20,
					'items'       => $object(
						array( 'id', 'chainId', 'standard', 'address' ),
						array(
							'id'         => array(
								'description' => __( 'Short name that identifies the token in the index (lowercase letters, digits, hyphens).', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => self::TOKEN_ID,
							),
							'name'       => array(
								'type'      => 'string',
								'maxLength' => 80,
							),
							'chainId'    => $chain,
							'standard'   => array(
								'type' => 'string',
								'enum' => self::STANDARDS,
							),
							'address'    => $address,
							'tokenId'    => array(
								'description' => __( 'ERC-1155 token id (a whole number); empty for other standards.', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => '^([0-9]{1,78})?$',
							),
							'minBalance' => array(
								'description' => __( 'Least a holder must hold to count: whole tokens for ERC-20, units for ERC-721 and ERC-1155.', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => '^[0-9]{1,60}(\.[0-9]{1,60})?$',
							),
							'startBlock' => array(
								'description' => __( 'Block the index starts from (the token contract\'s deployment block saves time).', 'sovereign-press' ),
								'type'        => 'integer',
								'minimum'     => 0,
							),
							'membership' => array(
								'description' => __( 'Whether holders count toward the population.', 'sovereign-press' ),
								'type'        => 'boolean',
							),
						)
					),
				),
				'economyToken'  => array(
					'description' => __( 'Id of the ERC-20 token whose transfers make the economy figures, or empty for none.', 'sovereign-press' ),
					'type'        => 'string',
					'pattern'     => '^([a-z0-9][a-z0-9-]{0,31})?$',
				),
				'linkedOnly'    => array(
					'description' => __( 'Count only holders whose wallet is linked to an account on this site.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
				'publicMembers' => array(
					'description' => __( 'Publish the member list and membership proofs (otherwise only the counts and the Merkle root show).', 'sovereign-press' ),
					'type'        => 'boolean',
				),
				'confirmations' => array(
					'description' => __( 'Blocks the index stays behind the head of a network, against reorganisations.', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 32,
					'items'       => $object(
						array( 'chainId', 'blocks' ),
						array(
							'chainId' => $chain,
							'blocks'  => array(
								'type'    => 'integer',
								'minimum' => 0,
								'maximum' => self::MAX_CONFIRMATIONS,
							),
						)
					),
				),
				'treasury'      => array(
					'description' => __( 'Addresses that hold the society\'s treasury (a Safe, a Timelock).', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 20,
					'items'       => $object(
						array( 'chainId', 'address' ),
						array(
							'chainId' => $chain,
							'address' => $address,
							'label'   => array(
								'type'      => 'string',
								'maxLength' => 80,
							),
						)
					),
				),
				'assets'        => array(
					'description' => __( 'Coins and tokens counted in the treasury, each with an optional Chainlink-style USD price feed.', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 40,
					'items'       => $object(
						array( 'chainId' ),
						array(
							'chainId'       => $chain,
							'token'         => array(
								'description' => __( 'ERC-20 contract, or empty for the network\'s native coin.', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => '^(0x[0-9a-fA-F]{40})?$',
							),
							'priceFeed'     => array(
								'description' => __( 'Chainlink AggregatorV3 feed of the asset\'s USD price, or empty for none.', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => '^(0x[0-9a-fA-F]{40})?$',
							),
							'maxAgeSeconds' => array(
								'description' => __( 'Seconds after which a price feed\'s answer is stale and refused.', 'sovereign-press' ),
								'type'        => 'integer',
								'minimum'     => self::MIN_MAX_AGE,
								'maximum'     => self::MAX_MAX_AGE,
							),
						)
					),
				),
				'declared'      => array(
					'description' => __( 'Figures the society declares that the chain cannot prove (nodes, land): always shown apart, as declared.', 'sovereign-press' ),
					'type'        => 'array',
					'maxItems'    => 20,
					'items'       => $object(
						array( 'label', 'value' ),
						array(
							'label' => array(
								'type'      => 'string',
								'minLength' => 1,
								'maxLength' => 80,
							),
							'value' => array(
								'type'      => 'string',
								'minLength' => 1,
								'maxLength' => 80,
							),
							'note'  => array(
								'type'      => 'string',
								'maxLength' => 200,
							),
						)
					),
				),
			),
		);
	}

	/**
	 * @return Census
	 */
	public function defaults(): array {
		return self::DEFAULTS;
	}

	/**
	 * Items that fail a check, or repeat one before them, are dropped; numbers are clamped; the
	 * economy token is cleared unless it names an ERC-20 token that survived.
	 *
	 * @param mixed                $value    Raw census settings.
	 * @param array<string, mixed> $settings Sections before this one: the networks.
	 * @return Census
	 */
	public function sanitize( mixed $value, array $settings ): array {
		$value  = is_array( $value ) ? $value : array();
		$chains = self::chains( $settings[ NetworkSettings::KEY ] ?? array() );
		$lists  = array();
		foreach ( array( 'tokens', 'confirmations', 'treasury', 'assets', 'declared' ) as $list ) {
			$lists[ $list ] = array();
			foreach ( array_values( (array) ( $value[ $list ] ?? array() ) ) as $index => $item ) {
				if ( null !== self::problem( $list, $item, $index, $chains ) ) {
					continue;
				}
				/** @var array<string, mixed> $item */
				$key = self::identity( $list, $item, $index );
				if ( ! isset( $lists[ $list ][ $key ] ) ) {
					$lists[ $list ][ $key ] = self::normalize( $list, $item );
				}
			}
			$lists[ $list ] = array_values( $lists[ $list ] );
		}
		$economy = is_string( $value['economyToken'] ?? null ) ? $value['economyToken'] : '';
		$erc20   = array_column( array_filter( $lists['tokens'], static fn( array $token ): bool => 'erc20' === $token['standard'] ), 'id' );
		/** @var Census */
		return array(
			'tokens'        => $lists['tokens'],
			'economyToken'  => in_array( $economy, $erc20, true ) ? $economy : '',
			'linkedOnly'    => ! empty( $value['linkedOnly'] ),
			'publicMembers' => (bool) ( $value['publicMembers'] ?? self::DEFAULTS['publicMembers'] ),
			'confirmations' => $lists['confirmations'],
			'treasury'      => $lists['treasury'],
			'assets'        => $lists['assets'],
			'declared'      => $lists['declared'],
		);
	}

	/**
	 * Refuses what sanitize() would drop, naming the item: a network that is not configured (in
	 * the networks sent along, or else the stored ones), an address whose mixed case is not its
	 * checksum, an ERC-1155 token without a token id, a repeated id or address, an economy token
	 * that is not one of the ERC-20 tokens.
	 *
	 * @param array<string, mixed> $sent    The option as sent.
	 * @param array<string, mixed> $current The stored settings.
	 */
	public function validate( array $sent, array $current ): ?\WP_Error {
		$census = $sent[ self::KEY ] ?? null;
		if ( ! is_array( $census ) ) {
			return null;
		}
		$networks = is_array( $sent[ NetworkSettings::KEY ] ?? null ) ? $sent[ NetworkSettings::KEY ] : ( $current[ NetworkSettings::KEY ] ?? array() );
		$chains   = self::chains( $networks );
		foreach ( array( 'tokens', 'confirmations', 'treasury', 'assets', 'declared' ) as $list ) {
			$seen = array();
			foreach ( array_values( (array) ( $census[ $list ] ?? array() ) ) as $index => $item ) {
				$problem = self::problem( $list, $item, $index, $chains );
				if ( null === $problem && is_array( $item ) ) {
					$key     = self::identity( $list, $item, $index );
					$problem = isset( $seen[ $key ] ) ? array( 'sovereign_press_census_duplicate', self::duplicate_message( $list, $item, $index ) ) : null;
					$seen[ $key ] = true;
				}
				if ( null !== $problem ) {
					return self::error( $problem[0], $problem[1], $list );
				}
			}
		}
		$economy = $census['economyToken'] ?? '';
		if ( is_string( $economy ) && '' !== $economy ) {
			$erc20 = array();
			foreach ( (array) ( $census['tokens'] ?? array() ) as $token ) {
				if ( is_array( $token ) && 'erc20' === ( $token['standard'] ?? null ) ) {
					$erc20[] = $token['id'] ?? null;
				}
			}
			if ( ! in_array( $economy, $erc20, true ) ) {
				return self::error(
					'sovereign_press_census_economy_token',
					/* translators: %s: token id. */
					sprintf( __( 'The economy token "%s" is not one of the census\'s ERC-20 tokens.', 'sovereign-press' ), $economy ),
					'economyToken'
				);
			}
		}
		return null;
	}

	/**
	 * What is wrong with one item of a list, as an error code and a sentence; null when it is sound.
	 *
	 * @param string    $list   List name (tokens, confirmations, treasury, assets, declared).
	 * @param mixed     $item   Raw item.
	 * @param int       $index  Its position (from 0).
	 * @param list<int> $chains Chain ids of the configured networks.
	 * @return array{0:string, 1:string}|null
	 */
	private static function problem( string $list, mixed $item, int $index, array $chains ): ?array {
		$what = self::item_name( $list, $item, $index );
		if ( ! is_array( $item ) ) {
			/* translators: %s: which item, such as "Treasury address 2". */
			return array( 'sovereign_press_census_invalid', sprintf( __( '%s is not a list item.', 'sovereign-press' ), $what ) );
		}
		if ( 'declared' === $list ) {
			$label = self::text( $item['label'] ?? '', 80 );
			$value = self::text( $item['value'] ?? '', 80 );
			return '' === $label || '' === $value
				/* translators: %s: which item, such as "Declared figure 2". */
				? array( 'sovereign_press_census_invalid', sprintf( __( '%s needs a label and a value.', 'sovereign-press' ), $what ) )
				: null;
		}
		$chain = $item['chainId'] ?? null;
		if ( ! is_int( $chain ) || ! in_array( $chain, $chains, true ) ) {
			return array(
				'sovereign_press_census_unknown_chain',
				is_int( $chain )
					/* translators: 1: which item, such as "Token "members"", 2: chain id. */
					? sprintf( __( '%1$s: chain %2$d is not one of the networks in Settings > Sovereign Press.', 'sovereign-press' ), $what, $chain )
					/* translators: %s: which item, such as "Token "members"". */
					: sprintf( __( '%s: choose a network.', 'sovereign-press' ), $what ),
			);
		}
		// Token and treasury addresses are required; an asset's token and feed may be empty.
		$fields = match ( $list ) {
			'tokens', 'treasury' => array( 'address' => true ),
			'assets'             => array(
				'token'     => false,
				'priceFeed' => false,
			),
			default              => array(),
		};
		foreach ( $fields as $field => $required ) {
			$entered = $item[ $field ] ?? '';
			if ( ( $required || '' !== $entered ) && null === self::address( $entered ) ) {
				/* translators: 1: which item, such as "Treasury address 2", 2: what was entered. */
				return array( 'sovereign_press_census_invalid_address', sprintf( __( '%1$s: "%2$s" is not an Ethereum address (0x and 40 hexadecimal digits, with a valid checksum when in mixed case).', 'sovereign-press' ), $what, is_scalar( $entered ) ? (string) $entered : '' ) );
			}
		}
		return 'tokens' === $list ? self::token_problem( $item, $what ) : null;
	}

	/**
	 * @param array<mixed> $token Raw token, its network and address already checked.
	 * @param string       $what  How the token is named in a sentence.
	 * @return array{0:string, 1:string}|null
	 */
	private static function token_problem( array $token, string $what ): ?array {
		$id       = $token['id'] ?? null;
		$standard = $token['standard'] ?? null;
		if ( ! is_string( $id ) || 1 !== preg_match( '/' . self::TOKEN_ID . '/D', $id ) ) {
			/* translators: %s: which token, such as "Token 2". */
			return array( 'sovereign_press_census_invalid', sprintf( __( '%s: the id is 1 to 32 lowercase letters, digits or hyphens, starting with a letter or digit.', 'sovereign-press' ), $what ) );
		}
		if ( ! in_array( $standard, self::STANDARDS, true ) ) {
			/* translators: %s: which token, such as "Token "members"". */
			return array( 'sovereign_press_census_invalid', sprintf( __( '%s: choose ERC-20, ERC-721 or ERC-1155.', 'sovereign-press' ), $what ) );
		}
		$token_id = $token['tokenId'] ?? '';
		if ( 'erc1155' === $standard && ( ! is_string( $token_id ) || '' === $token_id || ! Amount::is_uint256( $token_id ) ) ) {
			/* translators: %s: which token, such as "Token "badge"". */
			return array( 'sovereign_press_census_token_id', sprintf( __( '%s: an ERC-1155 token needs its token id, a whole number from 0 to 2^256 − 1.', 'sovereign-press' ), $what ) );
		}
		$minimum = $token['minBalance'] ?? '1';
		$pattern = 'erc20' === $standard ? '/^\d{1,60}(\.\d{1,60})?$/D' : '/^\d{1,60}$/D';
		if ( ! is_string( $minimum ) || 1 !== preg_match( $pattern, $minimum ) || 1 !== preg_match( '/[1-9]/', $minimum ) ) {
			return array(
				'sovereign_press_census_min_balance',
				'erc20' === $standard
					/* translators: %s: which token, such as "Token "society"". */
					? sprintf( __( '%s: the minimum balance must be a number above zero, such as 100 or 0.5.', 'sovereign-press' ), $what )
					/* translators: %s: which token, such as "Token "members"". */
					: sprintf( __( '%s: the minimum balance must be a whole number above zero.', 'sovereign-press' ), $what ),
			);
		}
		$start = $token['startBlock'] ?? 0;
		if ( ! is_int( $start ) || $start < 0 ) {
			/* translators: %s: which token, such as "Token "members"". */
			return array( 'sovereign_press_census_invalid', sprintf( __( '%s: the start block must be a whole number, 0 or more.', 'sovereign-press' ), $what ) );
		}
		return null;
	}

	/**
	 * What makes an item the same as another in its list: a token's id, a chain's confirmation
	 * depth, a treasury address or an asset on one network. Declared figures may repeat.
	 *
	 * @param array<mixed> $item A sound item.
	 */
	private static function identity( string $list, array $item, int $index ): string {
		return match ( $list ) {
			'tokens'        => (string) $item['id'],
			'confirmations' => (string) $item['chainId'],
			'treasury'      => $item['chainId'] . ':' . strtolower( (string) $item['address'] ),
			'assets'        => $item['chainId'] . ':' . strtolower( (string) ( $item['token'] ?? '' ) ),
			default         => (string) $index,
		};
	}

	/**
	 * A sound item in canonical form: known keys only, checksummed addresses, clamped numbers.
	 *
	 * @param array<mixed> $item A sound item.
	 * @return array<string, mixed>
	 */
	private static function normalize( string $list, array $item ): array {
		switch ( $list ) {
			case 'tokens':
				$standard = (string) $item['standard'];
				$minimum  = (string) ( $item['minBalance'] ?? '1' );
				return array(
					'id'         => (string) $item['id'],
					'name'       => self::text( $item['name'] ?? '', 80 ),
					'chainId'    => (int) $item['chainId'],
					'standard'   => $standard,
					'address'    => (string) self::address( $item['address'] ),
					'tokenId'    => 'erc1155' === $standard ? self::digits( (string) $item['tokenId'] ) : '',
					'minBalance' => self::plain_number( $minimum ),
					'startBlock' => (int) ( $item['startBlock'] ?? 0 ),
					'membership' => (bool) ( $item['membership'] ?? true ),
				);
			case 'confirmations':
				return array(
					'chainId' => (int) $item['chainId'],
					'blocks'  => max( 0, min( self::MAX_CONFIRMATIONS, (int) ( $item['blocks'] ?? 0 ) ) ),
				);
			case 'treasury':
				return array(
					'chainId' => (int) $item['chainId'],
					'address' => (string) self::address( $item['address'] ),
					'label'   => self::text( $item['label'] ?? '', 80 ),
				);
			case 'assets':
				$token = (string) ( $item['token'] ?? '' );
				$feed  = (string) ( $item['priceFeed'] ?? '' );
				$age   = filter_var( $item['maxAgeSeconds'] ?? null, FILTER_VALIDATE_INT );
				return array(
					'chainId'       => (int) $item['chainId'],
					'token'         => '' === $token ? '' : (string) self::address( $token ),
					'priceFeed'     => '' === $feed ? '' : (string) self::address( $feed ),
					'maxAgeSeconds' => false === $age ? self::DEFAULT_MAX_AGE : max( self::MIN_MAX_AGE, min( self::MAX_MAX_AGE, $age ) ),
				);
			default:
				return array(
					'label' => self::text( $item['label'], 80 ),
					'value' => self::text( $item['value'], 80 ),
					'note'  => self::text( $item['note'] ?? '', 200 ),
				);
		}
	}

	/**
	 * How an item is named in a sentence: a token by its id, others by their position.
	 */
	private static function item_name( string $list, mixed $item, int $index ): string {
		$id = is_array( $item ) && is_string( $item['id'] ?? null ) && '' !== $item['id'] ? $item['id'] : null;
		if ( 'tokens' === $list && null !== $id ) {
			/* translators: %s: token id. */
			return sprintf( __( 'Token "%s"', 'sovereign-press' ), $id );
		}
		return match ( $list ) {
			/* translators: %d: position of the item in its list, from 1. */
			'tokens'        => sprintf( __( 'Token %d', 'sovereign-press' ), $index + 1 ),
			/* translators: %d: position of the item in its list, from 1. */
			'confirmations' => sprintf( __( 'Confirmation depth %d', 'sovereign-press' ), $index + 1 ),
			/* translators: %d: position of the item in its list, from 1. */
			'treasury'      => sprintf( __( 'Treasury address %d', 'sovereign-press' ), $index + 1 ),
			/* translators: %d: position of the item in its list, from 1. */
			'assets'        => sprintf( __( 'Treasury asset %d', 'sovereign-press' ), $index + 1 ),
			/* translators: %d: position of the item in its list, from 1. */
			default         => sprintf( __( 'Declared figure %d', 'sovereign-press' ), $index + 1 ),
		};
	}

	/**
	 * @param array<mixed> $item A sound item that repeats one before it.
	 */
	private static function duplicate_message( string $list, array $item, int $index ): string {
		$what = self::item_name( $list, $item, $index );
		return match ( $list ) {
			/* translators: %s: which token, such as "Token "members"". */
			'tokens'        => sprintf( __( '%s: two tokens have this id. Each token needs its own.', 'sovereign-press' ), $what ),
			/* translators: %s: which item, such as "Confirmation depth 2". */
			'confirmations' => sprintf( __( '%s: this network already has a confirmation depth.', 'sovereign-press' ), $what ),
			/* translators: %s: which item, such as "Treasury address 2". */
			'treasury'      => sprintf( __( '%s: this address on this network is listed already.', 'sovereign-press' ), $what ),
			/* translators: %s: which item, such as "Treasury asset 2". */
			default         => sprintf( __( '%s: this asset on this network is listed already.', 'sovereign-press' ), $what ),
		};
	}

	private static function error( string $code, string $message, string $field ): \WP_Error {
		return new \WP_Error(
			$code,
			$message,
			array(
				'status' => 400,
				'params' => array( Settings::OPTION => self::KEY . '.' . $field ),
			)
		);
	}

	/**
	 * @param mixed $networks Networks, sanitized or as sent.
	 * @return list<int>
	 */
	private static function chains( mixed $networks ): array {
		$chains = array();
		foreach ( (array) $networks as $network ) {
			if ( is_array( $network ) && is_int( $network['chainId'] ?? null ) ) {
				$chains[] = $network['chainId'];
			}
		}
		return $chains;
	}

	/**
	 * The EIP-55 form of an address, or null when it is not one (or its mixed case is wrong).
	 */
	private static function address( mixed $value ): ?string {
		if ( ! is_string( $value ) ) {
			return null;
		}
		try {
			return Address::parse( $value );
		} catch ( InvalidAddress ) {
			return null;
		}
	}

	private static function text( mixed $value, int $length ): string {
		return is_scalar( $value ) ? mb_substr( trim( sanitize_text_field( (string) $value ) ), 0, $length ) : '';
	}

	private static function digits( string $value ): string {
		$value = ltrim( $value, '0' );
		return '' === $value ? '0' : $value;
	}

	/**
	 * "007.50" -> "7.5": one way to write each amount.
	 */
	private static function plain_number( string $value ): string {
		[ $integer, $fraction ] = array_pad( explode( '.', $value, 2 ), 2, '' );
		$fraction               = rtrim( $fraction, '0' );
		return self::digits( $integer ) . ( '' === $fraction ? '' : '.' . $fraction );
	}
}
