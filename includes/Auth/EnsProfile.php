<?php
/**
 * Members shown by their ENS name and avatar.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Auth;

use SovereignPress\Storage\Cache;
use SovereignPress\Chain\Ens;
use SovereignPress\Chain\Exception\RpcException;
use SovereignPress\Crypto\Address;
use SovereignPress\Settings\Settings;

/**
 * Names are read on the network chosen under Wallet login, when a wallet signs in or is linked.
 * A failed lookup never blocks either: a sign-in never fails over a display name.
 *
 * @since 0.1.0
 */
final class EnsProfile {

	/** User meta: the verified primary name last seen for the member's wallet. */
	public const NAME_META = 'sovereign_press_ens_name';

	/** User meta: that name's avatar record (an https URL), read by Avatars; '' for none. */
	public const AVATAR_META = 'sovereign_press_ens_avatar';

	/** Seconds an ENS lookup (found or not) is trusted. */
	public const CACHE_TTL = 12 * HOUR_IN_SECONDS;

	/** Seconds a lookup may spend on the node. */
	public const RPC_TIMEOUT = 2.0;

	/**
	 * @param \Closure(int): ?Ens $ens_on_chain ENS on a chain, or null when the chain is not
	 *                                          configured.
	 * @param Cache               $cache        Lookups, found or not.
	 */
	public function __construct( private Settings $settings, private \Closure $ens_on_chain, private Cache $cache ) {}

	/**
	 * The wallet's verified ENS name and avatar, cached; null when there is none, when names are
	 * off, or when the node cannot be reached.
	 *
	 * @since 0.1.0
	 *
	 * @return array{name:string, avatar:?string}|null
	 */
	public function lookup( string $address ): ?array {
		return $this->lookup_many( array( $address ) )[ $address ] ?? null;
	}

	/**
	 * lookup() for many wallets at once: one cache read for all, and the names not cached in one
	 * Ens::lookup_many (a fixed number of reads on the node, however many wallets).
	 *
	 * @since 0.2.0
	 *
	 * @param list<string> $addresses Wallet addresses.
	 * @return array<string, array{name:string, avatar:?string}|null> By address as given.
	 */
	public function lookup_many( array $addresses ): array {
		$addresses = array_values( array_unique( $addresses ) );
		$found     = array_fill_keys( $addresses, null );
		$chain_id  = $this->settings->wallet_login()['ensChainId'];
		if ( $chain_id <= 0 || array() === $addresses ) {
			return $found;
		}
		// The cache first: a page whose names are all cached builds no transport. (Saving the
		// networks flushes the caches, so no name outlives its chain's configuration.)
		$keys    = array_combine( $addresses, array_map( static fn( string $address ): string => $chain_id . '|' . strtolower( $address ), $addresses ) );
		$cached  = $this->cache->get_many( array_values( array_unique( $keys ) ) );
		$missing = array();
		foreach ( $keys as $address => $key ) {
			if ( isset( $cached[ $key ] ) ) {
				$found[ $address ] = $cached[ $key ]['found'] ? $cached[ $key ]['ens'] : null;
			} else {
				$missing[] = (string) $address;
			}
		}
		$ens = array() === $missing ? null : ( $this->ens_on_chain )( $chain_id );
		if ( null === $ens ) {
			return $found;
		}
		try {
			$read = $ens->lookup_many( $missing );
		} catch ( RpcException ) {
			return $found;
		}
		$store = array();
		foreach ( $missing as $address ) {
			$found[ $address ]        = $read[ $address ] ?? null;
			$store[ $keys[ $address ] ] = array(
				'found' => null !== $found[ $address ],
				'ens'   => $found[ $address ],
			);
		}
		$this->cache->set_many( $store );
		return $found;
	}

	/**
	 * Shows the member by the wallet's ENS name: the display name follows it unless the member
	 * chose another one, and the avatar record is kept for Avatars.
	 *
	 * @since 0.1.0
	 */
	public function refresh( \WP_User $user, string $address ): void {
		$ens = $this->lookup( $address );
		if ( null === $ens ) {
			return;
		}
		$previous = (string) get_user_meta( $user->ID, self::NAME_META, true );
		update_user_meta( $user->ID, self::NAME_META, $ens['name'] );
		update_user_meta( $user->ID, self::AVATAR_META, (string) $ens['avatar'] );
		$chosen_by_member = ! in_array( $user->display_name, array( Address::short( $address ), $previous ), true );
		if ( ! $chosen_by_member && $user->display_name !== $ens['name'] ) {
			wp_update_user(
				array(
					'ID'           => $user->ID,
					'display_name' => $ens['name'],
				)
			);
			$user->display_name = $ens['name'];
		}
	}
}
