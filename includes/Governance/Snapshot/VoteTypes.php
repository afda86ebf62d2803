<?php
/**
 * Snapshot's EIP-712 Vote types, byte for byte.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Snapshot;

/**
 * The three Vote types current Snapshot clients sign (snapshot.js src/sign/types.ts): the choice
 * is a `uint32` (single-choice, basic), a `uint32[]` (approval, ranked-choice, copeland) or a
 * `string` (weighted and quadratic as JSON, and every Shutter-encrypted vote). The sequencer
 * drops `EIP712Domain`, then accepts a vote only when the sha256 of `JSON.stringify(types)` is in
 * its known set, so the JSON here must be the client's to the byte: tests compare it with
 * tests/vectors/snapshot-vote-types.json, generated from snapshot.js.
 *
 * @since 0.2.0
 */
final class VoteTypes {

	public const VOTE = 'vote';

	public const VOTE_ARRAY = 'vote-array';

	public const VOTE_STRING = 'vote-string';

	/** sha256 of each kind's types JSON, as in snapshot.js hashedTypes.json. */
	public const SHA256 = array(
		self::VOTE        => 'fb8fa9816cd42974e7f1af671aa548c8c458553364ed809e45042f141de8c0d5',
		self::VOTE_ARRAY  => '5f95ed849bafb034c37e340dc06ad6fa6985d674714cb602a6bf11119ffba2a1',
		self::VOTE_STRING => 'afc5911fd9722b3dc5e8b16a552997510644a52d2b229c3868fb1910b112416e',
	);

	/** The EIP-712 domain: no chainId, no verifying contract. */
	public const DOMAIN = array(
		'name'    => 'snapshot',
		'version' => '0.1.4',
	);

	private const CHOICE = array(
		self::VOTE        => 'uint32',
		self::VOTE_ARRAY  => 'uint32[]',
		self::VOTE_STRING => 'string',
	);

	/**
	 * The kind of vote a proposal takes.
	 *
	 * @param string $type    Snapshot voting type of the proposal.
	 * @param bool   $private Whether the proposal is Shutter-encrypted.
	 */
	public static function kind_for( string $type, bool $private ): string {
		if ( $private ) {
			return self::VOTE_STRING;
		}
		return match ( $type ) {
			'approval', 'ranked-choice', 'copeland' => self::VOTE_ARRAY,
			'weighted', 'quadratic' => self::VOTE_STRING,
			default => self::VOTE,
		};
	}

	/**
	 * The types object of a kind, as the client signs it.
	 *
	 * @return array{Vote: list<array{name:string, type:string}>}
	 */
	public static function types( string $kind ): array {
		$choice = self::CHOICE[ $kind ] ?? null;
		if ( null === $choice ) {
			throw new \InvalidArgumentException( 'Unknown vote kind.' );
		}
		$fields = array();
		foreach ( array( 'from', 'space', 'timestamp', 'proposal', 'choice', 'reason', 'app', 'metadata' ) as $name ) {
			$fields[] = array(
				'name' => $name,
				'type' => match ( $name ) {
					'timestamp' => 'uint64',
					'choice' => $choice,
					default => 'string',
				},
			);
		}
		return array( 'Vote' => $fields );
	}

	/**
	 * What `JSON.stringify` gives for a types object (keys in their order, no spaces, slashes and
	 * non-ASCII unescaped), or null when it cannot be encoded.
	 *
	 * @param array<mixed> $types Types as decoded from JSON (objects as arrays, in their order).
	 */
	public static function json( array $types ): ?string {
		$json = json_encode( $types, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		return false === $json ? null : $json;
	}

	/**
	 * Which current Vote kind a types object is, as the sequencer decides it: `EIP712Domain`
	 * dropped, then the sha256 of the JSON. Null for anything else.
	 *
	 * @param array<mixed> $types Types as the envelope carries them.
	 */
	public static function kind_of( array $types ): ?string {
		unset( $types['EIP712Domain'] );
		$json = self::json( $types );
		if ( null === $json ) {
			return null;
		}
		$kind = array_search( hash( 'sha256', $json ), self::SHA256, true );
		return false === $kind ? null : $kind;
	}
}
