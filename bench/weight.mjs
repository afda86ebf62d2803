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
 *
 * Weight of the DAO Proposal block (issue: no voting code before a visitor clicks Vote):
 *  - before the click: the block's view script(s) and style from build/proposal/block.json, and
 *    for a member the vote control's script (build/governance/vote.js), for a visitor the Wallet
 *    Login block the vote area shows in its place, with the core scripts they depend on;
 *  - on click: the chunks build/governance/vote.js loads (read from its webpack runtime: each
 *    `__webpack_require__.e(id)` and the file name its `.u` function gives), with their CSS;
 *    chunks those load in turn are listed apart (they load later, only if needed).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
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

/**
 * The files an entry's webpack runtime loads with `__webpack_require__.e(id)`: { direct, later },
 * build-relative names, later being what those chunks load in turn.
 */
function lazyFiles( entry ) {
	const code = readFileSync( join( build, entry ), 'utf8' );
	const source = code.match( /\.u=(\w+=>.*?),[\w$]\.(?:miniCssF|g|o)=/ )?.[ 1 ];
	if ( ! source ) {
		return { direct: [], later: [] };
	}
	// The runtime's own chunk-file function: a pure arrow over literals.
	const fileOf = new Function( `return ${ source }` )(); // eslint-disable-line no-new-func
	const ids = ( text ) => [ ...new Set( [ ...text.matchAll( /\b[\w$]\.e\(\s*"?([\w-]+)"?\s*\)/g ) ].map( ( m ) => m[ 1 ] ) ) ];
	const filesOf = ( list ) => list.map( ( id ) => String( fileOf( /^\d+$/.test( id ) ? Number( id ) : id ) ).replace( /\?.*$/, '' ) );
	const direct = filesOf( ids( code ) );
	const seen = new Set( direct );
	const later = [];
	for ( let i = 0, queue = [ ...direct ]; i < queue.length; i++ ) {
		for ( const file of filesOf( ids( readFileSync( join( build, queue[ i ] ), 'utf8' ) ) ) ) {
			if ( ! seen.has( file ) ) {
				seen.add( file );
				later.push( file );
				queue.push( file );
			}
		}
	}
	const withCss = ( files ) => files.flatMap( ( f ) => [ f, f.replace( /\.js$/, '.css' ) ] ).filter( ( f ) => existsSync( join( build, f ) ) );
	return { direct: withCss( direct ), later: withCss( later ) };
}

/** Core script handles (wp-*) an entry's asset file lists, with wp-i18n's own wp-hooks. */
function coreDepsOf( entry ) {
	const deps = [ ...readFileSync( join( build, entry.replace( /\.js$/, '.asset.php' ) ), 'utf8' ).matchAll( /'wp-([a-z0-9-]+)'/g ) ].map( ( m ) => m[ 1 ] );
	return deps.includes( 'i18n' ) ? [ ...deps, 'hooks' ] : deps;
}

const proposalBlock = join( build, 'proposal/block.json' );
const voteEntry = 'governance/vote.js';
if ( ! existsSync( proposalBlock ) ) {
	console.error( 'DAO Proposal weight: build/proposal/block.json (the DAO Proposal block) is missing: run npm run build on a checkout that has it.' );
	process.exit( 1 );
}
// Without the vote control's script (a build before it), what the block itself loads is still measured.
const hasVote = existsSync( join( build, voteEntry ) );
const blockJson = JSON.parse( readFileSync( proposalBlock, 'utf8' ) );
const blockFiles = [ 'viewScript', 'style' ]
	.flatMap( ( key ) => [ blockJson[ key ] ?? [] ].flat() )
	.filter( ( ref ) => ref.startsWith( 'file:' ) )
	.map( ( ref ) => `proposal/${ ref.slice( 'file:./'.length ).replace( /\.tsx?$/, '.js' ) }` );
