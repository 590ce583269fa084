/**
 * Dotted setting keys for `dnsfleet settings get|set` (and anything else that edits one value as
 * text): each key names where it lives in settings.json, how its text reads and prints. Adding a
 * key is one line in SETTING_KEYS; the value is validated by the same SettingsSchema as the app.
 */
import { SEVERITIES } from '../../../shared/domain/fleetEvent';
import type { Settings } from './settingsSchema';

const MIB = 1024 * 1024;

export class SettingValueError extends Error {}

interface SettingKey {
  /** Where the value lives in settings.json. */
  path: readonly string[];
  /** What `set` accepts, for error messages and help. */
  accepts: string;
  parse(text: string): unknown;
  format(value: unknown): string | number | boolean | null;
}

function bool(path: readonly string[]): SettingKey {
  const words: Record<string, boolean> = { true: true, on: true, yes: true, false: false, off: false, no: false };
  return {
    path,
    accepts: 'on or off',
    parse: (t) => (Object.hasOwn(words, t.toLowerCase()) ? words[t.toLowerCase()] : fail(`"${t}" is not on or off`)),
    format: (v) => v as boolean,
  };
}

function oneOf(path: readonly string[], choices: readonly string[]): SettingKey {
  return {
    path,
    accepts: `one of ${choices.join(', ')}`,
    parse: (t) => (choices.includes(t) ? t : fail(`"${t}" is not one of ${choices.join(', ')}`)),
    format: (v) => v as string,
  };
}

function whole(path: readonly string[], unit: string, scale = 1): SettingKey {
  return {
    path,
    accepts: `a whole number of ${unit}`,
    parse: (t) => (/^\d{1,12}$/.test(t) ? Number(t) * scale : fail(`"${t}" is not a whole number of ${unit}`)),
    format: (v) => Math.round((v as number) / scale),
  };
}

/** A share of something as a whole percentage (`25` is a quarter). */
function percent(path: readonly string[]): SettingKey {
  return {
    path,
    accepts: 'a whole percentage',
    parse: (t) => (/^\d{1,3}%?$/.test(t) ? Number(t.replace('%', '')) / 100 : fail(`"${t}" is not a whole percentage`)),
    format: (v) => Math.round((v as number) * 100),
  };
}

/** Text as given (the schema checks its length). */
function text(path: readonly string[], what: string): SettingKey {
  return { path, accepts: what, parse: (t) => t, format: (v) => v as string };
}

/** `22:00-07:00` (may wrap midnight), or `off`. */
const quietHours: SettingKey = {
  path: ['notifications', 'quietHours'],
  accepts: 'HH:MM-HH:MM (24 h, may wrap midnight) or off',
  parse: (t) => {
    if (t.toLowerCase() === 'off') return null;
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(t);
    return m ? { start: m[1], end: m[2] } : fail(`"${t}" is not HH:MM-HH:MM or off`);
  },
  format: (v) => (v ? `${(v as { start: string }).start}-${(v as { end: string }).end}` : 'off'),
};

/** An http(s) URL, or `off`; the schema checks the URL (no user name or password in it). */
function urlOrOff(path: readonly string[]): SettingKey {
  return {
    path,
    accepts: 'an http:// or https:// URL, or off',
    parse: (t) => (t.toLowerCase() === 'off' ? null : t),
    format: (v) => (v as string | null) ?? 'off',
  };
}

/** A list as JSON text (`[]` or `off` empties it); the schema checks each item. */
function jsonList(path: readonly string[], example: string): SettingKey {
  return {
    path,
    accepts: `a JSON list like ${example}, or off`,
    parse: (t) => {
      if (t.toLowerCase() === 'off') return [];
      let v: unknown;
      try {
        v = JSON.parse(t);
      } catch {
        return fail(`"${t.slice(0, 60)}" is not JSON`);
      }
      return Array.isArray(v) ? v : fail(`"${t.slice(0, 60)}" is not a JSON list`);
    },
    format: (v) => JSON.stringify(v ?? []),
  };
}

