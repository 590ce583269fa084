/**
 * `dnsfleet settings get|set`: the app's settings from a shell, over the same validated schema
 * (settings.json in the data dir). A bad key or value is a clear error, exit 2, and nothing written.
 */
import { parseArgs } from 'node:util';
import type { Logger } from '../../core/platform';
import { ConfSettingsStore } from '../../core/settings/ConfSettingsStore';
import { isSettingKey, readSettingKeys, SETTING_KEYS, SettingValueError, withSettingKey, type SettingKeyName } from '../../core/settings/settingKeys';
import { defaultSettings, SettingsSchema, type Settings } from '../../core/settings/settingsSchema';
import { redactString } from '../../core/util/redact';

export interface SettingsIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

class UsageError extends Error {}

const OPTIONS = { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } } as const;
const KEYS_HELP = Object.entries(SETTING_KEYS)
  .map(([k, v]) => `  ${k.padEnd(28)} ${v.accepts}`)
  .join('\n');

export async function settingsCommand(argv: string[], io: SettingsIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub !== 'get' && sub !== 'set') throw new UsageError('settings needs get or set');
    const { values, positionals } = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: true });
    const dataDir = values['data-dir'];
    if (typeof dataDir !== 'string') throw new UsageError('--data-dir <dir> is required');
    // A wrong key or value is refused before settings.json is opened (opening may create it).
    if (sub === 'set') checkAssignment(positionals);
    else if (positionals[0] !== undefined && !isSettingKey(positionals[0])) throw new UsageError(`unknown key "${positionals[0]}"`);
    const store = ConfSettingsStore.open({ dataDir, logger: stderrLogger(io) });
    for (const notice of store.notices()) io.stderr.write(`notice: ${notice}\n`);
    return sub === 'get' ? get(store, positionals, values.json, io) : set(store, positionals, values.json, io);
  } catch (err) {
    const usage = err instanceof UsageError || err instanceof SettingValueError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`dnsfleet settings: ${redactString((err as Error).message)}\n`);
    if (usage) io.stderr.write(`\nkeys:\n${KEYS_HELP}\n`);
    return usage ? 2 : 1;
  }
}

function get(store: ConfSettingsStore, positionals: string[], json: boolean, io: SettingsIo): number {
  if (positionals.length > 1) throw new UsageError('settings get takes at most one key');
  const all = readSettingKeys(store.get());
  const name = positionals[0];
  if (name !== undefined && !isSettingKey(name)) throw new UsageError(`unknown key "${name}"`);
  const shown = name !== undefined ? { [name]: all[name] } : all;
  if (json) io.stdout.write(JSON.stringify(shown) + '\n');
  else for (const [k, v] of Object.entries(shown)) io.stdout.write(`${k} ${String(v)}\n`);
  return 0;
}

/** The key exists and the value passes the schema (checked on the defaults, before any file is touched). */
function checkAssignment(positionals: string[]): { name: SettingKeyName; text: string } {
  const [name, text, ...extra] = positionals;
  if (name === undefined || text === undefined || extra.length > 0) throw new UsageError('settings set needs <key> <value>');
  if (!isSettingKey(name)) throw new UsageError(`unknown key "${name}"`);
  validated(defaultSettings(), name, text);
  return { name, text };
}

/** The settings with the key set, validated by the same schema as the app. */
function validated(settings: Settings, name: SettingKeyName, text: string): Settings {
  const checked = SettingsSchema.safeParse(withSettingKey(settings, name, text));
  if (!checked.success) throw new SettingValueError(`${name}: ${checked.error.issues.map((i) => i.message).join('; ')}`);
  return checked.data;
}

function set(store: ConfSettingsStore, positionals: string[], json: boolean, io: SettingsIo): number {
  const { name, text } = checkAssignment(positionals);
  const next = validated(store.get(), name, text);
  const saved = readSettingKeys(store.update(() => next))[name];
  io.stdout.write(json ? JSON.stringify({ [name]: saved }) + '\n' : `${name} ${String(saved)}\n`);
  return 0;
}

function stderrLogger(io: SettingsIo): Logger {
  const write = (level: string, msg: string) => io.stderr.write(`${level} [settings] ${redactString(msg)}\n`);
  const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => write('warning', m), error: (m) => write('error', m), child: () => logger };
  return logger;
}
