/**
 * Diagnostics bundle benchmark (`npm run bench -- --only diagnostics`): the cost of one bundle when
 * the logs are as full as they get (each of `logs` logs at its rotation cap, every line within the
 * hour), which is what the event loop of the running core gives up while it is made: reading and
 * filtering the logs, then redacting and zipping (synchronous). Reports times and the zip's size.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { bundleFiles, zipFiles, type DiagnosticsSource } from '../../electron/core/diagnostics/DiagnosticsBundle';
import { SettingsSchema } from '../../electron/core/settings/settingsSchema';
import { createLogger } from '../../electron/core/util/logger';

export interface DiagnosticsBenchResult {
  logs: number;
  logBytesOnDisk: number;
  collectMs: number;
  zipMs: number;
  /** The longest the event loop waited while the logs were read, and while the zip was made (a 5 ms timer's lateness). */
  longestStallMs: { collect: number; zip: number; idle: number };
  zipBytes: number;
  loadAverage: number;
}

function fillLogs(dir: string, logs: number, fileBytes: number, files: number): number {
  let written = 0;
  for (let l = 0; l < logs; l++) {
    const log = createLogger(`bench${l}`, { file: join(dir, `bench${l}.log`), maxFileBytes: fileBytes, maxFiles: files, level: 'debug' });
    // Distinct messages: the repeat limiter would otherwise hold most of them back.
    for (let i = 0; written < (l + 1) * fileBytes * files; i++) {
      const msg = `frame rejected #${i}: unexpected field at offset ${i * 7}`;
      log.debug(msg, { serverId: `dns-${i % 50}`, excerpt: 'x'.repeat(180) });
      written += msg.length + 300;
    }
  }
  return written;
}

/** Runs `work`, measuring how late a 5 ms timer gets meanwhile: what the rest of the core waits. */
async function stallDuring<T>(work: () => Promise<T>): Promise<[T, number]> {
  let longest = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  try {
    return [await work(), Math.round(longest)];
  } finally {
    clearInterval(probe);
  }
}

export async function runDiagnosticsBench(o: { logs: number; fileBytes: number; files: number }): Promise<DiagnosticsBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsfleet-diag-bench-'));
  try {
    mkdirSync(join(dir, 'logs'));
    const logBytesOnDisk = fillLogs(join(dir, 'logs'), o.logs, o.fileBytes, o.files);
    const settings = SettingsSchema.parse({ version: 3 });
    const src: DiagnosticsSource = {
      host: 'cli',
      appVersion: 'bench',
      now: Date.now,
      dataDir: dir,
      logsDir: join(dir, 'logs'),
      settings: () => settings,
      servers: async () => [],
      serverSnapshots: () => ({ note: null, servers: [] }),
      eventLog: () => ({}),
      appHealth: async () => ({}),
    };
    const loadAverage = loadavg()[0]!;
    const idle = await stallDuring(() => new Promise((r) => setTimeout(r, 2000)));
    const t0 = performance.now();
    const [files, collect] = await stallDuring(() => bundleFiles(src));
    const t1 = performance.now();
    const [zip, zipStall] = await stallDuring(() => zipFiles(files, Date.now()));
    const t2 = performance.now();
    const longestStallMs = { collect, zip: zipStall, idle: idle[1] };
    return { logs: o.logs, logBytesOnDisk, collectMs: Math.round(t1 - t0), zipMs: Math.round(t2 - t1), longestStallMs, zipBytes: zip.length, loadAverage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
