/**
 * @wordpress/scripts' own configuration, plus the scripts that live in src/ (by feature). Their
 * entry names are the built file names PHP enqueues (build/admin/settings.js, build/editor.js, …).
 * Blocks are discovered from blocks/*\/block.json (wp-scripts --webpack-src-dir=blocks).
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

const scriptConfig = Array.isArray( defaultConfig ) ? defaultConfig[ 0 ] : defaultConfig;

const entries = {
	'admin/settings': path.resolve( __dirname, 'src/settings/index.tsx' ),
	editor: path.resolve( __dirname, 'src/gating/editor.tsx' ),
	'governance/vote': path.resolve( __dirname, 'src/governance/vote/view.ts' ),
	login: path.resolve( __dirname, 'src/wallet-login/login.ts' ),
	profile: path.resolve( __dirname, 'src/wallet-login/profile.ts' ),
	walletconnect: path.resolve( __dirname, 'src/wallet-login/walletconnect.ts' ),
};

module.exports = {
	...scriptConfig,
	optimization: {
		...scriptConfig.optimization,
		// Every entry must run from its one file: WordPress enqueues a single script per handle
		// (and build/walletconnect.js is added by a script tag), so no vendor chunks shared between
		// entries. wp-scripts' own groups (block style.scss into style-*.css) stay.
		splitChunks: {
			...scriptConfig.optimization.splitChunks,
			cacheGroups: {
				...scriptConfig.optimization.splitChunks.cacheGroups,
				defaultVendors: false,
			},
		},
	},
	entry: () => ( { ...scriptConfig.entry(), ...entries } ),
	resolve: {
		...scriptConfig.resolve,
		alias: {
			...( scriptConfig.resolve?.alias ?? {} ),
			'@': path.resolve( __dirname, 'src' ),
		},
	},
};
