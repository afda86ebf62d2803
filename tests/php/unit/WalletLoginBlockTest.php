<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Auth\WalletLoginBlock;

/**
 * The block's template reaches its services only through WalletLoginBlock; before the plugin
 * provides them (here no plugin boots), it says so instead of rendering half a block.
 */
final class WalletLoginBlockTest extends TestCase {

	public function test_the_block_refuses_to_render_before_the_plugin_provided_its_services(): void {
		$this->expectException( \LogicException::class );
		$this->expectExceptionMessage( 'The Wallet Login block was rendered before Sovereign Press booted.' );
		WalletLoginBlock::instance();
	}
}
