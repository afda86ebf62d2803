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
	/** Optional hub API key; administrators only. */
	apiKey: string;
}
