<?php
/**
 * Reads the plugin's PHP with PHP's own tokenizer and reports where the code breaks the shape
 * README's "Architecture" section describes:
 * - the pure core calls a function or names a class that PHP itself does not provide, or imports
 *   a plugin class outside the core;
 * - top-level namespaces under SovereignPress\ depend on each other in a cycle;
 * - a block template (blocks/…/render.php) reaches for Plugin::instance().
 *
 * Each finding names the file and line. One file of some 470 lines on purpose: it is a single
 * tool over one token stream (imports, references, calls, templates), loaded by a script and a
 * test without an autoloader; split up, its parts would only make sense together. Used by scripts/check-architecture.php (npm run lint) and
 * tested on small trees of its own in tests/php/unit/ArchitectureCheckTest.php.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Tooling;

/**
 * The import graph of a plugin tree and the rules it must keep.
 */
final class ArchitectureCheck {

	private const ROOT_NAMESPACE = 'SovereignPress';

	/**
	 * Classes of the pure core: namespace prefixes (ending in a backslash) and single classes.
	 * They may use PHP and each other, nothing else.
	 */
	public const CORE = array(
		'SovereignPress\\Census\\MerkleTree',
		'SovereignPress\\Crypto\\',
		'SovereignPress\\Siwe\\',
		'SovereignPress\\Chain\\Exception\\',
		'SovereignPress\\Chain\\Abi',
		'SovereignPress\\Chain\\Ens',
		'SovereignPress\\Chain\\Hex',
		'SovereignPress\\Chain\\JsonRpc',
		'SovereignPress\\Chain\\Multicall3',
		'SovereignPress\\Chain\\Transport',
		'SovereignPress\\Chain\\TransportFactory',
		'SovereignPress\\Governance\\Ballot',
		'SovereignPress\\Governance\\Choice',
		'SovereignPress\\Governance\\Listing',
		'SovereignPress\\Governance\\Proposal',
		'SovereignPress\\Governance\\ProposalRef',
		'SovereignPress\\Governance\\Source',
		'SovereignPress\\Governance\\SourceError',
	);

	/**
	 * Functions of optional extensions the core uses behind extension_loaded() checks; allowed
	 * even when this PHP lacks the extension.
	 */
	private const OPTIONAL_EXTENSION_PREFIXES = array( 'gmp_', 'bcadd', 'bcsub', 'bcmul', 'bcdiv', 'bcmod', 'bcpow', 'bcpowmod', 'bccomp', 'bcsqrt', 'bcscale' );

	/**
	 * PHP functions whose first argument may name a function as a string ('get_option'), which
	 * the core may then call without writing its name as a call.
	 */
	private const CALLABLE_TAKERS = array( 'call_user_func', 'call_user_func_array', 'array_map', 'is_callable', 'forward_static_call', 'forward_static_call_array' );

	/** @var list<string> */
	private array $findings = array();

	/**
	 * What the core reached for, reported once per class and name.
	 *
	 * @var array<string, true>
	 */
	private array $reported = array();

	/**
	 * Edges between top-level namespaces, with the first place each was seen.
	 *
	 * @var array<string, array<string, string>>
	 */
	private array $edges = array();

	/**
	 * @param string $root Folder holding includes/ and blocks/.
	 */
	public function __construct( private string $root ) {
	}

	/**
	 * Runs every rule over the tree.
	 *
	 * @return list<string> One line per finding ("path:line: what is wrong"); empty when clean.
	 */
	public function run(): array {
		$this->findings = array();
		$this->edges    = array();
		$this->reported = array();
		foreach ( $this->php_files( $this->root . '/includes' ) as $file ) {
			$this->check_class_file( $file );
		}
		$this->check_cycles();
		foreach ( glob( $this->root . '/blocks/*/render.php' ) ?: array() as $template ) {
			$this->check_template( $template );
		}
		return $this->findings;
	}

