<?php
/**
 * The DAO Proposal and DAO Proposals blocks on the server.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

namespace SovereignPress\Governance;

/**
 * What the blocks' render.php print, the editor's preview, and the page prefetch: before a
 * post's blocks render (the_content, ahead of do_blocks), every DAO Proposal block in it is
 * read at once, one fetch per source, so N blocks cost one request per hub or chain; then the
 * names of all their authors, in one ENS read.
 *
 * A DAO Proposals block's items link to the same page with ?sp_proposal={handle}
 * (ProposalView::handle()); a list that holds that proposal shows it in full instead of the list,
 * read like a DAO Proposal block (in the page's prefetch). A handle that none of its items has
 * changes nothing: the argument only picks among what the block lists, never names what to fetch.
 *
 * render.php reaches it through instance(), which the composition root provides at boot.
 *
 * @since 0.2.0
 */
final class ProposalBlocks {

	public const PROPOSAL = 'sovereign-press/proposal';
	public const LISTING  = 'sovereign-press/proposals';

	/** The query argument that opens a listed proposal on the list's page. */
	public const QUERY_ARG = 'sp_proposal';

	private static ?self $instance = null;

	public function __construct( private BlockInput $input, private Proposals $proposals, private ProposalView $view ) {}

	/**
	 * Makes this object the one render.php uses (the composition root calls it at boot).
	 *
	 * @since 0.2.0
	 */
	public static function provide( self $blocks ): void {
		self::$instance = $blocks;
	}

	/**
	 * The object render.php renders with.
	 *
	 * @since 0.2.0
	 *
	 * @throws \LogicException When the plugin has not provided it.
	 */
	public static function instance(): self {
		if ( null === self::$instance ) {
			throw new \LogicException( 'The DAO Proposal blocks have no services: Sovereign Press has not been booted (ProposalBlocks::provide() was not called).' );
		}
		return self::$instance;
	}

	/**
	 * What a DAO Proposal block's render.php prints inside its wrapper.
	 *
	 * @since 0.2.0
	 *
	 * @param array<string, mixed> $attributes Block attributes (hostile).
	 */
	public function render_proposal( array $attributes ): string {
		try {
			$found = $this->proposals->get( $this->input->proposal( $attributes ) );
		} catch ( SourceError $error ) {
			$found = $error;
		}
		return $found instanceof Proposal ? $this->view->proposal( $found ) : $this->view->placeholder( $found, self::editor() );
	}

	/**
	 * What a DAO Proposals block's render.php prints inside its wrapper.
	 *
	 * @since 0.2.0
	 *
	 * @param array<string, mixed> $attributes Block attributes (hostile).
	 */
	public function render_list( array $attributes ): string {
		try {
			$listing = $this->input->listing( $attributes );
		} catch ( SourceError $error ) {
			return $this->view->placeholder( $error, self::editor() );
		}
		$found = $this->proposals->list( $listing );
		if ( $found instanceof SourceError ) {
			return $this->view->placeholder( $found, self::editor() );
		}
		$anchor = ProposalView::list_anchor( $listing );
		$opened = self::opened( $found );
		if ( null !== $opened ) {
			// As a DAO Proposal block reads it (the list's own copy when that fails), in its styles.
			$full = $this->proposals->get( $opened->ref );
			wp_enqueue_style( generate_block_asset_handle( self::PROPOSAL, 'style' ) );
			return $this->view->opened( $full instanceof Proposal ? $full : $opened, self::page_url( '' ) . '#' . $anchor );
		}
		return $this->view->items( $found, static fn( Proposal $proposal ): string => self::page_url( ProposalView::handle( $proposal->ref ) ), $anchor );
	}

	/**
	 * The editor's preview: the same HTML as the page, or why there is none.
	 *
	 * @since 0.2.0
	 *
	 * @param string               $block      PROPOSAL or LIST.
	 * @param array<string, mixed> $attributes Block attributes (hostile).
	 * @throws SourceError Why nothing can be shown.
	 */
	public function preview( string $block, array $attributes ): string {
		if ( self::LISTING === $block ) {
			$found = $this->proposals->list( $this->input->listing( $attributes ) );
			if ( $found instanceof SourceError ) {
				throw $found;
			}
			// The editor has no page to open them on.
			return $this->view->items( $found, static fn( Proposal $proposal ): string => '#sovereign-press-proposals-' . ProposalView::handle( $proposal->ref ) );
		}
		$found = $this->proposals->get( $this->input->proposal( $attributes ) );
		if ( $found instanceof SourceError ) {
			throw $found;
		}
		return $this->view->proposal( $found );
	}

