/**
 * `dnsfleet servers add|list|remove|test|import|export`: server management from a shell, on the
 * same settings.json and keychain as the app. A password is never an argument (it would sit in
 * the process list and the shell history): it comes from a hidden prompt or from stdin.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isAllowedPasswordEnv, PASSWORD_ENV_RULE, ServerConfigSchema, type ServerConfig } from '../../../shared/domain/serverConfig';
import type { ConnectionTest } from '../../../shared/ipc/schemas';
import { credentialBinding } from '../../core/credentials/credentialBinding';
import type { CredentialStore } from '../../core/credentials/CredentialStore';
import { openCredentialStore } from '../../core/credentials/openCredentialStore';
import { exportFleet, importFleet, loadFleetFile } from '../../core/fleetConfig/fleetFile';
import { previewImport } from '../../core/fleetConfig/importPreview';
import type { Logger } from '../../core/platform';
import { ConfSettingsStore } from '../../core/settings/ConfSettingsStore';
import { ServerRegistry } from '../../core/settings/ServerRegistry';
import { redact, redactString } from '../../core/util/redact';
import { askYesNo, renderPreview } from './importPreviewText';
import { terminalText } from './terminalText';

export interface ServersIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
}
export type TestConnectionFn = (config: ServerConfig, password: string | null) => Promise<ConnectionTest>;
/** Seams for tests; the defaults are the real keychain and the fleet's connection test. */
export interface ServersDeps {
  openCredentials?: (logger: Logger) => Promise<CredentialStore>;
  loadTester?: () => Promise<TestConnectionFn | null>;
}

class UsageError extends Error {}
type Ctx = { io: ServersIo; deps: ServersDeps; logger: Logger; dataDir: string };
type Values = Record<string, string | boolean | string[] | undefined>;

const COMMON = { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } } as const;
const OPTIONS = {
  add: {
    ...COMMON,
    id: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    'password-env': { type: 'string' },
    stack: { type: 'string' },
    group: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  list: COMMON,
  remove: { ...COMMON, id: { type: 'string' } },
  test: { ...COMMON, id: { type: 'string' } },
  import: { ...COMMON, file: { type: 'string' }, yes: { type: 'boolean', default: false } },
  export: { ...COMMON, out: { type: 'string' } },
} as const;
type Sub = keyof typeof OPTIONS;
const RUN: Record<Sub, (v: Values, ctx: Ctx) => Promise<number>> = { add, list, remove, test, import: importCmd, export: exportCmd };

export async function serversCommand(argv: string[], io: ServersIo, deps: ServersDeps = {}): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (rest.some((a) => a === '--password' || a.startsWith('--password='))) {
      throw new UsageError('--password is not accepted: a password on the command line shows in the process list and shell history. Use the prompt, or --password-stdin');
    }
    if (!sub || !Object.hasOwn(OPTIONS, sub)) throw new UsageError(`servers needs one of: ${Object.keys(OPTIONS).join(', ')}`);
    const { values } = parseArgs({ args: rest, options: OPTIONS[sub as Sub], strict: true, allowPositionals: false });
    const dataDir = values['data-dir'];
    if (typeof dataDir !== 'string') throw new UsageError('--data-dir <dir> is required');
    return await RUN[sub as Sub](values as Values, { io, deps, logger: stderrLogger(io, 'servers'), dataDir });
  } catch (err) {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`dnsfleet servers: ${redactString((err as Error).message)}\n`);
    return usage ? 2 : 1;
  }
}

async function open(ctx: Ctx): Promise<{ registry: ServerRegistry; credentials: CredentialStore }> {
  const settings = ConfSettingsStore.open({ dataDir: ctx.dataDir, logger: ctx.logger.child('settings') });
  for (const notice of settings.notices()) ctx.io.stderr.write(`notice: ${notice}\n`);
  const credentials = await (ctx.deps.openCredentials ?? openCredentialStore)(ctx.logger.child('credentials'));
  return { registry: new ServerRegistry({ settings, credentials, logger: ctx.logger.child('registry') }), credentials };
}

