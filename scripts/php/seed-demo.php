<?php
/**
 * Demo content for the local society site. Idempotent: run at every `npm start`.
 *
 * Expects $sovereign_press_deployment (the local chain's deployment, see scripts/lib/chain.mjs)
 * and a loaded WordPress with Sovereign Press active.
 *
 * @package SovereignPress
 */

declare( strict_types=1 );

/** @var array{chainId:int, rpcUrl:string, contracts:array<string,string>, wallets:list<array{address:string, role:string}>} $sovereign_press_deployment */

// The local chain, kept first in the network list; the admin's other networks stay as they are.
$sp_settings = get_option( 'sovereign_press_settings', array() );
$sp_settings = is_array( $sp_settings ) ? $sp_settings : array();
$sp_networks = array_values(
	array_filter(
		(array) ( $sp_settings['networks'] ?? array() ),
		static fn( $network ) => is_array( $network ) && (int) ( $network['chainId'] ?? 0 ) !== (int) $sovereign_press_deployment['chainId']
	)
);
array_unshift(
	$sp_networks,
	array(
		'chainId'     => (int) $sovereign_press_deployment['chainId'],
		'name'        => 'Local chain',
		'rpcUrl'      => $sovereign_press_deployment['rpcUrl'],
		'explorerUrl' => '',
	)
);
$sp_settings['networks'] = $sp_networks;
// The demo chain carries its own ENS records (scripts/lib/chain.mjs): show members by them.
$sp_settings['walletLogin']                 = is_array( $sp_settings['walletLogin'] ?? null ) ? $sp_settings['walletLogin'] : array();
$sp_settings['walletLogin']['ensChainId'] ??= (int) $sovereign_press_deployment['chainId'];
// Gate presets on the demo tokens, replacing earlier demo presets and keeping the admin's own.
$sp_demo_presets = array(
	array(
		'id'   => 'citizens',
		'name' => 'Citizens',
		'rule' => array(
			'type'     => 'erc721',
			'chainId'  => (int) $sovereign_press_deployment['chainId'],
			'contract' => $sovereign_press_deployment['contracts']['membership'],
			'label'    => 'Citizen NFT',
		),
	),
	array(
		'id'   => 'core-contributors',
		'name' => 'Core contributors',
		'rule' => array(
			'type'     => 'erc1155',
			'chainId'  => (int) $sovereign_press_deployment['chainId'],
			'contract' => $sovereign_press_deployment['contracts']['badge'],
			'tokenId'  => '2',
			'amount'   => '1',
			'label'    => 'Core badge',
		),
	),
);
$sp_settings['gating']            = is_array( $sp_settings['gating'] ?? null ) ? $sp_settings['gating'] : array();
$sp_settings['gating']['presets'] = array_merge(
	$sp_demo_presets,
	array_values(
		array_filter(
			(array) ( $sp_settings['gating']['presets'] ?? array() ),
			static fn( $preset ) => ! in_array( $preset['id'] ?? '', array_column( $sp_demo_presets, 'id' ), true )
		)
	)
);
// The census of the demo society: who counts (citizens, early supporters, holders of 100 SVOTE),
// its economy (SVOTE), its treasury (the timelock, with USD prices from the local feeds) and what
// it declares off-chain. Replaced at every start: the demo's own configuration.
$sp_chain_id        = (int) $sovereign_press_deployment['chainId'];
$sp_census_contract = $sovereign_press_deployment['contracts'];
$sp_settings['census'] = array(
	'tokens'        => array(
		array(
			'id'         => 'citizens',
			'name'       => 'Citizen NFT',
			'chainId'    => $sp_chain_id,
			'standard'   => 'erc721',
			'address'    => $sp_census_contract['membership'],
			'tokenId'    => '',
			'minBalance' => '1',
			'startBlock' => 0,
			'membership' => true,
		),
		array(
			'id'         => 'early-supporters',
			'name'       => 'Early supporter badge',
			'chainId'    => $sp_chain_id,
			'standard'   => 'erc1155',
			'address'    => $sp_census_contract['badge'],
			'tokenId'    => '1',
			'minBalance' => '1',
			'startBlock' => 0,
			'membership' => true,
		),
		array(
			'id'         => 'svote',
			'name'       => 'Society Vote (SVOTE)',
			'chainId'    => $sp_chain_id,
			'standard'   => 'erc20',
			'address'    => $sp_census_contract['token'],
			'tokenId'    => '',
			'minBalance' => '100',
			'startBlock' => 0,
			'membership' => true,
		),
	),
	'economyToken'  => 'svote',
	'linkedOnly'    => false,
	'publicMembers' => true,
	'confirmations' => array(),
	'treasury'      => array(
		array(
			'chainId' => $sp_chain_id,
			'address' => $sp_census_contract['treasury'],
			'label'   => 'Treasury (timelock)',
		),
	),
	'assets'        => array(
		array(
			'chainId'       => $sp_chain_id,
			'token'         => '',
			'priceFeed'     => $sp_census_contract['ethUsdFeed'] ?? '',
			'maxAgeSeconds' => 86400,
		),
		array(
			'chainId'       => $sp_chain_id,
			'token'         => $sp_census_contract['token'],
			'priceFeed'     => $sp_census_contract['tokenUsdFeed'] ?? '',
			'maxAgeSeconds' => 86400,
		),
	),
	'declared'      => array(
		array(
			'label' => 'Nodes run by members',
			'value' => '14',
			'note'  => 'Counted by the infrastructure working group.',
		),
		array(
			'label' => 'Land held in common',
			'value' => '3.2 ha',
			'note'  => 'Two plots, per the land registry extracts the society keeps.',
		),
	),
);
update_option( 'sovereign_press_settings', $sp_settings );

