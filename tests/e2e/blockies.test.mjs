/**
 * The PHP identicon (includes/Auth/Blockies.php) looks, in Chromium, exactly like ethereum-blockies
 * drawing the same address on a canvas with its own CSS colours: same cells, same pixels.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { DRAW_SOURCE, addresses, blockie, hex } from '../vectors/blockies.mjs';
import { launch } from './browser.mjs';

const ROOT = new URL( '../../', import.meta.url ).pathname;

/** Data URLs from the PHP implementation, for the given addresses at $size pixels. */
function phpDataUrls( list, size ) {
	const script = `require '${ ROOT }includes/autoload.php';
		$list = json_decode( stream_get_contents( STDIN ), true );
		echo json_encode( array_map( fn( $a ) => SovereignPress\\Auth\\Blockies::data_url( $a, ${ size } ), $list ) );`;
	const run = spawnSync( 'php', [ '-r', script ], { input: JSON.stringify( list ), encoding: 'utf8' } );
	assert.equal( run.status, 0, run.stderr );
	return JSON.parse( run.stdout );
}

describe( 'Blockies identicons', () => {
	let browser;

	before( async () => {
		browser = await launch();
	} );

	after( async () => {
		await browser?.close();
	} );

	it( 'has committed vectors that the reference port still produces', () => {
		const committed = JSON.parse( readFileSync( new URL( '../vectors/blockies.json', import.meta.url ), 'utf8' ) );
		for ( const vector of committed ) {
			const icon = blockie( vector.seed );
			assert.deepEqual(
				{ ...icon, cells: icon.cells.join( '' ), hex: [ hex( icon.color ), hex( icon.bgcolor ), hex( icon.spotcolor ) ] },
				vector
			);
		}
	} );

	it( 'draws every address pixel for pixel as ethereum-blockies does on a canvas', async () => {
		// Checksummed and mixed-case input: wallets seed with the lowercased address.
		const list = addresses( 60, 2026 ).map( ( address, i ) => ( i % 2 ? address.toUpperCase().replace( '0X', '0x' ) : address ) );
		const urls = phpDataUrls( list, 64 );
		const icons = list.map( ( address ) => blockie( address.toLowerCase() ) );

		const mismatches = await browser.page.evaluate(
			async ( { drawSource, icons: all, urls: images } ) => {
				// eslint-disable-next-line no-new-func -- The reference drawing code, as source text.
				const draw = new Function( `return ${ drawSource }` )();
				const pixels = ( paint ) => {
					const canvas = document.createElement( 'canvas' );
					canvas.width = canvas.height = 64;
					const context = canvas.getContext( '2d' );
					paint( context );
					return context.getImageData( 0, 0, 64, 64 ).data;
				};
				const found = [];
				for ( const [ i, icon ] of all.entries() ) {
					const image = new Image();
					image.src = images[ i ];
					await image.decode();
					const reference = pixels( ( context ) => draw( context, icon, 8 ) );
					const ours = pixels( ( context ) => context.drawImage( image, 0, 0 ) );
					for ( let cell = 0; cell < 64; cell++ ) {
						const at = 4 * ( ( Math.floor( cell / 8 ) * 8 + 4 ) * 64 + ( cell % 8 ) * 8 + 4 );
						const want = Array.from( reference.slice( at, at + 4 ) ).join();
						const got = Array.from( ours.slice( at, at + 4 ) ).join();
						if ( want !== got ) {
							found.push( `${ icon.seed } cell ${ cell }: ${ got } instead of ${ want }` );
						}
					}
				}
				return found;
			},
			{ drawSource: DRAW_SOURCE, icons, urls }
		);
		assert.deepEqual( mismatches, [] );
	} );
} );