	/**
	 * @return list<string>
	 */
	private function php_files( string $dir ): array {
		if ( ! is_dir( $dir ) ) {
			return array();
		}
		$files    = array();
		$iterator = new \RecursiveIteratorIterator( new \RecursiveDirectoryIterator( $dir, \FilesystemIterator::SKIP_DOTS ) );
		foreach ( $iterator as $entry ) {
			if ( $entry->isFile() && 'php' === $entry->getExtension() ) {
				$files[] = $entry->getPathname();
			}
		}
		sort( $files );
		return $files;
	}

	private function relative( string $file ): string {
		return ltrim( substr( $file, strlen( $this->root ) ), '/' );
	}

	private function check_class_file( string $file ): void {
		$tokens    = $this->significant_tokens( (string) file_get_contents( $file ) );
		$namespace = '';
		$imports   = array();
		$place     = $this->relative( $file );
		$class     = $this->declared_class( $tokens );
		$count     = count( $tokens );
		$depth     = 0;

		for ( $i = 0; $i < $count; $i++ ) {
			$token = $tokens[ $i ];
			if ( '{' === $token[1] || T_CURLY_OPEN === $token[0] || T_DOLLAR_OPEN_CURLY_BRACES === $token[0] ) {
				++$depth;
			} elseif ( '}' === $token[1] ) {
				--$depth;
			}
			if ( T_NAMESPACE === $token[0] && isset( $tokens[ $i + 1 ] ) && in_array( $tokens[ $i + 1 ][0], array( T_STRING, T_NAME_QUALIFIED ), true ) ) {
				$namespace = $tokens[ $i + 1 ][1];
				continue;
			}
			// Imports at file level: "use A\B;", "use A\B as C;", "use function a\b;".
			if ( T_USE === $token[0] && 0 === $depth ) {
				$i = $this->read_import( $tokens, $i, $namespace, $class, $place, $imports );
				continue;
			}
			if ( $this->is_core( $class ) && ( T_GLOBAL === $token[0] || ( T_VARIABLE === $token[0] && '$GLOBALS' === $token[1] ) ) ) {
				$this->findings[] = "{$place}:{$token[2]}: the pure core ({$class}) reads a global ({$token[1]}), such as WordPress's \$wpdb.";
				continue;
			}
			$this->check_token( $tokens, $i, $namespace, $imports, $class, $place );
		}
	}

	/**
	 * A file-level import: "use A\B;", "use A\B as C;", "use function a\b;" or a group
	 * "use A\{B, C as D};". Records each imported class's alias and its reference; an import of a
	 * namespace alone (used later as Alias\Class) only records the alias.
	 *
	 * @param list<array{0:int|string, 1:string, 2:int}> $tokens
	 * @param array<string, string>                      $imports Alias (lowercase) to name; added to.
	 * @return int The index of the statement's semicolon.
	 */
	private function read_import( array $tokens, int $i, string $namespace, string $class, string $place, array &$imports ): int {
		$where = $place . ':' . $tokens[ $i ][2];
		$kind  = 'class';
		$j     = $i + 1;
		if ( isset( $tokens[ $j ] ) && in_array( $tokens[ $j ][0], array( T_FUNCTION, T_CONST ), true ) ) {
			$kind = T_FUNCTION === $tokens[ $j ][0] ? 'function' : 'const';
			++$j;
		}
		$prefix = '';
		$names  = array();
		$name   = '';
		for ( $count = count( $tokens ); $j < $count && ';' !== $tokens[ $j ][1]; $j++ ) {
			$text = $tokens[ $j ][1];
			if ( '{' === $text ) {
				$prefix = rtrim( ltrim( $name, '\\' ), '\\' ) . '\\';
				$name   = '';
			} elseif ( ',' === $text || '}' === $text ) {
				$names[] = $name;
				$name    = '';
			} elseif ( T_AS === $tokens[ $j ][0] ) {
				$name .= ' as ';
			} else {
				$name .= $text;
			}
		}
		$names[] = $name;
		foreach ( array_filter( array_map( 'trim', $names ) ) as $entry ) {
			$parts = explode( ' as ', $entry );
			$full  = $prefix . ltrim( $parts[0], '\\' );
			$alias = $parts[1] ?? substr( $full, (int) strrpos( '\\' . $full, '\\' ) );
			if ( 'class' === $kind ) {
				$imports[ strtolower( $alias ) ] = $full;
				$in_plugin = str_starts_with( $full, self::ROOT_NAMESPACE . '\\' );
				if ( $in_plugin && ! $this->is_plugin_class( $full ) ) {
					continue; // A namespace: its classes count where they are used.
				}
			}
			$this->reference( $namespace, $class, $full, $kind, $where, 'imports' );
		}
		return $j;
	}