/**
 * Creates or refreshes a page or post by slug.
 */
function sovereign_press_demo_upsert( string $type, string $slug, string $title, string $content, array $gate = array(), string $excerpt = '' ): void {
	$existing = get_page_by_path( $slug, OBJECT, $type );
	$postarr  = array(
		'post_type'    => $type,
		'post_name'    => $slug,
		'post_title'   => $title,
		'post_content' => $content,
		'post_status'  => 'publish',
		'post_author'  => 1,
		'post_excerpt' => $excerpt,
		'meta_input'   => array( '_sovereign_press_gate' => $gate ),
	);
	if ( $existing ) {
		$postarr['ID'] = $existing->ID;
		wp_update_post( wp_slash( $postarr ) );
	} else {
		wp_insert_post( wp_slash( $postarr ) );
	}
}

function sovereign_press_demo_paragraph( string $text ): string {
	return "<!-- wp:paragraph -->\n<p>" . esc_html( $text ) . "</p>\n<!-- /wp:paragraph -->\n";
}

/**
 * The block's markup once the block exists; until then, a note saying what will appear.
 */
function sovereign_press_demo_block( string $name, string $label ): string {
	if ( WP_Block_Type_Registry::get_instance()->is_registered( $name ) ) {
		return '<!-- wp:' . $name . ' /-->' . "\n";
	}
	return sovereign_press_demo_paragraph( sprintf( 'The %s block appears here once it ships in Sovereign Press.', $label ) );
}

/**
 * A block with attributes (the plugin's own, registered by the time the demo is seeded).
 *
 * @param array<string, mixed> $attributes Block attributes.
 */
function sovereign_press_demo_attributed_block( string $name, array $attributes ): string {
	return '<!-- wp:' . $name . ' ' . wp_json_encode( $attributes, JSON_UNESCAPED_SLASHES ) . ' /-->' . "\n";
}

$sp_contracts = $sovereign_press_deployment['contracts'];
$sp_rows      = '';
foreach (
	array(
		'membership'     => 'Citizen NFT (ERC-721)',
		'token'          => 'Society Vote token (ERC-20 with votes)',
		'badge'          => 'Contribution badges (ERC-1155)',
		'governor'       => 'Governor',
		'treasury'       => 'Treasury (timelock)',
		'contractWallet' => 'Contract wallet (EIP-1271)',
		'multicall3'     => 'Multicall3',
	) as $sp_key => $sp_label
) {
	$sp_rows .= '<tr><td>' . esc_html( $sp_label ) . '</td><td><code>' . esc_html( $sp_contracts[ $sp_key ] ) . '</code></td></tr>';
}

