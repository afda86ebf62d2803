<?php
/**
 * The vote area of a rendered proposal: who may vote here, and how.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

use SovereignPress\Assets\BuildAssets;
use SovereignPress\Auth\WalletAccounts;
use SovereignPress\Auth\WalletDialog;
use SovereignPress\Auth\WalletLoginBlock;
use SovereignPress\Chain\Networks;
use SovereignPress\Gating\Amount;

/**
 * ProposalView prints what render() returns inside a proposal's HTML. It reads in full without
 * JavaScript: the control is a hidden button that build/governance/vote.js shows and wires, and
 * the voting code (build/vote.js) loads only when a member clicks it, and WalletConnect's
 * (build/walletconnect.js) only when they pick it. The container carries only public data (the
 * proposal's reference, type, choice labels, the network's explorer, and WalletConnect's
 * configuration as the wallet dialog gets it).
 *
 * @since 0.2.0
 */
final class VoteControl {

	/** The view script's built entry, and what it loads itself: the voting chunk and AppKit. */
	public const SCRIPT = 'governance/vote';

	private const LAZY_ENTRIES = array( 'vote', 'walletconnect' );

	private static ?self $instance = null;

	/** Set while the editor's preview renders (see previewing()). */
	private static bool $previewing = false;

	public function __construct(
		private WalletAccounts $accounts,
		private Networks $networks,
		private BuildAssets $assets,
		private WalletDialog $dialog
	) {}

	/**
	 * Makes $control the one render() uses (the plugin does at boot; a test may too).
	 *
	 * @since 0.2.0
	 */
	public static function provide( self $control ): void {
		self::$instance = $control;
	}

	/**
	 * Runs $render as the editor's preview: there the vote area of an open proposal says where
	 * members vote instead of showing the person editing their own control (a Vote button, or
	 * "link a wallet"). What every reader sees (voting opens, has ended, is private) stays. The
	 * page itself is unchanged.
	 *
	 * @since 0.2.0
	 *
	 * @template T
	 * @param \Closure(): T $render Renders the preview.
	 * @return T
	 */
	public static function previewing( \Closure $render ): mixed {
		$was              = self::$previewing;
		self::$previewing = true;
		try {
			return $render();
		} finally {
			self::$previewing = $was;
		}
	}

	/**
	 * The vote area of a proposal for the current reader ('' when there is nothing to say).
	 *
	 * @since 0.2.0
	 *
	 * @throws \LogicException When the plugin has not booted.
	 */
	public static function render( Proposal $proposal ): string {
		if ( null === self::$instance ) {
			throw new \LogicException( 'A proposal was rendered before Sovereign Press booted.' );
		}
		return self::$instance->html( $proposal, get_current_user_id(), self::$previewing );
	}

	/**
	 * @param int  $user_id The reader; 0 for a visitor.
	 * @param bool $preview For the editor's preview (see previewing()).
	 */
	public function html( Proposal $proposal, int $user_id, bool $preview = false ): string {
		if ( 'active' !== $proposal->state ) {
			return $this->closed_note( $proposal );
		}
		if ( $proposal->private ) {
			return $this->wrap(
				'is-private',
				esc_html__( 'This proposal is private: votes stay encrypted until voting ends, and this site cannot cast them.', 'sovereign-press' )
				. ( '' !== $proposal->link
					? ' <a href="' . esc_url( $proposal->link ) . '">' . esc_html__( 'Vote on Snapshot', 'sovereign-press' ) . '</a>'
					: '' )
			);
		}
		if ( $preview ) {
			return $this->wrap( 'is-preview', esc_html__( 'Members vote here on the published page.', 'sovereign-press' ) );
		}
		if ( 0 === $user_id ) {
			return $this->visitor();
		}
		if ( array() === $this->accounts->wallets( $user_id ) ) {
			return $this->wrap(
				'needs-wallet',
				esc_html__( 'Voting needs a wallet linked to your account.', 'sovereign-press' )
				. ' <a href="' . esc_url( get_edit_profile_url( $user_id ) . '#sovereign-press-wallets' ) . '">' . esc_html__( 'Link a wallet', 'sovereign-press' ) . '</a>'
			);
		}
		return $this->member( $proposal );
	}

