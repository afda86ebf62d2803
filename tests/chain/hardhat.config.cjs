/**
 * The local development chain. Contracts are compiled by scripts/lib/chain.mjs with solc-js,
 * not by hardhat (which would download a compiler), so no `solidity` section is needed.
 */
module.exports = {
	paths: { sources: './no-hardhat-sources', cache: '../../.cache/hardhat', artifacts: '../../.cache/hardhat/artifacts' },
	networks: {
		hardhat: {
			chainId: 31337,
			hardfork: 'cancun',
			mining: { auto: true },
			// Set by startNode( { blockGasLimit } ): the benchmarks' bulk transactions.
			...( process.env.SP_CHAIN_GAS_LIMIT ? { blockGasLimit: Number( process.env.SP_CHAIN_GAS_LIMIT ), gas: Number( process.env.SP_CHAIN_GAS_LIMIT ) } : {} ),
			// Set by startNode( { behind } ): the genesis time, when the clock starts in the past.
			...( process.env.SP_CHAIN_START ? { initialDate: process.env.SP_CHAIN_START } : {} ),
		},
	},
};
