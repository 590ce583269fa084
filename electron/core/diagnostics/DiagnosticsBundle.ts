/**
 * The diagnostics bundle: one zip to attach to a support ticket. Versions and platform, settings and
 * the server list without secrets, per-server snapshots, the last hour of the app's logs and the
 * event log's health. Every file is redacted once more on the way out (registered secrets also in
 * their JSON-escaped and URL-encoded forms, JWTs, token parameters), whatever its source already did.
 * A part that cannot be read says so in its file instead of failing the bundle.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { zipSync } from 'fflate';
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

function readme(src: DiagnosticsSource, logs: { name: string; lines: number; droppedLines: number }[]): BundleFile {
  const logLines = logs.map((l) => `  logs/${l.name}.log: ${l.lines} lines${l.droppedLines ? `, ${l.droppedLines} older lines of the hour left out (size budget)` : ''}`);
  const text = [
    `DNS Fleet Monitor ${src.appVersion}: diagnostics bundle made ${new Date(src.now()).toISOString()} by the ${src.host} host.`,
    'It holds no password, token, webhook secret or keychain content; every file was redacted before it was written.',
    '',
    '  versions.json    app, runtime and platform versions',
    '  settings.json    settings (servers in servers.json; webhook URLs shown by host only)',
    '  servers.json     the configured servers, and whether a password is stored for each',
    '  inspector.json   what the app knows about each server now: state, stack, last data, retry, verdict, open alerts',
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
  const logs = recentLogs(src.logsDir, src.now());
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

/** The zip's bytes: each file redacted on the way in. */
export function zipFiles(files: BundleFile[], now: number): Uint8Array {
  const encoder = new TextEncoder();
  const entries = Object.fromEntries(files.map((f) => [f.name, [encoder.encode(redactForExport(f.text)), { mtime: new Date(now) }] as [Uint8Array, { mtime: Date }]]));
  return zipSync(entries, { level: 6 });
}

/**
 * Writes the bundle to `outPath`. Without `force` an existing file is an error (and the 'wx' open
 * refuses one that appears meanwhile); with it the file is replaced whole (written aside, renamed).
 */
export async function writeDiagnosticsBundle(src: DiagnosticsSource, outPath: string, opts: { force?: boolean } = {}): Promise<WrittenBundle> {
  if (!opts.force && existsSync(outPath)) throw new Error(`${outPath} already exists (use --force to replace it)`);
  const files = await bundleFiles(src);
  const bytes = zipFiles(files, src.now());
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