	/**
	 * The fully qualified name of the class, interface, trait or enum a file declares ('' when none).
	 *
	 * @param list<array{0:int|string, 1:string, 2:int}> $tokens
	 */
	private function declared_class( array $tokens ): string {
		$namespace = '';
		foreach ( $tokens as $i => $token ) {
			if ( T_NAMESPACE === $token[0] ) {
				$namespace = $tokens[ $i + 1 ][1] ?? '';
			}
			if ( in_array( $token[0], array( T_CLASS, T_INTERFACE, T_TRAIT, T_ENUM ), true ) && T_STRING === ( $tokens[ $i + 1 ][0] ?? null ) ) {
				return $namespace . '\\' . $tokens[ $i + 1 ][1];
			}
		}
		return $namespace . '\\_';
	}

	/**
	 * One token of a class file: a name it refers to, or a function it calls.
	 *
	 * @param list<array{0:int|string, 1:string, 2:int}> $tokens
	 * @param array<string, string>                      $imports Alias (lowercase) to class name.
	 */
	private function check_token( array $tokens, int $i, string $namespace, array $imports, string $class, string $place ): void {
		$token    = $tokens[ $i ];
		$previous = $tokens[ $i - 1 ][0] ?? null;
		$next     = $tokens[ $i + 1 ][1] ?? '';
		$where    = $place . ':' . $token[2];

		if ( in_array( $previous, array( T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_CONST, T_NAMESPACE, T_GOTO ), true ) ) {
			return;
		}
		$is_call = '(' === $next && T_NEW !== $previous;

		if ( T_NAME_FULLY_QUALIFIED === $token[0] ) {
			$name = ltrim( $token[1], '\\' );
			$this->reference( $namespace, $class, $name, $is_call ? 'function' : 'class', $where, 'uses' );
			return;
		}
		if ( T_NAME_QUALIFIED === $token[0] ) {
			$first = strtolower( strstr( $token[1], '\\', true ) );
			$name  = isset( $imports[ $first ] )
				? $imports[ $first ] . substr( $token[1], strlen( $first ) )
				: $namespace . '\\' . $token[1];
			$this->reference( $namespace, $class, $name, $is_call ? 'function' : 'class', $where, 'uses' );
			return;
		}
		if ( T_CONSTANT_ENCAPSED_STRING === $token[0] && '(' === ( $tokens[ $i - 1 ][1] ?? '' )
			&& in_array( strtolower( ltrim( $tokens[ $i - 2 ][1] ?? '', '\\' ) ), self::CALLABLE_TAKERS, true )
			&& preg_match( '/^[\'"]\\\\?([A-Za-z_][A-Za-z0-9_]*)[\'"]$/', $token[1], $callable ) ) {
			$this->reference( $namespace, $class, $callable[1], 'function', $where, 'calls' );
			return;
		}
		if ( T_STRING !== $token[0] ) {
			return;
		}
		if ( $is_call ) {
			// An unqualified call resolves to the namespace's function, else the global one.
			$this->reference( $namespace, $class, $token[1], 'function', $where, 'calls' );
			return;
		}
		// A bare name in any other place (type, new, instanceof, Name::…) that is a class of the
		// plugin: imported, or in the file's own namespace.
		$name = $imports[ strtolower( $token[1] ) ] ?? $namespace . '\\' . $token[1];
		if ( $this->is_plugin_class( $name ) ) {
			$this->reference( $namespace, $class, $name, 'class', $where, 'uses' );
		}
	}

