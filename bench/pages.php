<?php
/**
 * Bench setup helper shared by the bench scripts that build pages (required after wp-load.php).
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

/**
 * Creates or updates a published page.
 */
function upsert_page( string $slug, string $title, string $content ): int {
	$existing = get_page_by_path( $slug, OBJECT, 'page' );
	$id       = wp_insert_post(
		wp_slash(
			array(
				'ID'           => $existing ? $existing->ID : 0,
				'post_type'    => 'page',
				'post_name'    => $slug,
				'post_title'   => $title,
				'post_content' => $content,
				'post_status'  => 'publish',
				'post_author'  => 1,
			)
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, "Could not save the page {$slug}: {$id->get_error_message()}\n" );
		exit( 1 );
	}
	return $id;
}
