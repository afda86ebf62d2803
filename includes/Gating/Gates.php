<?php
/**
 * Where gates live (post meta, presets, Gated Content blocks) and what they decide for the reader
 * of the current request.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Chain\Networks;
use SovereignPress\Settings\Settings;

/**
 * A post's gate is the meta `_sovereign_press_gate`: {preset, rule, teaser}. A preset is resolved
 * when the post is read, so editing a preset changes every post that uses it. Decisions are made
 * once per request and rule; all the gates of a query, and every preset, are evaluated together
 * (prefetch), so a page of gated posts costs one read per chain.
 *
 * @phpstan-type Gate array{preset:string, rule:array<string, mixed>, teaser:string}
 *
 * @since 0.1.0
 */
final class Gates {

	public const META = '_sovereign_press_gate';

	/** Set on posts with a gate or a Gated Content block: what search and caching rules key on. */
	public const FLAG = '_sovereign_press_gated';

	public const BLOCK = 'sovereign-press/gated-content';

	public const TEASERS = array( 'excerpt', 'more', 'none' );

	/** Rule that nobody satisfies: a gate whose preset was deleted stays closed. */
	private const CLOSED = array(
		'type'       => 'any',
		'conditions' => array(),
	);

	/** @var array<string, string> Decisions of this request, by reader and rule. */
	private array $decisions = array();

	/** Whether this request's presets went along with a read already. */
	private bool $presets_read = false;

	public function __construct( private Settings $settings, private Networks $networks, private WalletAccounts $wallets ) {}

	/**
	 * JSON schema of the post meta.
	 *
	 * @since 0.1.0
	 *
	 * @return array<string, mixed>
	 */
	public static function meta_schema(): array {
		return array(
			'type'                 => 'object',
			'additionalProperties' => false,
			'properties'           => array(
				'preset' => array(
					'type'    => 'string',
					'pattern' => '^([a-z0-9][a-z0-9-]{0,39})?$',
				),
				'rule'   => Rule::schema(),
				'teaser' => array(
					'type' => 'string',
					'enum' => self::TEASERS,
				),
			),
		);
	}

	/**
	 * The post's gate, or null when the whole post is open.
	 *
	 * @since 0.1.0
	 *
	 * @return Gate|null
	 */
	public function post_gate( int $post_id ): ?array {
		return self::gate_of( get_post_meta( $post_id, self::META, true ) );
	}

	/**
	 * @param mixed $value Stored or submitted meta.
	 * @return Gate|null
	 */
	public static function gate_of( mixed $value ): ?array {
		if ( ! is_array( $value ) ) {
			return null;
		}
		$preset = is_string( $value['preset'] ?? null ) ? $value['preset'] : '';
		$rule   = is_array( $value['rule'] ?? null ) ? $value['rule'] : array();
		if ( '' === $preset && array() === $rule ) {
			return null;
		}
		return array(
			'preset' => $preset,
			'rule'   => $rule,
			'teaser' => in_array( $value['teaser'] ?? null, self::TEASERS, true ) ? $value['teaser'] : 'excerpt',
		);
	}

	/**
	 * A preset of the settings, or null.
	 *
	 * @since 0.1.0
	 *
	 * @return array{id:string, name:string, rule:array<string, mixed>}|null
	 */
	public function preset( string $id ): ?array {
		foreach ( $this->settings->gating()['presets'] as $preset ) {
			if ( $preset['id'] === $id ) {
				return $preset;
			}
		}
		return null;
	}

	/**
	 * The rule a gate (post meta or block attributes) applies: its preset's, or its own.
	 *
	 * @since 0.1.0
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>} $gate Gate.
	 * @return array<string, mixed>
	 */
	public function rule( array $gate ): array {
		$preset = (string) ( $gate['preset'] ?? '' );
		if ( '' !== $preset ) {
			return $this->preset( $preset )['rule'] ?? self::CLOSED;
		}
		$rule = (array) ( $gate['rule'] ?? array() );
		return array() === $rule ? self::CLOSED : $rule;
	}

	/**
	 * What the rule asks, as a sentence fragment ("1 Citizen NFT on Local chain").
	 *
	 * @since 0.1.0
	 *
	 * @param array<string, mixed> $rule Rule.
	 */
	public function summary( array $rule ): string {
		if ( self::CLOSED === $rule ) {
			return __( 'a rule that no longer exists (ask the site\'s editors)', 'sovereign-press' );
		}
		return Rule::summary(
			$rule,
			function ( int $chain_id ): string {
				/* translators: %d: chain id. */
				return $this->networks->find( $chain_id )['name'] ?? sprintf( __( 'chain %d', 'sovereign-press' ), $chain_id );
			}
		);
	}

