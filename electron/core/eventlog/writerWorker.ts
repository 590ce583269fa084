/**
 * Worker-thread entry for the event log's writer: its own better-sqlite3 connection to the file the
 * main thread already checked and migrated. Time follows the main thread's Clock (each message
 * carries its `now`), so retention by age agrees with the app's idea of now.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { systemClock, type Clock, type Logger } from '../platform';
import { nullLogger } from '../util/logger';
import type { FromWriter, SyncRequest, ToWriter, WriterSetup } from './writerProtocol';
import { WriterCore } from './WriterCore';

interface WorkerInput {
  setup: WriterSetup;
  now: number;
  syncPort: MessagePort;
  syncFlag: SharedArrayBuffer;
}

/** Reports problems as messages; the main thread's Logger writes them. */
function workerLogger(post: (m: FromWriter) => void): Logger {
  const log = (level: 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => post({ t: 'log', level, msg, fields: { err: String(fields?.err ?? '') } });
  return { ...nullLogger, warn: log('warn'), error: log('error') };
}

function start(port: NonNullable<typeof parentPort>, input: WorkerInput): void {
  // The main thread's latest "now" (every message carries it): retention cuts by the app's clock.
  let mainNow = input.now;
  const clock: Clock = { ...systemClock, now: () => mainNow };
  const db = new Database(input.setup.path);
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.pragma('cache_size = -16000');
  db.pragma('temp_store = MEMORY');
  const reply = (m: FromWriter) => port.postMessage(m);
  const core = new WriterCore(db, { clock, logger: workerLogger(reply), reply }, input.setup);
  const flag = new Int32Array(input.syncFlag);
  const statsTimer = setInterval(() => reply({ t: 'stats', stats: core.coreStats() }), 1000);
  statsTimer.unref();
  port.on('message', (msg: ToWriter | { t: 'sync'; req: SyncRequest }) => {
    if ('now' in msg) mainNow = msg.now;
    if (msg.t === 'sync') {
      mainNow = msg.req.now;
      input.syncPort.postMessage(core.call(msg.req));
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      return;
    }
    core.handle(msg);
    if (msg.t === 'close') {
      clearInterval(statsTimer);
      db.close();
      port.close();
    }
  });
}

if (parentPort) start(parentPort, workerData as WorkerInput);
