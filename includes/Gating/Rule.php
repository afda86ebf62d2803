<?php
/**
 * Gate rules: their JSON schema, the checks a schema cannot express, and their plain-language
 * summary.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Crypto\Address;
use SovereignPress\Crypto\InvalidAddress;

/**
 * A rule is a group {type: all|any, conditions: [...]} or one condition (see Evaluator). Groups
 * nest up to MAX_DEPTH levels. Contracts and addresses are stored checksummed; amounts and token
 * ids are decimal strings, so values beyond 2^53 survive the trip through JSON (token ids are
 * uint256: up to 2^256 - 1, stored without leading zeros).
 *
 * @phpstan-type Condition array{type:string, chainId?:int, contract?:string, amount?:string, tokenId?:string, addresses?:list<string>, label?:string}
 *
 * @since 0.1.0
 */
final class Rule {

	public const MAX_DEPTH = 3;

	public const MAX_CONDITIONS = 20;

	public const MAX_ADDRESSES = 500;

	public const CONDITION_TYPES = array( 'erc20', 'erc721', 'erc1155', 'native', 'allowlist', 'member' );

	/**
	 * JSON schema of a rule (a group or a condition), groups nesting $depth levels deep.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, mixed>
	 */
	public static function schema( int $depth = self::MAX_DEPTH ): array {
		$properties = array(
			'type'      => array(
				'type' => 'string',
				'enum' => array_merge( $depth > 0 ? array( 'all', 'any' ) : array(), self::CONDITION_TYPES ),
			),
			'chainId'   => array(
				'type'    => 'integer',
				'minimum' => 1,
			),
			'contract'  => array(
				'type'    => 'string',
				'pattern' => '^0x[0-9a-fA-F]{40}$',
			),
			'amount'    => array(
				'type'    => 'string',
				'pattern' => '^\d{1,60}(\.\d{1,60})?$',
			),
			'tokenId'   => array(
				'type'    => 'string',
				'pattern' => '^[0-9]{1,78}$',
			),
			'addresses' => array(
				'type'     => 'array',
				'maxItems' => self::MAX_ADDRESSES,
				'items'    => array(
					'type'    => 'string',
					'pattern' => '^0x[0-9a-fA-F]{40}$',
				),
			),
			'label'     => array(
				'type'      => 'string',
				'maxLength' => 60,
			),
		);
		if ( $depth > 0 ) {
			$properties['conditions'] = array(
				'type'     => 'array',
				'maxItems' => self::MAX_CONDITIONS,
				'items'    => self::schema( $depth - 1 ),
			);
		}
		return array(
			'type'                 => 'object',
			'additionalProperties' => false,
			'required'             => array( 'type' ),
			'properties'           => $properties,
		);
	}