	private function is_plugin_class( string $name ): bool {
		$prefix = self::ROOT_NAMESPACE . '\\';
		return str_starts_with( $name, $prefix )
			&& is_file( $this->root . '/includes/' . str_replace( '\\', '/', substr( $name, strlen( $prefix ) ) ) . '.php' );
	}

	/**
	 * Records one reference: an edge between top-level namespaces, and a finding when the core
	 * reaches outside itself.
	 *
	 * @param string $kind 'class', 'function' or 'const'.
	 * @param string $verb How the finding words it ('imports', 'uses', 'calls').
	 */
	private function reference( string $namespace, string $from_class, string $name, string $kind, string $where, string $verb ): void {
		$in_plugin = str_starts_with( $name . '\\', self::ROOT_NAMESPACE . '\\' );
		if ( $in_plugin && 'class' === $kind ) {
			$from = $this->top_level( $from_class );
			$to   = $this->top_level( $name );
			if ( $from !== $to && ! isset( $this->edges[ $from ][ $to ] ) ) {
				$this->edges[ $from ][ $to ] = $where . ' (' . $name . ')';
			}
		}
		if ( ! $this->is_core( $from_class ) || isset( $this->reported[ $from_class . '|' . $name ] ) ) {
			return;
		}
		$this->reported[ $from_class . '|' . $name ] = true;
		if ( $in_plugin ) {
			if ( 'class' === $kind && ! $this->is_core( $name ) ) {
				$this->findings[] = "{$where}: the pure core ({$from_class}) {$verb} {$name}, which is outside the core.";
			}
			return;
		}
		if ( 'function' === $kind ) {
			$local = $namespace . '\\' . $name;
			if ( function_exists( $local ) || $this->is_php_function( $name ) ) {
				return;
			}
			$this->findings[] = "{$where}: the pure core ({$from_class}) {$verb} {$name}(), which PHP does not provide (a WordPress or other outside function).";
			return;
		}
		if ( 'class' === $kind && ! $this->is_php_class( $name ) ) {
			$this->findings[] = "{$where}: the pure core ({$from_class}) {$verb} {$name}, a class PHP does not provide.";
		}
	}

	private function is_php_function( string $name ): bool {
		$name = ltrim( $name, '\\' );
		if ( function_exists( $name ) ) {
			return ( new \ReflectionFunction( $name ) )->isInternal();
		}
		foreach ( self::OPTIONAL_EXTENSION_PREFIXES as $prefix ) {
			if ( str_starts_with( strtolower( $name ), $prefix ) ) {
				return true;
			}
		}
		return false;
	}

	private function is_php_class( string $name ): bool {
		$name = ltrim( $name, '\\' );
		foreach ( array( 'class_exists', 'interface_exists', 'enum_exists' ) as $exists ) {
			if ( $exists( $name, false ) ) {
				return ( new \ReflectionClass( $name ) )->isInternal();
			}
		}
		return false;
	}