// Members get the Vote button's script; visitors the Wallet Login block in its place.
const blockScripts = blockFiles.filter( ( f ) => f.endsWith( '.js' ) );
const memberScripts = hasVote ? [ ...blockScripts, voteEntry ] : blockScripts;
const visitorScripts = [ ...blockScripts, 'wallet-login/view.js' ];
// The target is the block's JavaScript; its CSS is reported beside it, for information.
const scriptRows = ( scripts ) => [
	...scripts.map( ( f ) => [ f, gz( join( build, f ) ) ] ),
	...[ ...new Set( scripts.flatMap( coreDepsOf ) ) ].map( ( dep ) => [ `wp-includes ${ dep }.min.js`, gz( join( core, `${ dep }.min.js` ) ) ] ),
];
const styleRows = ( styles ) => styles.map( ( f ) => [ f, gz( join( build, f ) ) ] );
const proposalStyles = blockFiles.filter( ( f ) => f.endsWith( '.css' ) );
const member = { js: scriptRows( memberScripts ), css: styleRows( proposalStyles ) };
const visitor = { js: scriptRows( visitorScripts ), css: styleRows( [ ...proposalStyles, 'wallet-login/style-index.css' ] ) };
const voting = hasVote ? lazyFiles( voteEntry ) : { direct: [], later: [] };
const split = ( files ) => ( {
	js: files.filter( ( f ) => f.endsWith( '.js' ) ).map( ( f ) => [ f, gz( join( build, f ) ) ] ),
	css: files.filter( ( f ) => f.endsWith( '.css' ) ).map( ( f ) => [ f, gz( join( build, f ) ) ] ),
} );
const onClickFiles = split( voting.direct );
const laterFiles = split( voting.later );
if ( hasVote && ! onClickFiles.js.length ) {
	console.error( `DAO Proposal weight: build/${ voteEntry } loads no chunk on click: the bench cannot find the voting code.` );
	process.exit( 1 );
}
results.proposal = {
	voteControlBuilt: hasVote,
	beforeClickJsBytes: sum( member.js ),
	beforeClickCssBytes: sum( member.css ),
	visitorBeforeClickJsBytes: sum( visitor.js ),
	visitorBeforeClickCssBytes: sum( visitor.css ),
	onClickJsBytes: sum( onClickFiles.js ),
	onClickCssBytes: sum( onClickFiles.css ),
	laterJsBytes: sum( laterFiles.js ),
	laterCssBytes: sum( laterFiles.css ),
	targets: { beforeClickJsBytes: 8 * 1024, onClickJsBytes: 40 * 1024 },
	before: Object.fromEntries( [ ...member.js, ...member.css ] ),
	visitorBefore: Object.fromEntries( [ ...visitor.js, ...visitor.css ] ),
	onClick: Object.fromEntries( [ ...onClickFiles.js, ...onClickFiles.css ] ),
	later: Object.fromEntries( [ ...laterFiles.js, ...laterFiles.css ] ),
};
const rows = ( list ) => list.forEach( ( [ name, size ] ) => console.log( `    ${ name.padEnd( 34 ) } ${ kb( size ) }` ) );
const ok = ( bytes, target ) => ( bytes <= target ? 'ok' : 'MISSED' );
const { proposal } = results;
console.log( 'DAO Proposal block weight (gzip -9; the targets are JavaScript, CSS for information)' );
console.log(
	`  before the click, member: JS ${ kb( proposal.beforeClickJsBytes ) } (target <= 8 KB) ${ ok( proposal.beforeClickJsBytes, 8192 ) }${ hasVote ? '' : ` — without build/${ voteEntry }, not in this build` }; CSS ${ kb( proposal.beforeClickCssBytes ) }`
);
rows( [ ...member.js, ...member.css ] );
console.log(
	`  before the click, visitor (the Wallet Login block instead of the Vote button): JS ${ kb( proposal.visitorBeforeClickJsBytes ) } (target <= 8 KB) ${ ok( proposal.visitorBeforeClickJsBytes, 8192 ) }; CSS ${ kb( proposal.visitorBeforeClickCssBytes ) }`
);
rows( [ ...visitor.js, ...visitor.css ] );
if ( hasVote ) {
	console.log( `  on click, the voting code: JS ${ kb( proposal.onClickJsBytes ) } (target <= 40 KB) ${ ok( proposal.onClickJsBytes, 40960 ) }; CSS ${ kb( proposal.onClickCssBytes ) }` );
	rows( [ ...onClickFiles.js, ...onClickFiles.css ] );
	if ( laterFiles.js.length + laterFiles.css.length ) {
		console.log( `  loaded later by the voting code, only if needed: JS ${ kb( proposal.laterJsBytes ) }, CSS ${ kb( proposal.laterCssBytes ) }` );
		rows( [ ...laterFiles.js, ...laterFiles.css ] );
	}
} else {
	console.log( `  on click: not measured, build/${ voteEntry } (the vote control's script) is not in this build` );
}

mkdirSync( join( ROOT, '.cache/bench' ), { recursive: true } );
writeFileSync( join( ROOT, '.cache/bench/weight.json' ), JSON.stringify( results, null, 2 ) );
