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
 * render.php reaches it through instance(), which the composition root provides at boot.
 *
 * @since 0.2.0
 */
final class ProposalBlocks {

	public const PROPOSAL = 'sovereign-press/proposal';
	public const LISTING  = 'sovereign-press/proposals';

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
			$found = $this->proposals->list( $this->input->listing( $attributes ) );
		} catch ( SourceError $error ) {
			$found = $error;
		}
		if ( $found instanceof SourceError ) {
			return $this->view->placeholder( $found, self::editor() );
		}
		return $this->view->items( $found );
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
			return $this->view->items( $found );
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
		if ( is_string( $content ) && has_block( self::PROPOSAL, $content ) ) {
			$this->prefetch( parse_blocks( $content ) );
		}
		return $content;
	}

	/**
	 * Reads the proposals of every DAO Proposal block in these parsed blocks, nested ones too.
	 *
	 * @since 0.2.0
	 *
	 * @param array<int, array<string, mixed>> $blocks Parsed blocks.
	 */
	public function prefetch( array $blocks ): void {
		$refs  = array();
		$visit = function ( array $blocks ) use ( &$visit, &$refs ): void {
			foreach ( $blocks as $block ) {
				if ( self::PROPOSAL === ( $block['blockName'] ?? null ) ) {
					try {
						$refs[] = $this->input->proposal( is_array( $block['attrs'] ?? null ) ? $block['attrs'] : array() );
					} catch ( SourceError $error ) {
						// Its own render shows the placeholder.
						unset( $error );
					}
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
	 * Whether the reader may edit the page, and so reads why a proposal is missing.
	 */
	private static function editor(): bool {
		return current_user_can( 'edit_posts' );
	}
}
