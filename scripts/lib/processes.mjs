/**
 * The one place that starts and stops the processes of `npm start`, `npm run chain`, the test
 * runners and the benchmarks: the hardhat node, WordPress Playground, `php -S`, mariadbd and the
 * test tools they run.
 *
 * Each child runs in a process group of its own, so whatever it forks (PHP's server workers,
 * a browser) belongs to that group. When this process ends, however it ends (its last line, an
 * exit call, SIGINT, SIGTERM, SIGHUP, an uncaught exception or an unhandled rejection), every
 * group gets SIGTERM, then SIGKILL if it is still there after a grace period. Only SIGKILL of this
 * process itself leaves them behind.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Process group ids of the children that may still have members. */
const groups = new Set();
let signalExitCode = null;
let stopping = null;

function groupAlive( pgid ) {
	try {
		process.kill( -pgid, 0 );
		return true;
	} catch ( error ) {
		return error.code === 'EPERM';
	}
}

function signalGroups( signal ) {
	for ( const pgid of groups ) {
		try {
			process.kill( -pgid, signal );
		} catch {
			groups.delete( pgid );
		}
	}
}

/**
 * Spawns a child in a new process group, stopped with everything else when this process ends.
 * Options are child_process.spawn's (`detached` is always true; stdin is ignored by default, as a
 * process outside the terminal's foreground group must not read it).
 *
 * @param {string}   command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @return {import('node:child_process').ChildProcess} The child.
 */
export function startProcess( command, args, options = {} ) {
	const stdio = options.stdio ?? 'inherit';
	const child = spawn( command, args, {
		...options,
		stdio: Array.isArray( stdio ) ? stdio : [ 'ignore', stdio, stdio ],
		detached: true,
	} );
	if ( child.pid === undefined ) {
		return child; // spawn failed; its 'error' event says why.
	}
	groups.add( child.pid );
	child.once( 'exit', () => {
		if ( ! groupAlive( child.pid ) ) {
			groups.delete( child.pid );
		}
	} );
	return child;
}

/**
 * Runs a command to its end as a tracked child (stopped with the rest if this process is).
 *
 * @return {Promise<number>} Its exit code (1 when a signal ended it or it could not start).
 */
export function runProcess( command, args, options = {} ) {
	return new Promise( ( resolve ) => {
		const child = startProcess( command, args, options );
		child.once( 'error', ( error ) => {
			console.error( `${ command }: ${ error.message }` );
			resolve( 1 );
		} );
		child.once( 'exit', ( code ) => resolve( code ?? 1 ) );
	} );
}

/**
 * Sends SIGTERM to every group at once, without waiting (what an 'exit' handler can do).
 */
export function stopAll() {
	signalGroups( 'SIGTERM' );
}

/**
 * Stops every group: SIGTERM, then SIGKILL to any still there after graceMs.
 *
 * @param {number} [graceMs]
 */
export async function stopAllAndWait( graceMs = 10000 ) {
	signalGroups( 'SIGTERM' );
	const deadline = Date.now() + graceMs;
	while ( [ ...groups ].some( groupAlive ) && Date.now() < deadline ) {
		await sleep( 100 );
	}
	signalGroups( 'SIGKILL' );
	for ( let i = 0; i < 20 && [ ...groups ].some( groupAlive ); i++ ) {
		await sleep( 100 );
	}
	groups.clear();
}

/**
 * Stops every child, waits until they are gone, and exits with code. Later calls wait for the
 * first one.
 *
 * @param {number} code
 */
export function shutdown( code ) {
	stopping ??= stopAllAndWait().then( () => process.exit( code ) );
	return stopping;
}

/**
 * Whether shutdown has begun (children that exit now were stopped, they did not fail).
 */
export function shuttingDown() {
	return stopping !== null;
}

/**
 * The exit code after a stop by SIGINT, SIGTERM or SIGHUP; 128 + the signal's number unless set
 * (`npm start` sets 0: a signal is how a user stops it).
 *
 * @param {number} code
 */
export function exitCodeOnSignal( code ) {
	signalExitCode = code;
}

process.on( 'exit', stopAll );
for ( const [ signal, number ] of [
	[ 'SIGHUP', 1 ],
	[ 'SIGINT', 2 ],
	[ 'SIGTERM', 15 ],
] ) {
	process.on( signal, () => shutdown( signalExitCode ?? 128 + number ) );
}
for ( const event of [ 'uncaughtException', 'unhandledRejection' ] ) {
	process.on( event, ( error ) => {
		console.error( error );
		shutdown( 1 );
	} );
}
