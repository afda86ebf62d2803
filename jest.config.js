const defaultConfig = require( '@wordpress/scripts/config/jest-unit.config.js' );

module.exports = {
	...defaultConfig,
	rootDir: __dirname,
	testMatch: [ '<rootDir>/tests/js/**/*.test.[jt]s?(x)' ],
	moduleNameMapper: {
		...( defaultConfig.moduleNameMapper ?? {} ),
		'^@/(.*)$': '<rootDir>/src/$1',
	},
};
