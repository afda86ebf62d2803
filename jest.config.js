const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config.js' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	testMatch: [ '<rootDir>/tests/js/**/*.test.[jt]s?(x)' ],
	setupFiles: [ '<rootDir>/tests/js/setup-globals.js' ],
	moduleNameMapper: {
		...( defaultConfig.moduleNameMapper ?? {} ),
		'^@/(.*)$': '<rootDir>/src/$1',
	},
};
