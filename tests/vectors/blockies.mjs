#!/usr/bin/env node
/**
 * Reference port of the ethereum-blockies identicon (the one MetaMask and Etherscan show), kept
 * as close to the published JavaScript as possible, and a generator of vectors for the PHP
 * implementation (includes/Auth/Blockies.php).
 *
 *   node tests/vectors/blockies.mjs [--count 100] [--out tests/vectors/blockies.json]
 *
 * `blockie( seed )` returns what ethereum-blockies draws: the 8x8 cells (0 background, 1 colour,
 * 2 and above the spot colour, as its canvas loop reads them) and the three colours as the exact
 * CSS strings it hands to the canvas. The vectors write the cells as one string of 64 digits and
 * add each colour as "#rrggbb" (foreground, background, spot).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Xorshift state: four 32-bit values, as ethereum-blockies keeps them (plain JS numbers).
const randseed = new Array( 4 );

function seedrand( seed ) {
	randseed.fill( 0 );
	for ( let i = 0; i < seed.length; i++ ) {
		randseed[ i % 4 ] = ( randseed[ i % 4 ] << 5 ) - randseed[ i % 4 ] + seed.charCodeAt( i );
	}
}

function rand() {
	const t = randseed[ 0 ] ^ ( randseed[ 0 ] << 11 );
	randseed[ 0 ] = randseed[ 1 ];
	randseed[ 1 ] = randseed[ 2 ];
	randseed[ 2 ] = randseed[ 3 ];
	randseed[ 3 ] = randseed[ 3 ] ^ ( randseed[ 3 ] >> 19 ) ^ t ^ ( t >> 8 );
	return ( randseed[ 3 ] >>> 0 ) / ( ( 1 << 31 ) >>> 0 );
}

function createColor() {
	const h = Math.floor( rand() * 360 );
	const s = rand() * 60 + 40 + '%';
	const l = ( rand() + rand() + rand() + rand() ) * 25 + '%';
	return 'hsl(' + h + ',' + s + ',' + l + ')';
}

function createImageData( size ) {
	const width = size;
	const height = size;
	const dataWidth = Math.ceil( width / 2 );
	const mirrorWidth = width - dataWidth;
	const data = [];
	for ( let y = 0; y < height; y++ ) {
		let row = [];
		for ( let x = 0; x < dataWidth; x++ ) {
			row[ x ] = Math.floor( rand() * 2.3 );
		}
		const r = row.slice( 0, mirrorWidth );
		r.reverse();
		row = row.concat( r );
		for ( let i = 0; i < row.length; i++ ) {
			data.push( row[ i ] );
		}
	}
	return data;
}

/**
 * ethereum-blockies' buildOpts and createImageData for a seed, in their order of rand() calls.
 *
 * @param {string} seed The lowercased address.
 */
export function blockie( seed ) {
	seedrand( seed );
	const color = createColor();
	const bgcolor = createColor();
	const spotcolor = createColor();
	return { seed, cells: createImageData( 8 ), color, bgcolor, spotcolor };
}

/**
 * "#rrggbb" of one of ethereum-blockies' CSS colours, converted and rounded as
 * ethereum-blockies-base64 (the PNG variant of the same identicon) does.
 *
 * @param {string} css "hsl(h,s%,l%)".
 */
export function hex( css ) {
	const [ hue, saturation, lightness ] = css.slice( 4, -1 ).split( ',' ).map( parseFloat );
	const [ h, s, l ] = [ hue / 360, saturation / 100, lightness / 100 ];
	const hue2rgb = ( p, q, t ) => {
		if ( t < 0 ) {
			t += 1;
		}
		if ( t > 1 ) {
			t -= 1;
		}
		if ( t < 1 / 6 ) {
			return p + ( q - p ) * 6 * t;
		}
		if ( t < 1 / 2 ) {
			return q;
		}
		if ( t < 2 / 3 ) {
			return p + ( q - p ) * ( 2 / 3 - t ) * 6;
		}
		return p;
	};
	const q = l < 0.5 ? l * ( 1 + s ) : l + s - l * s;
	const p = 2 * l - q;
	return '#' + [ h + 1 / 3, h, h - 1 / 3 ]
		.map( ( t ) => Math.round( hue2rgb( p, q, t ) * 255 ).toString( 16 ).padStart( 2, '0' ) )
		.join( '' );
}

/**
 * Draws a blockie as ethereum-blockies' createIcon does, into a 2D canvas context (in a page).
 * Kept as source text so that tests can run it in Chromium.
 */
export const DRAW_SOURCE = `( context, icon, scale ) => {
	context.fillStyle = icon.bgcolor;
	context.fillRect( 0, 0, 8 * scale, 8 * scale );
	context.fillStyle = icon.color;
	for ( let i = 0; i < icon.cells.length; i++ ) {
		if ( icon.cells[ i ] ) {
			context.fillStyle = icon.cells[ i ] === 1 ? icon.color : icon.spotcolor;
			context.fillRect( ( i % 8 ) * scale, Math.floor( i / 8 ) * scale, scale, scale );
		}
	}
}`;

/**
 * Seeded random addresses (mulberry32), lowercased, as wallets seed their blockies.
 */
export function addresses( count, seed = 8 ) {
	let state = seed >>> 0;
	const random = () => {
		state = ( state + 0x6d2b79f5 ) >>> 0;
		let t = state;
		t = Math.imul( t ^ ( t >>> 15 ), t | 1 );
		t ^= t + Math.imul( t ^ ( t >>> 7 ), t | 61 );
		return ( ( t ^ ( t >>> 14 ) ) >>> 0 ) / 4294967296;
	};
	const fixed = [
		'0x0000000000000000000000000000000000000000',
		'0xffffffffffffffffffffffffffffffffffffffff',
		// hardhat's first development accounts (the demo society's wallets).
		'0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
		'0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
		'0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
		'0x90f79bf6eb2c4f870365e785982e1f101e93b906',
	];
	const random_ = Array.from( { length: Math.max( 0, count - fixed.length ) }, () =>
		'0x' + Array.from( { length: 40 }, () => Math.floor( random() * 16 ).toString( 16 ) ).join( '' )
	);
	return [ ...fixed, ...random_ ];
}

if ( process.argv[ 1 ] === fileURLToPath( import.meta.url ) ) {
	const { values: args } = parseArgs( {
		options: {
			count: { type: 'string', default: '100' },
			out: { type: 'string', default: fileURLToPath( new URL( './blockies.json', import.meta.url ) ) },
		},
	} );
	const vectors = addresses( Number( args.count ) ).map( ( address ) => {
		const icon = blockie( address );
		return { ...icon, cells: icon.cells.join( '' ), hex: [ hex( icon.color ), hex( icon.bgcolor ), hex( icon.spotcolor ) ] };
	} );
	writeFileSync( args.out, '[\n' + vectors.map( ( vector ) => '\t' + JSON.stringify( vector ) ).join( ',\n' ) + '\n]\n' );
	console.log( `${ vectors.length } blockies vectors written to ${ args.out }` );
}
