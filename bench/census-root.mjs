#!/usr/bin/env node
/**
 * The census root of a society of 1.2 million (issue: on-chain census), on native PHP + MariaDB,
 * measured side by side in one run:
 *  - the keccak floor: the 3n - 1 Keccak256::hash calls the tree needs (2n of 32 bytes for the
 *    leaves, n - 1 of 64 for the inner nodes) and nothing else, timed in one PHP process before the
 *    build and again after it (the mean is the floor; the machine's load moves both alike);
 *  - the build from scratch (no leaf cached) in slices of at most BENCH_SLICE seconds (20, a cron
 *    run's budget), each slice a PHP process of its own that resumes from the state the previous
 *    one saved, as cron runs do: total time, the longest slice, the highest peak memory.
 *    Targets: total <= 1.5x the floor, every slice's peak memory < 256 MB;
 *  - a second build of the same set, its leaves cached (what a daily sync does);
 *  - one member's proof, warm (median of 200 random members, a fresh TreeBuilder each).
 *    Target < 50 ms. Sampled proofs are verified with @openzeppelin/merkle-tree against the root;
 *    BENCH_CENSUS_CHECK=1 also rebuilds the whole root with it (slow: minutes, ~2 GB).
 *
 *   node bench/census-root.mjs    (BENCH_CENSUS_MEMBERS=1200000, BENCH_SLICE=20)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';

import { ROOT } from '../scripts/lib/chain.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
import { CACHE, ensureWordPress, installSite, prepareSite, startMariaDb } from '../scripts/lib/stack.mjs';
import { verdict } from './lib.mjs';

const MEMBERS = Number( process.env.BENCH_CENSUS_MEMBERS ?? 1200000 );
const SLICE = Number( process.env.BENCH_SLICE ?? 20 );
const dir = join( CACHE, 'bench-census-root' );

ensureWordPress();
const db = await startMariaDb( join( dir, 'mysql' ) );
const site = prepareSite( { dir: join( dir, 'site' ), socket: db.socket, dbName: 'sp_bench_census_root', url: 'http://127.0.0.1:9' } );
installSite( { dir: site, db, dbName: 'sp_bench_census_root' } );

const php = ( ...args ) => JSON.parse( execFileSync( 'php', [ join( ROOT, 'bench/census-root.php' ), site, ...args.map( String ) ], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 } ) );

const seeded = php( 'seed', MEMBERS );
if ( seeded.members !== MEMBERS ) {
	throw new Error( `Seeded ${ seeded.members } members, not ${ MEMBERS }.` );
}

/** CPU seconds MariaDB's server has used so far (utime + stime from /proc, in clock ticks of 1/100 s). */
const dbCpu = () => {
	const fields = readFileSync( `/proc/${ db.process.pid }/stat`, 'utf8' ).split( ') ' )[ 1 ].split( ' ' );
	return ( Number( fields[ 11 ] ) + Number( fields[ 12 ] ) ) / 100;
};

/** A whole build, slice after slice, each slice a process of its own. */
function build() {
	const stateFile = join( dir, 'state.json' );
	rmSync( stateFile, { force: true } );
	const slices = [];
	const dbCpuBefore = dbCpu();
	const started = process.hrtime.bigint();
	for ( ;; ) {
		const slice = php( 'step', stateFile, SLICE );
		slices.push( slice );
		if ( slice.done ) {
			break;
		}
	}
	return {
		wallSeconds: Number( process.hrtime.bigint() - started ) / 1e9,
		seconds: slices.reduce( ( sum, s ) => sum + s.processSeconds, 0 ),
		// Work done, whatever else the machine runs: PHP's CPU time in every slice and MariaDB's.
		cpuSeconds: slices.reduce( ( sum, s ) => sum + s.cpuSeconds, 0 ) + dbCpu() - dbCpuBefore,
		slices: slices.length,
		longestSliceSeconds: Math.max( ...slices.map( ( s ) => s.processSeconds ) ),
		peakMB: Math.max( ...slices.map( ( s ) => s.peakBytes ) ) / 1048576,
		tree: slices.at( -1 ).tree,
		root: slices.at( -1 ).root,
		count: slices.at( -1 ).count,
	};
}

