/**
 * Child process for the SIGKILL test: writes events continuously into <dataDir> and prints the
 * total committed after every commit ("committed N"), until it is killed.
 */
import { SqliteEventLog } from '../../../electron/core/eventlog/SqliteEventLog';
import { sampleEvents } from '../../fixtures/eventlog/sampleEvents';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: stormWriter <dataDir>');
const log = SqliteEventLog.open({ dataDir, batchMs: 20 });
let committed = 0;
log.onDidCommit((b) => {
  committed += b.events.length;
  process.stdout.write(`committed ${committed}\n`);
});
let next = 0;
const start = Date.now() - 3_600_000;
setInterval(() => {
  log.append(sampleEvents(200, { from: next, startMs: start, stepMs: 1 }));
  next += 200;
}, 2);
