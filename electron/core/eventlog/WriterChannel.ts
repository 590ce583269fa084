/**
 * How the main thread talks to the event log's writer: a worker thread with its own connection
 * (the normal case), or the same WriterCore in-thread when a worker cannot start (in-memory log,
 * missing worker bundle). Messages keep their order either way.
 */
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Clock, Logger } from '../platform';
import type { FromWriter, SyncRequest, ToWriter, WriterSetup } from './writerProtocol';
import { WriterCore } from './WriterCore';

/** A synchronous request waits at most this long (the worker may still be starting). */
const SYNC_TIMEOUT_MS = 30_000;

export interface WriterChannel {
  readonly kind: 'worker' | 'in-thread';
  post(msg: ToWriter): void;
  call(req: SyncRequest): boolean;
  onReply(listener: (m: FromWriter) => void): void;
  /** Keeps the process alive only while writes are outstanding. */
  setBusy(busy: boolean): void;
  /** Called after the writer answered `close`. */
  dispose(): Promise<void>;
}

/** Under tsx/vitest the module is TypeScript next to writerWorker.ts; in the app it is bundled JS. */
function workerEntry(): { url: URL; execArgv: string[] } | null {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  const file = join(dirname(here), ts ? 'writerWorker.ts' : 'writerWorker.js');
  if (!existsSync(file)) return null;
  return { url: pathToFileURL(file), execArgv: ts ? ['--import', tsxLoaderUrl()] : [] };
}

/**
 * `--import tsx` would be resolved from the process's working directory, so `dnsfleet` started
 * anywhere but the repository could not start its writer thread: pass tsx's loader by absolute URL.
 */
function tsxLoaderUrl(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist', 'loader.mjs')).href;
}

const WORKER_BUDGET_MS = 100;
const IN_THREAD_BUDGET_MS = 20;

export function openWriterChannel(
  db: Database,
  options: Omit<WriterSetup, 'budgetMs'> & { budgetMs: number | undefined },
  persistent: boolean,
  deps: { clock: Clock; logger: Logger },
): WriterChannel {
  const entry = persistent ? workerEntry() : null;
  if (entry) {
    try {
      return workerChannel(entry, { ...options, budgetMs: options.budgetMs ?? WORKER_BUDGET_MS }, deps);
    } catch (err) {
      deps.logger.warn('event log writer thread could not start; writing on the main thread', { err });
    }
  } else if (persistent) {
    deps.logger.warn('event log writer thread not found; writing on the main thread');
  }
  return inThreadChannel(db, { ...options, budgetMs: options.budgetMs ?? IN_THREAD_BUDGET_MS }, deps);
}

function workerChannel(entry: { url: URL; execArgv: string[] }, setup: WriterSetup, deps: { clock: Clock; logger: Logger }): WriterChannel {
  const sync = new MessageChannel();
  const syncFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(syncFlag);
  const worker = new Worker(entry.url, {
    execArgv: entry.execArgv,
    workerData: { setup, now: deps.clock.now(), syncPort: sync.port2, syncFlag },
    transferList: [sync.port2],
  });
  worker.unref();
  let stopped = false;
  const listeners: ((m: FromWriter) => void)[] = [];
  worker.on('message', (m: FromWriter) => listeners.forEach((l) => l(m)));
  worker.on('error', (err) => deps.logger.error('event log writer thread failed', { err }));
  // After close() this is expected and changes nothing; before, it is a crash and must not leave flush() waiting.
  worker.on('exit', (code) => {
    stopped = true;
    listeners.forEach((l) => l({ t: 'stopped', message: `the writer thread exited (${code})` }));
  });
  return {
    kind: 'worker',
    post: (msg) => {
      if (!stopped) worker.postMessage(msg);
    },
    call: (req) => {
      if (stopped) return false;
      Atomics.store(flag, 0, 0);
      worker.postMessage({ t: 'sync', req });
      if (Atomics.wait(flag, 0, 0, SYNC_TIMEOUT_MS) === 'timed-out') throw new Error('event log writer did not answer');
      return receiveMessageOnPort(sync.port1)?.message === true;
    },
    onReply: (listener) => listeners.push(listener),
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    dispose: async () => {
      sync.port1.close();
      await worker.terminate();
    },
  };
}

function inThreadChannel(db: Database, setup: WriterSetup, deps: { clock: Clock; logger: Logger }): WriterChannel {
  const listeners: ((m: FromWriter) => void)[] = [];
  // Replies are delivered on a later turn, as a worker's would be.
  const reply = (m: FromWriter) => setImmediate(() => listeners.forEach((l) => l(m)));
  const core = new WriterCore(db, { ...deps, reply, inThread: true }, setup);
  return {
    kind: 'in-thread',
    post: (msg) => setImmediate(() => core.handle(msg)),
    call: (req) => core.call(req),
    onReply: (listener) => listeners.push(listener),
    setBusy: () => undefined,
    dispose: async () => undefined,
  };
}