	/**
	 * The first thing wrong with a rule, as a sentence for the editor, or null when it is sound.
	 * Checks what the schema cannot: that each condition has the fields its type needs and names a
	 * configured network, and that a group is not empty.
	 *
	 * @since 0.1.0
	 *
	 * @param mixed          $rule   Decoded rule.
	 * @param list<int>|null $chains Chain ids of the configured networks; null to accept any
	 *                               chain id (a rule read back, whose network may be gone).
	 */
	public static function problem( mixed $rule, ?array $chains, string $path = '', int $depth = 0 ): ?string {
		/* translators: 1: position of a condition such as "2" or "1.3", 2: what is wrong with it. */
		$at   = static fn( string $message ): string => '' === $path ? $message : sprintf( __( 'Condition %1$s: %2$s', 'sovereign-press' ), $path, $message );
		$rule = is_array( $rule ) ? $rule : array();
		$type = $rule['type'] ?? null;
		if ( 'all' === $type || 'any' === $type ) {
			$conditions = $rule['conditions'] ?? null;
			if ( ! is_array( $conditions ) || array() === $conditions ) {
				return $at( __( 'a group needs at least one condition.', 'sovereign-press' ) );
			}
			if ( $depth >= self::MAX_DEPTH ) {
				/* translators: %d: how many levels groups may nest. */
				return $at( sprintf( __( 'groups nest at most %d levels deep.', 'sovereign-press' ), self::MAX_DEPTH ) );
			}
			if ( count( $conditions ) > self::MAX_CONDITIONS ) {
				/* translators: %d: maximum number of conditions. */
				return $at( sprintf( __( 'a group holds at most %d conditions.', 'sovereign-press' ), self::MAX_CONDITIONS ) );
			}
			foreach ( array_values( $conditions ) as $index => $child ) {
				$problem = self::problem( $child, $chains, ( '' === $path ? '' : $path . '.' ) . ( $index + 1 ), $depth + 1 );
				if ( null !== $problem ) {
					return $problem;
				}
			}
			return null;
		}
		if ( ! is_string( $type ) || ! in_array( $type, self::CONDITION_TYPES, true ) ) {
			return $at( __( 'choose what readers must hold.', 'sovereign-press' ) );
		}
		if ( 'member' === $type ) {
			return null;
		}
		if ( 'allowlist' === $type ) {
			$addresses = $rule['addresses'] ?? null;
			if ( ! is_array( $addresses ) || array() === $addresses ) {
				return $at( __( 'the allowlist needs at least one address.', 'sovereign-press' ) );
			}
			foreach ( $addresses as $address ) {
				if ( ! self::is_address( $address ) ) {
					/* translators: %s: what was entered. */
					return $at( sprintf( __( '"%s" is not an Ethereum address (0x and 40 hexadecimal digits).', 'sovereign-press' ), is_scalar( $address ) ? (string) $address : '' ) );
				}
			}
			return null;
		}
		$chain = $rule['chainId'] ?? null;
		if ( ! is_int( $chain ) || ( null !== $chains && ! in_array( $chain, $chains, true ) ) ) {
			return $at(
				is_int( $chain )
					/* translators: %d: chain id. */
					? sprintf( __( 'chain %d is not one of the networks in Settings > Sovereign Press.', 'sovereign-press' ), $chain )
					: __( 'choose a network.', 'sovereign-press' )
			);
		}
		if ( 'native' !== $type && ! self::is_address( $rule['contract'] ?? null ) ) {
			return $at( __( 'enter the token contract address (0x and 40 hexadecimal digits).', 'sovereign-press' ) );
		}
		if ( 'erc1155' === $type || ( 'erc721' === $type && isset( $rule['tokenId'] ) ) ) {
			$token_id = $rule['tokenId'] ?? null;
			if ( ! is_string( $token_id ) || 1 !== preg_match( '/^[0-9]{1,78}$/D', $token_id ) ) {
				return $at( __( 'the token id must be a whole number of at most 78 digits.', 'sovereign-press' ) );
			}
			if ( ! Amount::is_uint256( $token_id ) ) {
				return $at( __( 'the token id is larger than 2^256 − 1, the largest a token can have.', 'sovereign-press' ) );
			}
		}
		if ( 'erc721' !== $type ) {
			$amount = $rule['amount'] ?? null;
			if ( ! is_string( $amount ) || 1 !== preg_match( '/^\d{1,60}(\.\d{1,60})?$/D', $amount ) ) {
				return $at( __( 'the amount must be a number such as 10 or 0.5.', 'sovereign-press' ) );
			}
			if ( 'erc1155' === $type && str_contains( $amount, '.' ) ) {
				return $at( __( 'ERC-1155 amounts are whole numbers.', 'sovereign-press' ) );
			}
			if ( 1 !== preg_match( '/[1-9]/', $amount ) ) {
				return $at( __( 'the amount must be more than zero.', 'sovereign-press' ) );
			}
		}
		return null;
	}

	/**
	 * The rule in canonical form: known keys only, checksummed addresses. Call after problem().
	 *
	 * @since 0.1.0
	 *
	 * @param array<string, mixed> $rule Sound rule.
	 * @return array<string, mixed>
	 */
	public static function normalize( array $rule ): array {
		$type = (string) $rule['type'];
		if ( 'all' === $type || 'any' === $type ) {
			return array(
				'type'       => $type,
				'conditions' => array_map( fn( $child ) => self::normalize( (array) $child ), array_values( (array) $rule['conditions'] ) ),
			);
		}
		$clean = array( 'type' => $type );
		if ( 'allowlist' === $type ) {
			$clean['addresses'] = array_values( array_unique( array_map( array( Address::class, 'checksum' ), array_map( 'strval', (array) $rule['addresses'] ) ) ) );
		} elseif ( 'member' !== $type ) {
			$clean['chainId'] = (int) $rule['chainId'];
			if ( 'native' !== $type ) {
				$clean['contract'] = Address::checksum( (string) $rule['contract'] );
			}
			if ( isset( $rule['tokenId'] ) && in_array( $type, array( 'erc721', 'erc1155' ), true ) ) {
				$clean['tokenId'] = ltrim( (string) $rule['tokenId'], '0' ) ?: '0'; // phpcs:ignore Universal.Operators.DisallowShortTernary
			}
			if ( 'erc721' !== $type ) {
				$clean['amount'] = (string) $rule['amount'];
			}
		}
		$label = trim( sanitize_text_field( (string) ( $rule['label'] ?? '' ) ) );
		if ( '' !== $label ) {
			$clean['label'] = mb_substr( $label, 0, 60 );
		}
		return $clean;
	}