async function add(v: Values, ctx: Ctx): Promise<number> {
  const parsed = ServerConfigSchema.safeParse({
    id: v.id,
    name: v.name ?? v.id,
    url: v.url,
    username: v.username,
    passwordEnv: v['password-env'],
    stack: v.stack,
    group: v.group,
    tags: v.tag ?? [],
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'option')}: ${i.message}`).join('; '));
  const config = parsed.data;
  if (config.passwordEnv !== undefined && !isAllowedPasswordEnv(config.passwordEnv)) throw new UsageError(`--password-env: ${PASSWORD_ENV_RULE}`);
  const { registry, credentials } = await open(ctx);
  if (registry.get(config.id)) throw new Error(`a server with id "${config.id}" already exists (remove it first, or edit it in the app)`);
  const keychain = credentials.status();
  // A password this process would only hold in memory is lost at exit: refuse it rather than pretend.
  if (v['password-stdin'] === true && !keychain.persistent) {
    throw new Error(`${keychain.detail}. The password cannot be stored: use --password-env <VAR> and set VAR when monitoring`);
  }
  const prompt = ctx.io.isTTY && keychain.persistent && !config.passwordEnv;
  const password = v['password-stdin'] === true ? await readStdin(ctx.io.stdin) : prompt ? await promptHidden(ctx.io, `Password for ${config.username} at ${config.url}: `) : undefined;
  if (password === null) throw new Error('no password entered; nothing was added');
  await registry.save(config, password, true);
  ctx.io.stdout.write(v.json === true ? JSON.stringify({ added: config.id, hasCredential: await registry.hasCredential(config) }) + '\n' : `added ${config.id}\n`);
  if (password === undefined && !config.passwordEnv) {
    const why = keychain.persistent ? 'use --password-stdin or a terminal, or enter it in the app' : `${keychain.detail}; use --password-env <VAR>`;
    ctx.io.stderr.write(`notice: no password stored for ${config.id} (${why})\n`);
  }
  return 0;
}

async function list(v: Values, ctx: Ctx): Promise<number> {
  const { registry } = await open(ctx);
  const entries = await registry.list();
  if (v.json === true) {
    for (const e of entries) ctx.io.stdout.write(JSON.stringify(e) + '\n');
    return 0;
  }
  const rows = entries.map((e) => [e.id, e.name, e.url, e.username, e.stack, e.enabled ? 'enabled' : 'disabled', e.hasCredential ? 'password stored' : 'no password']);
  ctx.io.stdout.write(table([['ID', 'NAME', 'URL', 'USER', 'STACK', 'STATE', 'CREDENTIAL'], ...rows]));
  return 0;
}

async function remove(v: Values, ctx: Ctx): Promise<number> {
  const id = required(v, 'id');
  const { registry } = await open(ctx);
  await registry.remove(id);
  ctx.io.stdout.write(v.json === true ? JSON.stringify({ removed: id }) + '\n' : `removed ${id}\n`);
  return 0;
}

async function test(v: Values, ctx: Ctx): Promise<number> {
  const id = required(v, 'id');
  const { registry, credentials } = await open(ctx);
  const config = registry.get(id);
  if (!config) throw new Error(`no server with id "${id}"`);
  const tester = await (ctx.deps.loadTester ?? loadFleetTester)();
  if (!tester) throw new Error('the connection test is not available in this build (electron/core/fleet/FleetService has no testConnection yet)');
  // The stored password only for the URL and username it was entered for; env only DNSFLEET_*.
  const stored = registry.bindingOf(id) === credentialBinding(config) ? await credentials.get(id, 'password') : null;
  const password = stored ?? (isAllowedPasswordEnv(config.passwordEnv) ? (process.env[config.passwordEnv] ?? null) : null);
  const result = await tester(config, password);
  if (v.json === true) ctx.io.stdout.write(JSON.stringify(redact(result)) + '\n');
  else for (const s of result.stages) ctx.io.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.stage.padEnd(10)} ${String(s.ms).padStart(5)} ms  ${terminalText(redactString(s.detail))}\n`);
  return result.ok ? 0 : 1;
}

