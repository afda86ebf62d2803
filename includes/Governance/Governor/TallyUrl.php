<?php
/**
 * Tally proposal URLs: legacy input for a Governor proposal.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance\Governor;

use SovereignPress\Gating\Amount;

/**
 * Tally has shut down, so a pasted Tally link names a proposal but not where it lives: the editor
 * keeps the id and asks for the chain and the Governor. The slug is only a hint (an organisation
 * name, sometimes `eip155:{chainId}:{governor}`).
 *
 * @since 0.2.0
 */
final class TallyUrl {

	/**
	 * The parts of `https://www.tally.xyz/gov/{slug}/proposal/{id}` (id in decimal; tab suffixes and
	 * query strings allowed), or null when the text is not such a URL.
	 *
	 * @since 0.2.0
	 *
	 * @return array{slug:string, id:string}|null The id without leading zeros.
	 */
	public static function parse( string $url ): ?array {
		$pattern = '~^https?://(?:www\.)?tally\.xyz/gov/([^/?#\s]+)/proposal/([0-9]{1,78})(?:/[^?#\s]*)?(?:[?#]\S*)?$~iD';
		if ( 1 !== preg_match( $pattern, trim( $url ), $m ) || ! Amount::is_uint256( $m[2] ) ) {
			return null;
		}
		$id = ltrim( $m[2], '0' );
		return array(
			'slug' => rawurldecode( $m[1] ),
			'id'   => '' === $id ? '0' : $id,
		);
	}
}
