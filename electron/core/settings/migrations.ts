/**
 * Versioned, pure migrations of settings.json. Each step takes the JSON of version N and returns
 * the JSON of version N+1 plus notices for the user. Fixtures of every old version live in
 * tests/fixtures/settings/.
 *
 * History:
 *   v1 (0.0.x prototype): servers with a top-level `fingerprint` and, in early builds, a plain-text
 *      `password`; `retentionDays`; top-level `theme` ('system' | 'light' | 'dark').
 *   v2: `retention: { maxAgeDays, maxBytes }`; `ui.theme` ('system' renamed 'auto');
 *      servers carry `tls.fingerprint256` and `tags`; notifications gained `sound`.
 *   v3: notifications gained `quietHours`; `demoOffered`.
 */
import { GIB, SETTINGS_VERSION } from './settingsSchema';

export type RawSettings = Record<string, unknown>;
export interface MigrationStep {
  (input: RawSettings): { output: RawSettings; notices: string[] };
}

const isRecord = (v: unknown): v is RawSettings => typeof v === 'object' && v !== null && !Array.isArray(v);
const records = (v: unknown): RawSettings[] => (Array.isArray(v) ? v.filter(isRecord) : []);

function v1ServerToV2(server: RawSettings): { server: RawSettings; hadPassword: boolean } {
  const { password, fingerprint, ...rest } = server;
  const tls = isRecord(rest.tls) ? { ...rest.tls } : {};
  if (typeof fingerprint === 'string') tls.fingerprint256 = fingerprint;
  const next: RawSettings = { ...rest, tags: Array.isArray(rest.tags) ? rest.tags : [] };
  if (Object.keys(tls).length > 0) next.tls = tls;
  return { server: next, hadPassword: password !== undefined };
}

export const migrateV1toV2: MigrationStep = (input) => {
  const { retentionDays, theme, servers, notifications, ...rest } = input;
  const converted = records(servers).map(v1ServerToV2);
  const withPassword = converted.filter((c) => c.hadPassword).map((c) => String(c.server.id));
  const notices =
    withPassword.length > 0
      ? [`An older version kept passwords in settings.json; they were removed. Enter the password again for: ${withPassword.join(', ')}`]
      : [];
  const output: RawSettings = {
    ...rest,
    version: 2,
    servers: converted.map((c) => c.server),
    retention: { maxAgeDays: typeof retentionDays === 'number' ? retentionDays : 90, maxBytes: GIB },
    notifications: { ...(isRecord(notifications) ? notifications : {}), sound: false },
    ui: { theme: theme === 'light' || theme === 'dark' ? theme : 'auto' },
  };
  return { output, notices };
};

export const migrateV2toV3: MigrationStep = (input) => {
  const notifications = isRecord(input.notifications) ? input.notifications : {};
  const servers = records(input.servers);
  return {
    // Someone who already configured servers has no use for the first-run demo offer.
    output: { ...input, version: 3, notifications: { ...notifications, quietHours: null }, demoOffered: servers.length > 0 },
    notices: [],
  };
};

/** Step N migrates version N to N+1. */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = { 1: migrateV1toV2, 2: migrateV2toV3 };

export interface MigrationResult {
  value: RawSettings;
  fromVersion: number;
  notices: string[];
}

/**
 * Brings any stored JSON to SETTINGS_VERSION. A file without a version is the v1 prototype's; an
 * empty object is a fresh install. Versions from the future are passed through for the schema's
 * lenient read (the caller backs the file up before it is rewritten).
 */
export function migrateSettings(stored: RawSettings): MigrationResult {
  if (Object.keys(stored).length === 0) return { value: { version: SETTINGS_VERSION }, fromVersion: SETTINGS_VERSION, notices: [] };
  const declared = typeof stored.version === 'number' && Number.isInteger(stored.version) ? stored.version : 1;
  const fromVersion = Math.max(1, declared);
  let value: RawSettings = { ...stored, version: fromVersion };
  const notices: string[] = [];
  for (let v = fromVersion; v < SETTINGS_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no settings migration from version ${v}`);
    const result = step(value);
    value = result.output;
    notices.push(...result.notices);
  }
  return { value, fromVersion, notices };
}

export { isRecord };