	/**
	 * "Voting opens …" before the start, "Voting has ended." after the end.
	 */
	private function closed_note( Proposal $proposal ): string {
		if ( 'pending' === $proposal->state ) {
			if ( null === $proposal->start ) {
				return $this->wrap( 'is-pending', esc_html__( 'Voting has not opened yet.', 'sovereign-press' ) );
			}
			if ( $proposal->start_estimated && $proposal->start <= time() && ctype_digit( $proposal->snapshot ) ) {
				// The estimated time has passed, the block has not been mined yet.
				return $this->wrap(
					'is-pending',
					/* translators: %s: a block number. */
					esc_html( sprintf( __( 'Voting opens at block %s (any moment now).', 'sovereign-press' ), number_format_i18n( (float) Amount::add( $proposal->snapshot, '1' ) ) ) )
				);
			}
			$when = wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $proposal->start );
			return $this->wrap(
				'is-pending',
				sprintf(
					/* translators: %s: date and time. */
					esc_html__( 'Voting opens %s.', 'sovereign-press' ),
					'<time datetime="' . esc_attr( gmdate( 'c', $proposal->start ) ) . '">'
					. ( $proposal->start_estimated ? '<abbr title="' . esc_attr__( 'estimated', 'sovereign-press' ) . '">~</abbr>' : '' )
					. esc_html( (string) $when ) . '</time>'
				)
			);
		}
		return $this->wrap( 'is-ended', esc_html__( 'Voting has ended.', 'sovereign-press' ) );
	}

	/**
	 * The Wallet Login block itself, so the button, its script and its dialog work as everywhere.
	 */
	private function visitor(): string {
		$login = WalletLoginBlock::markup();
		return $this->wrap( 'is-visitor', esc_html__( 'Log in with your wallet to vote.', 'sovereign-press' ), $login );
	}

	private function member( Proposal $proposal ): string {
		$ref     = $proposal->ref;
		$network = null;
		foreach ( $this->networks->public_list() as $candidate ) {
			if ( ProposalRef::GOVERNOR === $ref->source && $candidate['chainId'] === $ref->chain_id ) {
				$network = $candidate;
			}
		}
		$data = array(
			'ref'         => $ref->to_array(),
			'type'        => $proposal->type,
			'choices'     => array_map( static fn( Choice $choice ): string => $choice->label, $proposal->choices ),
			'symbol'      => $proposal->symbol,
			'flavor'      => $proposal->flavor,
			'network'     => $network['name'] ?? '',
			'explorerUrl' => $network['explorerUrl'] ?? '',
		);
		if ( null !== $this->assets->enqueue_script( self::SCRIPT ) ) {
			$this->assets->add_lazy_translations( 'sovereign-press-' . str_replace( '/', '-', self::SCRIPT ), self::LAZY_ENTRIES );
		}
		$walletconnect = $this->dialog->walletconnect_attribute();
		return sprintf(
			'<div class="sovereign-press-vote is-member" data-proposal="%1$s" data-rest-root="%2$s" data-rest-nonce="%3$s"%4$s>'
				. '<button type="button" class="sovereign-press-vote__open wp-element-button" hidden>%5$s</button>'
				. '<noscript><p class="sovereign-press-vote__note">%6$s</p></noscript>'
				. '</div>',
			esc_attr( (string) wp_json_encode( $data ) ),
			esc_url( rest_url() ),
			esc_attr( wp_create_nonce( 'wp_rest' ) ),
			'' === $walletconnect ? '' : ' data-walletconnect="' . esc_attr( $walletconnect ) . '"',
			esc_html__( 'Vote', 'sovereign-press' ),
			esc_html__( 'Voting from this page needs JavaScript and a browser wallet.', 'sovereign-press' )
		);
	}

	/**
	 * @param string $modifier  is-… class of the container.
	 * @param string $note_html An escaped sentence.
	 * @param string $after     Escaped markup after it.
	 */
	private function wrap( string $modifier, string $note_html, string $after = '' ): string {
		return '<div class="sovereign-press-vote ' . esc_attr( $modifier ) . '"><p class="sovereign-press-vote__note">' . $note_html . '</p>' . $after . '</div>';
	}
}
