<?php
/**
 * What gates decide for the reader of the current request.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Gating;

use SovereignPress\Auth\WalletAccounts;

/**
 * Decisions are made once per request, reader and rule; all the gates of a query, and every
 * preset, are evaluated together (prefetch), so a page of gated posts costs one read per chain.
 *
 * @since 0.1.0
 */
final class Decisions {

	/** @var array<string, string> Decisions of this request, by reader and rule. */
	private array $decisions = array();

	/** Whether this request's presets went along with a read already. */
	private bool $presets_read = false;

	/**
	 * @param Gates                 $gates     The presets, decided along with the first read.
	 * @param \Closure(): Evaluator $evaluator The evaluator, built by the composition root when a
	 *                                         rule is first decided (with the cache lifetime and
	 *                                         time budget the settings hold then).
	 * @param WalletAccounts        $wallets   Where the reader's linked wallets are.
	 */
	public function __construct( private Gates $gates, private \Closure $evaluator, private WalletAccounts $wallets ) {}

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
			foreach ( $this->gates->presets() as $preset ) {
				$pending[ self::key( $preset['rule'] ) ] ??= $preset['rule'];
			}
		}
		$wallets  = $this->reader_wallets();
		$outcomes = ( $this->evaluator )()->evaluate_many( array_values( $pending ), $wallets );
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
	 *
	 * @since 0.1.0
	 */
	public function reset(): void {
		$this->decisions    = array();
		$this->presets_read = false;
	}

	/**
	 * @param array<string, mixed> $rule Rule.
	 */
	private static function key( array $rule ): string {
		return get_current_user_id() . ':' . md5( (string) wp_json_encode( $rule ) );
	}
}