async function importCmd(v: Values, ctx: Ctx): Promise<number> {
  const fleet = loadFleetFile(required(v, 'file'));
  const { registry } = await open(ctx);
  // A fleet file can come from anyone: show what it changes, and apply only when confirmed.
  const changes = previewImport(registry.configs(), fleet);
  if (v.json !== true) ctx.io.stdout.write(renderPreview(changes));
  if (changes.some((c) => c.kind !== 'unchanged') && v.yes !== true) {
    const confirmed = ctx.io.isTTY && (await askYesNo(ctx.io, 'Apply these changes? [y/N] '));
    if (!confirmed) {
      if (v.json === true) ctx.io.stdout.write(JSON.stringify({ applied: false, changes }) + '\n');
      ctx.io.stderr.write('nothing imported: review the changes and run again with --yes to apply them\n');
      return 1;
    }
  }
  const summary = await importFleet(registry, fleet);
  if (v.json === true) ctx.io.stdout.write(JSON.stringify({ ...summary, changes }) + '\n');
  else {
    const line = (label: string, ids: string[]) => ctx.io.stdout.write(`${label}: ${ids.length > 0 ? ids.map(terminalText).join(', ') : '-'}\n`);
    line('added', summary.added);
    line('updated', summary.updated);
    line('need credentials', summary.needCredentials);
  }
  return 0;
}

async function exportCmd(v: Values, ctx: Ctx): Promise<number> {
  const settings = ConfSettingsStore.open({ dataDir: ctx.dataDir, logger: ctx.logger.child('settings') });
  const text = JSON.stringify(exportFleet(settings.get().servers), null, 2) + '\n';
  const out = v.out;
  if (typeof out !== 'string') {
    ctx.io.stdout.write(text);
    return 0;
  }
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
  ctx.io.stderr.write(`exported ${settings.get().servers.length} server(s) to ${out}\n`);
  return 0;
}

/** The connectivity engineer's testConnection, loaded only when asked for. */
async function loadFleetTester(): Promise<TestConnectionFn | null> {
  try {
    const mod = (await import('../../core/fleet/FleetService')) as { testConnection?: unknown };
    return typeof mod.testConnection === 'function' ? (mod.testConnection as TestConnectionFn) : null;
  } catch {
    return null;
  }
}

/** Reads the whole of stdin; one trailing newline (from `echo`) is not part of the password. */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string | null> {
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  const password = text.replace(/\r?\n$/, '');
  return password.length > 0 ? password : null;
}

/** A prompt that does not echo: raw mode, our own line editing, Ctrl-C / Ctrl-D abort. */
export function promptHidden(io: ServersIo, question: string): Promise<string | null> {
  const input = io.stdin as NodeJS.ReadStream;
  if (typeof input.setRawMode !== 'function') return readStdin(io.stdin);
  io.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve) => {
    let value = '';
    const finish = (result: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      io.stderr.write('\n');
      resolve(result);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(value.length > 0 ? value : null);
        if (ch === '\u0003' || ch === '\u0004') return finish(null);
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

function required(v: Values, name: string): string {
  const value = v[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function table(raw: string[][]): string {
  const rows = raw.map((r) => r.map(terminalText)); // names and URLs come from fleet files
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

/** Warnings and errors to the command's stderr, redacted; stdout stays a data channel. */
function stderrLogger(io: ServersIo, name: string): Logger {
  const write = (level: string, msg: string, fields?: Record<string, unknown>) =>
    io.stderr.write(`${level} [${name}] ${redactString(msg)}${fields ? ' ' + JSON.stringify(redact(fields)) : ''}\n`);
  return {
    debug: () => {},
    info: () => {},
    warn: (m, f) => write('warning', m, f),
    error: (m, f) => write('error', m, f),
    child: (child) => stderrLogger(io, `${name}.${child}`),
  };
}
