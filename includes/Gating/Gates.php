<?php
/**
 * Where gates live (post meta, presets, Gated Content blocks) and what they ask.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Chain\Networks;
use SovereignPress\Settings\Settings;

/**
 * A post's gate is the meta `_sovereign_press_gate`: {preset, rule, teaser}. A preset is resolved
 * when the post is read, so editing a preset changes every post that uses it. Whether the reader
 * passes a rule is for Decisions.
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

	/**
	 * Whether each rule read back so far is sound, by a hash of the rule.
	 *
	 * @var array<string, bool>
	 */
	private array $sound = array();

	public function __construct( private Settings $settings, private Networks $networks ) {}

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
	 * The presets of the settings: named rules editors pick.
	 *
	 * @since 0.1.0
	 *
	 * @return list<array{id:string, name:string, rule:array<string, mixed>}>
	 */
	public function presets(): array {
		return $this->settings->gating()['presets'];
	}

	/**
	 * A preset of the settings, or null.
	 *
	 * @since 0.1.0
	 *
	 * @return array{id:string, name:string, rule:array<string, mixed>}|null
	 */
	public function preset( string $id ): ?array {
		foreach ( $this->presets() as $preset ) {
			if ( $preset['id'] === $id ) {
				return $preset;
			}
		}
		return null;
	}

	/**
	 * The rule a gate (post meta or block attributes) applies: its preset's, or its own. A gate
	 * is read back from content that may not have passed the editor's checks (typed by hand,
	 * imported, written to the database): a preset that is not a string, or a rule that is not
	 * sound (Rule::problem(), with whatever networks it names), is a closed gate.
	 *
	 * @since 0.1.0
	 *
	 * @param array{preset?:string, rule?:array<string, mixed>} $gate Gate.
	 * @return array<string, mixed>
	 */
	public function rule( array $gate ): array {
		$preset = $gate['preset'] ?? '';
		if ( ! is_string( $preset ) ) {
			return self::CLOSED;
		}
		if ( '' !== $preset ) {
			return $this->preset( $preset )['rule'] ?? self::CLOSED;
		}
		$rule = $gate['rule'] ?? array();
		if ( ! is_array( $rule ) || array() === $rule ) {
			return self::CLOSED;
		}
		$json = wp_json_encode( $rule );
		if ( false === $json ) {
			return self::CLOSED; // Not even JSON: no editor saved this.
		}
		$key                 = md5( $json );
		$this->sound[ $key ] ??= null === Rule::problem( $rule, null );
		return $this->sound[ $key ] ? $rule : self::CLOSED;
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
}
