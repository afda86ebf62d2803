<?php
/**
 * A set of census members, as SQL.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Census;

/**
 * The members a census tree is built from. TreeBuilder copies the set into its own table with one
 * INSERT … SELECT, so a set of millions never passes through PHP.
 *
 * @since 0.3.0
 */
interface MemberSet {

	/**
	 * A complete, already prepared SELECT with one column, `address`: the distinct member addresses,
	 * lowercase 0x hex, usable as a subquery.
	 *
	 * @since 0.3.0
	 */
	public function sql(): string;
}