	/**
	 * Whether the current reader may read what the rule protects.
	 *
	 * @since 0.1.0
	 *
	 * @param array<string, mixed> $rule Rule.
	 * @return string Evaluator::GRANTED, DENIED or UNAVAILABLE.
	 */
	public function decide( array $rule ): string {
		$key = self::key( $rule );
		if ( ! isset( $this->decisions[ $key ] ) ) {
			$this->prefetch( array( $rule ) );
		}
		return $this->decisions[ $key ];
	}

	/**
	 * Decides every rule not yet decided in this request, together: one read per chain.
	 *
	 * @since 0.1.0
	 *
	 * @param list<array<string, mixed>> $rules Rules.
	 */
	public function prefetch( array $rules ): void {
		$pending = array();
		foreach ( $rules as $rule ) {
			$key = self::key( $rule );
			if ( ! isset( $this->decisions[ $key ] ) ) {
				$pending[ $key ] = $rule;
			}
		}
		if ( array() === $pending ) {
			return;
		}
		// Gates found later in the page (a query loop, a widget) mostly use presets: decide them
		// along with the first read, so they cost no second request.
		if ( ! $this->presets_read ) {
			$this->presets_read = true;
			foreach ( $this->settings->gating()['presets'] as $preset ) {
				$pending[ self::key( $preset['rule'] ) ] ??= $preset['rule'];
			}
		}
		$wallets  = $this->reader_wallets();
		$outcomes = $this->evaluator()->evaluate_many( array_values( $pending ), $wallets );
		foreach ( array_keys( $pending ) as $index => $key ) {
			/**
			 * Filters whether the current reader passes a gate (granted, denied or unavailable),
			 * for rules beyond holdings: staff roles, a paid subscription, an outage override.
			 *
			 * @since 0.1.0
			 *
			 * @param string               $decision Evaluator::GRANTED, DENIED or UNAVAILABLE.
			 * @param array<string, mixed> $rule     The rule.
			 * @param int                  $user_id  The reader (0 when logged out).
			 * @param list<string>         $wallets  The reader's linked wallets.
			 */
			$decision                = apply_filters( 'sovereign_press_gate_decision', $outcomes[ $index ], $pending[ $key ], get_current_user_id(), $wallets );
			$this->decisions[ $key ] = in_array( $decision, array( Evaluator::GRANTED, Evaluator::DENIED, Evaluator::UNAVAILABLE ), true ) ? $decision : Evaluator::DENIED;
		}
	}

	/**
	 * Every rule a post applies: its own gate and those of its Gated Content blocks.
	 *
	 * @since 0.1.0
	 *
	 * @return list<array<string, mixed>>
	 */
	public function rules_in( \WP_Post $post ): array {
		$rules = array();
		$gate  = $this->post_gate( $post->ID );
		if ( null !== $gate ) {
			$rules[] = $this->rule( $gate );
		}
		if ( has_block( self::BLOCK, $post ) ) {
			foreach ( self::sections( parse_blocks( $post->post_content ) ) as $attributes ) {
				$rules[] = $this->rule( $attributes );
			}
		}
		return $rules;
	}

	/**
	 * Attributes of every Gated Content block among parsed blocks, nested ones included.
	 *
	 * @since 0.1.0
	 *
	 * @param array<array<string, mixed>> $blocks Parsed blocks.
	 * @return list<array<string, mixed>>
	 */
	public static function sections( array $blocks ): array {
		$found = array();
		foreach ( $blocks as $block ) {
			if ( self::BLOCK === $block['blockName'] ) {
				$found[] = (array) $block['attrs'];
			}
			array_push( $found, ...self::sections( (array) $block['innerBlocks'] ) );
		}
		return $found;
	}

	/**
	 * The current reader's linked wallets (none when logged out).
	 *
	 * @since 0.1.0
	 *
	 * @return list<string>
	 */
	public function reader_wallets(): array {
		$user_id = get_current_user_id();
		return 0 === $user_id ? array() : array_column( $this->wallets->wallets( $user_id ), 'address' );
	}

	/**
	 * Forgets this request's decisions (after the reader changes, for instance).
	 */
	public function reset(): void {
		$this->decisions    = array();
		$this->presets_read = false;
	}

	private function evaluator(): Evaluator {
		$gating = $this->settings->gating();
		return new Evaluator( $this->networks, new HoldingsCache( $gating['cacheTtl'] ), $gating['budgetMs'] / 1000 );
	}

	/**
	 * @param array<string, mixed> $rule Rule.
	 */
	private static function key( array $rule ): string {
		return get_current_user_id() . ':' . md5( (string) wp_json_encode( $rule ) );
	}
}