	private function is_core( string $class ): bool {
		foreach ( self::CORE as $entry ) {
			if ( str_ends_with( $entry, '\\' ) ? str_starts_with( $class, $entry ) : $class === $entry ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * "Chain" for SovereignPress\Chain\Abi, "SovereignPress" for SovereignPress\Plugin.
	 */
	private function top_level( string $class ): string {
		$parts = explode( '\\', ltrim( $class, '\\' ) );
		return count( $parts ) > 2 ? $parts[1] : self::ROOT_NAMESPACE;
	}

	/**
	 * Reports every cycle between top-level namespaces (strongly connected groups), naming one
	 * place for each edge in it.
	 */
	private function check_cycles(): void {
		$nodes = array_unique( array_merge( array_keys( $this->edges ), ...array_map( 'array_keys', array_values( $this->edges ) ) ?: array( array() ) ) );
		sort( $nodes );
		foreach ( $this->strongly_connected( $nodes ) as $group ) {
			if ( count( $group ) < 2 ) {
				continue;
			}
			sort( $group );
			$lines = array();
			foreach ( $group as $from ) {
				foreach ( $group as $to ) {
					if ( isset( $this->edges[ $from ][ $to ] ) ) {
						$lines[] = "  {$from} -> {$to} at " . $this->edges[ $from ][ $to ];
					}
				}
			}
			$this->findings[] = 'Namespaces ' . implode( ', ', $group ) . " depend on each other in a cycle:\n" . implode( "\n", $lines );
		}
	}

	/**
	 * Tarjan's strongly connected components.
	 *
	 * @param list<string> $nodes
	 * @return list<list<string>>
	 */
	private function strongly_connected( array $nodes ): array {
		$index  = 0;
		$stack  = array();
		$on     = array();
		$order  = array();
		$low    = array();
		$groups = array();
		$visit  = function ( string $node ) use ( &$visit, &$index, &$stack, &$on, &$order, &$low, &$groups ): void {
			$order[ $node ] = $index;
			$low[ $node ]   = $index;
			++$index;
			$stack[]       = $node;
			$on[ $node ]   = true;
			foreach ( array_keys( $this->edges[ $node ] ?? array() ) as $next ) {
				if ( ! isset( $order[ $next ] ) ) {
					$visit( $next );
					$low[ $node ] = min( $low[ $node ], $low[ $next ] );
				} elseif ( ! empty( $on[ $next ] ) ) {
					$low[ $node ] = min( $low[ $node ], $order[ $next ] );
				}
			}
			if ( $low[ $node ] === $order[ $node ] ) {
				$group = array();
				do {
					$member        = array_pop( $stack );
					$on[ $member ] = false;
					$group[]       = $member;
				} while ( $member !== $node );
				$groups[] = $group;
			}
		};
		foreach ( $nodes as $node ) {
			if ( ! isset( $order[ $node ] ) ) {
				$visit( $node );
			}
		}
		return $groups;
	}

	/**
	 * A block template gets its services from its block's small entry point, not the plugin.
	 */
	private function check_template( string $file ): void {
		$tokens  = $this->significant_tokens( (string) file_get_contents( $file ) );
		$plugin  = strtolower( self::ROOT_NAMESPACE . '\\Plugin' );
		$aliases = array();
		$lines   = array();
		foreach ( $tokens as $i => $token ) {
			$name = strtolower( ltrim( $token[1], '\\' ) );
			if ( T_USE === $token[0] && $plugin === strtolower( ltrim( $tokens[ $i + 1 ][1] ?? '', '\\' ) ) ) {
				$aliases[] = T_AS === ( $tokens[ $i + 2 ][0] ?? null ) ? strtolower( $tokens[ $i + 3 ][1] ?? '' ) : 'plugin';
			}
			$refers = in_array( $token[0], array( T_NAME_FULLY_QUALIFIED, T_NAME_QUALIFIED ), true ) && $plugin === $name
				|| T_STRING === $token[0] && in_array( $name, $aliases, true )
				|| T_CONSTANT_ENCAPSED_STRING === $token[0] && str_contains( strtolower( stripslashes( $token[1] ) ), $plugin );
			if ( $refers ) {
				$lines[ $token[2] ] = true;
			}
		}
		foreach ( array_keys( $lines ) as $line ) {
			$this->findings[] = $this->relative( $file ) . ':' . $line . ': a block template reaches for SovereignPress\\Plugin; give the block a small entry point to the services it renders with.';
		}
	}

	/**
	 * Tokens without white space and comments, each as [id, text, line] (single characters get
	 * their own text as id).
	 *
	 * @return list<array{0:int|string, 1:string, 2:int}>
	 */
	private function significant_tokens( string $code ): array {
		$tokens = array();
		$line   = 1;
		foreach ( token_get_all( $code ) as $token ) {
			if ( is_array( $token ) ) {
				$line = $token[2];
				if ( in_array( $token[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT, T_OPEN_TAG, T_CLOSE_TAG, T_INLINE_HTML ), true ) ) {
					continue;
				}
				$tokens[] = array( $token[0], $token[1], $token[2] );
				continue;
			}
			$tokens[] = array( $token, $token, $line );
		}
		return $tokens;
	}
}
