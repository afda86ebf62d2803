<?php
/**
 * Which proposal a block shows: a Snapshot proposal or an on-chain Governor proposal.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * An already validated reference: space names, ids and addresses have their canonical form
 * (Snapshot ids as given, `0x` + 64 hex lowercased or `Qm…`; Governor addresses checksummed;
 * Governor proposal ids decimal strings without leading zeros, never numbers).
 *
 * @since 0.2.0
 */
final class ProposalRef {

	public const SNAPSHOT = 'snapshot';

	public const GOVERNOR = 'governor';

	private function __construct(
		public readonly string $source,
		public readonly string $space,
		public readonly bool $testnet,
		public readonly int $chain_id,
		public readonly string $governor,
		public readonly string $id
	) {}

	/**
	 * @param string $space   Space id (an ENS-like name), lowercase.
	 * @param string $id      Proposal id.
	 * @param bool   $testnet Whether the proposal lives on Snapshot's testnet hub.
	 */
	public static function snapshot( string $space, string $id, bool $testnet = false ): self {
		return new self( self::SNAPSHOT, $space, $testnet, 0, '', $id );
	}

	/**
	 * @param int    $chain_id Chain of the Governor.
	 * @param string $governor Checksummed address of the Governor.
	 * @param string $id       Proposal id, a decimal string (uint256).
	 */
	public static function governor( int $chain_id, string $governor, string $id ): self {
		return new self( self::GOVERNOR, '', false, $chain_id, $governor, $id );
	}

	/**
	 * A stable key, for caches and for matching batched answers to the blocks that asked.
	 */
	public function key(): string {
		return self::SNAPSHOT === $this->source
			? 'snapshot:' . ( $this->testnet ? 'testnet' : 'mainnet' ) . ':' . $this->space . ':' . $this->id
			: 'governor:' . $this->chain_id . ':' . strtolower( $this->governor ) . ':' . $this->id;
	}

	/**
	 * @return array{source:string, space:string, testnet:bool, chainId:int, governor:string, id:string}
	 */
	public function to_array(): array {
		return array(
			'source'   => $this->source,
			'space'    => $this->space,
			'testnet'  => $this->testnet,
			'chainId'  => $this->chain_id,
			'governor' => $this->governor,
			'id'       => $this->id,
		);
	}

	/**
	 * Rebuilds a reference from to_array() (a cache entry written by this plugin; block attributes
	 * go through the source's own validation instead).
	 *
	 * @param array<string, mixed> $data From to_array().
	 */
	public static function from_array( array $data ): self {
		return new self(
			(string) ( $data['source'] ?? '' ),
			(string) ( $data['space'] ?? '' ),
			(bool) ( $data['testnet'] ?? false ),
			(int) ( $data['chainId'] ?? 0 ),
			(string) ( $data['governor'] ?? '' ),
			(string) ( $data['id'] ?? '' )
		);
	}
}