export const SETTING_KEYS = {
  'notify.enabled': bool(['notifications', 'enabled']),
  'notify.minSeverity': oneOf(['notifications', 'minSeverity'], SEVERITIES),
  'notify.sound': bool(['notifications', 'sound']),
  'notify.quietHours': quietHours,
  'notify.escalateEveryMinutes': whole(['notifications', 'escalateEveryMinutes'], 'minutes (0 = never)'),
  'retention.eventDays': whole(['retention', 'maxAgeDays'], 'days'),
  'retention.maxMegabytes': whole(['retention', 'maxBytes'], 'megabytes', MIB),
  'retention.telemetryDays': whole(['retention', 'telemetryDays'], 'days'),
  'retention.telemetryPercent': percent(['retention', 'telemetryShare']),
  'ui.theme': oneOf(['ui', 'theme'], ['auto', 'light', 'dark']),
  'forward.alertmanagerUrl': urlOrOff(['forwarding', 'alertmanagerUrl']),
  'forward.minSeverity': oneOf(['forwarding', 'minSeverity'], SEVERITIES),
  'analytics.qpsBandPercent': whole(['analytics', 'qpsBandPercent'], 'percent'),
  'analytics.qpsMinDurationMinutes': whole(['analytics', 'qpsMinDurationMinutes'], 'minutes'),
  'analytics.qpsMinQps': whole(['analytics', 'qpsMinQps'], 'queries per second'),
  'analytics.qpsWarmupHours': whole(['analytics', 'qpsWarmupHours'], 'hours'),
  'probes.enabled': bool(['probes', 'enabled']),
  'probes.intervalSeconds': whole(['probes', 'intervalSeconds'], 'seconds'),
  'probes.driftGraceSeconds': whole(['probes', 'driftGraceSeconds'], 'seconds'),
  'probes.timeoutMs': whole(['probes', 'timeoutMs'], 'milliseconds'),
  'probes.maxConcurrent': whole(['probes', 'maxConcurrent'], 'questions in flight across the fleet'),
  'probes.publicName': text(['probes', 'publicName'], 'a DNS name every server should resolve'),
  'probes.internalName': text(['probes', 'internalName'], 'a DNS name behind an internal forwarder ("" for none)'),
  'probes.blockedName': text(['probes', 'blockedName'], 'a DNS name the blocklist should block'),
  'forward.webhooks': jsonList(['forwarding', 'webhooks'], '[{"id":"ops","url":"https://hooks.example/dns","format":"slack","signed":false}]'),
} as const satisfies Record<string, SettingKey>;

export type SettingKeyName = keyof typeof SETTING_KEYS;

function fail(message: string): never {
  throw new SettingValueError(message);
}

export function isSettingKey(name: string): name is SettingKeyName {
  return Object.hasOwn(SETTING_KEYS, name);
}

function at(settings: unknown, path: readonly string[]): unknown {
  let node = settings;
  for (const p of path) node = node !== null && typeof node === 'object' && Object.hasOwn(node, p) ? (node as Record<string, unknown>)[p] : undefined;
  return node;
}

/** Every key with its current value, as `get` prints it. */
export function readSettingKeys(settings: Settings): Record<SettingKeyName, ReturnType<SettingKey['format']>> {
  const out = {} as Record<SettingKeyName, ReturnType<SettingKey['format']>>;
  for (const name of Object.keys(SETTING_KEYS) as SettingKeyName[]) out[name] = SETTING_KEYS[name].format(at(settings, SETTING_KEYS[name].path));
  return out;
}

/** The settings with one key set from text; throws SettingValueError on a value the key does not read. */
export function withSettingKey(settings: Settings, name: SettingKeyName, text: string): Settings {
  const key = SETTING_KEYS[name];
  const value = key.parse(text.trim());
  const next = structuredClone(settings) as unknown as Record<string, unknown>;
  let node = next;
  for (const p of key.path.slice(0, -1)) {
    const child = Object.hasOwn(node, p) ? node[p] : undefined;
    node = (child !== null && typeof child === 'object' ? child : (node[p] = {})) as Record<string, unknown>;
  }
  node[key.path[key.path.length - 1]!] = value;
  return next as unknown as Settings;
}
