/**
 * The diagnostics bundle's sources read from a data dir by a process that watches nothing
 * (`dnsfleet diagnose`): settings, the server list, the event log read in place (query_only, safe
 * while the app writes it) and the logs. It never connects to a server: a second session on the
 * monitoring account would replace the running app's own. Every secret the keychain holds for this
 * data dir (passwords, refresh tokens, webhook secrets) is registered for redaction first, so one
 * that leaked into another process's log is still masked in the bundle.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { credentialBinding } from '../credentials/credentialBinding';
import type { CredentialStore } from '../credentials/CredentialStore';
import { EventLogReader } from '../eventlog/EventLogReader';
import { DB_FILE } from '../eventlog/openDatabase';
import type { AppPaths } from '../platform';
import type { SettingsStore } from '../settings/SettingsStore';
import { registerSecret } from '../util/redact';
import type { DiagnosticsSource } from './DiagnosticsBundle';

export const NOT_WATCHED_NOTE =
  'Made by `dnsfleet diagnose`, which connects to no server (a second session would replace the running app\'s own): ' +
  'live connection state is not known here. Use the app\'s Diagnostics action for live snapshots; the logs show what the monitor saw.';

export interface DataDirDeps {
  paths: AppPaths;
  settings: SettingsStore;
  credentials: CredentialStore;
  appVersion: string;
  now?: () => number;
}

/** Registers every secret the keychain holds for the configured servers and webhooks. */
export async function registerStoredSecrets(settings: SettingsStore, credentials: CredentialStore): Promise<void> {
  const s = settings.get();
  const asks = [
    ...s.servers.flatMap((c) => [credentials.get(c.id, 'password'), credentials.get(c.id, 'refresh')]),
    ...s.forwarding.webhooks.map((w) => credentials.get(w.id, 'webhook-secret')),
  ];
  for (const secret of await Promise.all(asks.map((a) => a.catch(() => null)))) registerSecret(secret);
}

function eventLogPart(dataDir: string): unknown {
  if (!existsSync(join(dataDir, DB_FILE))) return { present: false, detail: `no ${DB_FILE} in the data dir` };
  const reader = EventLogReader.open(dataDir);
  try {
    return {
      present: true,
      health: null,
      healthNote: 'read in place by dnsfleet diagnose: the writing process\'s disk health and backlog are in its own bundle and logs',
      notices: reader.notices(),
      ...reader.facts(),
    };
  } finally {
    reader.close();
  }
}

export function dataDirDiagnosticsSource(d: DataDirDeps): DiagnosticsSource {
  const bindings = () => d.settings.get().credentialBindings;
  const hasCredential = async (c: { id: string; url: string; username: string }): Promise<boolean | null> => {
    try {
      return Object.hasOwn(bindings(), c.id) && bindings()[c.id] === credentialBinding(c) && (await d.credentials.has(c.id, 'password'));
    } catch {
      return null;
    }
  };
  return {
    host: 'cli',
    appVersion: d.appVersion,
    now: d.now ?? Date.now,
    dataDir: d.paths.dataDir,
    logsDir: d.paths.logsDir,
    settings: () => d.settings.get(),
    servers: () => Promise.all(d.settings.get().servers.map(async (c) => ({ ...c, hasCredential: await hasCredential(c) }))),
    serverSnapshots: () => ({ note: NOT_WATCHED_NOTE, servers: d.settings.get().servers.map((c) => ({ serverId: c.id, enabled: c.enabled, state: null })) }),
    eventLog: () => eventLogPart(d.paths.dataDir),
    appHealth: async () => {
      const { available, persistent, detail } = d.credentials.status();
      return { keychain: { available, persistent, detail }, notices: d.settings.notices() };
    },
  };
}
