import { execFileSync } from 'node:child_process';
import { startMariaDb } from '../scripts/lib/stack.mjs';
import { shutdown } from '../scripts/lib/processes.mjs';
const db = await startMariaDb( '/work/wt/tree/.cache/bench-census-root/mysql' );
console.log( execFileSync( 'php', [ '/tmp/prof.php', ...process.argv.slice(2) ], { encoding: 'utf8' } ) );
await shutdown( 0 );
