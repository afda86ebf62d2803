<?php
/**
 * The Gated Content block's render.php reaches its services through GatedContentBlock::instance(),
 * which the composition root provides at boot. Built here from real services (their constructors
 * do nothing but store, so no WordPress is needed).
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Chain\Exception\RpcUnreachable;
use SovereignPress\Chain\Networks;
use SovereignPress\Chain\Transport;
use SovereignPress\Gating\Decisions;
use SovereignPress\Gating\Evaluator;
use SovereignPress\Gating\GatedContentBlock;
use SovereignPress\Gating\Gates;
use SovereignPress\Gating\Notice;
use SovereignPress\Settings\Settings;
use SovereignPress\Tests\Support\FailingTransport;

final class GatedContentBlockEntryTest extends TestCase {

	protected function tearDown(): void {
		// Back to an unbooted plugin for whatever runs next.
		( new \ReflectionProperty( GatedContentBlock::class, 'instance' ) )->setValue( null, null );
		parent::tearDown();
	}

	private static function block(): GatedContentBlock {
		$settings  = new Settings( array() );
		$networks  = new Networks( $settings, static fn( string $url, float $timeout ): Transport => new FailingTransport( new RpcUnreachable( 'No chain in unit tests.' ) ) );
		$gates     = new Gates( $settings, $networks );
		$decisions = new Decisions( $gates, static fn(): Evaluator => new Evaluator( $networks ), new WalletAccounts() );
		return new GatedContentBlock( $gates, $decisions, new Notice( $gates, $decisions, $settings ) );
	}

	public function test_a_template_run_before_the_plugin_booted_gets_a_clear_error(): void {
		$this->expectException( \LogicException::class );
		$this->expectExceptionMessage( 'Sovereign Press has not been booted' );
		GatedContentBlock::instance();
	}

	public function test_the_template_gets_the_block_the_composition_root_provided(): void {
		$block = self::block();
		GatedContentBlock::provide( $block );
		$this->assertSame( $block, GatedContentBlock::instance() );

		$other = self::block();
		GatedContentBlock::provide( $other );
		$this->assertSame( $other, GatedContentBlock::instance(), 'The last one provided.' );
	}
}