	/**
	 * "1 Citizen NFT on Local chain and 100 SVOTE on Local chain": what a rule asks of readers.
	 *
	 * @since 0.1.0
	 *
	 * @param array<string, mixed>       $rule          Sound rule.
	 * @param callable(int): string      $network_name  Name of a chain id.
	 */
	public static function summary( array $rule, callable $network_name, bool $nested = false ): string {
		$type = (string) ( $rule['type'] ?? '' );
		if ( 'all' === $type || 'any' === $type ) {
			$parts = array_map( fn( $child ) => self::summary( (array) $child, $network_name, true ), (array) $rule['conditions'] );
			if ( 1 === count( $parts ) ) {
				return $parts[0];
			}
			$last = array_pop( $parts );
			$text = sprintf(
				'all' === $type
					/* translators: 1: comma-separated requirements, 2: the last requirement. */
					? __( '%1$s and %2$s', 'sovereign-press' )
					/* translators: 1: comma-separated requirements, 2: the last requirement. */
					: __( '%1$s or %2$s', 'sovereign-press' ),
				implode( __( ', ', 'sovereign-press' ), $parts ),
				$last
			);
			return $nested ? '(' . $text . ')' : $text;
		}
		if ( 'member' === $type ) {
			return __( 'a linked wallet', 'sovereign-press' );
		}
		if ( 'allowlist' === $type ) {
			$count = count( (array) ( $rule['addresses'] ?? array() ) );
			/* translators: %d: number of addresses on the list. */
			return sprintf( _n( 'a wallet on an allowlist of %d address', 'a wallet on an allowlist of %d addresses', $count, 'sovereign-press' ), $count );
		}
		$network  = $network_name( (int) ( $rule['chainId'] ?? 0 ) );
		$contract = (string) ( $rule['contract'] ?? '' );
		$label    = (string) ( $rule['label'] ?? '' );
		$short    = '' === $contract ? '' : Address::short( $contract );
		$amount   = (string) ( $rule['amount'] ?? '1' );
		switch ( $type ) {
			case 'erc721':
				if ( isset( $rule['tokenId'] ) ) {
					$what = '' === $label
						/* translators: 1: token id, 2: shortened contract address. */
						? sprintf( __( 'NFT #%1$s of %2$s', 'sovereign-press' ), $rule['tokenId'], $short )
						/* translators: 1: collection name such as "Citizen NFT", 2: token id. */
						: sprintf( __( '%1$s #%2$s', 'sovereign-press' ), $label, $rule['tokenId'] );
				} else {
					/* translators: 1: collection name such as "Citizen NFT". */
					$what = '' === $label ? sprintf( __( '1 NFT of %s', 'sovereign-press' ), $short ) : sprintf( __( '1 %s', 'sovereign-press' ), $label );
				}
				break;
			case 'erc1155':
				$what = '' === $label
					/* translators: 1: amount, 2: token id, 3: shortened contract address. */
					? sprintf( __( '%1$s of token #%2$s of %3$s', 'sovereign-press' ), $amount, $rule['tokenId'] ?? '', $short )
					/* translators: 1: amount, 2: collection name, 3: token id. */
					: sprintf( __( '%1$s %2$s #%3$s', 'sovereign-press' ), $amount, $label, $rule['tokenId'] ?? '' );
				break;
			case 'native':
				/* translators: 1: amount, 2: coin symbol or "of the native coin". */
				$what = sprintf( __( '%1$s %2$s', 'sovereign-press' ), $amount, '' === $label ? __( 'of the native coin', 'sovereign-press' ) : $label );
				break;
			default:
				/* translators: 1: amount, 2: token symbol or shortened contract address. */
				$what = sprintf( __( '%1$s %2$s', 'sovereign-press' ), $amount, '' === $label ? sprintf( __( 'tokens of %s', 'sovereign-press' ), $short ) : $label );
		}
		/* translators: 1: what to hold, such as "1 Citizen NFT", 2: network name. */
		return sprintf( __( '%1$s on %2$s', 'sovereign-press' ), $what, $network );
	}

	private static function is_address( mixed $value ): bool {
		if ( ! is_string( $value ) ) {
			return false;
		}
		try {
			Address::parse( $value );
			return true;
		} catch ( InvalidAddress ) {
			return false;
		}
	}
}
