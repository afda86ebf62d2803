<?php
/**
 * The user object that sign-in, the session and the wallet routes answer with.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Rest;

use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Auth\PasswordPolicy;

/**
 * One shape, one schema: `{id, displayName, avatarUrl, wallets, canUnlinkLastWallet}`.
 *
 * @since 0.1.0
 */
final class UserData {

	public function __construct( private WalletAccounts $accounts, private PasswordPolicy $passwords ) {}

	/**
	 * @since 0.1.0
	 *
	 * @return array{id:int, displayName:string, avatarUrl:string, wallets:list<array{address:string, chainId:int, linkedAt:string}>, canUnlinkLastWallet:bool}
	 */
	public function for_user( \WP_User $user ): array {
		$wallets = $this->accounts->wallets( $user->ID );
		return array(
			'id'                  => $user->ID,
			'displayName'         => $user->display_name,
			'avatarUrl'           => (string) get_avatar_url( $user->ID, array( 'size' => 96 ) ),
			'wallets'             => $wallets,
			'canUnlinkLastWallet' => $this->passwords->can_use_password( $user->ID, $wallets ),
		);
	}

	/**
	 * JSON schema of for_user()'s answer.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, mixed>
	 */
	public static function schema(): array {
		return array(
			'type'       => 'object',
			'properties' => array(
				'id'                  => array(
					'description' => __( 'User id.', 'sovereign-press' ),
					'type'        => 'integer',
				),
				'displayName'         => array(
					'description' => __( 'Name shown on the site: the verified ENS name, the short address, or a name the user chose.', 'sovereign-press' ),
					'type'        => 'string',
				),
				'avatarUrl'           => array(
					'description' => __( 'Avatar, 96 pixels (a URL, or a data: URI for a wallet identicon).', 'sovereign-press' ),
					'type'        => 'string',
				),
				'wallets'             => array(
					'description' => __( 'Wallets linked to the account, oldest first.', 'sovereign-press' ),
					'type'        => 'array',
					'items'       => array(
						'type'       => 'object',
						'properties' => array(
							'address'  => array(
								'description' => __( 'Checksummed address.', 'sovereign-press' ),
								'type'        => 'string',
								'pattern'     => '^0x[0-9a-fA-F]{40}$',
							),
							'chainId'  => array(
								'description' => __( 'Chain named in the message that linked it.', 'sovereign-press' ),
								'type'        => 'integer',
							),
							'linkedAt' => array(
								'description' => __( 'When it was linked (UTC).', 'sovereign-press' ),
								'type'        => 'string',
								'format'      => 'date-time',
							),
						),
					),
				),
				'canUnlinkLastWallet' => array(
					'description' => __( 'Whether the user can log in with a password, and so may remove their last wallet.', 'sovereign-press' ),
					'type'        => 'boolean',
				),
			),
		);
	}
}