const floorBefore = php( 'floor', MEMBERS );
const cold = build();
const floorAfter = php( 'floor', MEMBERS );
const floor = ( floorBefore.seconds + floorAfter.seconds ) / 2;
const floorCpu = ( floorBefore.cpuSeconds + floorAfter.cpuSeconds ) / 2;
const warm = build();
const proofs = php( 'proofs', warm.tree, 200 );

// The sampled proofs, checked by the reference library against the root the plugin computed.
const verified = proofs.proofs.every( ( p ) => StandardMerkleTree.verify( cold.root, [ 'address' ], [ p.address ], p.proof ) );
let referenceRoot = null;
if ( process.env.BENCH_CENSUS_CHECK === '1' ) {
	const members = execFileSync( 'php', [ join( ROOT, 'bench/census-root.php' ), site, 'members', warm.tree ], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 } ).trim().split( '\n' );
	referenceRoot = StandardMerkleTree.of( members.map( ( a ) => [ a ] ), [ 'address' ] ).root;
}

const ratio = cold.seconds / floor;
const results = {
	members: MEMBERS,
	sliceBudgetSeconds: SLICE,
	floorSeconds: floor,
	floorRuns: [ floorBefore.seconds, floorAfter.seconds ],
	cold,
	warm,
	ratio,
	floorCpuSeconds: floorCpu,
	cpuRatio: cold.cpuSeconds / floorCpu,
	proof: { medianMs: proofs.medianMs, p95Ms: proofs.p95Ms, maxMs: proofs.maxMs, sampledProofsVerify: verified, nonMemberHasNoProof: proofs.absent },
	sameRootBothBuilds: cold.root === warm.root,
	referenceRoot,
	targets: { ratio: 1.5, peakMB: 256, proofMs: 50 },
};
writeFileSync( join( CACHE, 'bench/census-root.json' ), JSON.stringify( results, null, '\t' ) );

console.log( `Census root, ${ MEMBERS.toLocaleString( 'en' ) } synthetic members (slices of <= ${ SLICE } s, one PHP process each)` );
console.log( `  keccak floor (${ floorBefore.hashes.toLocaleString( 'en' ) } Keccak256::hash calls): ${ floor.toFixed( 1 ) } s (${ floorBefore.seconds.toFixed( 1 ) } before, ${ floorAfter.seconds.toFixed( 1 ) } after the build)` );
console.log( `  root, no leaf cached: ${ cold.seconds.toFixed( 1 ) } s in ${ cold.slices } slices, ${ ratio.toFixed( 2 ) }x the floor (target <= 1.5x) ${ verdict( ratio <= 1.5 ) }; longest slice ${ cold.longestSliceSeconds.toFixed( 1 ) } s ${ verdict( cold.longestSliceSeconds <= SLICE + 1 ) }; peak memory ${ cold.peakMB.toFixed( 0 ) } MB (target < 256) ${ verdict( cold.peakMB < 256 ) }` );
console.log( `    CPU time (PHP in every slice + MariaDB): ${ cold.cpuSeconds.toFixed( 1 ) } s, ${ results.cpuRatio.toFixed( 2 ) }x the floor's ${ floorCpu.toFixed( 1 ) } s (the same ratio on an idle machine)` );
console.log( `  root, leaves cached (a later sync): ${ warm.seconds.toFixed( 1 ) } s in ${ warm.slices } slices, ${ ( warm.seconds / floor ).toFixed( 2 ) }x the floor; peak memory ${ warm.peakMB.toFixed( 0 ) } MB; same root ${ verdict( results.sameRootBothBuilds ) }` );
console.log( `  one member's proof, warm: median ${ proofs.medianMs.toFixed( 2 ) } ms, p95 ${ proofs.p95Ms.toFixed( 2 ) } ms (target < 50) ${ verdict( proofs.p95Ms < 50 ) }; sampled proofs verify with @openzeppelin/merkle-tree ${ verdict( verified && proofs.absent ) }` );
if ( referenceRoot ) {
	console.log( `  whole root rebuilt by @openzeppelin/merkle-tree: ${ referenceRoot } ${ verdict( referenceRoot === cold.root ) }` );
}
const ok = ratio <= 1.5 && cold.peakMB < 256 && proofs.p95Ms < 50 && verified && proofs.absent && results.sameRootBothBuilds && ( ! referenceRoot || referenceRoot === cold.root );
await shutdown( ok ? 0 : 1 );
