/**
 * DAO proposals settings as /wp/v2/settings holds them (see
 * includes/Governance/Snapshot/GovernanceSettings.php).
 */
export interface GovernanceSettings {
	/** GraphQL endpoint of the Snapshot hub. */
	hubUrl: string;
	/** Vote sequencer that signed votes are relayed to. */
	sequencerUrl: string;
	testnetHubUrl: string;
	testnetSequencerUrl: string;
	/** Optional API key of the main hub (sent to hubUrl only); administrators only. */
	apiKey: string;
	/** Optional API key of the testnet hub (sent to testnetHubUrl only); administrators only. */
	testnetApiKey: string;
}
