<?php
/**
 * The architecture check (scripts/php/ArchitectureCheck.php) on small trees of its own: each rule
 * fires on the line that breaks it, and a clean tree passes.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Unit;

use PHPUnit\Framework\TestCase;
use SovereignPress\Tooling\ArchitectureCheck;

require_once dirname( __DIR__, 3 ) . '/scripts/php/ArchitectureCheck.php';

final class ArchitectureCheckTest extends TestCase {

	private string $root;

	protected function setUp(): void {
		$this->root = sys_get_temp_dir() . '/sp-architecture-' . bin2hex( random_bytes( 6 ) );
		mkdir( $this->root );
	}

	protected function tearDown(): void {
		$files = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $this->root, \FilesystemIterator::SKIP_DOTS ), \RecursiveIteratorIterator::CHILD_FIRST );
		foreach ( $files as $file ) {
			$file->isDir() ? rmdir( $file->getPathname() ) : unlink( $file->getPathname() );
		}
		rmdir( $this->root );
	}

	/**
	 * @param array<string, string> $files Path under the root => PHP code after the open tag.
	 * @return list<string>
	 */
	private function check( array $files ): array {
		foreach ( $files as $path => $code ) {
			$full = $this->root . '/' . $path;
			if ( ! is_dir( dirname( $full ) ) ) {
				mkdir( dirname( $full ), 0777, true );
			}
			file_put_contents( $full, "<?php\n" . $code );
		}
		return ( new ArchitectureCheck( $this->root ) )->run();
	}

	public function test_a_clean_tree_passes(): void {
		$this->assertSame(
			array(),
			$this->check(
				array(
					'includes/Crypto/Hash.php'   => "namespace SovereignPress\\Crypto;\nfinal class Hash { public static function of( string \$s ): string { return hash( 'sha256', strtolower( \$s ) ) . gmp_strval( gmp_init( 1 ) ); } }",
					'includes/Siwe/Checker.php'  => "namespace SovereignPress\\Siwe;\nuse SovereignPress\\Crypto\\Hash;\nuse SovereignPress\\Chain\\Transport;\nfinal class Checker { public function __construct( private Transport \$t ) {} public function run(): string { throw new \\InvalidArgumentException( Hash::of( 'x' ) ); } }",
					'includes/Chain/Transport.php' => "namespace SovereignPress\\Chain;\ninterface Transport { public function request( string \$method, array \$params ): mixed; }",
					'includes/Chain/HttpTransport.php' => "namespace SovereignPress\\Chain;\nfinal class HttpTransport implements Transport { public function request( string \$method, array \$params ): mixed { return wp_remote_post( 'x' ); } }",
					'includes/Auth/Login.php'    => "namespace SovereignPress\\Auth;\nuse SovereignPress\\Siwe\\Checker;\nfinal class Login { public function __construct( private Checker \$c ) { add_action( 'init', '__return_true' ); } }",
					'blocks/login/render.php'    => "\$html = SovereignPress\\Blocks\\Login::render( \$attributes );",
				)
			)
		);
	}

	public function test_a_wordpress_call_in_the_core_is_named_with_its_line(): void {
		$findings = $this->check( array( 'includes/Siwe/Clock.php' => "namespace SovereignPress\\Siwe;\nfinal class Clock {\n\tpublic function now(): int {\n\t\treturn (int) current_time( 'timestamp' );\n\t}\n}" ) );

		$this->assertCount( 1, $findings );
		$this->assertStringStartsWith( 'includes/Siwe/Clock.php:5:', $findings[0] );
		$this->assertStringContainsString( 'current_time()', $findings[0] );
	}

	public function test_a_wordpress_class_in_the_core_is_named(): void {
		$findings = $this->check( array( 'includes/Crypto/Fail.php' => "namespace SovereignPress\\Crypto;\nfinal class Fail {\n\tpublic function error(): \\WP_Error {\n\t\treturn new \\WP_Error( 'x' );\n\t}\n}" ) );

		$this->assertCount( 1, $findings, 'Reported once per class, where it first appears.' );
		$this->assertStringStartsWith( 'includes/Crypto/Fail.php:4:', $findings[0] );
		$this->assertStringContainsString( 'WP_Error', $findings[0] );
	}

	public function test_the_core_may_not_import_a_service(): void {
		$findings = $this->check(
			array(
				'includes/Siwe/Verifier.php'  => "namespace SovereignPress\\Siwe;\n\nuse SovereignPress\\Chain\\RpcClient;\nfinal class Verifier { public function __construct( private RpcClient \$rpc ) {} }",
				'includes/Chain/RpcClient.php' => "namespace SovereignPress\\Chain;\nfinal class RpcClient {}",
				'includes/Chain/Multicall3.php' => "namespace SovereignPress\\Chain;\nfinal class Multicall3 {\n\tpublic function __construct( private RpcClient \$rpc ) {}\n}",
			)
		);

		$this->assertSame(
			array(
				'includes/Chain/Multicall3.php:4: the pure core (SovereignPress\\Chain\\Multicall3) uses SovereignPress\\Chain\\RpcClient, which is outside the core.',
				'includes/Siwe/Verifier.php:4: the pure core (SovereignPress\\Siwe\\Verifier) imports SovereignPress\\Chain\\RpcClient, which is outside the core.',
			),
			$findings
		);
	}

	public function test_namespaces_that_import_each_other_are_a_cycle(): void {
		$findings = $this->check(
			array(
				'includes/Admin/Settings.php' => "namespace SovereignPress\\Admin;\nuse SovereignPress\\Gating\\Rule;\nfinal class Settings { public function check( array \$r ): bool { return Rule::ok( \$r ); } }",
				'includes/Gating/Rule.php'    => "namespace SovereignPress\\Gating;\nfinal class Rule { public static function ok( array \$r ): bool { return \\SovereignPress\\Admin\\Settings::class !== ''; } }",
				'includes/Rest/Api.php'       => "namespace SovereignPress\\Rest;\nuse SovereignPress\\Gating\\Rule;\nfinal class Api {}",
			)
		);

		$this->assertCount( 1, $findings );
		$this->assertStringContainsString( 'Namespaces Admin, Gating depend on each other in a cycle', $findings[0] );
		$this->assertStringContainsString( 'Admin -> Gating at includes/Admin/Settings.php:3', $findings[0] );
		$this->assertStringContainsString( 'Gating -> Admin at includes/Gating/Rule.php:3', $findings[0] );
		$this->assertStringNotContainsString( 'Rest', $findings[0] );
	}

	public function test_a_longer_cycle_through_the_root_is_found(): void {
		$findings = $this->check(
			array(
				'includes/Plugin.php'         => "namespace SovereignPress;\nuse SovereignPress\\Chain\\Client;\nfinal class Plugin { const VERSION = '1'; public function __construct( private Client \$c ) {} }",
				'includes/Chain/Client.php'   => "namespace SovereignPress\\Chain;\nfinal class Client { public function agent(): string { return \\SovereignPress\\Plugin::VERSION; } }",
			)
		);

		$this->assertCount( 1, $findings );
		$this->assertStringContainsString( 'Chain -> SovereignPress at includes/Chain/Client.php:3', $findings[0] );
	}

	public function test_a_template_that_reaches_for_the_plugin_is_named(): void {
		$findings = $this->check( array( 'blocks/gated/render.php' => "\n\$x = \\SovereignPress\\Plugin::instance()->guard();" ) );

		$this->assertSame( array( 'blocks/gated/render.php:3: a block template reaches for SovereignPress\\Plugin; give the block a small entry point to the services it renders with.' ), $findings );
	}

	public function test_a_template_reaching_the_plugin_another_way_is_named(): void {
		$findings = $this->check(
			array(
				'blocks/a/render.php' => "\nuse SovereignPress\\Plugin as P;\n\$x = P::instance();",
				'blocks/b/render.php' => "\n\$x = \\SovereignPress\\Plugin::boot( '' );",
				'blocks/c/render.php' => "\n\$c = '\\\\SovereignPress\\\\Plugin';\n\$x = \$c::instance();",
			)
		);

		$this->assertCount( 4, $findings, implode( "\n", $findings ) );
		$this->assertStringStartsWith( 'blocks/a/render.php:3:', $findings[0] );
		$this->assertStringStartsWith( 'blocks/a/render.php:4:', $findings[1] );
		$this->assertStringStartsWith( 'blocks/b/render.php:3:', $findings[2] );
		$this->assertStringStartsWith( 'blocks/c/render.php:3:', $findings[3] );
	}

	public function test_the_core_reaching_wordpress_through_a_string_or_a_global_is_named(): void {
		$findings = $this->check(
			array(
				'includes/Siwe/Options.php' => "namespace SovereignPress\\Siwe;\nfinal class Options {\n\tpublic function get(): mixed {\n\t\treturn \\call_user_func( 'get_option', 'x' ) . call_user_func( 'strtoupper', 'y' );\n\t}\n}",
				'includes/Crypto/Db.php'    => "namespace SovereignPress\\Crypto;\nfinal class Db {\n\tpublic function q(): mixed {\n\t\tglobal \$wpdb;\n\t\treturn \$GLOBALS['wpdb'] ?? \$wpdb;\n\t}\n}",
			)
		);

		$this->assertCount( 3, $findings, implode( "\n", $findings ) );
		$this->assertStringStartsWith( 'includes/Crypto/Db.php:5:', $findings[0] );
		$this->assertStringStartsWith( 'includes/Crypto/Db.php:6:', $findings[1] );
		$this->assertStringStartsWith( 'includes/Siwe/Options.php:5:', $findings[2] );
		$this->assertStringContainsString( 'get_option()', $findings[2] );
	}

	public function test_group_and_namespace_imports_give_the_real_edges(): void {
		$findings = $this->check(
			array(
				'includes/Gating/Holdings.php' => "namespace SovereignPress\\Gating;\nuse SovereignPress\\Storage\\{Cache, Installer as I};\nfinal class Holdings { public function __construct( private Cache \$c ) {} }",
				'includes/Gating/Panel.php'    => "namespace SovereignPress\\Gating;\nuse SovereignPress\\Auth as A;\nfinal class Panel { public function __construct( private A\\Wallets \$w ) {} }",
				'includes/Storage/Cache.php'   => "namespace SovereignPress\\Storage;\nfinal class Cache {}",
				'includes/Storage/Installer.php' => "namespace SovereignPress\\Storage;\nfinal class Installer {}",
				'includes/Auth/Wallets.php'    => "namespace SovereignPress\\Auth;\nuse SovereignPress\\Storage\\Installer;\nfinal class Wallets { public function __construct( private Installer \$i ) {} }",
				'includes/Storage/Back.php'    => "namespace SovereignPress\\Storage;\nuse SovereignPress\\Gating\\{Holdings};\nfinal class Back { public function __construct( private Holdings \$h ) {} }",
			)
		);

		$this->assertCount( 1, $findings, implode( "\n", $findings ) );
		$this->assertStringContainsString( 'Namespaces Auth, Gating, Storage depend on each other in a cycle', $findings[0] );
		$this->assertStringContainsString( 'Gating -> Auth at includes/Gating/Panel.php:4 (SovereignPress\\Auth\\Wallets)', $findings[0] );
		$this->assertStringContainsString( 'Gating -> Storage at includes/Gating/Holdings.php:3 (SovereignPress\\Storage\\Cache)', $findings[0] );
		$this->assertStringNotContainsString( 'SovereignPress ->', $findings[0] );
	}

	public function test_a_template_that_asks_its_block_entry_point_is_fine(): void {
		$this->assertSame( array(), $this->check( array( 'blocks/login/render.php' => "\n\$block = \\SovereignPress\\Auth\\WalletLoginBlock::instance();\n\$block->first_wallet( 1 );" ) ) );
	}
}
