/**
 * The diagnostics bundle: one zip to attach to a support ticket. Versions and platform, settings and
 * the server list without secrets, per-server snapshots, the last hour of the app's logs and the
 * event log's health. Every file is redacted once more on the way out (registered secrets also in
 * their JSON-escaped and URL-encoded forms, JWTs, token parameters), whatever its source already did.
 * A part that cannot be read says so in its file instead of failing the bundle.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { Zip, ZipDeflate } from 'fflate';
import type { Settings } from '../settings/settingsSchema';
import { redactForExport } from '../util/redact';
import { LOG_WINDOW_MS, recentLogs } from './recentLogs';
import { secretFree, serversForBundle, settingsForBundle, type ServerForBundle } from './secretFree';

export interface DiagnosticsSource {
  host: 'electron' | 'web' | 'cli';
  appVersion: string;
  now(): number;
  dataDir: string;
  logsDir: string;
  settings(): Settings;
  servers(): Promise<ServerForBundle[]>;
  /** Per-server snapshots; `note` says why there are none (a process that watches nothing). */
  serverSnapshots(): { note: string | null; servers: unknown[] };
  /** Schema, counts, damage and health of events.db. */
  eventLog(): unknown;
  /** The keychain's state and the app's standing notices. */
  appHealth(): Promise<unknown>;
}

export interface BundleFile {
  name: string;
  text: string;
}

export interface WrittenBundle {
  path: string;
  bytes: number;
  files: string[];
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** A part's content, or what went wrong reading it: one broken part must not cost the others. */
async function part(name: string, read: () => unknown): Promise<BundleFile> {
  try {
    return { name, text: json(secretFree(await read())) };
  } catch (err) {
    return { name, text: json({ error: `could not be read: ${String((err as Error)?.message ?? err)}` }) };
  }
}

function versions(src: DiagnosticsSource): unknown {
  const v = process.versions as Record<string, string | undefined>;
  return {
    app: src.appVersion,
    host: src.host,
    node: v.node ?? null,
    electron: v.electron ?? null,
    chrome: v.chrome ?? null,
    v8: v.v8 ?? null,
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
    createdAt: new Date(src.now()).toISOString(),
    dataDir: src.dataDir,
  };
}

function readme(src: DiagnosticsSource, logs: { name: string; lines: number; truncated: boolean }[]): BundleFile {
  const logLines = logs.map((l) => `  logs/${l.name}.log: ${l.lines} lines${l.truncated ? ' (older lines of the hour left out: size budget)' : ''}`);
  const text = [
    `DNS Fleet Monitor ${src.appVersion}: diagnostics bundle made ${new Date(src.now()).toISOString()} by the ${src.host} host.`,
    'It holds no password, token, webhook secret or keychain content; every file was redacted before it was written.',
    '',
    '  versions.json    app, runtime and platform versions',
    '  settings.json    settings (servers in servers.json; webhook URLs shown by host only)',
    '  servers.json     the configured servers, and whether a password is stored for each',
    '  inspector.json   what the app knows about each server now: state, stack, last data, retry, verdict, open alerts, and the connection inspector (sockets, subscriptions, ping, frames, rejections, reconnects, polls, fail2ban budget)',
    '  event-log.json   the event log: health, damage, schema and migrations, sizes and counts',
    '  app-health.json  the keychain and the notices the app shows',
    `  logs/            the app's logs of the last ${LOG_WINDOW_MS / 60_000} minutes`,
    ...(logLines.length ? logLines : ['  (no log file in the logs folder)']),
    '',
  ].join('\n');
  return { name: 'README.txt', text };
}

/** Every file of the bundle, as text, before the last redaction. */
export async function bundleFiles(src: DiagnosticsSource): Promise<BundleFile[]> {
  const logs = await recentLogs(src.logsDir, src.now());
  return [
    readme(src, logs),
    await part('versions.json', () => versions(src)),
    await part('settings.json', () => settingsForBundle(src.settings())),
    await part('servers.json', async () => serversForBundle(await src.servers())),
    await part('inspector.json', () => src.serverSnapshots()),
    await part('event-log.json', () => src.eventLog()),
    await part('app-health.json', () => src.appHealth()),
    ...logs.map((l) => ({ name: `logs/${l.name}.log`, text: l.text })),
  ];
}

/** Bytes compressed at a time before the event loop gets a turn (a few ms each on an idle core). */
const PIECE_BYTES = 128 * 1024;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * The zip's bytes: each file redacted on the way in. Files are compressed by pieces with the event
 * loop served between them: 16 MB of logs compressed in one go held a loaded core's event loop for
 * 4 s (tests/bench/diagnostics.bench.ts). No worker threads: nothing extra to start inside an asar.
 */
export async function zipFiles(files: BundleFile[], now: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let failed: Error | null = null;
  const done = new Promise<void>((resolve) => {
    const zipper = new Zip((err, chunk, final) => {
      if (err) failed = err;
      else parts.push(chunk);
      if (err || final) resolve();
    });
    void (async () => {
      for (const f of files) {
        const bytes = new TextEncoder().encode(redactForExport(f.text));
        const entry = new ZipDeflate(f.name, { level: 6 });
        entry.mtime = now;
        zipper.add(entry);
        for (let at = 0; at < bytes.length || at === 0; at += PIECE_BYTES) {
          entry.push(bytes.subarray(at, at + PIECE_BYTES), at + PIECE_BYTES >= bytes.length);
          await yieldToLoop();
        }
      }
      zipper.end();
    })();
  });
  await done;
  if (failed) throw failed;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Writes the bundle to `outPath`. Without `force` an existing file is an error (and the 'wx' open
 * refuses one that appears meanwhile); with it the file is replaced whole (written aside, renamed).
 */
export async function writeDiagnosticsBundle(src: DiagnosticsSource, outPath: string, opts: { force?: boolean } = {}): Promise<WrittenBundle> {
  if (!opts.force && existsSync(outPath)) throw new Error(`${outPath} already exists (use --force to replace it)`);
  const files = await bundleFiles(src);
  const bytes = await zipFiles(files, src.now());
  if (!opts.force) writeFileSync(outPath, bytes, { flag: 'wx' });
  else {
    const aside = `${outPath}.partial-${process.pid}`;
    try {
      writeFileSync(aside, bytes);
      renameSync(aside, outPath);
    } finally {
      rmSync(aside, { force: true });
    }
  }
  return { path: outPath, bytes: bytes.length, files: files.map((f) => f.name) };
}
