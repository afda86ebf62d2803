<?php
/**
 * Proposal bodies are rendered once, when the proposal is read from its source, and kept with
 * the proposal's cache entry: a later page shows the kept HTML without rendering Markdown.
 */

declare( strict_types=1 );

namespace SovereignPress\Tests\Integration\Governance;

use SovereignPress\Governance\Ballot;
use SovereignPress\Governance\Choice;
use SovereignPress\Governance\Listing;
use SovereignPress\Governance\Markdown;
use SovereignPress\Governance\Proposal;
use SovereignPress\Governance\ProposalRef;
use SovereignPress\Governance\Proposals;
use SovereignPress\Governance\Source;
use SovereignPress\Governance\SourceError;
use SovereignPress\Storage\Cache;
use SovereignPress\Tests\Integration\TestCase;

final class ProposalBodiesTest extends TestCase {

	private const BODY = "## Plan\n\nFund the **node** <script>alert(1)</script> [docs](https://example.org).";

	/** @var list<list<string>> Keys of each fetch() the source answered. */
	public array $fetches = array();

	public int $now = 1_800_000_000;

	public function test_the_body_html_is_kept_with_the_entry_and_read_back_without_rendering(): void {
		$cache = new Cache( 'proposals_test_' . wp_generate_password( 8, false ), Proposals::KEEP );
		$ref   = ProposalRef::snapshot( 'society.eth', '0x' . str_repeat( 'ab', 32 ) );

		$first = $this->proposals( $cache );
		$read  = $first->get( $ref );
		$this->assertInstanceOf( Proposal::class, $read );
		$html = $first->body_html( $read );
		$this->assertSame( Markdown::to_html( self::BODY ), $html );
		$this->assertStringContainsString( '<strong>node</strong>', $html );
		$this->assertStringNotContainsString( '<script', $html );

		// The next request: the entry carries the HTML. Replaced by a marker here, the marker is
		// what a page shows, so nothing was rendered again.
		$name  = 'p:' . $ref->key();
		$entry = $cache->get( $name );
		$this->assertSame( $html, $entry['html'] ?? null );
		$cache->set( $name, array( 'html' => '<p>kept</p>' ) + $entry );
		$later = $this->proposals( $cache );
		$this->assertSame( '<p>kept</p>', $later->body_html( $later->get( $ref ) ) );
		$this->assertCount( 1, $this->fetches, 'The later request read the cache only.' );

		// A proposal read again from its source gets its HTML rendered again.
		$this->now += Proposals::LIVE_TTL + 1;
		$again = $this->proposals( $cache );
		$this->assertSame( $html, $again->body_html( $again->get( $ref ) ) );
		$this->assertCount( 2, $this->fetches );
		$this->assertSame( $html, $cache->get( $name )['html'] ?? null );

		// A proposal that did not come through the cache is rendered on the spot.
		$this->assertSame( $html, $again->body_html( $this->proposal( $ref ) ) );
	}

	private function proposals( Cache $cache ): Proposals {
		$test   = $this;
		$source = new class( $test ) implements Source {
			public function __construct( private ProposalBodiesTest $test ) {}

			public function fetch( array $refs ): array {
				$this->test->fetches[] = array_map( static fn( ProposalRef $ref ): string => $ref->key(), $refs );
				$answers               = array();
				foreach ( $refs as $ref ) {
					$answers[ $ref->key() ] = $this->test->proposal( $ref );
				}
				return $answers;
			}

			public function latest( Listing $listing ): array {
				throw new SourceError( SourceError::UNREACHABLE, 'down' );
			}

			public function ballot( Proposal $proposal, string $address ): Ballot {
				throw new SourceError( SourceError::UNREACHABLE, 'down' );
			}
		};
		return new Proposals( array( ProposalRef::SNAPSHOT => static fn(): Source => $source ), $cache, fn(): int => $this->now );
	}

	public function proposal( ProposalRef $ref ): Proposal {
		return new Proposal( $ref, 'Fund the node', self::BODY, '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', 'active', 'single-choice', array( new Choice( 'Yes', '1', 1.0 ) ), 'SVOTE', '', '', $this->now - 3600, $this->now + 86400, false, '1', 1, '', 'Demo Society', false, '', $this->now );
	}
}
