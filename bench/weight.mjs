#!/usr/bin/env node
/**
 * Weight of wallet login (issue: no wallet code on page load). Gzip sizes of what a visitor's
 * browser loads, from the built plugin and WordPress's own scripts:
 *  - before the click: the Wallet Login block's view script, its style, and the core scripts it
 *    depends on (wp-i18n and wp-hooks);
 *  - on click, for an injected wallet: the lazily loaded wallet chunks and their CSS;
 *  - for WalletConnect only: build/walletconnect.js (Reown AppKit and its wagmi adapter).
 * The "AppKit on every page" baseline is the same code loaded up front, as a page that bundles
 * Web3Modal eagerly would: everything above, before any click. Same build, same compressor.
 * Pages without the block load nothing from the plugin: checked on a rendered page by
 * tests/e2e/wallet-weight.test.mjs.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = new URL( '..', import.meta.url ).pathname;
const build = join( ROOT, 'build' );
const core = join( ROOT, '.cache/wordpress/wp-includes/js/dist' );
const gz = ( file ) => gzipSync( readFileSync( file ), { level: 9 } ).length;

const viewAsset = readFileSync( join( build, 'wallet-login/view.asset.php' ), 'utf8' );
const coreDeps = [ ...viewAsset.matchAll( /'wp-([a-z0-9-]+)'/g ) ].map( ( m ) => m[ 1 ] );
// wp-i18n itself depends on wp-hooks.
if ( coreDeps.includes( 'i18n' ) && ! coreDeps.includes( 'hooks' ) ) {
	coreDeps.push( 'hooks' );
}
const before = [
	[ 'wallet-login/view.js', gz( join( build, 'wallet-login/view.js' ) ) ],
	[ 'wallet-login/style-index.css', gz( join( build, 'wallet-login/style-index.css' ) ) ],
	...coreDeps.map( ( dep ) => [ `wp-includes ${ dep }.min.js`, gz( join( core, `${ dep }.min.js` ) ) ] ),
];
// Entries carry their own code (no vendor chunks shared between entries, see webpack.config.js):
// the injected-wallet path is the wallet chunk and its stylesheet.
const onClick = [ 'wallet.js', 'wallet.css' ].map( ( f ) => [ f, gz( join( build, f ) ) ] );
// AppKit: its entry, plus the views it loads lazily as the visitor moves through its modal.
const walletConnect = gz( join( build, 'walletconnect.js' ) );
const appKitLazy = readdirSync( build )
	.filter( ( f ) => /^\d+\.js$/.test( f ) )
	.reduce( ( total, f ) => total + gz( join( build, f ) ), 0 );
const sum = ( rows ) => rows.reduce( ( total, [ , size ] ) => total + size, 0 );

const results = {
	beforeClickBytes: sum( before ),
	onClickBytes: sum( onClick ),
	walletConnectBytes: walletConnect,
	appKitLazyChunksBytes: appKitLazy,
	appKitEveryPageBytes: sum( before ) + sum( onClick ) + walletConnect,
	targets: { beforeClickBytes: 8 * 1024, onClickBytes: 40 * 1024 },
	before: Object.fromEntries( before ),
	onClick: Object.fromEntries( onClick ),
};
const kb = ( n ) => `${ ( n / 1024 ).toFixed( 1 ) } KB`;
console.log( 'Wallet login weight (gzip -9)' );
console.log( `  before the click: ${ kb( results.beforeClickBytes ) } (target <= 8 KB) ${ results.beforeClickBytes <= 8192 ? 'ok' : 'MISSED' }` );
for ( const [ name, size ] of before ) {
	console.log( `    ${ name.padEnd( 34 ) } ${ kb( size ) }` );
}
console.log( `  on click, injected wallet: ${ kb( results.onClickBytes ) } (target <= 40 KB) ${ results.onClickBytes <= 40960 ? 'ok' : 'MISSED' }` );
for ( const [ name, size ] of onClick ) {
	console.log( `    ${ name.padEnd( 34 ) } ${ kb( size ) }` );
}
console.log( `  WalletConnect only, on picking it: ${ kb( walletConnect ) } (build/walletconnect.js: AppKit), then up to ${ kb( appKitLazy ) } of AppKit views as its modal needs them` );
console.log(
	`  baseline "AppKit on every page": ${ kb( results.appKitEveryPageBytes ) } before any click, ${ ( results.appKitEveryPageBytes / results.beforeClickBytes ).toFixed( 0 ) }x what a page with the block loads`
);
mkdirSync( join( ROOT, '.cache/bench' ), { recursive: true } );
writeFileSync( join( ROOT, '.cache/bench/weight.json' ), JSON.stringify( results, null, 2 ) );