	/**
	 * the_content, before do_blocks: reads every DAO Proposal block of the post at once.
	 *
	 * @since 0.2.0
	 *
	 * @param string $content Post content.
	 */
	public function prefetch_content( mixed $content ): mixed {
		if ( is_string( $content ) && ( has_block( self::PROPOSAL, $content ) || ( '' !== self::requested() && has_block( self::LISTING, $content ) ) ) ) {
			$this->prefetch( parse_blocks( $content ) );
		}
		return $content;
	}

	/**
	 * Reads the proposals of every DAO Proposal block in these parsed blocks, nested ones too, and
	 * the one a DAO Proposals block opens (?sp_proposal).
	 *
	 * @since 0.2.0
	 *
	 * @param array<int, array<string, mixed>> $blocks Parsed blocks.
	 */
	public function prefetch( array $blocks ): void {
		$refs      = array();
		$requested = self::requested();
		$visit     = function ( array $blocks ) use ( &$visit, &$refs, $requested ): void {
			foreach ( $blocks as $block ) {
				$name       = $block['blockName'] ?? null;
				$attributes = is_array( $block['attrs'] ?? null ) ? $block['attrs'] : array();
				try {
					if ( self::PROPOSAL === $name ) {
						$refs[] = $this->input->proposal( $attributes );
					} elseif ( self::LISTING === $name && '' !== $requested ) {
						$found  = $this->proposals->list( $this->input->listing( $attributes ) );
						$opened = is_array( $found ) ? self::opened( $found ) : null;
						if ( null !== $opened ) {
							$refs[] = $opened->ref;
						}
					}
				} catch ( SourceError $error ) {
					// Its own render shows the placeholder.
					unset( $error );
				}
				if ( is_array( $block['innerBlocks'] ?? null ) ) {
					$visit( $block['innerBlocks'] );
				}
			}
		};
		$visit( $blocks );
		if ( array() === $refs ) {
			return;
		}
		// Then their authors' names, all at once.
		$found = array_filter( $this->proposals->get_many( $refs ), static fn( Proposal|SourceError $found ): bool => $found instanceof Proposal );
		$this->view->prefetch( array_values( $found ) );
	}

	/**
	 * The handle in ?sp_proposal, or '' (anything that is not a handle is ignored).
	 */
	private static function requested(): string {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only picks which listed proposal a page shows.
		$handle = isset( $_GET[ self::QUERY_ARG ] ) && is_string( $_GET[ self::QUERY_ARG ] ) ? sanitize_key( wp_unslash( $_GET[ self::QUERY_ARG ] ) ) : '';
		return 1 === preg_match( '/^[0-9a-f]{10}$/D', $handle ) ? $handle : '';
	}

	/**
	 * The listed proposal ?sp_proposal names, if this list has it.
	 *
	 * @param list<Proposal> $listed What a DAO Proposals block lists.
	 */
	private static function opened( array $listed ): ?Proposal {
		$requested = self::requested();
		foreach ( '' === $requested ? array() : $listed as $proposal ) {
			if ( ProposalView::handle( $proposal->ref ) === $requested ) {
				return $proposal;
			}
		}
		return null;
	}

	/**
	 * This page's URL (its other query arguments kept) opening a listed proposal, or with none
	 * opened for ''. Local only: a request URI that names another host gives the home page.
	 */
	private static function page_url( string $handle ): string {
		// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- wp_validate_redirect() sanitises it.
		$current = isset( $_SERVER['REQUEST_URI'] ) && is_string( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : '/';
		$page    = wp_validate_redirect( remove_query_arg( self::QUERY_ARG, $current ), home_url( '/' ) );
		return '' === $handle ? $page : add_query_arg( self::QUERY_ARG, $handle, $page ) . '#sovereign-press-proposals-' . $handle;
	}

	/**
	 * Whether the reader may edit the page, and so reads why a proposal is missing.
	 */
	private static function editor(): bool {
		return current_user_can( 'edit_posts' );
	}
}