sovereign_press_demo_upsert(
	'page',
	'join',
	'Join the society',
	sovereign_press_demo_paragraph( 'Members sign in with their Ethereum wallet. No e-mail, no password.' )
	. sovereign_press_demo_block( 'sovereign-press/wallet-login', 'Wallet Login' )
);
// The Governor's demo proposals (ids written by scripts/lib/governance.mjs) and the local
// Snapshot stand-in's fixtures (ids by type, from tests/snapshot/fixtures.mjs), when present.
$sp_governance = (array) ( $sovereign_press_deployment['governance'] ?? array() );
$sp_snapshot   = (array) ( $sovereign_press_deployment['snapshot'] ?? array() );
$sp_governor   = array(
	'source'   => 'governor',
	'chainId'  => (int) $sovereign_press_deployment['chainId'],
	'governor' => (string) $sp_contracts['governor'],
);
$sp_page       = sovereign_press_demo_paragraph( 'Proposals of the Society Governor, and how members voted.' );
if ( isset( $sp_governance['active'] ) ) {
	$sp_page .= sovereign_press_demo_attributed_block( 'sovereign-press/proposal', $sp_governor + array( 'proposalId' => (string) $sp_governance['active'] ) );
}
$sp_page .= sovereign_press_demo_attributed_block( 'sovereign-press/proposals', $sp_governor + array( 'count' => 5 ) );
if ( array() !== $sp_snapshot ) {
	$sp_page .= sovereign_press_demo_paragraph( 'Off-chain votes of the society on Snapshot, one of each voting type.' );
	foreach ( $sp_snapshot as $sp_id ) {
		$sp_page .= sovereign_press_demo_attributed_block(
			'sovereign-press/proposal',
			array(
				'space'      => 'society.eth',
				'proposalId' => (string) $sp_id,
			)
		);
	}
	$sp_page .= sovereign_press_demo_attributed_block(
		'sovereign-press/proposals',
		array(
			'space' => 'society.eth',
			'count' => 10,
		)
	);
}
sovereign_press_demo_upsert( 'page', 'governance', 'Governance', $sp_page );
sovereign_press_demo_upsert(
	'page',
	'census',
	'Census',
	sovereign_press_demo_paragraph( 'Who the society is, read from the chain: citizens, token holders and the treasury.' )
	. sovereign_press_demo_block( 'sovereign-press/census', 'Census' )
);
sovereign_press_demo_upsert(
	'page',
	'local-chain',
	'The local chain',
	sovereign_press_demo_paragraph( sprintf( 'This site reads from a development chain (chain id %d). Its contracts:', (int) $sovereign_press_deployment['chainId'] ) )
	. "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Contract</th><th>Address</th></tr></thead><tbody>{$sp_rows}</tbody></table></figure>\n<!-- /wp:table -->\n"
);
sovereign_press_demo_upsert(
	'post',
	'members-briefing',
	'Members\' briefing: the first treasury proposal',
	sovereign_press_demo_paragraph( 'Everyone can read this introduction. The rest of the briefing is for citizens.' )
	. '<!-- wp:sovereign-press/gated-content {"preset":"citizens"} -->' . "\n"
	. '<div class="wp-block-sovereign-press-gated-content">'
	. sovereign_press_demo_paragraph( 'The treasury proposal asks for 5 ETH to run the society\'s own RPC node for a year. Citizens vote from Monday.' )
	. '</div>' . "\n" . '<!-- /wp:sovereign-press/gated-content -->' . "\n"
	. '<!-- wp:sovereign-press/gated-content {"preset":"core-contributors","message":"Notes for core contributors."} -->' . "\n"
	. '<div class="wp-block-sovereign-press-gated-content">'
	. sovereign_press_demo_paragraph( 'Core contributors: the node runbook is in the ops repository; on-call starts with the vote.' )
	. '</div>' . "\n" . '<!-- /wp:sovereign-press/gated-content -->' . "\n"
);
sovereign_press_demo_upsert(
	'post',
	'citizens-letter',
	'A letter to citizens',
	sovereign_press_demo_paragraph( 'Citizens, the society is one year old. Here is what we built together.' )
	. "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n"
	. sovereign_press_demo_paragraph( 'This year we ran our own server, our own chain and our own vote. Next year: the census goes on-chain for everyone to audit.' ),
	array(
		'preset' => 'citizens',
		'teaser' => 'more',
	),
	'The society is one year old: a letter to its citizens.'
);
sovereign_press_demo_upsert(
	'post',
	'hello-world',
	'Welcome to the Sovereign Society',
	sovereign_press_demo_paragraph( 'This is the media territory of a network society: our own server, our own data, our own chain.' )
);
update_option( 'blogname', 'Sovereign Society' );
update_option( 'blogdescription', 'The media territory of a network society' );
// Pretty permalinks, with rewrite rules rebuilt now: rules cached under another structure would
// send /post-name/ to the home page.
$GLOBALS['wp_rewrite']->set_permalink_structure( '/%postname%/' );
$GLOBALS['wp_rewrite']->flush_rules( false );

$sp_sample = get_page_by_path( 'sample-page' );
if ( $sp_sample ) {
	wp_delete_post( $sp_sample->ID, true );
}
