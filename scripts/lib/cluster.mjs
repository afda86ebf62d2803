/**
 * A site served by several PHP web nodes, as a load-balanced production site is: each node has
 * its own copy of the site folder (WordPress core, wp-config.php with the same salts, database and
 * object cache; the plugin linked in), they share one MariaDB and one Redis, and a round-robin
 * balancer in front answers at the site's URL.
 */
import { copyFileSync, lstatSync, readdirSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { join, relative } from 'node:path';

import { prepareSite } from './stack.mjs';

/**
 * Another node's site folder for a site made by startStack/prepareSite: core copied, the same
 * object-cache drop-in, and the first node's wp-config.php (same salts, database, Redis socket).
 *
 * @param {object} options
 * @param {string} options.from        The first node's site folder.
 * @param {string} options.dir         The new node's site folder.
 * @param {object} options.db          From startMariaDb.
 * @param {string} options.dbName      The site's database.
 * @param {string} options.url         The site's URL (the balancer's).
 * @param {string|null} options.redisSocket Redis socket of the shared object cache.
 * @return {string} dir
 */
export function cloneSite( { from, dir, db, dbName, url, redisSocket } ) {
	prepareSite( { dir, socket: db.socket, dbName, url, redisSocket } );
	copyFileSync( join( from, 'wp-config.php' ), join( dir, 'wp-config.php' ) );
	return dir;
}

/**
 * A round-robin HTTP balancer on 127.0.0.1:port in front of the nodes' ports. A request with the
 * header `x-sp-node: N` goes to node N (tests that must pick a node); every answer says which node
 * served it in `x-sp-node`. Like a production balancer it keeps the Host header and appends the
 * client's address to X-Forwarded-For.
 *
 * @param {object}   options
 * @param {number}   options.port  The balancer's port.
 * @param {number[]} options.nodes The nodes' ports.
 * @return {Promise<{url: string, served: number[], close: () => void}>} served: requests per node.
 */
export function startBalancer( { port, nodes } ) {
	const served = nodes.map( () => 0 );
	let next = 0;
	const server = createServer( ( incoming, outgoing ) => {
		const pinned = incoming.headers[ 'x-sp-node' ];
		const index = pinned === undefined ? next++ % nodes.length : Number( pinned );
		if ( ! Number.isInteger( index ) || index < 0 || index >= nodes.length ) {
			outgoing.writeHead( 400 ).end( 'No such node.' );
			return;
		}
		served[ index ]++;
		const headers = { ...incoming.headers };
		delete headers[ 'x-sp-node' ];
		headers[ 'x-forwarded-for' ] = [ headers[ 'x-forwarded-for' ], incoming.socket.remoteAddress ].filter( Boolean ).join( ', ' );
		const upstream = httpRequest(
			{ host: '127.0.0.1', port: nodes[ index ], method: incoming.method, path: incoming.url, headers },
			( answer ) => {
				outgoing.writeHead( answer.statusCode, { ...answer.headers, 'x-sp-node': String( index ) } );
				answer.pipe( outgoing );
			}
		);
		upstream.on( 'error', () => {
			if ( ! outgoing.headersSent ) {
				outgoing.writeHead( 502, { 'x-sp-node': String( index ) } );
			}
			outgoing.end();
		} );
		incoming.pipe( upstream );
	} );
	return new Promise( ( resolve, reject ) => {
		server.once( 'error', reject );
		server.listen( port, '127.0.0.1', () =>
			resolve( { url: `http://127.0.0.1:${ port }`, served, close: () => server.close() } )
		);
	} );
}

/**
 * Every file under dir (symbolic links listed, not followed) with its size and modification time,
 * to compare before and after: which files a node wrote.
 *
 * @param {string}   dir
 * @param {string[]} [skip] Top-level entries of dir not to look into.
 * @return {Map<string, string>} "size:mtime" by path relative to dir.
 */
export function fileState( dir, skip = [] ) {
	const state = new Map();
	const walk = ( folder ) => {
		for ( const entry of readdirSync( folder, { withFileTypes: true } ) ) {
			const path = join( folder, entry.name );
			if ( folder === dir && skip.includes( entry.name ) ) {
				continue;
			}
			if ( entry.isDirectory() ) {
				walk( path );
			} else {
				const stat = lstatSync( path );
				state.set( relative( dir, path ), `${ stat.size }:${ stat.mtimeMs }` );
			}
		}
	};
	walk( dir );
	return state;
}

/**
 * The files added or changed between two fileState() maps.
 *
 * @return {string[]}
 */
export function changedFiles( before, after ) {
	return [ ...after ].filter( ( [ path, state ] ) => before.get( path ) !== state ).map( ( [ path ] ) => path );
}
