/**
 * Child process for the locked-at-open test: holds an exclusive lock on <db> (as another program
 * holding events.db would) for <ms> milliseconds, says "locked" once it holds it, then lets go.
 */
import Database from 'better-sqlite3';

const [path, ms] = process.argv.slice(2);
if (!path || !ms) throw new Error('usage: lockHolder <db> <ms>');
const db = new Database(path);
// In WAL mode only EXCLUSIVE locking mode keeps readers out: the lock is taken by the first read.
db.pragma('locking_mode = EXCLUSIVE');
db.exec('BEGIN EXCLUSIVE');
db.prepare('SELECT count(*) FROM sqlite_master').get();
process.stdout.write('locked\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
}, Number(ms));
