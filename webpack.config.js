/**
 * @wordpress/scripts' own configuration, plus the admin and editor entry points that live in src/.
 * Blocks are discovered from blocks/*\/block.json (wp-scripts --webpack-src-dir=blocks).
 */
const path = require( 'path' );
const defaultConfig = require( '@wordpress/scripts/config/webpack.config' );

const scriptConfig = Array.isArray( defaultConfig ) ? defaultConfig[ 0 ] : defaultConfig;

const entries = {
	'admin/settings': path.resolve( __dirname, 'src/admin/settings/index.tsx' ),
	login: path.resolve( __dirname, 'src/login/index.ts' ),
	profile: path.resolve( __dirname, 'src/profile/index.ts' ),
};

module.exports = {
	...scriptConfig,
	entry: () => ( { ...scriptConfig.entry(), ...entries } ),
	resolve: {
		...scriptConfig.resolve,
		alias: {
			...( scriptConfig.resolve?.alias ?? {} ),
			'@': path.resolve( __dirname, 'src' ),
		},
	},
};
