<?php
/**
 * Which wallet belongs to which WordPress user.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Crypto\Address;
use SovereignPress\Storage\Installer;

/**
 * One row per wallet, the address unique (the column's collation is case-insensitive, and
 * addresses are stored checksummed). Lookups by address use that unique index.
 *
 * @phpstan-type Wallet array{address:string, chainId:int, linkedAt:string}
 *
 * @since 0.1.0
 */
final class WalletAccounts {

	public function find_user_id( string $address ): ?int {
		global $wpdb;
		$id = $wpdb->get_var( $wpdb->prepare( 'SELECT user_id FROM %i WHERE address = %s', Installer::tables()['wallets'], Address::checksum( $address ) ) );
		return null === $id ? null : (int) $id;
	}

	/**
	 * Links a wallet to a user. Linking a wallet the user already has is a no-op.
	 *
	 * @throws WalletTaken When another user has this wallet.
	 */
	public function link( int $user_id, string $address, int $chain_id ): void {
		global $wpdb;
		$address = Address::checksum( $address );
		$owner   = $this->find_user_id( $address );
		if ( $owner === $user_id ) {
			return;
		}
		if ( null !== $owner ) {
			throw new WalletTaken( $address );
		}
		$inserted = $wpdb->insert(
			Installer::tables()['wallets'],
			array(
				'address'   => $address,
				'user_id'   => $user_id,
				'chain_id'  => $chain_id,
				'linked_at' => gmdate( 'Y-m-d H:i:s' ),
			),
			array( '%s', '%d', '%d', '%s' )
		);
		if ( false === $inserted ) {
			// Lost a race for the unique address to a concurrent link.
			throw new WalletTaken( $address );
		}
	}

	public function unlink( int $user_id, string $address ): bool {
		global $wpdb;
		return 1 === $wpdb->delete(
			Installer::tables()['wallets'],
			array(
				'user_id' => $user_id,
				'address' => Address::checksum( $address ),
			),
			array( '%d', '%s' )
		);
	}

	/**
	 * @return list<Wallet>
	 */
	public function wallets( int $user_id ): array {
		global $wpdb;
		$rows = $wpdb->get_results(
			$wpdb->prepare( 'SELECT address, chain_id, linked_at FROM %i WHERE user_id = %d ORDER BY id', Installer::tables()['wallets'], $user_id ),
			ARRAY_A
		);
		return array_map(
			static fn( array $row ): array => array(
				'address'  => $row['address'],
				'chainId'  => (int) $row['chain_id'],
				'linkedAt' => mysql_to_rfc3339( $row['linked_at'] ),
			),
			$rows
		);
	}

	public function delete_user( int $user_id ): void {
		global $wpdb;
		$wpdb->delete( Installer::tables()['wallets'], array( 'user_id' => $user_id ), array( '%d' ) );
	}
}
